"""The site builds strictly, and every page exists in both languages, linked both ways."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from mkdocs.exceptions import PluginError
from exercises import lesson_exercises
from glossary import read_glossary
from search_per_language import on_config
from search_sections import mark_sections

from tests.pages import LANGUAGES, built_path, page_sources, parse, slug

PAGES = sorted(page_sources())


def test_strict_build_passes(site_build):
    assert site_build.returncode == 0, site_build.stderr[-4000:]
    warnings = [line for line in site_build.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert warnings == []


def test_every_page_has_both_languages():
    missing = {page: sorted(set(LANGUAGES) - set(langs)) for page, langs in page_sources().items()
               if set(langs) != set(LANGUAGES)}
    assert missing == {}, "pages need exactly page.ru.md and page.en.md"


def test_lessons_are_in_the_course():
    assert {"index", "agents", "open-lines-cron"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_page_is_built_in_both_languages_with_hreflang_alternates(site, page):
    urls = {lang: ("/" if lang == "ru" else f"/{lang}/") + slug(page) for lang in LANGUAGES}
    for lang in LANGUAGES:
        path = built_path(site, page, lang)
        assert path.is_file(), f"{urls[lang]} was not built"
        tree = parse(path)
        assert tree.css_first("html").attributes["lang"] == lang
        alternates = {
            link.attributes["hreflang"]: urljoin(urls[lang], link.attributes["href"])
            for link in tree.css('head link[rel="alternate"][hreflang]')
        }
        assert alternates == urls, f"{urls[lang]}: hreflang alternates"
        menu = {a.attributes["hreflang"]: urljoin(urls[lang], a.attributes["href"])
                for a in tree.css("a.md-select__link[hreflang]")}
        assert menu == urls, f"{urls[lang]}: language menu"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(site, lang):
    prefix = "" if lang == "ru" else f"{lang}/"
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"][0] == lang
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations)), "a page is indexed twice"
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages == {slug(page) for page in PAGES}
    cyrillic_titles = [doc["title"] for doc in index["docs"] if re.search("[а-яё]", doc["title"], re.I)]
    if lang == "ru":
        assert len(cyrillic_titles) == len(index["docs"])
    else:
        assert cyrillic_titles == []
    # The lessons' recaps are marked for the worker to rank below what they recap, and nothing else is.
    recaps = {doc["location"] for doc in index["docs"] if doc.get("recap")}
    assert recaps == {f"{slug(page)}#{anchor}" for page in ("agents", "open-lines-cron")
                      for anchor in ("key-points", "check-yourself")}
    # So are the exercises, below what they ask about; the heading they stand under is not one.
    exercises = {doc["location"] for doc in index["docs"] if doc.get("exercise")}
    assert exercises == {f"{slug(exercise['page'])}#{exercise['anchor']}" for exercise in lesson_exercises(lang)}
    assert len(exercises) == 6


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_load_search_and_instant_navigation_from_their_own_language(site, lang):
    """Material reads the search index and the sitemap from its config's base."""
    for page in PAGES:
        path = built_path(site, page, lang)
        config = json.loads(parse(path).css_first("script#__config").text())
        page_url = "http://site/" + path.relative_to(site).as_posix()
        base = urljoin(page_url, config["base"]).removeprefix("http://site/")
        assert base == ("" if lang == "ru" else f"{lang}/"), f"{path}: base {config['base']}"
        assert (site / base / "sitemap.xml").is_file()


def test_nothing_is_loaded_from_another_origin(site):
    foreign = re.compile(r"^(https?:)?//", re.I)
    for path in site.rglob("*.html"):
        tree = parse(path)
        for node in tree.css("script[src], link[href], img[src], iframe[src], source[src]"):
            if node.tag == "link" and node.attributes.get("rel") in ("alternate", "canonical"):
                continue
            url = node.attributes.get("src") or node.attributes.get("href") or ""
            assert not foreign.match(url), f"{path.relative_to(site)} loads {url}"
    for css in site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_no_script_blocks_the_first_paint(site):
    """hooks/defer_scripts.py: Material's bundle and ours run after parsing, in order."""
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 2 * len(PAGES)
    for path in pages:
        scripts = parse(path).css("script[src]")
        assert scripts, f"{path.relative_to(site)} has no script"
        for node in scripts:
            where = f"{path.relative_to(site)}: {node.attributes['src']}"
            assert "defer" in node.attributes, f"{where} blocks the first paint"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_tooltip_in_a_heading(site, lang):
    """A heading (the page's h1 included) is a title: no dotted underline in it."""
    for page in page_sources():
        tree = parse(built_path(site, page, lang))
        inside = [h.text(strip=True) for h in tree.css("article h1, article h2, article h3, article h4")
                  if h.css_first("abbr") is not None]
        assert not inside, f"{page} ({lang}): headings with a glossary tooltip: {inside}"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_glossary_terms_are_tooltips(site, lang):
    agents = parse(built_path(site, "agents", lang))
    terms = [abbr.text().casefold() for abbr in agents.css("article abbr[title]")]
    expected = {"ru": {"агент", "агенты", "cron", "периодический", "непериодический"},
                "en": {"agent", "agents", "cron", "periodic", "non-periodic"}}[lang]
    assert expected <= set(terms)
    # Explained on its first use only; later uses stay in the text, without a tooltip.
    assert len(terms) == len(set(terms)), f"a term has more than one tooltip: {sorted(terms)}"
    article = agents.css_first("article").text().casefold()
    assert article.count({"ru": "агент", "en": "agent"}[lang]) > 10
    olc = parse(built_path(site, "open-lines-cron", lang))
    terms = {abbr.text() for abbr in olc.css("article abbr[title]")}
    assert {"ru": "Открытых линий", "en": "Open Lines"}[lang] in terms
    assert {"ru": "хитах", "en": "hits"}[lang] in terms


def test_the_courses_own_scripts_and_styles_are_minified(site):
    """hooks/minify_assets.py: each file of docs/assets/ ships minified (a lesson's budget),
    and the source in docs/ stays as written."""
    from minify_assets import SOURCES, own_assets

    assets = own_assets()
    assert {path.suffix for path in assets} == {".js", ".css"}
    for path in assets:
        source, shipped = (SOURCES / path).read_text(encoding="utf-8"), (site / "assets" / path).read_text(encoding="utf-8")
        assert len(shipped) < 0.8 * len(source), f"assets/{path} is not minified ({len(shipped)} of {len(source)} chars)"


@pytest.mark.parametrize("key", ["search_recaps", "search_exercises"])
def test_a_bad_search_marks_list_is_named(key):
    with pytest.raises(PluginError, match=rf"mkdocs.yml: extra.{key} must be a list of heading ids, got 'key-points'"):
        on_config(SimpleNamespace(extra={key: "key-points"}))


def test_recaps_are_marked_by_their_own_id_and_exercises_by_a_heading_above():
    docs = [{"location": "agents/#key-points"}, {"location": "agents/#exercises"},
            {"location": "agents/#exercise-three-runs", "parents": ["agents/#exercises"]},
            {"location": "lab/#quiet-night", "parents": ["lab/#scenarios"]}]
    mark_sections(docs, SimpleNamespace(extra={"search_recaps": ["key-points"], "search_exercises": ["exercises"]}))
    assert [(doc.get("recap", False), doc.get("exercise", False)) for doc in docs] == [
        (True, False), (False, False), (False, True), (False, False)]


def test_a_bad_glossary_line_is_named(tmp_path):
    path = tmp_path / "glossary.en.md"
    path.write_text("*[agent]: A PHP function\n\n*[hit] One request\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"glossary.en.md:3: not a glossary line"):
        read_glossary(path)
    path.write_text("*[agent]: A PHP function\n*[hits]: Requests\n", encoding="utf-8")
    assert read_glossary(path) == {"agent": "A PHP function", "hits": "Requests"}
