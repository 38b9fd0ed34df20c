"""What the tests know about the course's pages: sources, built files, text."""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"


def page_sources() -> dict[str, dict[str, Path]]:
    """Every page of docs/ by its name without the language suffix: {"agents": {"ru": path, ...}}."""
    pages: dict[str, dict[str, Path]] = {}
    for path in sorted(DOCS.rglob("*.md")):
        name = path.relative_to(DOCS).with_suffix("").as_posix()
        page, dot, lang = name.rpartition(".")
        if not dot:  # no language suffix: reported by the tests, never built silently
            page, lang = name, ""
        pages.setdefault(page, {})[lang] = path
    return pages


def slug(page: str) -> str:
    """The page's URL path inside one language: "" for the home page, "agents/" for a lesson."""
    return "" if page == "index" else page.removesuffix("/index") + "/"


def page_url(site_url: str, page: str, lang: str) -> str:
    """The page's address in a served site (site_url ends with a slash)."""
    return site_url + ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + slug(page)


def built_path(site: Path, page: str, lang: str) -> Path:
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return site / prefix / slug(page) / "index.html"


def parse(path: Path) -> HTMLParser:
    return HTMLParser(path.read_text(encoding="utf-8"))


def article_text(tree: HTMLParser) -> str:
    """The page's own content as a reader sees it, whitespace collapsed."""
    article = tree.css_first("article")
    return re.sub(r"\s+", " ", article.text(separator="") if article else "")
