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
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from i18n_site import languages

# Latin words (cron, CAgent::AddAgent) sit in Russian prose too: lunr's Russian
# trimmer alone would strip them, so Russian pages are indexed as ru + en.
SEARCH_LANGS = {"ru": ["ru", "en"]}
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    prefix = languages(config).current_prefix
    if not prefix:
        return output

    def rebase(match: re.Match) -> str:
        material_config = json.loads(match.group(2))
        # The trailing slash matters: the browser resolves "search/…" against it.
        material_config["base"] = material_config["base"].rstrip("/") + "/" + prefix
        return match.group(1) + json.dumps(material_config, ensure_ascii=False) + match.group(3)

    output, count = CONFIG_SCRIPT.subn(rebase, output, count=1)
    if count != 1:
        raise RuntimeError(f"{page.file.src_uri}: Material's __config script not found; the theme changed")
    return output


@event_priority(-200)  # after mkdocs-static-i18n has merged the languages' entries (-100)
def on_post_build(config: MkDocsConfig) -> None:
    langs = languages(config)
    if langs.nested:
        return
    site = Path(config.site_dir)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    others = {lang: prefix for lang, prefix in langs.prefixes.items() if prefix}
    for lang, prefix in langs.prefixes.items():
        docs = [doc for doc in index["docs"] if _language_of(doc["location"], others, langs.default) == lang]
        for doc in docs:
            doc["location"] = doc["location"].removeprefix(prefix)
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
