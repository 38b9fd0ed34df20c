"""The course's search as readers use it (issue 17; never a timed test).

    python bench/search.py [--site DIR] [--lessons N] [--no-holdout] [--show-misses]

Builds the site (or serves one already built with `--site`, e.g. a build of an older
commit), and in Chromium types every query of tests/search_queries.toml (the set the
engine was tuned on) and bench/search_holdout.toml (a second set, never used for tuning)
into the header's search box. Prints hit@1 (Enter opens the expected section) and
hit@3 (it is among the first three result entries as Material lists them, sections
included: tests/site_search.py) per set and language; the goals are hit@1 >= 90% and
hit@3 = 100%. `--no-holdout` leaves the second set out while tuning; misses (of either
goal) are shown for the first set only, each with the words its expected section lacks.

It tells too, per set and language, how many queries Enter does not open the expected
section for lack a word in it (as the engine looks the word up: stem, prefix, one typo):
a reader's paraphrase, which no ranking of the section's own words brings first unless
its other words carry it. The rest hold every word and are the ranking's to win: "with
the others won" is hit@1 if each of them were won and no other query lost.

Then the bytes the browser transfers (gzip, as tests/browser.py serves them) for the
first search in each language: the search worker, the language's index and lunr's
language files (Material fetches them when the page loads, so they are counted from the
load to the first results). The goal is under 300 KB. `--lessons N` measures the same
on a copy of the course grown to N lessons (bench/course_copy.py), to show how it grows.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.course_copy import make_course  # noqa: E402
from tests.browser import SiteHandler, chromium, http_server, serve  # noqa: E402
from bench.served import build_or_exit  # noqa: E402
from tests.pages import LANGUAGES  # noqa: E402
from tests.site_search import (  # noqa: E402
    HOLDOUT, QUERIES, QueryFileError, is_first, lacking_words, language_root, load_queries, open_search, place, search)

BUDGET = 300 * 1024
# What the first search fetches: Material's worker, the index, lunr's language files.
SEARCH_FILES = ("/assets/javascripts/workers/", "/search/search_index.json", "/assets/javascripts/lunr/",
                "/assets/js/search")


@dataclass(frozen=True)
class Figures:
    first: int                              # hit@1
    third: int                              # hit@3
    count: int
    lacking: int                            # hit@1 misses whose expected section lacks a query word


def measure_queries(browser, site_url: str, queries, show_misses: bool) -> dict[str, Figures]:
    """The figures per language, over one tab per language."""
    figures = {}
    for lang in LANGUAGES:
        mine = [query for query in queries if query.lang == lang]
        context = browser.new_context()
        page = context.new_page()
        root = language_root(site_url, lang)
        page.goto(root)
        open_search(page)
        first = third = lacking = 0
        for query in mine:
            answer = search(page, query.text)
            at = place(answer, query, site_url)
            hit = is_first(answer, query, site_url)
            first += hit
            third += at is not None and at <= 3
            missed = not hit or at is None or at > 3
            # Read for the count (hit@1 misses) and for the list; a hit is read only to be listed.
            lacks = lacking_words(page, query) if not hit or show_misses and missed else []
            lacking += not hit and bool(lacks)
            if show_misses and missed:
                got = [entry.removeprefix(site_url) for entry in answer.entries[:4]]
                opens = (answer.opens or "").removeprefix(site_url)
                print(f"    {lang} {query.text!r}: expected {query.target}, entry {at}, Enter opens {opens}, "
                      f"entries {got}, the section lacks {lacks}")
        context.close()
        figures[lang] = Figures(first, third, len(mine), lacking)
    return figures


def report_queries(name: str, figures: dict[str, Figures]) -> None:
    for lang, got in figures.items():
        misses = got.count - got.first
        won = got.first + misses - got.lacking
        print(f"  {name} {lang}: hit@1 {got.first}/{got.count} = {got.first / got.count:.0%}, "
              f"hit@3 {got.third}/{got.count} = {got.third / got.count:.0%}; of {misses} missing hit@1, "
              f"{got.lacking} lack a query word in the expected section; with the others won, "
              f"hit@1 {won}/{got.count} = {won / got.count:.0%}")


class _CountingHandler(SiteHandler):
    """The site's server, noting the bytes of every response body it sends: Chromium
    does not tell Playwright the size of a worker's own script."""

    sent: list[tuple[str, int]]

    def send_header(self, keyword, value):
        if keyword == "Content-Length":
            self.sent.append((self.path, int(value)))
        super().send_header(keyword, value)


def first_search_bytes(browser, site_dir: Path) -> dict[str, int]:
    """{lang: bytes sent for search} from the page load to the first results."""
    sizes = {}
    handler = type("Handler", (_CountingHandler,), {"sent": []})
    with http_server(functools.partial(handler, directory=str(site_dir))) as origin:
        for lang in LANGUAGES:
            context = browser.new_context()
            page = context.new_page()
            handler.sent.clear()
            root = language_root(origin + "/", lang)
            page.goto(root)
            open_search(page)
            search(page, "cron")
            sizes[lang] = sum(size for path, size in handler.sent if any(part in path for part in SEARCH_FILES))
            context.close()
    return sizes


def report_bytes(label: str, sizes: dict[str, int]) -> None:
    for lang, size in sizes.items():
        verdict = "ok" if size < BUDGET else "OVER"
        print(f"  first search {lang} ({label}): {size / 1024:.1f} KB gzip (goal < {BUDGET // 1024} KB: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building the project")
    parser.add_argument("--lessons", type=int, default=0, help="also measure the bytes with this many lessons")
    parser.add_argument("--no-holdout", action="store_true", help="measure the tuning set only (while tuning)")
    parser.add_argument("--show-misses", action="store_true", help="list the tuning set's queries that miss either goal")
    args = parser.parse_args()
    try:
        sets = {"tuning set": load_queries(QUERIES)}
        if not args.no_holdout:
            sets["holdout set"] = load_queries(HOLDOUT)
    except QueryFileError as error:
        print(error, file=sys.stderr)
        sys.exit(2)
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        site_dir = args.site or Path(tmp, "site")
        with serve(site_dir) as url:
            if not args.site:
                build_or_exit(site_dir, SITE_URL=url)
            for name, queries in sets.items():
                # Misses of the holdout set are never shown: it must not guide tuning.
                show_misses = args.show_misses and name == "tuning set"
                report_queries(name, measure_queries(browser, url, queries, show_misses))
            report_bytes("this course", first_search_bytes(browser, site_dir))
        if args.lessons:
            project = make_course(Path(tmp, "project"), args.lessons)
            grown = Path(tmp, "grown-site")
            with serve(grown) as url:
                build_or_exit(grown, project, SITE_URL=url)
                report_bytes(f"{args.lessons} lessons", first_search_bytes(browser, grown))


if __name__ == "__main__":
    main()
