"""The allow-list kept in the repository: tests/parity_allowlist.txt.

Three sections, each line one entry, `  # reason` after it:

    [untranslated]
    Settings > System Settings > Agents   # why this text may stay in the other language
    [glossary]
    агент = agent                          # a Russian glossary term and its English counterpart
    [code]
    <ID модуля> = <module ID>              # inline code (or a part of it) translated on purpose
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_ALLOWLIST = Path(__file__).resolve().parent.parent / "parity_allowlist.txt"


class AllowListError(ValueError):
    """A malformed line in the allow-list file (named with its line number)."""


@dataclass
class Entry:
    text: str
    line: int
    pattern: re.Pattern = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Whitespace in an entry matches any whitespace, so an entry still matches once re-wrapped.
        words = [re.escape(w) for w in self.text.split()]
        self.pattern = re.compile(r"\s+".join(words))


@dataclass
class AllowList:
    path: Path | None = None
    untranslated: list[Entry] = field(default_factory=list)
    glossary: list[tuple[str, str, int]] = field(default_factory=list)  # (ru term, en term, line)
    code: list[tuple[str, str, int]] = field(default_factory=list)  # (ru text, en text, line)


def strip_comment(line: str) -> str:
    return re.split(r"(?:^|\s)#\s", line, maxsplit=1)[0].strip() if not line.lstrip().startswith("#") else ""


def load(path: Path | None = DEFAULT_ALLOWLIST) -> AllowList:
    allow = AllowList(path=path)
    if path is None:
        return allow
    section = None
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        text = strip_comment(raw)
        if not text:
            continue
        header = re.fullmatch(r"\[(\w+)\]", text)
        if header:
            section = header.group(1)
            if section not in ("untranslated", "glossary", "code"):
                raise AllowListError(f"{path}:{number}: unknown section [{section}]")
        elif section == "untranslated":
            allow.untranslated.append(Entry(text, number))
        elif section in ("glossary", "code"):
            ru, eq, en = text.partition(" = ")
            if not eq or not ru.strip() or not en.strip():
                raise AllowListError(f"{path}:{number}: a {section} entry is `russian = english`")
            getattr(allow, section).append((ru.strip(), en.strip(), number))
        else:
            raise AllowListError(f"{path}:{number}: entry outside a [section]")
    return allow
