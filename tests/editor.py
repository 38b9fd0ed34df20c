"""The example editor (CodeMirror, hooks/code_editor/editor.mjs) as the browser tests use
it: found, filled as a reader types, read back. It loads on the first Edit, so each
helper waits for it."""

from __future__ import annotations

EDITOR = ".agentlab-editor"
EDITOR_TEXT = ".agentlab-editor .cm-content"  # the contenteditable a reader types into


def wait_for_editor(example, timeout: float = 10_000):
    """The example's editor once it is there (Edit, a restored edit or a link opened it)."""
    return example.wait_for_selector(EDITOR_TEXT, timeout=timeout)


def fill_editor(example, code: str) -> None:
    """Replace the editor's code with `code`, as typed text (the editor's own input
    handling sees it; nothing is set behind its back)."""
    wait_for_editor(example).fill(code)


def editor_code(example) -> str:
    """The code in the example's editor, from CodeMirror's own document."""
    wait_for_editor(example)
    return example.eval_on_selector(EDITOR, "el => el.agentlabEditor.value")


def has_editor(example) -> bool:
    return example.query_selector(EDITOR) is not None


# The runner has set up the page's examples, and no editor is still loading (a saved
# edit or a link opens one as the page loads): only then does "no editor" mean none.
SETTLED = ("() => document.querySelector('.agentlab-toolbar__run') !== null"
           " && document.querySelector('[data-editor-loading]') === null")


def wait_until_settled(page, timeout: float = 10_000) -> None:
    page.wait_for_function(SETTLED, timeout=timeout)
