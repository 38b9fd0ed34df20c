"""In a real Chromium: the language switch stays on the page, also after instant
navigation, and each language searches only its own pages."""

from __future__ import annotations

import pytest

from tests.browser import require_chromium
from tests.pages import LANGUAGES, page_sources, page_url

require_chromium()


def _navigate_instantly(page, link: str, url: str) -> None:
    page.evaluate("window.__samePage = true")
    page.click(link)
    page.wait_for_url(url)
    assert page.evaluate("window.__samePage === true"), "expected Material's instant navigation"


def _switch_language(page, lang: str, url: str) -> None:
    page.hover(".md-header__option .md-select")
    # Wait for this very load: a hash change just before is a navigation too.
    with page.expect_navigation(url=url, wait_until="load"):
        page.click(f".md-select__link[hreflang={lang}]")


SIDEBAR = "nav.md-nav--primary a[href$='{}']"
PREVIOUS = "a.md-footer__link--prev"
NEXT = "a.md-footer__link--next"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(page_sources()))
def test_language_switch_on_every_page_keeps_the_heading(page, site_url, name, lang):
    other = next(language for language in LANGUAGES if language != lang)
    page.goto(page_url(site_url, name, lang))
    heading = page.evaluate("Array.from(document.querySelectorAll('article h2[id]')).pop().id")
    page.evaluate(f"location.hash = '#{heading}'")
    page.wait_for_url(f"{page_url(site_url, name, lang)}#{heading}")
    target = f"{page_url(site_url, name, other)}#{heading}"
    _switch_language(page, other, target)
    assert page.url == target
    assert page.evaluate("document.documentElement.lang") == other
    assert page.evaluate(f"document.getElementById('{heading}') !== null"), "the same heading exists"


@pytest.mark.parametrize("start,link,target,heading,other,lang", [
    ("agents/", SIDEBAR.format("open-lines-cron/"), "open-lines-cron/", "modes", "en/open-lines-cron/", "en"),
    ("en/open-lines-cron/", PREVIOUS, "en/agents/", "limits", "agents/", "ru"),
    ("en/agents/", PREVIOUS, "en/", "lessons", "", "ru"),
    ("open-lines-cron/", NEXT, "lab/", "scenarios", "en/lab/", "en"),
])
def test_language_switch_after_instant_navigation(page, site_url, start, link, target, heading, other, lang):
    page.goto(site_url + start)
    _navigate_instantly(page, link, site_url + target)
    page.evaluate(f"location.hash = '#{heading}'")
    page.wait_for_url(f"{site_url}{target}#{heading}")
    _switch_language(page, lang, f"{site_url}{other}#{heading}")
    assert page.url == f"{site_url}{other}#{heading}"
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate(f"document.getElementById('{heading}') !== null"), "the same heading exists"


def _search(page, query: str) -> list[str]:
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # Material reads the query on key events
    page.wait_for_selector(".md-search-result__link", timeout=10_000)
    # One item per page: the page's link first, then links to its sections.
    return [item.query_selector(".md-search-result__link").get_attribute("href")
            for item in page.query_selector_all(".md-search-result__item")]


@pytest.mark.parametrize("start,query,lang", [
    ("", "агентов", "ru"), ("agents/", "ограничения", "ru"), ("", "AddAgent", "ru"),
    ("en/", "limits", "en"), ("en/agents/", "agents", "en"),
])
def test_search_finds_only_this_languages_pages(page, site_url, start, query, lang):
    page.goto(site_url + start)
    results = _search(page, query)
    assert results, f"no results for {query!r}"
    pages = [href.split("?")[0].split("#")[0] for href in results]
    assert len(pages) == len(set(pages)), "the same page twice"
    in_english = [href.startswith(site_url + "en/") for href in pages]
    assert all(in_english) if lang == "en" else not any(in_english)
