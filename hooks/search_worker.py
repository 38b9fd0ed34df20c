"""Material's search runs in the course's worker (docs/assets/js/search-worker.js).

That worker runs Material's own and teaches its lunr what readers type (stems as
prefixes, ё as е, one typo, joined API names: search-words.js) and how they look for a
section (search-rank.js). Material starts the worker its page config names, so every
page (the 404 page too) names ours, with Material's worker as `?material=`, relative to
ours: Material's file keeps its hashed name and its place.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from every_html_page import block_filter
from material_config import edit_material_config

WORKER = "assets/js/search-worker.js"
MATERIAL_WORKERS = "assets/javascripts/workers/"


def _name_the_worker(output: str, where: str, config: MkDocsConfig) -> str:
    def use_course_worker(material_config: dict) -> None:
        material = material_config["search"]
        if MATERIAL_WORKERS not in material:
            raise PluginError(f"{where}: Material's search worker {material!r} is not under {MATERIAL_WORKERS}; "
                              "the theme changed")
        ours = material[:material.index(MATERIAL_WORKERS)] + WORKER
        material_config["search"] = ours + "?material=" + quote(posixpath.relpath(material, posixpath.dirname(ours)))

    return edit_material_config(output, where, use_course_worker)


on_env = block_filter("search_worker", _name_the_worker)  # overrides/main.html: the config block
