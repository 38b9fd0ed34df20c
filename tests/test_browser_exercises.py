"""The exercises in Chromium, in both languages: Check on the starter lists the
expected failures, a wrong solution fails naming what is wrong, the solution passes
and is then shown; after three failed checks the solution is there on request."""

from __future__ import annotations

import pytest

from exercises import SNIPPETS, exercise_files, exercises
from tests.browser import REVEAL, RUNNER_FINISHED, require_chromium
from tests.editor import fill_editor
from tests.pages import LANGUAGES, page_url
from tests.test_browser_runner import _edit
from tests.test_exercises import EXPECTED

require_chromium()

CHECK = ".agentlab-toolbar__check"
PASSED = {"ru": "Задание выполнено.", "en": "Exercise passed."}


PAGE_OF_LESSON = {"agents": "agents", "open-lines": "open-lines-cron"}  # snippets/<lesson>/ -> page


def _exercise(page, site_url, lang: str, example: str):
    page.goto(page_url(site_url, PAGE_OF_LESSON[example.split("/")[0]], lang))
    element = page.query_selector(f".agentlab-example[data-example='{example}']")
    assert element is not None and element.get_attribute("data-check"), example
    element.evaluate(REVEAL)
    return element


def _check(page, element) -> tuple[str, list[str]]:
    """Press Check and wait for the verdict: its title and its failures."""
    element.query_selector(CHECK).click()
    page.wait_for_function(RUNNER_FINISHED, arg=element, timeout=60_000)
    verdict = element.query_selector(".agentlab-verdict")
    assert verdict is not None, element.query_selector(".agentlab-output__body").text_content()[-2000:]
    return (verdict.query_selector(".agentlab-verdict__title").text_content(),
            [item.text_content() for item in verdict.query_selector_all("li")])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("example", exercises())
def test_starter_fails_wrong_fails_and_solution_passes(page, site_url, example, lang):
    element = _exercise(page, site_url, lang, example)
    assert element.query_selector(".agentlab-solution") is None
    assert _check(page, element)[1] == EXPECTED[(example, "starter")][lang]
    starter = SNIPPETS / example
    _edit(element, starter.with_name(f"wrong{starter.suffix}").read_text(encoding="utf-8"))
    assert _check(page, element)[1] == EXPECTED[(example, "wrong")][lang]
    assert element.query_selector(".agentlab-solution") is None, "the solution came before a pass"
    solution = exercise_files(example)["solution"].read_text(encoding="utf-8")
    fill_editor(element, solution)
    assert _check(page, element) == (PASSED[lang], [])
    page.wait_for_function("el => el.querySelector('.agentlab-solution pre')", arg=element, timeout=10_000)
    assert element.query_selector(".agentlab-solution pre").text_content() == solution.rstrip("\n")


def test_after_three_failed_checks_the_solution_is_there_on_request(page, site_url):
    example = exercises()[0]
    element = _exercise(page, site_url, "en", example)
    for _ in range(2):
        _check(page, element)
        assert element.query_selector(".agentlab-verdict__solution") is None
    _check(page, element)
    element.query_selector(".agentlab-verdict__solution").click()
    page.wait_for_function("el => el.querySelector('.agentlab-solution pre')", arg=element, timeout=10_000)
    solution = exercise_files(example)["solution"].read_text(encoding="utf-8")
    assert element.query_selector(".agentlab-solution pre").text_content() == solution.rstrip("\n")


def test_a_check_whose_run_fails_says_there_is_nothing_to_check(page, site_url):
    """After a pass, a Check of code whose run fails replaces the verdict: no stale pass."""
    example = "open-lines/exercises/short_wait/short_wait.py"
    element = _exercise(page, site_url, "en", example)
    _edit(element, exercise_files(example)["solution"].read_text(encoding="utf-8"))
    assert _check(page, element)[0] == PASSED["en"]
    fill_editor(element, "raise SystemExit(3)\n")
    title, failures = _check(page, element)
    assert title == "Not yet:" and failures == [
        "Nothing to check: the run did not finish (see the output above), or the code ran no kernel."]


def test_a_check_that_cannot_be_fetched_says_so_and_the_next_run_works(page, site_url):
    element = _exercise(page, site_url, "ru", exercises()[0])
    page.route("**/assets/exercises/**", lambda route: route.fulfill(status=404, body="gone"))
    element.query_selector(CHECK).click()
    page.wait_for_function("el => el.querySelector('.agentlab-toolbar__status').textContent.includes('проверку')",
                           arg=element, timeout=60_000)
    assert "Не удалось загрузить проверку задания" in element.query_selector(".agentlab-toolbar__status").text_content()
    page.unroute("**/assets/exercises/**")
    assert _check(page, element)[1] == EXPECTED[(exercises()[0], "starter")]["ru"]
