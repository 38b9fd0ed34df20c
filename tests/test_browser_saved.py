"""What the reader keeps, in Chromium: an edit comes back after a reload with a note,
Reset forgets it, an edit of code the page has since changed is not applied silently;
a shared link opens its code elsewhere and a damaged or oversized one says so; a passed
exercise shows beside it and on the course home. Nothing leaves the origin (the tabs
are own_origin_tab's)."""

from __future__ import annotations

import pytest

from tests.browser import own_origin_tab, require_chromium
from tests.editor import EDITOR, editor_code, fill_editor, has_editor, wait_for_editor, wait_until_settled
from tests.pages import page_url

require_chromium()

EXAMPLE = '.agentlab-example[data-example="agents/remove_itself.py"]'


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def _note(example) -> str | None:
    note = example.query_selector(".agentlab-note")
    return note.text_content() if note else None


def _edit_on_the_page(page, site_url, code: str) -> None:
    """Open the English Agents page and type `code` into the example's editor."""
    page.goto(page_url(site_url, "agents", "en"))
    example = page.query_selector(EXAMPLE)
    example.query_selector(".agentlab-toolbar__edit").click()
    fill_editor(example, code)


def test_an_edit_comes_back_after_a_reload_and_reset_forgets_it(context, site_url):
    with own_origin_tab(context, site_url) as page:
        _edit_on_the_page(page, site_url, "print('kept')\n")
        page.reload()
        example = page.query_selector(EXAMPLE)
        assert editor_code(example) == "print('kept')\n"
        assert _note(example).startswith("Your edit, kept in this browser.")
        # The other language is another page: its example starts from its own code.
        page.goto(page_url(site_url, "agents", "ru"))
        wait_until_settled(page)
        assert not has_editor(page.query_selector(EXAMPLE))
        page.goto(page_url(site_url, "agents", "en"))
        example = page.query_selector(EXAMPLE)
        wait_for_editor(example)
        example.query_selector(".agentlab-toolbar__edit").click()  # Reset
        page.reload()
        wait_until_settled(page)
        example = page.query_selector(EXAMPLE)
        assert not has_editor(example) and _note(example) is None


def test_an_edit_of_code_the_page_has_changed_since_is_not_applied_silently(context, site_url):
    with own_origin_tab(context, site_url) as page:
        _edit_on_the_page(page, site_url, "print('old edit')\n")
        # As if the page's code had changed since: the edit remembers another base.
        page.evaluate("""() => {
          for (const key of Object.keys(localStorage)) {
            if (key.startsWith("agentlab:edit:")) {
              const saved = JSON.parse(localStorage.getItem(key));
              localStorage.setItem(key, JSON.stringify({code: saved.code, base: "0"}));
            }
          }
        }""")
        page.reload()
        wait_until_settled(page)
        example = page.query_selector(EXAMPLE)
        assert not has_editor(example), "a stale edit was applied"
        assert "the page's code has changed since" in _note(example)
        example.query_selector(".agentlab-note .md-button").click()  # Open my edit
        assert editor_code(example) == "print('old edit')\n"


def test_a_shared_link_opens_the_code_in_another_browser(browser, context, site_url):
    with own_origin_tab(context, site_url) as page:
        _edit_on_the_page(page, site_url, "print('shared')\n")
        example = page.query_selector(EXAMPLE)
        example.query_selector(".agentlab-toolbar__link").click()
        page.wait_for_function("el => el.textContent.includes('is copied')",
                               arg=example.query_selector(".agentlab-toolbar__status"))
        link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(page_url(site_url, "agents", "en") + "#code=")
    elsewhere = browser.new_context()
    try:
        with own_origin_tab(elsewhere, site_url) as page:
            page.goto(link)
            example = page.query_selector(EXAMPLE)
            assert editor_code(example) == "print('shared')\n"
            assert _note(example).startswith("Code from a link")
    finally:
        elsewhere.close()


@pytest.mark.parametrize("fragment, message", [
    ("#code=agents%2Fremove_itself.py~@@@", "The link in the page's address is damaged"),
    ("#code=agents%2Fremove_itself.py~" + "A" * 9000, "over the limit of 8000"),
])
def test_a_damaged_or_oversized_link_says_so_and_the_page_keeps_its_code(context, site_url, fragment, message):
    with own_origin_tab(context, site_url) as page:
        page.goto(page_url(site_url, "agents", "en") + fragment)
        first = page.query_selector(".agentlab-example")
        page.wait_for_function("el => el.querySelector('.agentlab-note')", arg=first)
        assert message in _note(first)
        wait_until_settled(page)
        assert page.query_selector(EDITOR) is None


def test_a_passed_exercise_shows_beside_it_and_on_the_course_home(context, site_url):
    from tests.test_browser_exercises import _check, _exercise
    from exercises import exercise_files, exercises

    example = exercises()[0]
    with own_origin_tab(context, site_url) as page:
        page.goto(site_url)
        states = page.eval_on_selector_all(".agentlab-progress [data-example]",
                                           "items => items.map(i => i.textContent)")
        assert len(states) == len(exercises()) and all(s.endswith("ещё не выполнено") for s in states)
        element = _exercise(page, site_url, "ru", example)
        element.query_selector(".agentlab-toolbar__edit").click()
        fill_editor(element, exercise_files(example)["solution"].read_text(encoding="utf-8"))
        assert _check(page, element)[0] == "Задание выполнено."
        page.reload()
        status = page.query_selector(f".agentlab-example[data-example='{example}'] .agentlab-toolbar__status")
        assert status.text_content() == "Задание уже выполнено в этом браузере."
        page.goto(page_url(site_url, "index", "en"))
        passed = page.query_selector(f".agentlab-progress [data-example='{example}']")
        assert passed.get_attribute("data-passed") == "true" and passed.text_content().endswith("passed")
        others = page.eval_on_selector_all(".agentlab-progress [data-passed=false]", "items => items.length")
        assert others == len(exercises()) - 1


def test_a_link_over_the_readers_own_edit_keeps_it_one_click_away(context, site_url):
    with own_origin_tab(context, site_url) as page:
        _edit_on_the_page(page, site_url, "print('mine')\n")
        example = page.query_selector(EXAMPLE)
        fill_editor(example, "print('from a friend')\n")
        example.query_selector(".agentlab-toolbar__link").click()
        page.wait_for_function("el => el.textContent.includes('is copied')",
                               arg=example.query_selector(".agentlab-toolbar__status"))
        link = page.evaluate("navigator.clipboard.readText()")
        fill_editor(example, "print('mine')\n")  # the reader's own edit again
        page.goto(link)
        page.reload()  # the link's fragment is read on load
        example = page.query_selector(EXAMPLE)
        page.wait_for_function("el => el.querySelector('.agentlab-note .md-button')", arg=example)
        assert editor_code(example) == "print('from a friend')\n"
        assert "Your own saved edit of this example is kept." in _note(example)
        assert "#code=" not in page.url, "a reload would apply the link again"
        example.query_selector(".agentlab-note .md-button").click()  # Open my edit
        assert editor_code(example) == "print('mine')\n"


def test_without_the_clipboard_the_link_is_shown_to_copy_by_hand(browser, site_url):
    context = browser.new_context()
    # As on a plain-http origin: no Clipboard API at all.
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    try:
        with own_origin_tab(context, site_url) as page:
            page.goto(page_url(site_url, "agents", "en"))
            example = page.query_selector(EXAMPLE)
            example.query_selector(".agentlab-toolbar__link").click()
            page.wait_for_function("el => el.querySelector('.agentlab-note')", arg=example)
            assert _note(example).startswith("A link with your code (copy it): " + page_url(site_url, "agents", "en"))
    finally:
        context.close()


def test_a_link_for_an_example_not_on_the_page_says_so(context, site_url):
    with own_origin_tab(context, site_url) as page:
        page.goto(page_url(site_url, "agents", "en") + "#code=lab%2Fnone.toml~q1CwVTDkAgA")
        page.reload()
        first = page.query_selector(".agentlab-example")
        page.wait_for_function("el => el.querySelector('.agentlab-note')", arg=first)
        assert "which is not on this page" in _note(first)
