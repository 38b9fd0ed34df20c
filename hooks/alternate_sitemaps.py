"""An empty sitemap beside every hreflang alternate, so no page logs a 404.

Material's language code fetches `sitemap.xml` relative to each `<link rel="alternate"
hreflang>` of a page: it expects the alternates to be language roots, but
mkdocs-static-i18n makes them the page's own translations (`/agents/`, `/en/agents/`),
so every lesson asked for `/agents/sitemap.xml` and `/en/agents/sitemap.xml` and got
a 404 in the console (mkdocs-material#6582). An empty sitemap there gives Material
nothing to remap, which is right: the language switch is ours
(assets/js/language-switch.js). Language roots keep their real sitemaps.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from i18n_site import languages

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="[^"]+">')
EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n')


# Folders the pages' alternates point into, from the pages this build wrote.
_folders: set[str] = set()


def on_pre_build(config: MkDocsConfig) -> None:
    if not languages(config).nested:  # the languages after the first add theirs
        _folders.clear()  # none left by a build that failed (`make serve` keeps this module)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The <link>s are in the <head>: the rest of the page (most of it) is not searched.
    head = output[:output.find("</head>")]
    page_url = "http://site/" + page.file.dest_uri
    for href in ALTERNATE.findall(head):
        path = urlsplit(urljoin(page_url, href)).path
        _folders.add(path if path.endswith("/") else path.rsplit("/", 1)[0] + "/")
    return output


@event_priority(-200)  # after mkdocs-static-i18n has built every language (-100)
def on_post_build(config: MkDocsConfig) -> None:
    if languages(config).nested:
        return
    site = Path(config.site_dir)
    for folder in sorted(_folders):
        sitemap = site / folder.lstrip("/") / "sitemap.xml"
        if sitemap.parent.is_dir() and not sitemap.exists():
            sitemap.write_text(EMPTY_SITEMAP, encoding="utf-8")
