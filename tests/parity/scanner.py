"""A small line-based scanner of the course's Markdown: what is on which line.

It knows front matter, fenced code (``` and ~~~, at any indentation), snippet
inclusions, headings with `{ #id }`, admonitions (`!!!`, `???`, `???+`), content tabs
(`===`), definition lists, pipe tables, list items, images, links and HTML comments.
Admonition and tab bodies are just indented text to it: the structure that matters here
is which elements occur and in what order, not how deeply they nest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}\s+(?P<quote>[\"'])(?P<path>[^\"']+)(?P=quote)\s*$")
HEADING = re.compile(r"^\s*(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
HEADING_ID = re.compile(r"\{[^{}]*#(?P<id>[\w-]+)[^{}]*\}\s*$")
ADMONITION = re.compile(r"^\s*(?P<marker>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)(?P<classes>(?:\s+[\w-]+)*)(?:\s+\"(?P<title>[^\"]*)\")?\s*$")
TAB = re.compile(r"^\s*===\+?\s+\"(?P<title>[^\"]*)\"\s*$")
DEFINITION = re.compile(r"^(?P<indent>\s*):\s{1,3}(?P<text>\S.*)$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
LINK_DEFINITION = re.compile(r"^\s{0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<target>\S+?)>?\s*$")
ABBREVIATION = re.compile(r"^\s*\*\[[^\]]+\]:")
TITLE_OPTION = re.compile(r"""title=(?P<q>["'])(?P<title>.*?)(?P=q)""")


@dataclass(frozen=True)
class Element:
    """One structural element: its kind, what identifies it across languages, its line."""

    kind: str  # heading, code, snippet, admonition, tab, table, definition, front-matter
    signature: str
    line: int


@dataclass
class Prose:
    """Text a reader sees, with the line each of its characters comes from."""

    lines: list[tuple[int, str]]
    role: str = "text"  # text, title (admonition/tab/code/heading), cell, front-matter

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)

    def line_at(self, offset: int) -> int:
        """The source line of a character offset into `text`."""
        return self.lines[self.text.count("\n", 0, offset)][0]


@dataclass
class Document:
    path: Path
    lines: list[str]
    elements: list[Element] = field(default_factory=list)
    prose: list[Prose] = field(default_factory=list)
    code_lines: set[int] = field(default_factory=set)

    def of_kind(self, kind: str) -> list[Element]:
        return [e for e in self.elements if e.kind == kind]

    @property
    def headings(self) -> list[Element]:
        return self.of_kind("heading")

    @property
    def block_lines(self) -> list[int]:
        """The first line of every element and prose unit, in order: the anchors for alignment."""
        return sorted({e.line for e in self.elements} | {p.line for p in self.prose})


def scan(path: Path) -> Document:
    text = Path(path).read_text(encoding="utf-8")
    return scan_text(text, path)


def scan_text(text: str, path: Path = Path("<text>")) -> Document:
    lines = text.splitlines()
    doc = Document(path=Path(path), lines=lines)
    paragraph: list[tuple[int, str]] = []
    table: list[tuple[int, str]] = []

    def flush_paragraph() -> None:
        if paragraph:
            doc.prose.append(Prose(list(paragraph)))
            paragraph.clear()

    def flush_table() -> None:
        if not table:
            return
        rows = [(n, cells(t)) for n, t in table if not TABLE_RULE.match(t)]
        columns = len(rows[0][1]) if rows else 0
        shape = f"{len(rows)} rows × {columns} columns"
        ragged = [n for n, c in rows if len(c) != columns]
        if ragged:
            shape += f", ragged at row {[n for n, _ in rows].index(ragged[0]) + 1}"
        doc.elements.append(Element("table", shape, table[0][0]))
        for n, row in rows:
            for cell in row:
                if cell:
                    doc.prose.append(Prose([(n, cell)], role="cell"))
        table.clear()

    start = 0
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() in ("---", "..."):
                break
        else:
            end = 0
        if end:
            keys = []
            for n in range(1, end):
                m = re.match(r"^(?P<key>[\w-]+):\s*(?P<value>.*)$", lines[n])
                if m:
                    keys.append(m.group("key"))
                    value = m.group("value").strip().strip("\"'")
                    if value:
                        doc.prose.append(Prose([(n + 1, value)], role="front-matter"))
            doc.elements.append(Element("front-matter", ", ".join(sorted(keys)), 1))
            start = end + 1

    fence: tuple[str, int] | None = None
    in_comment = False
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index]
        if fence:
            doc.code_lines.add(number)
            close = FENCE.match(line)
            if close and not close.group("info") and close.group("fence")[0] == fence[0] and len(close.group("fence")) >= fence[1]:
                fence = None
                continue
            m = SNIPPET.match(line)
            if m:
                doc.elements.append(Element("snippet", m.group("path"), number))
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("<!--"):
            flush_paragraph(), flush_table()
            in_comment = "-->" not in line
            continue
        m = FENCE.match(line)
        if m:
            flush_paragraph(), flush_table()
            info = m.group("info")
            language = info.split()[0].lstrip(".{") if info.split() else ""
            doc.elements.append(Element("code", language or "(no language)", number))
            doc.code_lines.add(number)
            title = TITLE_OPTION.search(info)
            if title and title.group("title"):
                doc.prose.append(Prose([(number, title.group("title"))], role="title"))
            fence = (m.group("fence")[0], len(m.group("fence")))
            continue
        if not line.strip():
            flush_paragraph(), flush_table()
            continue
        if TABLE_ROW.match(line) or (table and TABLE_RULE.match(line)):
            flush_paragraph()
            table.append((number, line))
            continue
        flush_table()
        if SNIPPET.match(line):
            flush_paragraph()
            doc.elements.append(Element("snippet", SNIPPET.match(line).group("path"), number))
            continue
        if ABBREVIATION.match(line):
            flush_paragraph()
            continue
        m = LINK_DEFINITION.match(line)
        if m:
            flush_paragraph()
            doc.elements.append(Element("link-definition", m.group("label"), number))
            doc.prose.append(Prose([(number, f"<{m.group('target')}>")], role="link-definition"))
            continue
        m = HEADING.match(line)
        if m:
            flush_paragraph()
            text = m.group("text")
            anchor = HEADING_ID.search(text)
            signature = f"h{len(m.group('hashes'))}" + (f" #{anchor.group('id')}" if anchor else "")
            doc.elements.append(Element("heading", signature, number))
            doc.prose.append(Prose([(number, text)], role="title"))
            continue
        m = ADMONITION.match(line)
        if m:
            flush_paragraph()
            doc.elements.append(Element("admonition", f"{m.group('marker')} {m.group('type')}", number))
            if m.group("title"):
                doc.prose.append(Prose([(number, m.group("title"))], role="title"))
            continue
        m = TAB.match(line)
        if m:
            flush_paragraph()
            doc.elements.append(Element("tab", "tab", number))
            doc.prose.append(Prose([(number, m.group("title"))], role="title"))
            continue
        m = DEFINITION.match(line)
        if m:
            # The term is the paragraph just before: its own prose unit.
            flush_paragraph()
            doc.elements.append(Element("definition", "definition", number))
            paragraph.append((number, m.group("text")))
            continue
        m = LIST_ITEM.match(line)
        if m:
            flush_paragraph()
            paragraph.append((number, line[m.end():]))
            continue
        paragraph.append((number, line))
    flush_paragraph()
    flush_table()
    doc.elements.sort(key=lambda e: e.line)
    doc.prose.sort(key=lambda p: p.line)
    return doc


def heading_ids(path: Path) -> set[str]:
    """The explicit ids of a page's headings (`{ #id }`), as the scan reads them: not in code."""
    return {element.signature.split(" #", 1)[1] for element in scan(path).elements
            if element.kind == "heading" and " #" in element.signature}


def cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]
