"""Compare one page's Russian and English versions: structure, facts, untranslated text."""

from __future__ import annotations

import difflib
from dataclasses import replace
from collections import Counter, defaultdict

from .allowlist import AllowList
from .facts import KINDS, mask
from .findings import Finding, Place
from .language import cyrillic_words, english_runs, mask_allowed
from .pages import Located, Page, counterpart

STRUCTURE = {
    "front-matter": "front matter keys",
    "heading": "headings",
    "code": "code blocks",
    "snippet": "snippet inclusions",
    "tab": "content tabs",
    "admonition": "admonitions",
    "table": "tables",
    "definition": "definition list entries",
    "image": "images",
    "link": "links",
    "link-definition": "link reference definitions",
}
FACT_KINDS = KINDS + ("link targets",)


def compare_pages(ru: Page, en: Page, allow: AllowList, used: set[int]) -> list[Finding]:
    findings = compare_structure(ru, en) + compare_facts(ru, en, allow, used) + untranslated(ru, en, allow, used)
    return sorted(findings, key=lambda f: (f.ru.line or 0, f.en.line or 0, f.kind))


def places(ru: Page, ru_line: int, en: Page, en_line: int) -> dict:
    return {"ru": Place(ru.path, ru_line), "en": Place(en.path, en_line)}


def compare_structure(ru: Page, en: Page) -> list[Finding]:
    findings = []
    ru_elements, en_elements = ru.elements(), en.elements()
    sectioned = [h.signature for h in ru.doc.headings] == [h.signature for h in en.doc.headings]

    def key(page: Page, element) -> tuple:
        # With the same headings, an element is matched inside its own section only, so an
        # extra tab or link is reported where it is, not at the end of the page.
        return (page.section_of(element.line) if sectioned else 0, element.signature)

    for kind, label in STRUCTURE.items():
        a = [e for e in ru_elements if e.kind == kind]
        b = [e for e in en_elements if e.kind == kind]
        matcher = difflib.SequenceMatcher(None, [key(ru, e) for e in a], [key(en, e) for e in b], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                x, y = a[i1 + k], b[j1 + k]
                findings.append(Finding(kind, f"{label} differ: {x.signature} (ru) vs {y.signature} (en)",
                                        **places(ru, x.line, en, y.line)))
            for x in a[i1 + pairs : i2]:
                findings.append(Finding(kind, f"{label} differ: {len(a)} (ru) vs {len(b)} (en); only in ru: {x.signature}",
                                        **places(ru, x.line, en, counterpart(x.line, ru, en))))
            for y in b[j1 + pairs : j2]:
                findings.append(Finding(kind, f"{label} differ: {len(a)} (ru) vs {len(b)} (en); only in en: {y.signature}",
                                        **places(ru, counterpart(y.line, en, ru), en, y.line)))
    return findings


def by_section(page: Page, facts: list[Located], sectioned: bool) -> dict[tuple[int, str], list[Located]]:
    grouped: dict[tuple[int, str], list[Located]] = defaultdict(list)
    for fact in facts:
        grouped[(page.section_of(fact.line) if sectioned else 0, fact.kind)].append(fact)
    return grouped


def only_here(mine: list[Located], theirs: list[Located]) -> list[list[Located]]:
    """My facts the other version lacks (as a multiset), grouped by line, in order."""
    missing = Counter(f.value for f in mine) - Counter(f.value for f in theirs)
    lines: dict[int, list[Located]] = {}
    for fact in mine:
        if missing[fact.value] > 0:
            missing[fact.value] -= 1
            lines.setdefault(fact.line, []).append(fact)
    return list(lines.values())


def translated_code(facts: list[Located], allow: AllowList, used: set[int]) -> list[Located]:
    """The Russian page's inline code with the allow-list's [code] parts put in English."""
    out = []
    for fact in facts:
        if fact.kind == "inline code":
            for ru_text, en_text, line in allow.code:
                if ru_text in fact.value:
                    fact = replace(fact, value=fact.value.replace(ru_text, en_text))
                    used.add(line)
        out.append(fact)
    return out


def compare_facts(ru: Page, en: Page, allow: AllowList | None = None, used: set[int] | None = None) -> list[Finding]:
    """Per section (when the headings agree, else per page): the same multiset of each kind of fact."""
    sectioned = [h.signature for h in ru.doc.headings] == [h.signature for h in en.doc.headings]
    ru_list = translated_code(ru.facts(), allow or AllowList(), set() if used is None else used)
    ru_facts, en_facts = by_section(ru, ru_list, sectioned), by_section(en, en.facts(), sectioned)
    findings = []
    for key in sorted(set(ru_facts) | set(en_facts), key=lambda k: (k[0], FACT_KINDS.index(k[1]))):
        kind = key[1]
        ru_only = only_here(ru_facts.get(key, []), en_facts.get(key, []))
        en_only = only_here(en_facts.get(key, []), ru_facts.get(key, []))
        for k in range(max(len(ru_only), len(en_only))):
            a = ru_only[k] if k < len(ru_only) else []
            b = en_only[k] if k < len(en_only) else []
            ru_line = a[0].line if a else counterpart(b[0].line, en, ru)
            en_line = b[0].line if b else counterpart(a[0].line, ru, en)
            shown = lambda facts: ", ".join(f.value for f in facts) or "none"
            findings.append(Finding(kind, f"{kind} differ: {shown(a)} (ru) vs {shown(b)} (en)",
                                    **places(ru, ru_line, en, en_line)))
    return findings


def untranslated(ru: Page, en: Page, allow: AllowList, used: set[int]) -> list[Finding]:
    findings = []
    for page, other in ((ru, en), (en, ru)):
        for prose, inline in page.inline:
            if prose.role == "link-definition":
                continue
            text = inline.prose
            if page.lang == "ru":  # the title of an external (usually English) source, kept as it is
                for start, end in inline.external_link_text:
                    text = mask(text, start, end)
            text = mask_allowed(text, allow.untranslated, used)
            if page.lang == "en":
                hits, message = cyrillic_words(text), "Cyrillic text in the English page"
            else:
                hits, message = english_runs(text), "English text in the Russian page"
            for hit in hits:
                line = prose.line_at(hit.offset)
                where = places(ru, line, en, counterpart(line, ru, en)) if page is ru else \
                    places(ru, counterpart(line, en, ru), en, line)
                findings.append(Finding("untranslated", f'{message}: "{hit.text}"', **where))
    return findings
