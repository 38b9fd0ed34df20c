"""Let a page paint before its scripts run: every `<script src>` is deferred.

Material writes its bundle, and mkdocs our `extra_javascript`, as plain scripts at the
end of <body>. Chromium counts those as render-blocking: the first paint waits for them
to download and run. Deferred, they run in the same order once the page is parsed, still
before DOMContentLoaded, which is when Material's `document$` (and our scripts through it)
set the page up. Under Lighthouse's mobile throttling a lesson's first paint came forward
from 1.65-1.96 s to 1.05-1.2 s (issue 7). They are all in Material's `scripts` block,
which overrides/main.html passes through here (tests/test_site_build.py checks every
script of every page).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from every_html_page import block_filter

SCRIPT = re.compile(r'<script src="([^"]+)"></script>')
BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def defer_scripts(output: str, where: str, config: MkDocsConfig) -> str:
    if not BUNDLE.search(output):
        raise PluginError(f"{where}: Material's bundle <script> tag changed; see hooks/defer_scripts.py")
    return SCRIPT.sub(r'<script src="\1" defer></script>', output)


on_env = block_filter("defer_scripts", defer_scripts)  # overrides/main.html: the scripts block
