"""Exercises: a `run check` fence is an example whose folder also holds `check.py`
(it reads the reader's run and says what failed, agentlab/checks.py) and
`solution.<ext>`. The page names both; the site serves them as assets of their own,
under a name made of their content's hash, so the reader's code never sees them
before a Check, and a browser never mixes an old copy with a new page.

Standalone but for run_fences.py (no other hooks): the tests import it too.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from run_fences import RunFenceError, run_fences

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
CHECK = "check.py"


class ExerciseError(Exception):
    """An exercise without its check or solution: the message names it."""


def solution_of(example: str) -> Path:
    return SNIPPETS / Path(example).parent / f"solution{Path(example).suffix}"


def exercise_files(example: str) -> dict[str, Path]:
    """The check and the solution of the exercise whose starter is ``example``."""
    files = {"check": SNIPPETS / Path(example).parent / CHECK, "solution": solution_of(example)}
    missing = [path.name for path in files.values() if not path.is_file()]
    if missing:
        raise ExerciseError(f"{example}: an exercise needs {' and '.join(missing)} beside it")
    return files


def _assets_of(files: dict[str, Path], contents: list[bytes]) -> dict[str, str]:
    digest = hashlib.sha256(b"\0".join(contents)).hexdigest()[:16]
    return {kind: f"exercises/{digest}/{path.name}" for kind, path in files.items()}


def exercise_assets(example: str) -> dict[str, str]:
    """Where the site serves them, relative to its assets/."""
    files = exercise_files(example)
    return _assets_of(files, [path.read_bytes() for path in files.values()])


def exercises() -> list[str]:
    """Every exercise's starter (the file named after its folder)."""
    found = []
    for check in sorted(SNIPPETS.rglob(CHECK)):
        starters = [p for p in check.parent.iterdir() if p.stem == check.parent.name and p.suffix in (".php", ".py")]
        if len(starters) != 1:
            raise ExerciseError(f"{check.parent}: an exercise folder holds one starter named after it "
                                f"({check.parent.name}.php or .py)")
        found.append(starters[0].relative_to(SNIPPETS).as_posix())
    return found


def write_exercise_assets(assets: Path) -> None:
    for example in exercises():
        files = exercise_files(example)
        contents = [path.read_bytes() for path in files.values()]  # read once: hashed, then written
        targets = [assets / target for target in _assets_of(files, contents).values()]
        targets[0].parent.mkdir(parents=True, exist_ok=True)
        for target, content in zip(targets, contents):
            target.write_bytes(content)


DOCS = SNIPPETS.parent / "docs"
PROGRESS_MARKER = "agentlabprogress"  # a paragraph of its own in the home page
_TITLE = re.compile(r"^# (?P<title>.+?)(?: \{ #[\w-]+ \})?\s*$")
_HEADING = re.compile(r"^### (?P<title>.+?) \{ #(?P<anchor>[\w-]+) \}\s*$")


def lesson_exercises(lang: str) -> list[dict[str, str]]:
    """The exercises of the lessons in ``lang``, in page order: page slug, anchor,
    title (the ### heading above the exercise's `run check` fence) and starter."""
    found = []
    for page in sorted(DOCS.glob(f"*.{lang}.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        lesson = next((m["title"] for m in map(_TITLE.match, lines) if m), page.name)
        headings = [(i, match) for i, line in enumerate(lines)
                    if line.startswith("### ") and (match := _HEADING.match(line))]
        try:
            checks = [fence for fence in run_fences(lines, page.name) if fence.check]
        except RunFenceError as exc:
            raise ExerciseError(str(exc)) from None
        for fence in checks:
            heading = next((match for i, match in reversed(headings) if i < fence.number), None)
            if heading is None:
                raise ExerciseError(f"{page.name}:{fence.number + 1}: an exercise sits under a ### heading with an id")
            found.append({"page": page.name.split(".")[0], "lesson": lesson, "anchor": heading["anchor"],
                          "title": heading["title"], "example": fence.path})
    return found


def progress_html(lang: str, label: str) -> str:
    """The home page's list of exercises, by lesson; runner.js marks each passed or not."""
    lessons: dict[str, list[str]] = {}
    for exercise in lesson_exercises(lang):
        href = html.escape(f"{exercise['page']}/#{exercise['anchor']}")
        lessons.setdefault(exercise["lesson"], []).append(
            f'<li data-example="{html.escape(exercise["example"])}"><a href="{href}">{html.escape(exercise["title"])}'
            '</a> <span class="agentlab-progress__state"></span></li>')
    groups = "".join(f"<li>{html.escape(lesson)}<ul>{''.join(items)}</ul></li>" for lesson, items in lessons.items())
    return f'<ul class="agentlab-progress" aria-label="{html.escape(label)}">{groups}</ul>'
