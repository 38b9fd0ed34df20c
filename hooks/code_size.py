"""Each highlighted code block's number of lines on its <code> (`--code-lines`).

A lesson's highlighted code is most of its elements (a span per token), and Material's
start-up restyles the whole page several times. course.css lets the browser skip the
styling and layout of a block out of view (`content-visibility: auto`) and gives the block
its exact height meanwhile, computed from the line count, so that nothing moves when it is
drawn. tests/test_browser_pages.py checks that height against the drawn one. (Issue 7.)
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# pymdownx.highlight's block: <pre><span></span><code>…</code></pre>, a newline after each line.
CODE_START = "<pre><span></span><code"
CODE_END = "</code></pre>"


def mark_code_lines(html: str) -> str:
    # str.find, not a regex: a lazy `.*?` over every character of a lesson's code was
    # most of this hook's time at 100 lessons.
    parts = []
    done = 0
    while (start := html.find(CODE_START + ">", done)) >= 0:
        body = start + len(CODE_START) + 1
        end = html.find(CODE_END, body)
        if end < 0:
            break
        lines = html.count("\n", body, end) or 1
        parts += [html[done:start], f'{CODE_START} style="--code-lines: {lines}">', html[body:end]]
        done = end
    parts.append(html[done:])
    return "".join(parts)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return mark_code_lines(html)
