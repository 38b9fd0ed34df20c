"""A built site served on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """No access log: the test output stays readable."""


# What a static host such as GitHub Pages compresses (wasm and zip are sent as they are).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class SiteHandler(_QuietHandler):
    """The built site as a static host serves it: text gzip-compressed when the
    browser accepts it, so transfer sizes are the ones readers get."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and os.path.isfile(path) and self.guess_type(path).startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that drops a connection (a page left mid-download) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def http_server(handler):
    """Run an HTTP server with this request handler on a free port of 127.0.0.1,
    for as long as the block lasts; yields its origin ("http://127.0.0.1:PORT")."""
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve(directory: Path):
    """Serve the built site in directory on a free port of 127.0.0.1; yields its base URL."""
    with http_server(functools.partial(SiteHandler, directory=str(directory))) as origin:
        yield origin + "/"


class _GitHubPagesHandler(SiteHandler):
    """The site as GitHub Pages serves a Pages branch under its path (`/repo/` for a
    project): a directory gives its index.html (none: a miss), a missing file gives the
    branch's root 404.html with status 404, whatever the address's folder."""

    base_path = "/"

    def translate_path(self, path):
        url_path = path.split("?", 1)[0].split("#", 1)[0]
        if not url_path.startswith(self.base_path):
            return ""  # outside the site: a miss
        return super().translate_path("/" + path[len(self.base_path):])

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the redirect to the folder's address with a slash
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if os.path.isfile(path):
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_like_github_pages(directory: Path, base_path: str = "/"):
    """Serve directory at base_path of a free port of 127.0.0.1 as GitHub Pages does
    (_GitHubPagesHandler); yields the site's URL (origin + base_path)."""
    if not (base_path.startswith("/") and base_path.endswith("/")):
        raise ValueError(f"base_path {base_path!r} must start and end with /")
    handler = type("Handler", (_GitHubPagesHandler,), {"base_path": base_path})
    with http_server(functools.partial(handler, directory=str(directory))) as origin:
        yield origin + base_path


def chromium_available() -> bool:
    return shutil.which(CHROMIUM) is not None


def require_chromium() -> None:
    """At the top of a browser test module: skip it where Chromium is missing, but
    never in CI, where .ci/run installs it."""
    import pytest

    if chromium_available():
        return
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run installs it", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


# An example in a tab that is not selected (or a closed details block) is shown first,
# as a reader would: by clicking its tab's label.
REVEAL = """el => {
  for (let block = el.closest('.tabbed-block'); block; block = block.parentElement.closest('.tabbed-block')) {
    const index = Array.from(block.parentElement.children).indexOf(block);
    block.closest('.tabbed-set').querySelectorAll(':scope > .tabbed-labels > label')[index].click();
  }
  const details = el.closest('details');
  if (details) details.open = true;
}"""

# The example runner's controls, as the browser tests and benchmarks find them.
RUNNER_RUN = ".agentlab-toolbar__run"
RUNNER_STATUS = ".agentlab-toolbar__status"
# A finished run: "Done in N ms" or "Exited with code N", in either language.
RUNNER_FINISHED = "el => /\\d/.test(el.querySelector('.agentlab-toolbar__status').textContent)"


@contextmanager
def own_origin_tab(context, site_url: str):
    """A new tab in context; fails if any request of the context (the tab, its
    workers) leaves the site's origin while it is open."""
    foreign = []

    def check(request):
        if not request.url.startswith(site_url):
            foreign.append(request.url)

    context.on("request", check)
    page = context.new_page()
    try:
        yield page
    finally:
        page.close()
        context.remove_listener("request", check)
    assert foreign == [], f"requests left the site's origin: {foreign[:5]}"


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
