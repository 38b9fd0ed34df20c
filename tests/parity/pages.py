"""One page in one language, read once: its structure, its facts and its prose, by line."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from .facts import Inline, URL, scan_inline
from .scanner import Document, Element, Prose, scan


@dataclass(frozen=True)
class Located:
    kind: str
    value: str
    line: int


@dataclass
class Page:
    path: Path
    lang: str
    doc: Document
    inline: list[tuple[Prose, Inline]] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path, lang: str) -> "Page":
        doc = scan(path)
        page = cls(Path(path), lang, doc)
        page.inline = [(prose, scan_inline(prose.text, lang)) for prose in doc.prose]
        return page

    def facts(self) -> list[Located]:
        """Numbers, inline code, paths, API names, URLs and link targets, with their lines."""
        found = []
        for prose, inline in self.inline:
            for fact in inline.facts:
                kind = fact.kind
                if kind == "image":
                    continue
                if kind == "link":
                    if URL.fullmatch(fact.value) or fact.value.startswith("mailto:"):
                        continue  # already a URL fact
                    kind = "link targets"
                found.append(Located(kind, fact.value, prose.line_at(fact.offset)))
        return found

    def elements(self) -> list[Element]:
        """Block structure from the scanner plus the inline links and images."""
        inline = [
            Element(fact.kind, fact.value, prose.line_at(fact.offset))
            for prose, found in self.inline
            for fact in found.facts
            if fact.kind in ("link", "image")
        ]
        return sorted(self.doc.elements + inline, key=lambda e: e.line)

    # Alignment with the other language: sections (between headings), then blocks.

    @property
    def heading_lines(self) -> list[int]:
        return [h.line for h in self.doc.headings]

    def section_of(self, line: int) -> int:
        """-1 before the first heading, else the index of the heading the line falls under."""
        return bisect.bisect_right(self.heading_lines, line) - 1

    def section_bounds(self, section: int) -> tuple[int, int]:
        starts = self.heading_lines
        first = 1 if section < 0 else starts[section]
        last = starts[section + 1] - 1 if section + 1 < len(starts) else max(len(self.doc.lines), 1)
        return first, last

    def blocks_in(self, section: int) -> list[int]:
        first, last = self.section_bounds(section)
        return [line for line in self.doc.block_lines if first <= line <= last] or [first]


def counterpart(line: int, source: Page, target: Page) -> int:
    """The line of `target` that corresponds to `line` of `source`, as nearly as structure allows."""
    if len(source.heading_lines) != len(target.heading_lines):
        total_source, total_target = max(len(source.doc.lines), 1), max(len(target.doc.lines), 1)
        return max(1, min(total_target, round(line * total_target / total_source)))
    section = source.section_of(line)
    here, there = source.blocks_in(section), target.blocks_in(section)
    index = max(0, bisect.bisect_right(here, line) - 1)
    within = max(0, line - here[index])  # how far into its block (a wrapped paragraph, a table)
    if len(here) != len(there):
        index = round(index * (len(there) - 1) / max(len(here) - 1, 1))
    index = min(index, len(there) - 1)
    block_end = there[index + 1] - 1 if index + 1 < len(there) else target.section_bounds(section)[1]
    return max(there[index], min(there[index] + within, block_end))
