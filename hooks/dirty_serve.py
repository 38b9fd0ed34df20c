"""`make serve` rebuilds only what a save changed (`mkdocs serve --dirty`, issue 18), and
this hook keeps such a rebuild true to the whole site:

- A page is rebuilt when its Markdown changed (MkDocs' own rule), and also when a file
  it depends on changed: a snippet in a folder it includes, the glossary of its language,
  agentlab (for a page with examples), mkdocs.yml.
- A page that is not rebuilt keeps, from the build that last rendered it, its title (the
  nav and the footer of the rebuilt page show it), its anchors (a link to one of them is
  checked) and its own links to anchors (checked again, so removing a heading that another
  page links to is reported). A broken link or anchor prints a WARNING in the terminal.
- The search index keeps every page: the entries of a page that is not rebuilt are the
  ones it had. (Material's own dirty-reload merge stacks up again on every rebuild under
  mkdocs-static-i18n, which adds each language's entries to the last index: it grew to
  gigabytes within a few saves, so it is turned off here.)

Nothing happens in a clean build: `make build` and `make test` never see this hook at work.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from example_run import SNIPPETS, agentlab_sources
from i18n_site import languages

_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<path>[^"]+)"', re.M)
_RUN_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}).*\brun\b", re.M)


@dataclass
class _Rendered:
    """What a rendered page leaves for the dirty builds that skip it."""
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]]  # target page's src_uri -> {anchor: link}


_dirty = False
# By the page's source file (unique across languages); kept between the rebuilds of one serve.
_rendered: dict[str, _Rendered] = {}
_search_entries: dict[str, list[dict]] = {}
# The build under way (one language): its pages, and how many search entries were already taken.
_pages: list = []
_counted = 0


def on_startup(command: str, dirty: bool) -> None:
    global _dirty
    _dirty = dirty


def _search_plugin(config: MkDocsConfig):
    return config.plugins.get("material/search") or config.plugins.get("search")


def _search_index(config: MkDocsConfig):
    plugin = _search_plugin(config)
    return plugin.search_index if plugin is not None else None


def on_config(config: MkDocsConfig) -> None:
    if _dirty:
        plugin = _search_plugin(config)
        if plugin is not None:
            plugin.is_dirty = False  # no merge of its own: on_post_build below keeps every page


def _newest_mtime(paths) -> float:
    return max((os.stat(path).st_mtime for path in paths if os.path.isfile(path)), default=0.0)


def _dependencies(markdown: str, lang: str, config: MkDocsConfig) -> list[Path]:
    """The files besides its own Markdown that a page's HTML is made of."""
    found = [SNIPPETS / f"glossary.{lang}.md", Path(config.config_file_path)]
    for folder in {(SNIPPETS / match["path"]).parent for match in _INCLUDE.finditer(markdown)}:
        if folder != SNIPPETS:
            found += [path for path in folder.rglob("*") if path.is_file()]
    if _RUN_FENCE.search(markdown):
        found += agentlab_sources()
    return found


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files (-100)
def on_files(files: Files, config: MkDocsConfig) -> None:
    if not _dirty:
        return
    lang = languages(config).current
    for file in files.documentation_pages():
        if not os.path.isfile(file.abs_dest_path):
            continue  # not built yet: MkDocs builds it anyway
        built = os.stat(file.abs_dest_path).st_mtime
        markdown = Path(file.abs_src_path).read_text(encoding="utf-8")
        if _newest_mtime(_dependencies(markdown, lang, config)) > built:
            os.utime(file.abs_dest_path, (0, 0))  # older than its source: MkDocs rebuilds it


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
    """After every page that changed was rendered, before any is written and checked."""
    global _pages, _counted
    if not _dirty:
        return
    _pages = files.documentation_pages()
    index = _search_index(config)
    _counted = len(index.entries) if index is not None else 0
    for file in _pages:
        page: Page = file.page
        if page is None:
            continue
        if page.content is not None:  # rendered in this build
            _rendered[file.abs_src_path] = _Rendered(
                title=page.title, anchors=set(page.present_anchor_ids or ()),
                links_to_anchors={target.src_uri: dict(links)
                                  for target, links in (page.links_to_anchors or {}).items()})
            continue
        kept = _rendered.get(file.abs_src_path)
        if kept is None:
            continue
        page.markdown = ""  # the title property reads the rendered title only once there is Markdown
        page._title_from_render = kept.title
        page.present_anchor_ids = kept.anchors
        page.links_to_anchors = {target: links for uri, links in kept.links_to_anchors.items()
                                 if (target := files.get_file_from_path(uri)) is not None}


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    global _counted
    index = _search_index(config)
    if _dirty and index is not None:
        _search_entries[page.file.abs_src_path] = index.entries[_counted:]
        _counted = len(index.entries)
    return context


@event_priority(10)  # before the search plugin writes its index (0) and mkdocs-static-i18n takes it (-100)
def on_post_build(config: MkDocsConfig) -> None:
    index = _search_index(config)
    if _dirty and index is not None:
        index.entries[:] = [entry for file in _pages for entry in _search_entries.get(file.abs_src_path, [])]
