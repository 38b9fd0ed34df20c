"""Exercises: a `run check` fence is an example whose folder also holds `check.py`
(it reads the reader's run and says what failed, agentlab/checks.py) and
`solution.<ext>`. The page names both; the site serves them as assets of their own,
under a name made of their content's hash, so the reader's code never sees them
before a Check, and a browser never mixes an old copy with a new page.

Standalone (no imports from the other hooks): the tests import it too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

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


def exercise_assets(example: str) -> dict[str, str]:
    """Where the site serves them, relative to its assets/."""
    files = exercise_files(example)
    digest = hashlib.sha256(b"\0".join(path.read_bytes() for path in files.values())).hexdigest()[:16]
    return {kind: f"exercises/{digest}/{path.name}" for kind, path in files.items()}


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
        for kind, target in exercise_assets(example).items():
            path = assets / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(exercise_files(example)[kind].read_bytes())
