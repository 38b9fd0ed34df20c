"""External links against a local HTTP server on 127.0.0.1, one handler per behaviour."""

from __future__ import annotations

import email.utils
import http.server
import json
import subprocess
import sys
import time
from collections import Counter

import pytest

from tests.browser import http_server
from tests.conftest import ROOT
from tests.linkcheck import check_site
from tests.linkcheck.external import Checker, retry_after

HITS: Counter = Counter()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        """No access log: the test output stays readable."""

    def _reply(self, status: int, headers: dict | None = None, body: bytes = b"ok"):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _route(self):
        path = self.path
        HITS[(self.command, path)] += 1
        hits = HITS[(self.command, path)]
        if path in ("/ok", "/count"):
            return self._reply(200)
        if path.startswith("/chain/"):
            step = int(path.rsplit("/", 1)[1])
            codes = [301, 302, 307, 308]
            if step < len(codes):
                return self._reply(codes[step], {"Location": f"/chain/{step + 1}"})
            return self._reply(200)
        if path.startswith("/endless/"):
            step = int(path.rsplit("/", 1)[1])
            return self._reply(302, {"Location": f"/endless/{step + 1}"})
        if path == "/loop-a":
            return self._reply(301, {"Location": "/loop-b"})
        if path == "/loop-b":
            return self._reply(301, {"Location": "http://%s/loop-a" % self.headers["Host"]})
        if path == "/gone-after-redirect":
            return self._reply(301, {"Location": "/missing"})
        if path == "/missing":
            return self._reply(404)
        if path == "/rate":                      # 429 once, then fine
            return self._reply(429, {"Retry-After": "1"}) if hits == 1 else self._reply(200)
        if path == "/rate-date":
            when = email.utils.formatdate(time.time() + 1, usegmt=True)
            return self._reply(429, {"Retry-After": when}) if hits == 1 else self._reply(200)
        if path == "/rate-forever":
            return self._reply(429, {"Retry-After": "3600"})
        if path == "/no-head":
            return self._reply(405) if self.command == "HEAD" else self._reply(200)
        if path == "/bot":
            return self._reply(403)
        if path == "/slow":
            time.sleep(1.5)
            return self._reply(200)
        return self._reply(404)

    do_HEAD = do_GET = _route


@pytest.fixture()
def server():
    HITS.clear()
    with http_server(Handler) as url:
        yield url


def make_site(tmp_path, base, paths, pages=1):
    site = tmp_path / "site"
    site.mkdir()
    links = "\n".join(f'<a href="{base}{p}">{p}</a>' for p in paths)
    for n in range(pages):
        (site / ("index.html" if n == 0 else f"p{n}.html")).write_text(
            f"<html><body>\n{links}\n</body></html>")
    return site


def fast_checker(**kw):
    return Checker(**{"timeout": 0.5, "retries": 1, "max_redirects": 5, **kw})


def reasons(result):
    return {b.link.split("/", 3)[3]: b.reason for b in result.broken}


def test_good_links_pass_and_redirects_are_reported(server, tmp_path):
    site = make_site(tmp_path, server, ["/ok", "/chain/0", "/no-head"])
    result = check_site(site, external=True, checker=fast_checker())
    assert result.broken == []
    assert result.redirects == {f"{server}/chain/0": f"{server}/chain/4"}
    assert HITS[("GET", "/no-head")] == 1          # HEAD refused, GET asked
    assert "3 external links checked (1 redirected)" in result.summary()


def test_broken_external_links(server, tmp_path):
    site = make_site(tmp_path, server, ["/missing", "/loop-a", "/endless/0", "/bot",
                                        "/gone-after-redirect", "/rate-forever"])
    result = check_site(site, external=True, checker=fast_checker(max_retry_after=2))
    found = reasons(result)
    assert found["missing"] == "HTTP 404"
    assert found["loop-a"].startswith("redirect loop: ") and found["loop-a"].count("→") == 2
    assert found["endless/0"].startswith("more than 5 redirects")
    assert found["bot"] == "HTTP 403 refused (bot wall?)"
    assert found["gone-after-redirect"] == f"HTTP 404 (redirected to {server}/missing)"
    assert found["rate-forever"].startswith("HTTP 429 rate limited (Retry-After: 3600)")
    # the line and the link as written, the original URL, not the redirect target
    assert any(str(b) == f"index.html:6: {server}/gone-after-redirect — HTTP 404 "
               f"(redirected to {server}/missing)" for b in result.broken)


def test_429_retry_after_seconds_and_date_are_honoured(server, tmp_path):
    site = make_site(tmp_path, server, ["/rate", "/rate-date"])
    started = time.monotonic()
    result = check_site(site, external=True, checker=fast_checker())
    assert result.broken == []
    assert time.monotonic() - started >= 0.9     # it waited rather than hammering
    assert HITS[("HEAD", "/rate")] == 2


def test_timeout_is_retried_then_reported(server, tmp_path):
    site = make_site(tmp_path, server, ["/slow"])
    result = check_site(site, external=True, checker=fast_checker(retries=1))
    assert reasons(result) == {"slow": "timeout after 2 attempts of 0.5s"}
    assert HITS[("HEAD", "/slow")] == 2


def test_broken_external_link_reported_on_every_page(server, tmp_path):
    site = make_site(tmp_path, server, ["/missing"], pages=3)
    result = check_site(site, external=True, checker=fast_checker())
    assert sorted(b.page for b in result.broken) == ["index.html", "p1.html", "p2.html"]
    assert HITS[("HEAD", "/missing")] + HITS[("GET", "/missing")] == 2   # one URL, asked once


def test_cache_keeps_successes_for_its_age_and_rechecks_failures(server, tmp_path):
    site = make_site(tmp_path, server, ["/count", "/missing"])
    cache = tmp_path / "cache.json"
    for _ in range(2):
        check_site(site, external=True, cache=cache, checker=fast_checker())
    assert HITS[("HEAD", "/count")] == 1                 # second run: from the cache
    assert HITS[("GET", "/missing")] == 2                # failures always rechecked
    entries = json.loads(cache.read_text())
    assert list(entries) == [f"{server}/count"]
    check_site(site, external=True, cache=cache, cache_age=0, checker=fast_checker())
    assert HITS[("HEAD", "/count")] == 2                 # too old: asked again


def test_cli_external(server, tmp_path):
    site = make_site(tmp_path, server, ["/ok", "/missing", "/chain/0"])
    proc = subprocess.run([sys.executable, "-m", "tests.linkcheck", str(site), "--external",
                           "--timeout", "1", "--cache", str(tmp_path / "c.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == f"index.html:3: {server}/missing — HTTP 404"
    assert "3 external links checked (1 redirected)" in proc.stdout
    assert f"note: {server}/chain/0 redirects to {server}/chain/4" in proc.stderr


def test_retry_after_parsing():
    assert retry_after("5") == 5.0
    assert retry_after(None) is None and retry_after("soon") is None
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after(later) <= 31
    assert retry_after("Thu, 01 Jan 1970 00:00:00 GMT") == 0.0
