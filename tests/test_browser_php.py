"""The lessons' PHP in a real Chromium: PHP for WebAssembly (php-wasm, served by the
site) runs the reader's PHP agents on agentlab in the runner's worker. Each PHP
example gives its build-time output, an edit changes what the kernel does, Stop and
the time limit end a runaway call, and the reader's PHP reaches no other site (the
`page` fixture fails a test on any request that leaves the origin)."""

from __future__ import annotations

import pytest

from tests.browser import REVEAL, RUNNER_FINISHED, RUNNER_RUN, require_chromium
from tests.editor import fill_editor, wait_for_editor
from tests.conftest import ROOT
from tests.pages import LANGUAGES, page_url
from tests.test_browser_runner import _edit, _output, _run, stop_a_runaway

require_chromium()

PHP_EXAMPLE = ".agentlab-example[data-runtime=php]"
SNIPPETS = ROOT / "snippets"


def _php_example(page, site_url, lang: str, file: str = "test_agents.php"):
    page.goto(page_url(site_url, "agents", lang))
    example = page.query_selector(f"{PHP_EXAMPLE}[data-file='{file}']")
    assert example is not None, f"no PHP example {file}"
    example.evaluate(REVEAL)  # its tab is not the one selected
    return example


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_php_examples_are_among_those_the_runner_test_runs(page, site_url, lang):
    """tests/test_browser_runner.py runs every example of these pages and compares its
    output with the build's: the PHP ones are among them."""
    from tests.test_browser_runner import PAGES_WITH_EXAMPLES
    found = {}
    for name in ("agents", "lab"):
        assert name in PAGES_WITH_EXAMPLES
        page.goto(page_url(site_url, name, lang))
        found[name] = [e.get_attribute("data-file") for e in page.query_selector_all(PHP_EXAMPLE)]
    assert found["agents"][:2] == ["remove_itself.php", "test_agents.php"], found  # then the exercises
    assert found["lab"] == ["php_agent.php"]


def test_an_edited_agent_that_returns_an_empty_string_is_removed(page, site_url):
    """What a reader tries first: TestAgentNotPeriod() returns "", and the kernel
    deletes the agent after its first call."""
    example = _php_example(page, site_url, "en")
    code = example.query_selector(".highlight code").text_content()
    edited = code.replace('   return "TestAgentNotPeriod();";', '   return "";', 1)
    assert edited != code
    _edit(example, edited)
    _run(page, example)
    out = _output(example)
    assert out.count("Non-periodic BX_CRONTAB") == 1, out
    assert "TestAgentNotPeriod();  removed" in out


def test_stop_ends_an_endless_php_call_and_the_next_run_works(page, site_url):
    example = _php_example(page, site_url, "ru", "remove_itself.php")
    code = example.query_selector(".highlight code").text_content()
    stop_a_runaway(page, example, code.replace('AddMessage2Log("CountDown: ".$left);',
                                               'AddMessage2Log("CountDown: ".$left); if ($left == 2) while (true) {}', 1),
                   "CountDown: 2")
    fill_editor(example, code)
    built_run = "CountDown(1);  удалён"
    _run(page, example)
    assert built_run in _output(example)


def test_the_time_limit_ends_a_long_php_run(page, site_url):
    example = _php_example(page, site_url, "en", "remove_itself.php")
    _edit(example, "<?php\nfunction Spin() { while (true) {} }\nCAgent::AddAgent(\"Spin();\");\n")
    example.query_selector(RUNNER_RUN).click()
    page.wait_for_function("el => el.querySelector('.agentlab-output__notice')", arg=example, timeout=90_000)
    message = "Stopped: the run passed its 10 s limit."
    assert example.query_selector(".agentlab-output__notice").text_content() == message


def test_the_readers_php_reaches_no_other_site(page, site_url):
    requests = []
    page.context.on("request", lambda request: requests.append(request.url))
    example = _php_example(page, site_url, "en", "remove_itself.php")
    _edit(example, "<?php\nfunction Fetch() {\n"
                   "   AddMessage2Log(var_export(file_get_contents('https://example.com/'), true));\n"
                   "   AddMessage2Log(var_export(function_exists('fsockopen') ? 'fsockopen' : 'none', true));\n"
                   "   return '';\n}\n"
                   "function ThroughJavaScript() { (new Vrzno())->fetch('https://example.com/'); return ''; }\n"
                   "CAgent::AddAgent('Fetch();');\nCAgent::AddAgent('ThroughJavaScript();');\n")
    _run(page, example)
    out = _output(example)
    # php-wasm's bridge to JavaScript is disabled for the reader: no fetch through it.
    assert "Vrzno() has been disabled for security reasons" in out, out
    assert "ThroughJavaScript();  failed" in out, out
    assert "wrapper is disabled in the server configuration by allow_url_fopen=0" in out, out
    assert "09:00 false" in out, out
    assert "09:00 'none'" in out, out
    assert [url for url in requests if not url.startswith(site_url)] == []


def test_the_php_runner_works_with_the_keyboard(page, site_url):
    example = _php_example(page, site_url, "en", "remove_itself.php")
    example.query_selector(".agentlab-toolbar__edit").focus()
    page.keyboard.press("Enter")
    editor = wait_for_editor(example)
    assert editor.evaluate("el => el === document.activeElement"), "the editor takes the focus"
    page.keyboard.press("Control+A")
    page.keyboard.type("<?php\nfunction Hello() { AddMessage2Log('hello'); return ''; }\n"
                       "CAgent::AddAgent('Hello();');\n")
    page.keyboard.press("Control+Enter")
    page.wait_for_function(RUNNER_FINISHED, arg=example, timeout=60_000)
    assert "09:00 hello" in _output(example)


def test_exit_in_every_call_gives_what_php_cli_gives_run_after_run(page, site_url, tmp_path):
    """A fatal end of the script (exit) in each call: the interpreter is started again
    for the next call, as php-cli's process is; two Runs give php-cli's output."""
    from agentlab.cli import main
    from example_output import output_html
    from tests.test_examples import _text

    code = "<?php\nfunction Leave($n) { AddMessage2Log(\"leave $n\"); exit; }\n" \
           "CAgent::AddAgent(\"Leave(1);\", \"\", \"N\", 60);\nCAgent::AddAgent(\"Leave(2);\", \"\", \"N\", 60);\n"
    (tmp_path / "remove_itself.php").write_text(code, encoding="utf-8")
    (tmp_path / "remove_itself.toml").write_bytes((SNIPPETS / "agents" / "remove_itself.toml").read_bytes())
    import contextlib
    import io
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["run", str(tmp_path / "remove_itself.toml"), "--format", "report", "--lang", "en"]) == 0
    expected = _text(output_html(printed.getvalue()))
    assert "leave 2" in expected and "failed" in expected

    example = _php_example(page, site_url, "en", "remove_itself.php")
    _edit(example, code)
    for _ in range(2):
        _run(page, example)
        assert example.query_selector(".agentlab-toolbar__status").text_content().startswith("Done")
        assert _output(example) == expected
