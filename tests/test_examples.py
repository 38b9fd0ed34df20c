"""The runnable examples: each runs under CPython, and the page shows exactly what a
fresh run prints, in both languages; the code on the page is the file; the build
refuses a failing example and names it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import example_run
from example_output import output_html, segments
from example_run import COMMANDS, ExampleError, examples_in, run_example
import examples
from examples import mark_examples
from mkdocs.exceptions import PluginError
from tests.conftest import ROOT, build_site, copy_project
from tests.pages import LANGUAGES, built_path, page_sources, parse

SNIPPETS = ROOT / "snippets"
EXAMPLES = examples_in(SNIPPETS)


def _example_blocks(site: Path) -> list[tuple[str, str, object]]:
    """(page, lang, element) of every example block of the built site."""
    blocks = []
    for page in page_sources():
        for lang in LANGUAGES:
            tree = parse(built_path(site, page, lang))
            blocks += [(page, lang, node) for node in tree.css(".agentlab-example")]
    return blocks


def _text(html: str) -> str:
    return HTMLParser(f"<div>{html}</div>").css_first("div").text(separator="")


def test_there_are_examples():
    assert len(EXAMPLES) >= 10, EXAMPLES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_example_is_on_a_page(site, lang):
    shown = {node.attributes["data-example"] for _, block_lang, node in _example_blocks(site) if block_lang == lang}
    assert shown == set(EXAMPLES)


def test_each_page_shows_what_a_fresh_run_prints(site):
    blocks = _example_blocks(site)
    assert blocks
    for page, lang, node in blocks:
        example = node.attributes["data-example"]
        assert node.attributes["data-lang"] == lang
        stdout = run_example(example, lang, use_cache=False)
        body = node.css_first(".agentlab-output__body")
        assert body.text(separator="") == _text(output_html(stdout)), f"{page} ({lang}): {example}"
        shown_svgs = len(body.css("svg"))
        assert shown_svgs == sum(1 for s in segments(stdout) if s.kind == "svg"), f"{page} ({lang}): {example}"


def test_the_code_on_the_page_is_the_file(site):
    for page, lang, node in _example_blocks(site):
        example = node.attributes["data-example"]
        code = node.css_first(".highlight code").text(separator="")
        assert code.rstrip("\n") == (SNIPPETS / example).read_text(encoding="utf-8").rstrip("\n"), example
        assert node.attributes["data-file"] == Path(example).name
        assert json.loads(node.attributes["data-argv"]) == COMMANDS[Path(example).suffix]


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.endswith(".py")])
def test_an_example_runs_as_a_plain_script(example, tmp_path):
    """What the course promises: `.venv/bin/python snippets/<lesson>/<name>.py` works
    as is, from any folder (make install puts agentlab on the venv's path)."""
    env = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "AGENTLAB_LANG")}
    result = subprocess.run([sys.executable, str(SNIPPETS / example)], cwd=tmp_path, capture_output=True, text=True,
                            env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == run_example(example, "en", use_cache=False)


@pytest.mark.parametrize("example", EXAMPLES)
def test_an_example_speaks_both_languages(example):
    assert run_example(example, "ru", use_cache=False) != run_example(example, "en", use_cache=False)


def test_php_originals_sit_beside_python_in_tabs(site):
    """Where a lesson shows a Bitrix original, it is the tab before the Python one."""
    pairs = 0
    for page in page_sources():
        for lang in LANGUAGES:
            for tabs in parse(built_path(site, page, lang)).css(".tabbed-set"):
                labels = [label.text(strip=True) for label in tabs.css(".tabbed-labels > label")]
                php = {"ru": "PHP (Битрикс)", "en": "PHP (Bitrix)"}[lang]
                if php in labels:
                    assert labels == [php, "Python (agentlab)"], (page, lang, labels)
                    blocks = tabs.css(".tabbed-block")
                    assert blocks[0].css_first(".highlight .filename").text().endswith(".php")
                    assert blocks[1].css_first(".agentlab-example") is not None
                    pairs += 1
    assert pairs >= 2


def test_the_runner_assets_are_in_the_site(site):
    config = json.loads(parse(built_path(site, "agents", "ru")).css_first("#agentlab-runner").attributes["data-config"])
    assets = site / "assets"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert (assets / config["pyodide"] / name).is_file(), name
    assert (assets / config["archive"]).is_file()
    assert (assets / config["snapshot"]).stat().st_size > 1_000_000
    assert (assets / "js" / "runner" / "worker.js").is_file()
    assert config["timeLimit"] == 10
    en = json.loads(parse(built_path(site, "agents", "en")).css_first("#agentlab-runner").attributes["data-config"])
    assert (config["strings"]["run"], en["strings"]["run"]) == ("Запустить", "Run")


# The runner that builds the pages -------------------------------------------------


def test_an_unchanged_example_is_not_run_again(sandbox):
    script = sandbox / "count.py"
    script.write_text("import pathlib\np = pathlib.Path('runs.txt')\np.write_text(p.read_text() + 'x' if p.exists() "
                      "else 'x')\nprint(len(p.read_text()))\n")
    assert run_example("lesson/count.py", "en") == "1\n"
    assert run_example("lesson/count.py", "en") == "1\n"  # from the cache
    assert run_example("lesson/count.py", "ru") == "2\n"  # another language is another run
    script.write_text(script.read_text() + "# changed\n")
    assert run_example("lesson/count.py", "en") == "3\n"


def test_a_change_in_agentlab_runs_the_examples_again(sandbox, tmp_path, monkeypatch):
    agentlab = tmp_path / "agentlab"
    agentlab.mkdir()
    (agentlab / "kernel.py").write_text("x = 1\n")
    monkeypatch.setattr(example_run, "AGENTLAB", agentlab)
    before = example_run.agentlab_digest()
    (agentlab / "kernel.py").write_text("x = 2\n")
    assert example_run.agentlab_digest() != before


@pytest.mark.parametrize("code,message", [
    ("raise RuntimeError('the agent broke')", "RuntimeError: the agent broke"),
    ("import sys\nprint('oops', file=sys.stderr)", "wrote to stderr"),
    ("import sys\nsys.exit(3)", "exit code 3"),
])
def test_a_failing_example_is_an_error_naming_it(sandbox, code, message):
    (sandbox / "broken.py").write_text(code + "\n")
    with pytest.raises(ExampleError, match="lesson/broken.py") as error:
        run_example("lesson/broken.py", "en")
    assert message in str(error.value)


def test_a_runaway_example_is_stopped(sandbox, monkeypatch):
    monkeypatch.setattr(example_run, "TIMEOUT_SECONDS", 1)
    (sandbox / "forever.py").write_text("while True:\n    pass\n")
    with pytest.raises(ExampleError, match="lesson/forever.py.*still running after 1 s"):
        run_example("lesson/forever.py", "en")


def test_examples_get_the_language_from_agentlab_lang(sandbox):
    (sandbox / "lang.py").write_text("from agentlab import output_lang\nprint(output_lang())\n")
    assert [run_example("lesson/lang.py", lang) for lang in LANGUAGES] == [f"{lang}\n" for lang in LANGUAGES]


def test_a_failing_example_fails_the_build(tmp_path):
    """The whole build, as `make build` runs it, on a copy with one broken example."""
    copy = copy_project(tmp_path / "project")
    broken = copy / "snippets" / EXAMPLES[0]
    broken.write_text(broken.read_text(encoding="utf-8") + "\nraise ValueError('a broken example')\n",
                      encoding="utf-8")
    result = build_site(tmp_path / "site", copy)
    assert result.returncode != 0
    assert EXAMPLES[0] in result.stderr
    assert "ValueError: a broken example" in result.stderr


# The marker syntax ----------------------------------------------------------------


def test_a_run_fence_must_hold_one_snippet_line():
    with pytest.raises(PluginError, match=r"lesson\.md:3: a `run` fence holds exactly one line"):
        mark_examples('# T\n\n```python run\nprint(1)\n```\n', "lesson.md", "en")
    with pytest.raises(PluginError, match=r"lesson\.md:1: .*\.py or \.toml or \.php file"):
        mark_examples('```js run\n--8<-- "agents/x.js"\n```\n', "lesson.md", "en")


def test_a_php_example_without_its_scenario_stops_the_build(sandbox):
    (sandbox / "alone.php").write_text("<?php\n", encoding="utf-8")
    with pytest.raises(ExampleError, match=r"lesson/alone\.php: a PHP example runs with its scenario, "
                                           r"lesson/alone\.toml; there is no such file"):
        run_example("lesson/alone.php", "en")


def test_a_run_fence_inside_another_fence_is_text():
    shown = '````markdown\n```python run\n--8<-- "agents/x.py"\n```\n````\n'
    assert mark_examples(shown, "lesson.md", "en") == (shown, [])


def test_a_missing_runner_word_fails_the_build(tmp_path):
    copy = copy_project(tmp_path / "project")
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "              stop: Stop\n" in text
    config.write_text(text.replace("              stop: Stop\n", ""), encoding="utf-8")
    result = build_site(tmp_path / "site", copy)
    assert result.returncode != 0
    assert "extra.runner (en) lacks stop" in result.stderr


def test_the_examples_html_goes_in_after_the_page_is_rendered(monkeypatch):
    """hooks/examples.py keeps each example's wrapper, output and the runner out of the HTML
    the search plugin parses, and puts them in their places once the page is rendered; a
    place a template or hook dropped is an error naming the page."""
    page = SimpleNamespace(file=SimpleNamespace(src_uri="lesson.md", src_path="lesson.md"))
    config = SimpleNamespace(extra={"runner": {key: key for key in examples.RUNNER_STRINGS}})
    monkeypatch.setattr(examples, "languages", lambda config: SimpleNamespace(current="en"))
    monkeypatch.setitem(examples._build, "runner_config", "{}")
    marker = "agentlabexample0123456789abcdef"
    monkeypatch.setitem(examples._pending, marker,
                        examples.Example(marker, "agents/periodic_vs_not.py", "en", stdout="the output\n"))
    code = '<div class="language-python highlight"><pre><span></span><code>print(1)\n</code></pre></div>'
    content = examples.on_page_content(f"<h1>T</h1>\n{code}\n<p>{marker}</p>\n<p>After.</p>", page, config, None)
    assert code in content and "<p>After.</p>" in content
    for kept_out in ("data-example", "the output", "agentlab-runner"):
        assert kept_out not in content
    rendered = examples.on_post_page(f"<body>{content}</body>", page, config)
    assert 'data-example="agents/periodic_vs_not.py" data-file="periodic_vs_not.py"' in rendered
    assert rendered.index("data-example") < rendered.index(code) < rendered.index("the output")
    assert '<div id="agentlab-runner" hidden data-config="{}"></div>' in rendered
    examples._pieces["lesson.md"] = ["<div>", "</div>", "<p>runner</p>"]
    with pytest.raises(PluginError, match=r"lesson.md: 3 pieces .* are \[0, 2\]"):
        examples.on_post_page("<!--agentlab 0--><pre>code</pre><!--agentlab 2-->", page, None)
