"""A built site served on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
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


@contextmanager
def http_server(handler):
    """Run an HTTP server with this request handler on a free port of 127.0.0.1,
    for as long as the block lasts; yields its origin ("http://127.0.0.1:PORT")."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve(directory: Path):
    """Serve directory on a free port of 127.0.0.1; yields the server's base URL."""
    with http_server(functools.partial(_QuietHandler, directory=str(directory))) as origin:
        yield origin + "/"


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


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
