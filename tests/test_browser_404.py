"""The 404 page in each language, served as GitHub Pages serves it: one root 404.html for
every missing address, at the root of a site and under a project's path with a PR preview
beside production (hooks/not_found.py, overrides/404.html)."""

from __future__ import annotations

import re

import pytest
import requests
import yaml

from tests.browser import own_origin_tab, require_chromium, serve_like_github_pages
from tests.conftest import ROOT, build_site, copy_project
from tests.linkcheck import check_site

require_chromium()

TITLE = {"ru": "Страница не найдена", "en": "Page not found"}
# A word of a lesson in each language, for the search of the 404 page's header.
QUERY = {"ru": "агентов", "en": "agents"}


@pytest.fixture(scope="module")
def at_root(site):
    """The site (built for /) as GitHub Pages serves a user site or a custom domain."""
    with serve_like_github_pages(site) as url:
        yield url


@pytest.fixture(scope="module")
def pages_branch(tmp_path_factory):
    """A project's Pages branch as main.yml and pr.yml leave it: production at its root,
    served at /repo/, and the preview of PR 7 in pr-preview/pr-7/, each built for its address."""
    branch = tmp_path_factory.mktemp("gh-pages")
    with serve_like_github_pages(branch, "/repo/") as url:
        # Production first: a build empties its folder, the preview's among it.
        for folder, address in ((branch, url), (branch / "pr-preview" / "pr-7", url + "pr-preview/pr-7/")):
            build = build_site(folder, SITE_URL=address)
            assert build.returncode == 0, build.stderr[-3000:]
        yield branch, url


@pytest.fixture
def tab(browser):
    """A fresh tab whose requests must all stay on 127.0.0.1 (the served sites)."""
    context = browser.new_context()
    try:
        with own_origin_tab(context, "http://127.0.0.1:") as page:
            yield page
    finally:
        context.close()


def _open_missing(tab, url: str, lang: str) -> None:
    # Not until "load": a page that puts another in its place stops its own loading first.
    response = tab.goto(url, wait_until="commit")
    assert response.status == 404
    tab.wait_for_function("([lang, title]) => document.documentElement.lang === lang"
                          " && document.querySelector('article h1')?.textContent === title"
                          " && document.querySelector('.md-search__input') !== null",
                          arg=[lang, TITLE[lang]])
    assert tab.url == url, "the mistyped address stays in the address bar"
    assert tab.title().startswith(TITLE[lang])


def _link(tab, text_of: str) -> str:
    return tab.evaluate(f"document.querySelector('article {text_of}').href")


def _check_page(tab, url: str, lang: str, home: str) -> None:
    _open_missing(tab, url, lang)
    assert _link(tab, "li:nth-child(1) a") == home
    assert _link(tab, "li:nth-child(2) a") == home + "?q="
    other = "en" if lang == "ru" else "ru"
    assert tab.evaluate(f"document.querySelector('article [lang={other}] a[hreflang={other}]') !== null")
    # The language menu leads to the homes, not to some lesson's translation.
    menu = tab.evaluate("Array.from(document.querySelectorAll('.md-select__link'), a => a.href)")
    assert home in menu and len(menu) == 2
    # The header's search searches this language's pages of this site.
    tab.click("input.md-search__input")
    tab.fill("input.md-search__input", QUERY[lang])
    tab.keyboard.press("End")  # Material reads the query on key events
    tab.wait_for_selector(".md-search-result__link", timeout=10_000)
    results = tab.evaluate("Array.from(document.querySelectorAll('.md-search-result__link'), a => a.href)")
    under_home = [href.startswith(home) for href in results]
    in_english = [href.startswith(home.removesuffix("en/") + "en/") for href in results]
    assert results and all(under_home), results
    assert all(in_english) if lang == "en" else not any(in_english), results


@pytest.mark.parametrize("missing,lang,home", [
    ("nope", "ru", ""),
    ("agents/gone/", "ru", ""),
    ("en/nope", "en", "en/"),
    ("en/agents/gone/", "en", "en/"),
    ("english/", "ru", ""),
])
def test_missing_address_at_the_root(tab, at_root, missing, lang, home):
    _check_page(tab, at_root + missing, lang, at_root + home)


@pytest.mark.parametrize("missing,lang,home", [
    ("nope", "ru", ""),
    ("en/agents/gone", "en", "en/"),
    ("pr-preview/pr-7/nope", "ru", "pr-preview/pr-7/"),
    ("pr-preview/pr-7/en/nope/", "en", "pr-preview/pr-7/en/"),
    # A preview that is gone (or never was): production's page in the address's language.
    ("pr-preview/pr-9/en/nope", "en", "en/"),
    ("pr-preview/pr-9/nope", "ru", ""),
])
def test_missing_address_under_a_project_path_with_a_preview(tab, pages_branch, missing, lang, home):
    _, url = pages_branch
    _check_page(tab, url + missing, lang, url + home)


def test_links_of_the_404_pages_lead_to_their_homes(tab, pages_branch):
    _, url = pages_branch
    _open_missing(tab, url + "pr-preview/pr-7/en/nope", "en")
    tab.click("article li:nth-child(1) a")  # Material's instant navigation works on the page put in
    # "commit": the page put in never fires "load" (see _open_missing)
    tab.wait_for_url(url + "pr-preview/pr-7/en/", wait_until="commit")
    tab.wait_for_function("document.querySelector('article h1')?.textContent !== 'Page not found'")
    assert tab.evaluate("document.documentElement.lang") == "en"
    _open_missing(tab, url + "pr-preview/pr-7/nope", "ru")
    tab.click("article li:nth-child(2) a")
    tab.wait_for_url(url + "pr-preview/pr-7/?q=", wait_until="commit")
    tab.wait_for_function("document.getElementById('__search').checked"
                          " && document.activeElement.matches('input.md-search__input')")


@pytest.mark.parametrize("missing,lang", [("agents/gone", "ru"), ("en/agents/gone", "en")])
def test_axe_finds_no_wcag_violations(tab, at_root, missing, lang):
    from tests.test_browser_pages import _axe_violations, _report

    _open_missing(tab, at_root + missing, lang)
    violations = _axe_violations(tab)
    assert violations == [], _report(missing, violations)


def test_without_javascript_the_root_page_links_to_english(browser, at_root):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        assert tab.goto(at_root + "en/agents/gone").status == 404
        assert tab.evaluate("document.documentElement.lang") == "ru"
        link = tab.locator("article a[hreflang=en]")
        assert link.is_visible() and link.get_attribute("href") == "/en/"
        assert tab.locator("article [lang=en]").count() == 1
    finally:
        context.close()


def test_each_language_has_its_own_404_file(site):
    for path, lang in ((site / "404.html", "ru"), (site / "en" / "404.html", "en")):
        text = path.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in text and f"<h1>{TITLE[lang]}</h1>" in text, path


def test_the_server_answers_like_github_pages(pages_branch):
    _, url = pages_branch
    missing = requests.get(url + "pr-preview/pr-7/en/nope", timeout=10)
    assert missing.status_code == 404 and '<html lang="ru"' in missing.text
    assert "pr-7" not in missing.text  # production's page: its script puts the preview's in
    assert requests.get(url + "en/", timeout=10).status_code == 200
    assert requests.get(url + "assets", timeout=10, allow_redirects=False).status_code == 301
    assert requests.get(url.replace("/repo/", "/other/"), timeout=10).status_code == 404


def test_links_are_true_under_the_project_path(pages_branch):
    branch, url = pages_branch
    for folder, base_path in ((branch, "/repo/"), (branch / "pr-preview" / "pr-7", "/repo/pr-preview/pr-7/")):
        result = check_site(folder, base_path=base_path)
        assert result.broken == [], "\n".join(map(str, result.broken))


def test_the_previews_folder_is_the_one_pr_yml_deploys_to():
    from not_found import PREVIEWS

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pr.yml").read_text())
    steps = workflow["jobs"]["preview"]["steps"]
    umbrella = [step["with"]["umbrella-dir"] for step in steps if "umbrella-dir" in step.get("with", {})]
    assert umbrella == [PREVIEWS]


def test_missing_words_fail_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    broken, count = re.subn(r"\n +search: Search the course", "", text)
    assert count == 1
    config.write_text(broken, encoding="utf-8")
    build = build_site(tmp_path / "site", project)
    assert build.returncode != 0
    assert "mkdocs.yml: extra.not_found (en) lacks search; the 404 page needs them" in build.stderr
