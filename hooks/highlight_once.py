"""Highlight a page's code once for all its languages.

A lesson shows the same code in each language (its examples are the same snippet files,
its other blocks are rarely translated), and Pygments is about a fifth of a full build.
pymdownx.highlight calls `pygments.highlight(src, lexer, formatter)` for every block;
here that call is remembered for the rest of the build, keyed by the page (its path
without the language), the code, and the lexer's and formatter's classes and options
(with the two settings pymdownx's formatter and PHP's lexer keep outside their options),
so a block the other language's copy of the page shares reuses it: the HTML pygments
made for the same input.

Keyed by page, not by code alone: reuse across pages would be safe too, but a real
course seldom repeats a block between lessons, while the 100-lesson benchmark
(bench/scale.py) copies two lessons fifty times; the page key keeps the benchmark's
saving the one a real course gets.
"""

from __future__ import annotations

import pygments
import pymdownx.highlight
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from i18n_site import languages

# Highlighted HTML by (page, code, lexer, formatter), for the whole build (both languages).
_done: dict[tuple, str] = {}
# The page being converted: its path without the language (agents.ru.md -> agents).
_page = ""


def page_key(src_path: str, lang: str) -> str:
    suffix = f".{lang}.md"
    return src_path[:-len(suffix)] if src_path.endswith(suffix) else src_path


def _options(options: dict) -> str:
    return repr(sorted(options.items()))


def highlight_once(src, lexer, formatter, outfile=None):
    """pygments.highlight, remembered (`outfile` is never passed by pymdownx; kept for the signature)."""
    if outfile is not None:
        return pygments.highlight(src, lexer, formatter, outfile)
    key = (_page, src, type(lexer), _options(lexer.options), getattr(lexer, "startinline", None),
           type(formatter), _options(formatter.options), getattr(formatter, "pymdownx_inline", None))
    html = _done.get(key)
    if html is None:
        html = _done[key] = pygments.highlight(src, lexer, formatter)
    return html


def on_config(config: MkDocsConfig) -> None:
    # The name pymdownx.highlight calls (it imports it from pygments). Checked here, so an
    # upgrade that moves the call fails the build instead of silently losing the saving;
    # a second load of this hook (by name) replaces the first one's wrapper, never wraps it.
    called = pymdownx.highlight.highlight
    if called is not pygments.highlight and getattr(called, "__name__", "") != "highlight_once":
        raise PluginError("pymdownx.highlight no longer calls pygments.highlight by that name: "
                          "see hooks/highlight_once.py")
    pymdownx.highlight.highlight = highlight_once


def on_pre_build(config: MkDocsConfig) -> None:
    if not languages(config).nested:  # a new build (a save under `make serve` too) starts empty
        _done.clear()


@event_priority(-200)  # after mkdocs-static-i18n's build of the other languages (-100), which reuses it
def on_post_build(config: MkDocsConfig) -> None:
    if not languages(config).nested:  # not kept while `make serve` waits for the next save
        _done.clear()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    global _page
    _page = page_key(page.file.src_path, languages(config).current)
    return markdown
