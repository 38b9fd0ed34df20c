"""The `run` fences of a lesson: the one reading of them that the hooks share.

An example is a fence marked `run` (an exercise: `run check`) whose body is one snippet
line, as a lesson writes it, at any indent (inside an admonition or a tab too):

    ```python title="periodic_vs_not.py" run
    --8<-- "agents/periodic_vs_not.py"
    ```

A `run` inside another fence is just text. Standalone (no imports from the other hooks):
the tests import it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
SNIPPET = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<path>[^"]+)"[ \t]*$')
OUR_WORDS = ("run", "check")


class RunFenceError(ValueError):
    """A `run` fence that is not one snippet line; the message names the line (`source:N`)."""


@dataclass(frozen=True)
class RunFence:
    number: int  # the opening line's index in the page's lines (0-based)
    indent: str
    fence: str  # ``` or ~~~, as long as written
    info: str  # the info string without our words: `python title="periodic_vs_not.py"`
    check: bool  # `run check`: an exercise
    path: str  # the snippet's path, relative to snippets/
    lines: tuple[str, str]  # the snippet line and the closing line, as written


def run_fences(lines: list[str], source: str) -> Iterator[RunFence]:
    """Each `run` fence of a page's lines, in page order. `source` names the page in errors."""
    open_fence: str | None = None  # a fence we are inside
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if open_fence is not None:
            if match and match["fence"].startswith(open_fence) and not match["info"].strip():
                open_fence = None
        elif match and "run" in match["info"].split():
            snippet = SNIPPET.match(lines[i + 1]) if i + 1 < len(lines) else None
            closing = FENCE.match(lines[i + 2]) if i + 2 < len(lines) else None
            if not snippet or not closing or closing["fence"] != match["fence"] or closing["info"].strip():
                raise RunFenceError(f'{source}:{i + 1}: a `run` fence holds exactly one line, '
                                    '--8<-- "lesson/name.py", and then closes')
            words = match["info"].split()
            yield RunFence(i, match["indent"], match["fence"], " ".join(w for w in words if w not in OUR_WORDS),
                           "check" in words, snippet["path"], (lines[i + 1], lines[i + 2]))
            i += 3
            continue
        elif match:
            open_fence = match["fence"]
        i += 1
