"""Run one transformation on every HTML page the build writes.

The pages go through `on_post_page`; the 404 page is a theme template, not a page, and
goes through `on_post_template`. A hook that must touch all of them takes both from here:

    on_post_page, on_post_template = every_html_page(transform)

`transform(html, where, config)` gets the page's source path or the template's name for
errors, and the build's config (the language being built, for one).
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

Transform = Callable[[str, str, MkDocsConfig], str]


def every_html_page(transform: Transform):
    def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
        return transform(output, page.file.src_uri, config)

    def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
        return transform(output, template_name, config) if template_name.endswith(".html") else output

    return on_post_page, on_post_template
