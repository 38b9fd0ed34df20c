"""Untranslated text: Cyrillic in an English page, an English sentence in a Russian page.

Works on prose that facts.scan_inline has already cleaned: code, URLs, paths, API
names and markup are blanked out, so only words a reader reads are left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .allowlist import Entry

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
LATIN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# What may stand between two words of one English run: spaces, punctuation, emphasis,
# and ">" of a menu path. A digit or a Russian word ends the run.
RUN_GAP = re.compile(r"[\s,.;:!?\"“”„‘’'«»()\[\]*_>–—-]*")
ENGLISH_RUN_WORDS = 4


@dataclass(frozen=True)
class Untranslated:
    offset: int
    end: int
    text: str


def mask_allowed(text: str, entries: list[Entry], used: set[int]) -> str:
    """Blank out allow-listed phrases; note which entries were used."""
    for entry in entries:
        for m in entry.pattern.finditer(text):
            used.add(entry.line)
            text = text[: m.start()] + re.sub(r"[^\n]", " ", m.group()) + text[m.end():]
    return text


def cyrillic_words(text: str) -> list[Untranslated]:
    """Russian words left in English prose, one item per line of text."""
    found: list[Untranslated] = []
    for m in WORD.finditer(text):
        if not CYRILLIC.search(m.group()):
            continue
        if found and "\n" not in text[found[-1].end : m.start()]:
            last = found.pop()
            found.append(Untranslated(last.offset, m.end(), text[last.offset : m.end()]))
        else:
            found.append(Untranslated(m.start(), m.end(), m.group()))
    return found


def english_runs(text: str, minimum: int = ENGLISH_RUN_WORDS) -> list[Untranslated]:
    """Runs of at least `minimum` English words in a row in Russian prose."""
    runs: list[list[re.Match]] = []
    current: list[re.Match] = []
    for m in WORD.finditer(text):
        latin = LATIN.fullmatch(m.group()) is not None
        joined = current and RUN_GAP.fullmatch(text[current[-1].end() : m.start()])
        if latin and joined:
            current.append(m)
            continue
        if len(current) >= minimum:
            runs.append(current)
        current = [m] if latin else []
    if len(current) >= minimum:
        runs.append(current)
    return [
        Untranslated(r[0].start(), r[-1].end(), re.sub(r"\s+", " ", text[r[0].start() : r[-1].end()]))
        for r in runs
    ]
