"""Which headings a section of the search index stands under, and which sections are recaps
or exercises.

Material indexes each heading's section as a document of its own, with its own title
only: "A failing agent" knows nothing of the "Scenarios" heading above it, though the
reader sees it there. The course's search worker (docs/assets/js/search-rank.js) counts
the words of those headings as the section's title words too; for that, every section
under a heading other than the page's own gets `parents`, the locations of the headings
above it (nearest last), in the index. A lesson's recap sections (mkdocs.yml
`extra.search_recaps`: its key points, its questions) get `recap`: they say again, in a
line, what the sections above them explain, and the worker ranks them below those. The
sections under a lesson's exercises heading (`extra.search_exercises`) get `exercise`:
each names as a task what a section above explains, and the worker ranks them a little
below the explanation. Called by hooks/search_per_language.py.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# Index location of a section ("lab/#failing-agent") -> the locations of its parents.
_parents: dict[str, list[str]] = {}


def record(page: Page) -> None:
    """Note the heading tree of a rendered page (its toc)."""
    def walk(items, above: list[str]) -> None:
        for item in items:
            location = f"{page.url}#{item.id}"
            if above:
                _parents[location] = above
            # The page's own heading (level 1) is the page's document, not a parent.
            walk(item.children, above + [location] if item.level > 1 else above)

    walk(page.toc.items, [])


def add_parents(docs: list[dict]) -> None:
    """Give every indexed section that stands under another heading its `parents`."""
    for doc in docs:
        if doc["location"] in _parents:
            doc["parents"] = _parents[doc["location"]]


def _anchor(location: str) -> str:
    return location.partition("#")[2]


def heading_ids(config: MkDocsConfig, key: str) -> list[str]:
    """`extra.<key>`, checked: a list of heading ids."""
    ids = config.extra.get(key, [])
    if not isinstance(ids, list) or not all(isinstance(anchor, str) and anchor for anchor in ids):
        raise PluginError(f"mkdocs.yml: extra.{key} must be a list of heading ids, got {ids!r}")
    return ids


def marked_ids(config: MkDocsConfig) -> tuple[list[str], list[str]]:
    """`extra.search_recaps` and `extra.search_exercises`, checked."""
    return heading_ids(config, "search_recaps"), heading_ids(config, "search_exercises")


def mark_sections(docs: list[dict], config: MkDocsConfig) -> None:
    """Mark the recaps (their own heading id is one of `extra.search_recaps`) and the
    exercises (a heading above them is one of `extra.search_exercises`); call it after
    add_parents."""
    recaps, exercises = marked_ids(config)
    for doc in docs:
        if _anchor(doc["location"]) in recaps:
            doc["recap"] = True
        if any(_anchor(parent) in exercises for parent in doc.get("parents", [])):
            doc["exercise"] = True
