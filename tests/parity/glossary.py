"""The two glossaries (snippets/glossary.<lang>.md): every concept in both languages.

A glossary line is `*[term]: definition`. Terms with the very same definition are one
concept (Russian lists inflected forms: агент, агента; English: agents, Agents).
A Russian concept and an English one are counterparts when they share a term written
the same way (cron) or when the allow-list's [glossary] section pairs one term of
each (`агент = agent`). Every concept must have exactly one counterpart, and the
counterparts' definitions must hold the same numbers, API names, paths and URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .allowlist import AllowList
from .facts import KINDS, scan_inline
from .findings import Finding, Place
from .language import cyrillic_words, english_runs, mask_allowed

TERM = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.*?)\s*$")


@dataclass
class Concept:
    definition: str
    line: int
    terms: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return ", ".join(self.terms)


def read_concepts(path: Path) -> tuple[list[Concept], list[Finding]]:
    concepts: dict[str, Concept] = {}
    seen: dict[str, int] = {}
    problems = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        m = TERM.match(line)
        if not m:
            if line.strip():
                problems.append(Finding("glossary", "not a glossary line (`*[term]: definition`)",
                                        other=Place(path, number)))
            continue
        term, definition = m.group("term"), m.group("definition")
        if term in seen:
            problems.append(Finding("glossary", f"term {term!r} is defined twice (first on line {seen[term]})",
                                    other=Place(path, number)))
            continue
        seen[term] = number
        concepts.setdefault(definition, Concept(definition, number)).terms.append(term)
    return list(concepts.values()), problems


def compare_glossaries(ru_path: Path, en_path: Path, allow: AllowList, used: set[int]) -> list[Finding]:
    ru, findings = read_concepts(ru_path)
    en, problems = read_concepts(en_path)
    findings += problems
    ru_of = {t: c for c in ru for t in c.terms}
    en_of = {t: c for c in en for t in c.terms}
    links: set[tuple[int, int]] = set()  # (index in ru, index in en)
    for term in set(ru_of) & set(en_of):
        links.add((ru.index(ru_of[term]), en.index(en_of[term])))
    for ru_term, en_term, line in allow.glossary:
        if ru_term in ru_of and en_term in en_of:
            used.add(line)
            links.add((ru.index(ru_of[ru_term]), en.index(en_of[en_term])))

    def both(ru_line: int, en_line: int) -> dict:
        return {"ru": Place(ru_path, ru_line), "en": Place(en_path, en_line)}

    def near(concepts: list[Concept], index: int) -> int:
        return concepts[min(index, len(concepts) - 1)].line if concepts else 1

    names = {"ru": ("ru", "English"), "en": ("en", "Russian")}
    sides = (("ru", ru, en, links), ("en", en, ru, {(j, i) for i, j in links}))
    for lang, own, other, pairs in sides:
        # pairs: (index in own, index in other); places are always given as (ru line, en line)
        def place(own_line: int, other_line: int) -> dict:
            return both(own_line, other_line) if lang == "ru" else both(other_line, own_line)

        code, other_name = names[lang]
        for i, concept in enumerate(own):
            partners = sorted(j for a, j in pairs if a == i)
            if not partners:
                findings.append(Finding("glossary", f"glossary: the concept {concept} ({code}) has no {other_name} counterpart",
                                        **place(concept.line, near(other, i))))
            elif len(partners) > 1:
                listed = "; ".join(str(other[j]) for j in partners)
                findings.append(Finding("glossary", f"glossary: the concept {concept} ({code}) matches several {other_name} concepts: {listed}",
                                        **place(concept.line, other[partners[0]].line)))

    for i, j in sorted(links):
        a, b = scan_inline(ru[i].definition, "ru"), scan_inline(en[j].definition, "en")
        for kind in KINDS:
            x = sorted(f.value for f in a.facts if f.kind == kind)
            y = sorted(f.value for f in b.facts if f.kind == kind)
            if x != y:
                findings.append(Finding("glossary", f"glossary: {kind} in the definitions of {ru[i]} / {en[j]} differ: "
                                        f"{', '.join(x) or 'none'} (ru) vs {', '.join(y) or 'none'} (en)",
                                        **both(ru[i].line, en[j].line)))
    for concept, lang, inline in [(c, "ru", scan_inline(c.definition, "ru")) for c in ru] + \
                                 [(c, "en", scan_inline(c.definition, "en")) for c in en]:
        text = mask_allowed(inline.prose, allow.untranslated, used)
        hits = english_runs(text) if lang == "ru" else cyrillic_words(text)
        for hit in hits:
            where = both(concept.line, near(en, ru.index(concept))) if lang == "ru" else \
                both(near(ru, en.index(concept)), concept.line)
            language = "English text in the Russian" if lang == "ru" else "Cyrillic text in the English"
            findings.append(Finding("untranslated", f'{language} glossary: "{hit.text}"', **where))
    return findings
