"""Run one transformation on every HTML page the build writes.

The pages go through `on_post_page`; the 404 page is a theme template, not a page, and
goes through `on_post_template`. A hook that must touch all of them takes both from here:

    on_post_page, on_post_template = every_html_page(transform)

A change that lies inside one of Material's template blocks is cheaper as a filter of
that block: overrides/main.html, which every page and the 404 page extend, passes the
block's own output (a few hundred bytes, not the whole page) through it:

    on_env = block_filter("defer_scripts", transform)

`transform(html, where, config)` gets the page's source path or the template's name for
errors, and the build's config (the language being built, for one).
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

Transform = Callable[[str, str, MkDocsConfig], str]


def every_html_page(transform: Transform):
    def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
        return transform(output, page.file.src_uri, config)

    def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
        return transform(output, template_name, config) if template_name.endswith(".html") else output

    return on_post_page, on_post_template


def block_filter(name: str, transform: Transform):
    """An `on_env` hook that makes `transform` the Jinja filter `name` (each language's
    build registers it again, with its own config)."""
    def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        @jinja2.pass_context
        def apply(context: jinja2.runtime.Context, html: str) -> str:
            page = context.get("page")
            return transform(html, page.file.src_uri if page else context.name, config)

        env.filters[name] = apply
        return env

    return on_env
