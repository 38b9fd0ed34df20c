"""The example editor (CodeMirror 6, bundled by hooks/code_editor) in Chromium: loaded on
the first Edit only, from the site itself; it highlights PHP, Python and TOML in
Material's code colours, indents, grows with the code, and the keyboard can leave it
(Escape, then Tab). Typing, Ctrl+Enter and axe with the editor open are covered in
test_browser_runner.py, test_browser_php.py and test_browser_pages.py."""

from __future__ import annotations

import pytest

from tests.browser import REVEAL, require_chromium
from tests.editor import EDITOR_TEXT, editor_code, fill_editor, wait_for_editor
from tests.pages import page_url

require_chromium()

EDITOR_BUNDLE = "/assets/js/runner/editor/"


def _open(page, site_url, name: str, example_id: str):
    page.goto(page_url(site_url, name, "en"))
    example = page.query_selector(f'.agentlab-example[data-example="{example_id}"]')
    assert example is not None, f"no example {example_id} on {name}"
    example.evaluate(REVEAL)
    example.query_selector(".agentlab-toolbar__edit").click()
    wait_for_editor(example)
    return example


def test_the_editor_loads_on_the_first_edit_only(page, site_url):
    bundles = []
    page.on("request", lambda request: bundles.append(request.url) if EDITOR_BUNDLE in request.url else None)
    page.goto(page_url(site_url, "agents", "en"))
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    assert bundles == [], "the editor loaded before any Edit"
    examples = page.query_selector_all(".agentlab-example")
    for example in examples[:2]:
        example.evaluate(REVEAL)
        example.query_selector(".agentlab-toolbar__edit").click()
        wait_for_editor(example)
    assert [url for url in bundles if url.endswith("/python.js")] == [site_url + EDITOR_BUNDLE[1:] + "python.js"], \
        "the editor's module is loaded once, from the site"
    assert all(url.startswith(site_url) for url in bundles), bundles


# A word of each language and the Material colour its kind of token has on the page.
HIGHLIGHTED = [
    ("agents", "agents/remove_itself.py", "def", "--md-code-hl-keyword-color"),
    ("agents", "agents/remove_itself.php", "function", "--md-code-hl-keyword-color"),
    ("lab", "lab/quiet_night.toml", "every", "--md-code-hl-variable-color"),
]


@pytest.mark.parametrize("name, example_id, word, colour", HIGHLIGHTED, ids=[h[1] for h in HIGHLIGHTED])
def test_the_editor_highlights_the_examples_language(page, site_url, name, example_id, word, colour):
    example = _open(page, site_url, name, example_id)
    found = example.eval_on_selector(EDITOR_TEXT, """(content, [word, colour]) => {
      const span = Array.from(content.querySelectorAll('span')).find(s => s.textContent === word);
      if (!span) return null;
      const probe = document.createElement('span');
      probe.style.color = `var(${colour})`;
      content.appendChild(probe);
      const expected = getComputedStyle(probe).color;
      probe.remove();
      return [getComputedStyle(span).color, expected, getComputedStyle(content).color];
    }""", [word, colour])
    assert found is not None, f"{word!r} is not a token of its own in {example_id}: no highlighting"
    actual, expected, plain = found
    assert actual == expected != plain, f"{word!r} is {actual}, {colour} is {expected}, plain text {plain}"


def test_enter_indents_and_the_editor_grows_with_the_code(page, site_url):
    example = _open(page, site_url, "agents", "agents/remove_itself.py")
    fill_editor(example, "def f():")
    content = example.query_selector(EDITOR_TEXT)
    height = example.query_selector(".agentlab-editor").bounding_box()["height"]
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("return 1")
    assert editor_code(example) == "def f():\n    return 1", "Enter after a colon did not indent"
    for _ in range(10):
        page.keyboard.press("Enter")
    grown = example.query_selector(".agentlab-editor").bounding_box()["height"]
    assert grown > height + 100, f"ten more lines: {height} -> {grown} px"
    assert content.evaluate("el => el.scrollHeight <= el.parentElement.clientHeight + 1"), \
        "the code scrolls inside the editor instead of the editor growing"


def test_escape_then_tab_leaves_the_editor_and_tab_alone_indents(page, site_url):
    example = _open(page, site_url, "agents", "agents/remove_itself.py")
    fill_editor(example, "x = 1")
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    assert editor_code(example) == "    x = 1", "Tab did not indent"
    assert example.query_selector(EDITOR_TEXT).evaluate("el => el === document.activeElement")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert editor_code(example) == "    x = 1", "Tab after Escape changed the code"
    assert not example.query_selector(EDITOR_TEXT).evaluate("el => el.contains(document.activeElement)"), \
        "Escape, then Tab did not leave the editor"
