"""Glossary tooltips in each page's own language, on each term's first use.

The terms differ by language, so each page's Markdown gets the glossary of its own
language, `snippets/glossary.<lang>.md`, as the `glossary` of Python-Markdown's abbr
extension, which then turns the terms into tooltips. (Appended to every page as
`*[term]: definition` lines, the glossary cost a pass of every block processor per
line and page: a tenth of a 100-lesson build's extra time over plain Material.)

The abbr extension marks every occurrence: "agent" alone 36 times in the Agents lesson.
A term is explained where it is first used, as in print, so later occurrences are
plain text again. That is also 78 fewer tooltips on /en/agents/ for Material to mount and restyle
while the page starts, on a phone the largest share of a lesson's own start-up work
after its code (issue 7).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from i18n_site import languages

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
# The abbr extension's output; a term is a plain word or phrase, never markup.
ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


# A glossary line, as the abbr extension reads one: *[term]: definition
TERM = re.compile(r"^\*\[(?P<term>[^\]]+)\] ?:\s*(?P<definition>.*?)\s*$")


def read_glossary(path: Path) -> dict[str, str]:
    """term -> definition; a line that is neither one nor blank is an error naming it."""
    if not path.is_file():
        raise PluginError(f"{path}: the glossary of this language is missing")
    terms: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = TERM.match(line)
        if match and match["definition"]:
            terms[match["term"].strip()] = match["definition"]
        elif line.strip():
            raise PluginError(f"{path}:{number}: not a glossary line (`*[term]: definition`)")
    return terms


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Read for every page (a few lines): a glossary edited while serving reaches the next page built.
    glossary = read_glossary(SNIPPETS / f"glossary.{languages(config).current}.md")
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary}
    return markdown


# A heading is a title, not prose: a dotted underline in it reads as a link that is not one.
HEADING = re.compile(r"<h([1-6])\b.*?</h\1>", re.S)


def first_uses_only(html: str) -> str:
    """Keep the tooltip on the first use of each term (any capitalisation) outside the
    headings, unwrap the rest."""
    html = HEADING.sub(lambda m: ABBR.sub(r"\1", m.group(0)), html)
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        term = match.group(1).casefold()
        if term in seen:
            return match.group(1)
        seen.add(term)
        return match.group(0)

    return ABBR.sub(keep_first, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return first_uses_only(html)
