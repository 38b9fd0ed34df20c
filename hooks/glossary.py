"""Glossary tooltips in each page's own language, on each term's first use.

pymdownx.snippets' `auto_append` is one list for the whole site, but the terms
differ by language, so each page gets `snippets/glossary.<its language>.md`
appended here; pymdownx.abbr then turns the terms into tooltips.

pymdownx.abbr marks every occurrence: "agent" alone 36 times in the Agents lesson.
A term is explained where it is first used, as in print, so later occurrences are
plain text again. That is also 78 fewer tooltips on /en/agents/ for Material to mount and restyle
while the page starts, on a phone the largest share of a lesson's own start-up work
after its code (issue 7).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from i18n_site import languages

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
# pymdownx.abbr's output; a term is a plain word or phrase, never markup.
ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    glossary = f"glossary.{languages(config).current}.md"
    if not (SNIPPETS / glossary).is_file():
        raise FileNotFoundError(f"{SNIPPETS / glossary}: the glossary of this language is missing")
    return f'{markdown}\n\n--8<-- "{glossary}"\n'


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
