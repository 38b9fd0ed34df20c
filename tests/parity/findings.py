"""One finding of the parity check, and how it is printed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def display(path: Path) -> str:
    """A path as the report shows it: relative to the repository when it is inside it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()


@dataclass(frozen=True)
class Place:
    path: Path
    line: int | None = None  # None: the file as a whole (e.g. it is missing)

    def __str__(self) -> str:
        return display(self.path) if self.line is None else f"{display(self.path)}:{self.line}"


@dataclass(frozen=True)
class Finding:
    kind: str  # a short machine name: "numbers", "headings", "missing-page", ...
    message: str
    ru: Place | None = None
    en: Place | None = None
    other: Place | None = None  # a finding about one file that is not a page (mkdocs.yml, the allow-list)

    def __str__(self) -> str:
        places = [str(p) for p in (self.ru, self.en) if p is not None]
        where = " ↔ ".join(places) if places else str(self.other)
        return f"{where}: {self.message}"
