"""The reader's queries (tests/search_queries.toml, bench/search_holdout.toml) and how a
query is typed into Material's search box in Chromium and its results read, shared by
tests/test_browser_search.py and bench/search.py.

The goals are measured as a reader meets the results, per query and per language:
- first: the result Enter opens (Material opens the highest-scored result on show) is
  the expected section (or, for a query with no section, the expected page);
- top three: the expected section is one of the first three result entries as Material
  lists them: a page's entry, then the sections shown under it (a page whose best
  result is a section shows that section under its title: two entries), then the next
  page's; sections folded under "N more on this page" are not entries.
A query may name, with `also`, other sections that answer it as rightly (the fixture
says why beside it); either counts as the expected section. A query the engine is known
to miss, its expected section not among the first three entries, says why with `miss`:
the test holds it to its being missed still (so the mark goes when it is found), and
the bench counts it like any other.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.pages import DEFAULT_LANGUAGE, LANGUAGES, page_sources, slug
from tests.parity.scanner import heading_ids

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.toml"
HOLDOUT = ROOT / "bench" / "search_holdout.toml"


class QueryFileError(ValueError):
    """A query file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    page: str
    section: str | None
    also: tuple[str, ...] = ()
    miss: str | None = None  # why the engine still misses it

    @property
    def target(self) -> str:
        """The expected result as a location inside the language: "agents/#periodic"."""
        return slug(self.page) + (f"#{self.section}" if self.section else "")


def load_queries(path: Path) -> list[Query]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise QueryFileError(f"{path}: {error}") from None
    sources = page_sources()
    unknown = set(data) - set(LANGUAGES)
    if unknown:
        raise QueryFileError(f"{path}: unknown key {sorted(unknown)[0]!r}; expected one of {list(LANGUAGES)}")
    queries = []
    for lang, entries in data.items():
        for number, entry in enumerate(entries, 1):
            where = f"{path}: {lang}[{number}]"
            if (not isinstance(entry, dict) or set(entry) - {"query", "page", "section", "also", "miss"}
                    or not {"query", "page"} <= set(entry)):
                raise QueryFileError(f"{where}: expected {{ query = ..., page = ..., section = ... (optional), "
                                     "also = [other sections] (optional), miss = why it is missed (optional) }")
            if "miss" in entry and not (isinstance(entry["miss"], str) and entry["miss"].strip()):
                raise QueryFileError(f"{where}: `miss` must say why the engine misses the query")
            if entry["page"] not in sources or lang not in sources[entry["page"]]:
                raise QueryFileError(f"{where}: page {entry['page']!r} has no docs/{entry['page']}.{lang}.md")
            section, also = entry.get("section"), entry.get("also", [])
            if also and (section is None or not isinstance(also, list)):
                raise QueryFileError(f"{where}: `also` must be a list of sections beside a `section`")
            headings = heading_ids(sources[entry["page"]][lang])
            for named in [section, *also] if section is not None else []:
                if named not in headings:
                    raise QueryFileError(f"{where}: section {named!r} is no heading id of docs/{entry['page']}.{lang}.md")
            queries.append(Query(lang, entry["query"], entry["page"], section, tuple(also), entry.get("miss")))
    return queries


def language_root(site_url: str, lang: str) -> str:
    return site_url + ("" if lang == DEFAULT_LANGUAGE else f"{lang}/")


def location(href: str, site_url: str, lang: str) -> str | None:
    """The result's location inside the language ("agents/#periodic"), or None when it
    is a page of another language."""
    roots = {other: language_root(site_url, other) for other in LANGUAGES}
    owner = max((other for other, root in roots.items() if href.startswith(root)), key=lambda other: len(roots[other]),
                default=None)
    return href.removeprefix(roots[lang]) if owner == lang else None


# The answers as the reader meets them, as addresses without a query string:
# `opens`, the result Enter opens (Material's keyboard handler: the link of the highest
# score among the results on show, folded ones too), and `entries`, the result entries
# in the order Material lists them: each page's own entry, then the sections it shows
# under it (those that score as high as the page's best), never the sections folded
# under "N more on this page". A page whose best is a section lists two entries, its
# title and that section; the top three are the first three of these entries.
_ANSWER = """() => {
  const list = document.querySelector('[data-md-component=search-result]')
  const address = link => link.href.split('?')[0] + link.hash
  const scored = Array.from(list.querySelectorAll(':first-child [href]'))
    .map(link => [link, parseFloat(link.firstElementChild.getAttribute('data-md-score'))])
    .sort(([, a], [, b]) => b - a)
  return {
    opens: scored.length ? address(scored[0][0]) : null,
    entries: Array.from(list.querySelectorAll('.md-search-result__item > a.md-search-result__link')).map(address)
  }
}"""
# Every result as Material groups them, one list per page, folded sections too.
_GROUPS = """() => Array.from(document.querySelectorAll('.md-search-result__item')).map(item =>
  Array.from(item.querySelectorAll('a.md-search-result__link')).map(link => link.href.split('?')[0] + link.hash))"""
# Material rewrites the count above the list (and the list) once per result it gets
# from its worker: counting those rewrites tells when the results of a query are in.
_COUNT_RESULTS = """() => {
  window.__searchResults = 0
  new MutationObserver(() => window.__searchResults++)
    .observe(document.querySelector('.md-search-result__meta'), {childList: true, characterData: true})
}"""


def open_search(page) -> None:
    """Focus the header's search box, ready for search(): once Material's worker is ready,
    the count above the results shows the page config's "type to search" text."""
    page.click("input.md-search__input")
    page.wait_for_function("""() => document.querySelector('.md-search-result__meta').textContent ===
      JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']""")
    page.evaluate(_COUNT_RESULTS)


@dataclass(frozen=True)
class Answer:
    """What the reader meets after typing a query (see _ANSWER)."""
    opens: str | None
    entries: list[str]


def search(page, text: str) -> Answer:
    """Type the query as a reader does (it must differ from the one before: Material
    ignores a repeated query) and read the results."""
    box = "input.md-search__input"
    before = page.evaluate("window.__searchResults")
    page.fill(box, text)
    page.press(box, "End")  # Material reads the query on key events
    page.wait_for_function("before => window.__searchResults > before", arg=before)
    return Answer(**page.evaluate(_ANSWER))


def result_groups(page) -> list[list[str]]:
    """The results on show, grouped as Material groups them (by page)."""
    return page.evaluate(_GROUPS)


def answers(href: str | None, query: Query, site_url: str) -> bool:
    """Whether a result is the query's page and, when the query names one, its section
    (or one it names `also`)."""
    path, _, anchor = (location(href or "", site_url, query.lang) or "").partition("#")
    return path == slug(query.page) and (query.section is None or anchor in (query.section, *query.also))


def is_first(answer: Answer, query: Query, site_url: str) -> bool:
    """The goal hit@1: Enter opens the expected section."""
    return answers(answer.opens, query, site_url)


def place(answer: Answer, query: Query, site_url: str) -> int | None:
    """1-based place of the first entry that answers the query, or None; the goal
    hit@3 is a place of 3 or less."""
    return next((number for number, href in enumerate(answer.entries, 1) if answers(href, query, site_url)), None)


# The query's words (small ones aside) that none of the expected sections holds, as the
# worker looks each up: read in the worker's own scope (its documents, their tags aside, its
# separator, EDGES, index and SearchWords), so a word counts as held when the engine could
# find it there.
_LACKING = """([text, page, sections]) => {
  const wordsOf = text => SearchWords.fold(text).split(separator).map(word => word.replace(EDGES, "")).filter(Boolean)
  const held = locations => new Set(locations.flatMap(location => {
    const { title = "", text = "" } = docs.get(location)
    return wordsOf(`${title} ${text.replace(/<[^>]*>/g, " ")}`).flatMap(word => [word, SearchWords.stem(word)])
  }))
  const whole = [...docs.keys()].filter(location => location.split("#")[0] === page)
  const answering = sections.length ? sections.map(section => held([`${page}#${section}`])) : [held(whole)]
  const has = (terms, word) => {
    const prefix = SearchWords.lookUp(word, index)
    return [...terms].some(term => term.startsWith(prefix) || term.startsWith(word))
  }
  return wordsOf(text).filter(word => !SearchWords.isStopWord(word))
    .filter(word => !answering.some(terms => has(terms, word)))
}"""


def lacking_words(page, query) -> list[str]:
    """The query's words the expected section (or any it names `also`) lacks."""
    sections = [query.section, *query.also] if query.section else []
    return page.workers[0].evaluate(_LACKING, [query.text, slug(query.page), sections])
