"""An example's printed output as page HTML: text in <pre>, an SVG timeline as the picture.

The rule (docs/assets/js/runner/runner.js follows the same one for a run in the browser):
a line starting with `<svg` opens a picture that ends with the line holding `</svg>`;
everything else is text. Text runs are trimmed of trailing newlines, and empty ones
are dropped. Standalone (no imports from the other hooks): the tests import it too.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple


# Lines split on "\n" only, as the browser's /[^\n]*\n|[^\n]+$/g does.
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


class Segment(NamedTuple):
    kind: str  # "text" or "svg"
    content: str


def segments(stdout: str) -> list[Segment]:
    found: list[Segment] = []
    text: list[str] = []
    svg: list[str] | None = None

    def flush_text() -> None:
        joined = "".join(text).rstrip("\n")
        if joined.strip():
            found.append(Segment("text", joined))
        text.clear()

    for line in _LINE.findall(stdout):
        if svg is None and line.lstrip().startswith("<svg"):
            flush_text()
            svg = []
        if svg is None:
            text.append(line)
            continue
        svg.append(line)
        if "</svg>" in line:
            found.append(Segment("svg", "".join(svg).strip()))
            svg = None
    if svg is not None:  # never closed: show it as the text it is
        text.extend(svg)
    flush_text()
    return found


def output_html(stdout: str) -> str:
    """The body of an example's output block (the browser runner renders the same)."""
    parts = []
    for segment in segments(stdout):
        if segment.kind == "svg":
            # Trusted: printed by the course's own example at build time.
            # Focusable: on a narrow screen the box scrolls sideways (the picture keeps its size).
            parts.append(f'<div class="agentlab-output__svg" tabindex="0">{segment.content}</div>')
        else:
            # The <code> is what scrolls sideways (Material's rule): the keyboard reaches it.
            parts.append(f'<pre class="agentlab-output__text"><code tabindex="0">{html.escape(segment.content)}'
                         "</code></pre>")
    return "".join(parts)
