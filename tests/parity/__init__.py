"""Translation parity of the course: every page.ru.md against its page.en.md.

    python -m tests.parity            # report on docs/, exit 0 clean, 1 findings, 2 bad usage

Modules, one job each: scanner (Markdown structure by line), facts (numbers, code,
paths, API names, URLs in prose), language (untranslated text), pages (one page read,
alignment of lines across languages), compare (a page pair), glossary (the two
glossaries), config (mkdocs.yml), allowlist (tests/parity_allowlist.txt), findings.
"""

from __future__ import annotations

from pathlib import Path

from .allowlist import DEFAULT_ALLOWLIST, AllowList, load
from .compare import compare_pages
from .config import check_config
from .findings import ROOT, Finding, Place
from .glossary import compare_glossaries
from .pages import Page

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
MKDOCS_YML = ROOT / "mkdocs.yml"
LANGUAGES = ("ru", "en")

__all__ = ["Finding", "check", "check_pair", "pair_pages", "DOCS", "SNIPPETS", "MKDOCS_YML", "DEFAULT_ALLOWLIST"]


def pair_pages(docs: Path) -> dict[str, dict[str, Path]]:
    """Every Markdown page of docs/ by its name without the language suffix (as tests/pages.py does)."""
    pages: dict[str, dict[str, Path]] = {}
    for path in sorted(Path(docs).rglob("*.md")):
        name = path.relative_to(docs).with_suffix("").as_posix()
        page, dot, lang = name.rpartition(".")
        if not dot:
            page, lang = name, ""
        pages.setdefault(page, {})[lang] = path
    return pages


def check_pair(ru: Path, en: Path, allow: AllowList | None = None, used: set[int] | None = None) -> list[Finding]:
    return compare_pages(Page.read(ru, "ru"), Page.read(en, "en"), allow or AllowList(), set() if used is None else used)


def check(docs: Path = DOCS, snippets: Path | None = SNIPPETS, config: Path | None = MKDOCS_YML,
          allowlist: Path | None = DEFAULT_ALLOWLIST) -> list[Finding]:
    """All findings for a docs directory, its glossaries and its mkdocs.yml (None: skip that part)."""
    allow = load(allowlist)
    used: set[int] = set()
    findings: list[Finding] = []
    if config is not None:
        findings += check_config(config, LANGUAGES)
    for name, versions in pair_pages(docs).items():
        unknown = sorted(set(versions) - set(LANGUAGES))
        for lang in unknown:
            why = "has no language suffix (.ru.md / .en.md)" if not lang else f"has an unknown language suffix .{lang}"
            findings.append(Finding("missing-page", f"page {why}", other=Place(versions[lang])))
        present = [lang for lang in LANGUAGES if lang in versions]
        if not present:
            continue
        if len(present) < len(LANGUAGES):
            have = present[0]
            missing = next(lang for lang in LANGUAGES if lang not in versions)
            expected = versions[have].with_name(f"{name.rsplit('/', 1)[-1]}.{missing}.md")
            places = {have: Place(versions[have], 1), missing: Place(expected)}
            findings.append(Finding("missing-page", f"the {missing} translation of this page is missing", **places))
            continue
        findings += check_pair(versions["ru"], versions["en"], allow, used)
    if snippets is not None:
        glossaries = {lang: Path(snippets) / f"glossary.{lang}.md" for lang in LANGUAGES}
        absent = [path for path in glossaries.values() if not path.is_file()]
        for path in absent:
            findings.append(Finding("glossary", "the glossary of this language is missing", other=Place(path)))
        if not absent:
            findings += compare_glossaries(glossaries["ru"], glossaries["en"], allow, used)
    if allow.path is not None:
        entries = [(e.line, e.text) for e in allow.untranslated] + [
            (line, f"{r} = {e}") for r, e, line in allow.glossary + allow.code]
        for line, text in sorted(entries):
            if line not in used:
                findings.append(Finding("allow-list", f"unused allow-list entry {text!r}: remove it",
                                        other=Place(allow.path, line)))
    return findings
