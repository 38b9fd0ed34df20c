"""Glossary tooltips in each page's own language.

pymdownx.snippets' `auto_append` is one list for the whole site, but the terms
differ by language, so each page gets `snippets/glossary.<its language>.md`
appended here; pymdownx.abbr then turns the terms into tooltips.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from i18n_site import languages

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    glossary = f"glossary.{languages(config).current}.md"
    if not (SNIPPETS / glossary).is_file():
        raise FileNotFoundError(f"{SNIPPETS / glossary}: the glossary of this language is missing")
    return f'{markdown}\n\n--8<-- "{glossary}"\n'
