"""Each highlighted code block's number of lines on its <code> (`--code-lines`).

A lesson's highlighted code is most of its elements (a span per token), and Material's
start-up restyles the whole page several times. course.css lets the browser skip the
styling and layout of a block out of view (`content-visibility: auto`) and gives the block
its exact height meanwhile, computed from the line count, so that nothing moves when it is
drawn. tests/test_browser_pages.py checks that height against the drawn one. (Issue 7.)
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# pymdownx.highlight's block: <pre><span></span><code>…</code></pre>, a newline after each line.
CODE_BLOCK = re.compile(r"(<pre><span></span><code)>(.*?)(</code></pre>)", re.S)


def mark_code_lines(html: str) -> str:
    def mark(match: re.Match) -> str:
        lines = match.group(2).count("\n") or 1
        return f'{match.group(1)} style="--code-lines: {lines}">{match.group(2)}{match.group(3)}'

    return CODE_BLOCK.sub(mark, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return mark_code_lines(html)
