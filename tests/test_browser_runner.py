"""The example runner in a real Chromium: Run gives the build-time output, Edit runs
the reader's code, Stop and the time limit end a runaway run, nothing leaves the
site's origin (the `page` fixture checks every request)."""

from __future__ import annotations

import pytest

from tests.browser import REVEAL, RUNNER_FINISHED, RUNNER_RUN, RUNNER_STATUS, require_chromium
from tests.editor import fill_editor, has_editor, wait_for_editor
from tests.pages import LANGUAGES, page_sources, page_url

require_chromium()

PAGES_WITH_EXAMPLES = ["agents", "open-lines-cron", "lab"]



def _run(page, example, timeout: float = 60_000) -> None:
    example.evaluate(REVEAL)
    example.query_selector(RUNNER_RUN).click()
    page.wait_for_function(RUNNER_FINISHED, arg=example, timeout=timeout)


def _output(example) -> str:
    return example.query_selector(".agentlab-output__body").text_content()


def test_the_lessons_have_examples():
    assert set(PAGES_WITH_EXAMPLES) <= set(page_sources())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES_WITH_EXAMPLES)
def test_run_gives_the_build_time_output(page, site_url, name, lang):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_url(site_url, name, lang))
    examples = page.query_selector_all(".agentlab-example")
    assert examples
    assert not [url for url in requests if any(part in url for part in ("/pyodide/", "/agentlab/", "/php-wasm/"))], \
        "loaded before the first Run"
    for example in examples:
        built = _output(example)
        _run(page, example)
        status = example.query_selector(RUNNER_STATUS).text_content()
        assert status.startswith(("Готово", "Done")), status
        assert _output(example) == built, example.get_attribute("data-example")


def test_edit_runs_the_readers_code_with_the_keyboard(page, site_url):
    page.goto(page_url(site_url, "agents", "en"))
    example = page.query_selector(".agentlab-example[data-example$='.py']")
    example.query_selector(".agentlab-toolbar__edit").focus()
    page.keyboard.press("Enter")
    editor = wait_for_editor(example)
    assert editor.evaluate("el => el === document.activeElement"), "the editor takes the focus"
    assert editor.get_attribute("aria-label")
    page.keyboard.press("Control+A")
    page.keyboard.type('from agentlab import LEASE_SECONDS\nprint("lease", LEASE_SECONDS // 60, "minutes")\n')
    page.keyboard.press("Control+Enter")
    page.wait_for_function(RUNNER_FINISHED, arg=example, timeout=60_000)
    assert _output(example) == "lease 10 minutes"
    # Reset brings back the page's code.
    example.query_selector(".agentlab-toolbar__edit").click()
    assert not has_editor(example)
    assert example.query_selector(".highlight").is_visible()


def _edit(example, code: str) -> None:
    example.query_selector(".agentlab-toolbar__edit").click()
    fill_editor(example, code)


def stop_a_runaway(page, example, code: str, printed: str) -> None:
    """Run ``code``, wait until it printed ``printed``, then Stop it (Russian page)."""
    _edit(example, code)
    example.query_selector(RUNNER_RUN).click()
    page.wait_for_function("([el, text]) => el.querySelector('.agentlab-output__body').textContent.includes(text)",
                           arg=[example, printed], timeout=60_000)
    assert example.query_selector(RUNNER_RUN).is_disabled()
    example.query_selector(".agentlab-toolbar__stop").click()
    assert example.query_selector(RUNNER_STATUS).text_content() == "Остановлено."
    assert example.query_selector(".agentlab-toolbar__stop").is_disabled()


def test_stop_ends_a_runaway_run_and_the_next_run_works(page, site_url):
    page.goto(page_url(site_url, "agents", "ru"))
    example = page.query_selector(".agentlab-example[data-example$='.py']")
    stop_a_runaway(page, example, "print('start', flush=True)\nwhile True:\n    pass\n", "start")
    fill_editor(example, "print(6 * 7)\n")
    _run(page, example)
    assert _output(example) == "42"


def test_a_run_past_the_time_limit_is_ended_with_a_message(page, site_url):
    page.goto(page_url(site_url, "agents", "en"))
    example = page.query_selector(".agentlab-example[data-example$='.py']")
    _edit(example, "while True:\n    pass\n")
    example.query_selector(RUNNER_RUN).click()
    page.wait_for_function("el => el.querySelector('.agentlab-output__notice')", arg=example, timeout=90_000)
    message = "Stopped: the run passed its 10 s limit."
    assert example.query_selector(".agentlab-output__notice").text_content() == message
    assert example.query_selector(RUNNER_STATUS).text_content() == message


def test_output_appears_while_the_code_runs_and_errors_show(page, site_url):
    page.goto(page_url(site_url, "agents", "en"))
    example = page.query_selector(".agentlab-example[data-example$='.py']")
    _edit(example, "import time\nprint('first')\nend = time.time() + 2\nwhile time.time() < end:\n    pass\n"
                   "print('second')\n1 / 0\n")
    example.query_selector(RUNNER_RUN).click()
    page.wait_for_function("el => el.querySelector('.agentlab-output__body').textContent.includes('first')",
                           arg=example, timeout=60_000)
    assert "second" not in _output(example), "the first line came before the run ended"
    page.wait_for_function(RUNNER_FINISHED, arg=example, timeout=60_000)
    assert example.query_selector(RUNNER_STATUS).text_content() == "Exited with code 1"
    stderr = example.query_selector(".agentlab-output__stderr").text_content()
    assert "ZeroDivisionError" in stderr and 'File "/home/pyodide/examples/' in stderr


def test_an_svg_in_the_output_is_shown_as_a_picture(page, site_url):
    page.goto(page_url(site_url, "lab", "en"))
    example = page.query_selector(".agentlab-example[data-example$='.toml']")
    _run(page, example)
    svg = example.query_selector(".agentlab-output__svg svg")
    assert svg is not None and svg.get_attribute("role") == "img"
    assert svg.bounding_box()["width"] <= page.viewport_size["width"]


def test_the_runner_works_after_instant_navigation(page, site_url):
    page.goto(site_url)
    page.evaluate("window.__samePage = true")
    page.click("nav.md-nav--primary a[href$='lab/']")
    page.wait_for_url(site_url + "lab/")
    # The new content arrives after the address changes; the runner then adds its buttons.
    page.wait_for_selector(".agentlab-example .agentlab-toolbar__run")
    assert page.evaluate("window.__samePage === true"), "expected Material's instant navigation"
    example = page.query_selector(".agentlab-example")
    built = _output(example)
    _run(page, example)
    assert _output(example) == built


def test_without_javascript_the_build_time_output_is_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for lang in LANGUAGES:
            for name in PAGES_WITH_EXAMPLES:
                page.goto(page_url(site_url, name, lang))
                examples = page.query_selector_all(".agentlab-example")
                assert examples and all(_output(example).strip() for example in examples)
                assert page.query_selector(".agentlab-toolbar button") is None, "no buttons that cannot work"
                assert not page.is_visible(".agentlab-toolbar"), "no empty toolbar"
    finally:
        context.close()
