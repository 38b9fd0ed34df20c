"""The link checker on fixture sites (one per case, good and broken links), on the real
site in both languages, and on the site built and served as a PR preview under a sub-path."""

from __future__ import annotations

import html.parser
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from hypothesis import given, settings, strategies as st

from tests.browser import serve
from tests.conftest import ROOT, build_site
from tests.linkcheck import check_site
from tests.linkcheck.extract import parse_html, srcset_urls

FIXTURES = Path(__file__).parent / "linkcheck_fixtures"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").is_file())


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.linkcheck", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def _options(case: str) -> dict:
    path = FIXTURES / case / "options.json"
    return json.loads(path.read_text()) if path.is_file() else {}


@pytest.mark.parametrize("case", CASES)
def test_fixture_site(case):
    """Exactly the broken links the fixture declares: every broken one, no good one."""
    expected = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "each fixture holds broken links next to good ones"
    result = check_site(FIXTURES / case, **_options(case))
    assert [str(b) for b in result.broken] == expected


def test_same_broken_link_reported_on_every_page_of_both_languages():
    result = check_site(FIXTURES / "many-pages")
    pages = sorted(b.page for b in result.broken if b.link == "/assets/missing.png")
    assert pages == ["a/index.html", "b/index.html", "en/a/index.html", "en/b/index.html",
                     "en/index.html", "index.html"]


def test_parallel_parsing_gives_the_same_result(monkeypatch):
    from tests.linkcheck import core

    serial = check_site(FIXTURES / "many-pages", jobs=1)
    monkeypatch.setattr(core, "PARALLEL_FROM", 1)
    parallel = check_site(FIXTURES / "many-pages", jobs=2)
    assert parallel.broken == serial.broken and parallel.links == serial.links


def test_offline_external_links_are_listed_as_not_checked():
    result = check_site(FIXTURES / "protocol-relative")
    assert list(result.external) == ["https://other.example/x"]  # the page is https
    assert "1 external links not checked (offline)" in result.summary()


# --- the command line -------------------------------------------------------------------

def test_cli_reports_each_occurrence_and_exits_1():
    proc = run_cli(str(FIXTURES / "many-pages"))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "a/index.html:3: /assets/missing.png — missing file assets/missing.png"
    assert len(lines) == 7
    assert lines[-1] == ("checked 6 pages, 12 links, 0 anchors; "
                         "0 external links not checked (offline); 6 broken")


def test_cli_clean_site_exits_0(tmp_path):
    (tmp_path / "index.html").write_text('<a href="#top">top</a><a href="./">home</a>')
    proc = run_cli(str(tmp_path))
    assert proc.returncode == 0 and proc.stdout.startswith("checked 1 pages, 2 links")


def test_cli_base_path_option():
    proc = run_cli(str(FIXTURES / "root-relative"), "--base-path", "/pr-preview/pr-7")
    assert proc.returncode == 1
    assert proc.stdout.count("\n") == 3


@pytest.mark.parametrize("args, words", [
    (["/nonexistent/site"], "/nonexistent/site does not exist"),
    ([], "SITE_DIR"),
    (["{fx}", "--bogus"], "--bogus"),
    (["{fx}", "--base-path", "pr-7/"], "--base-path 'pr-7/' must start with /"),
    (["{fx}", "--site-url", "localhost"], "--site-url 'localhost'"),
    (["{fx}", "--timeout", "soon"], "--timeout"),
    (["{fx}", "--cache", "c.json"], "--cache only applies with --external"),
])
def test_cli_bad_usage_exits_2_with_one_line(args, words):
    args = [a.replace("{fx}", str(FIXTURES / "same-page")) for a in args]
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and words in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_unreadable_cache_is_bad_usage(tmp_path):
    cache = tmp_path / "cache.json"
    cache.write_text("{not json")
    proc = run_cli(str(FIXTURES / "same-page"), "--external", "--cache", str(cache))
    assert proc.returncode == 2 and str(cache) in proc.stderr
    assert len(proc.stderr.splitlines()) == 1


# --- the extractor ----------------------------------------------------------------------

class _Reference(html.parser.HTMLParser):
    """The stdlib parser's view: (line, url) of the link attributes, outside pre/code."""

    def __init__(self):
        super().__init__()
        self.found, self.verbatim = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("pre", "code"):
            self.verbatim += 1
        if self.verbatim:
            return
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") in ("preconnect", "dns-prefetch")):
                self.found.append((self.getpos()[0], attrs[name].strip()))

    def handle_endtag(self, tag):
        if tag in ("pre", "code") and self.verbatim:
            self.verbatim -= 1


def test_extracted_lines_match_the_stdlib_parser_on_the_real_site(site):
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        reference = _Reference()
        reference.feed(text)
        ours = [(l.line, l.url) for l in parse_html(text).links if l.kind.endswith(("[href]", "[src]"))]
        assert ours == reference.found, path


def test_srcset_candidates():
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("a.png 480w,b.png 800w") == ["a.png", "b.png"]
    assert srcset_urls("a.png, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("data:image/png;base64,xyz 1x") == ["data:image/png;base64,xyz"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('<>"\'=/ a-z!#%&;:\n\u0430hrefsc')), max_size=200))
def test_junk_html_never_crashes(text):
    parse_html(text)
    from tests.linkcheck.site import Site

    site = Site(FIXTURES / "same-page", "/", None)
    site.pages = {"index.html": parse_html("")}
    for link in parse_html(text).links:
        site.classify(link.url, "index.html")


# --- the real site ----------------------------------------------------------------------

def test_real_site_has_no_broken_links(site):
    result = check_site(site)
    assert result.broken == [], "\n".join(map(str, result.broken))
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert "en/agents/index.html" in pages and "agents/index.html" in pages
    assert result.pages == len(pages) and result.anchors > 0


def test_real_site_breakage_is_found(site, tmp_path):
    """The theme's links (language selector, stylesheets) are checked, not only Markdown's."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "en" / "agents")
    (copy / "assets" / "images" / "favicon.png").unlink()
    result = check_site(copy)
    reasons = {(b.page, b.reason) for b in result.broken}
    assert ("agents/index.html", "missing file en/agents/index.html") in reasons  # hreflang
    assert ("sitemap.xml", "missing file en/agents/index.html") in reasons
    assert ("en/index.html", "missing file assets/images/favicon.png") in reasons
    assert ("index.html", "missing file assets/images/favicon.png") in reasons


def test_real_site_cli(site):
    proc = run_cli(str(site))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.startswith("checked ") and "not checked (offline)" in proc.stdout


def test_pr_preview_under_a_sub_path(tmp_path):
    root = tmp_path / "www"
    sub = root / "pr-preview" / "pr-7"
    sub.mkdir(parents=True)
    with serve(root) as base_url:
        build = build_site(sub, SITE_URL=f"{base_url}pr-preview/pr-7/")
        assert build.returncode == 0, build.stderr[-3000:]
        sitemap = (sub / "sitemap.xml").read_text()
        assert f"{base_url}pr-preview/pr-7/en/agents/" in sitemap
        for page in ("pr-preview/pr-7/", "pr-preview/pr-7/en/agents/"):
            response = requests.get(base_url + page, timeout=10)
            assert response.status_code == 200 and "<html" in response.text
        result = check_site(sub, base_path="/pr-preview/pr-7/")
        assert result.broken == [], "\n".join(map(str, result.broken))
        proc = run_cli(str(sub), "--base-path", "/pr-preview/pr-7/")
        assert proc.returncode == 0, proc.stdout
        # served at the root instead, the root-relative links of 404.html go outside the site
        wrong = check_site(sub, base_path="/")
        assert any(b.page == "404.html" and b.link.startswith("/pr-preview/pr-7/")
                   for b in wrong.broken)
