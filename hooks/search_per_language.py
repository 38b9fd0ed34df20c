"""One search index per language.

mkdocs-static-i18n merges every language into one index at the site root, so a
Russian reader would be offered English pages and the other way round. After the
whole build we split it: the default language keeps `search/search_index.json`,
every other language gets `<lang>/search/search_index.json` with its own lunr
language. Material loads the index (and the sitemap that drives instant
navigation) from the `base` of its page config, so the pages of another language
get `<lang>/` as their base, and `<lang>/sitemap.xml` lists that language's pages.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from every_html_page import block_filter
from i18n_site import languages
from material_config import edit_material_config
from search_sections import add_parents, mark_sections, marked_ids, record

# Latin words (cron, CAgent::AddAgent) sit in Russian prose too: lunr's Russian
# trimmer alone would strip them, so Russian pages are indexed as ru + en.
SEARCH_LANGS = {"ru": ["ru", "en"]}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def on_config(config: MkDocsConfig) -> None:
    marked_ids(config)  # a bad list is named before the build, not after it


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    record(page)
    return html


def _own_base(output: str, where: str, config: MkDocsConfig) -> str:
    prefix = languages(config).current_prefix
    if not prefix:
        return output

    def rebase(material_config: dict) -> None:
        # The trailing slash matters: the browser resolves "search/…" against it.
        material_config["base"] = material_config["base"].rstrip("/") + "/" + prefix

    return edit_material_config(output, where, rebase)


# overrides/main.html: the config block of every page, the 404 page's too (hooks/not_found.py
# writes each language's own).
on_env = block_filter("search_base", _own_base)


@event_priority(-200)  # after mkdocs-static-i18n has merged the languages' entries (-100)
def on_post_build(config: MkDocsConfig) -> None:
    langs = languages(config)
    if langs.nested:
        return
    site = Path(config.site_dir)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    add_parents(index["docs"])
    mark_sections(index["docs"], config)
    others = {lang: prefix for lang, prefix in langs.prefixes.items() if prefix}
    for lang, prefix in langs.prefixes.items():
        docs = [doc for doc in index["docs"] if _language_of(doc["location"], others, langs.default) == lang]
        for doc in docs:
            doc["location"] = doc["location"].removeprefix(prefix)
            if "parents" in doc:
                doc["parents"] = [parent.removeprefix(prefix) for parent in doc["parents"]]
        lang_index = {"config": {**index["config"], "lang": SEARCH_LANGS.get(lang, [lang])}, "docs": docs}
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(lang_index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        if prefix:
            _write_language_sitemap(site, config.site_url or "", prefix)


def _language_of(location: str, others: dict[str, str], default: str) -> str:
    for lang, prefix in others.items():
        if location.startswith(prefix):
            return lang
    return default


def _write_language_sitemap(site: Path, site_url: str, prefix: str) -> None:
    """Material's instant navigation only follows links its base's sitemap lists."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    tree = ET.parse(site / "sitemap.xml")
    root = tree.getroot()
    language_root = site_url.rstrip("/") + "/" + prefix
    for url in list(root):
        loc = url.find(f"{{{SITEMAP_NS}}}loc")
        if loc is None or not (loc.text or "").strip().startswith(language_root):
            root.remove(url)
    tree.write(site / prefix / "sitemap.xml", encoding="utf-8", xml_declaration=True)
