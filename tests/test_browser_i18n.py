"""In a real Chromium: the language switch stays on the page, also after instant
navigation. (That each language searches only its own pages: test_browser_search.py.)"""

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
