"""Runnable examples: real output under the code at build time, and what the browser
runner (docs/assets/js/runner/runner.js) needs to run them again.

In a page, an example is a fence marked `run` whose body is one snippet line:

    ```python title="periodic_vs_not.py" run
    --8<-- "agents/periodic_vs_not.py"
    ```

pymdownx.snippets includes the file as usual. Before that, this hook drops the `run`
word, runs the file in the page's language (hooks/example_run.py, cached) and leaves
a marker paragraph after the fence; once the page is HTML, the code block and the
example's output are wrapped together with the data the browser needs (the wrapper and
the output as placeholders, filled in once the page is rendered). A failing example
stops the build with its name and error.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from example_output import output_html
from example_run import SNIPPETS, ExampleError, agentlab_digest, cached_output, command_for, run_example, scenario_of
from exercises import PROGRESS_MARKER, ExerciseError, exercise_assets, exercise_files, progress_html
from i18n_site import languages
from run_fences import RunFenceError, run_fences
from site_assets import PYODIDE_LIB_DIR, agentlab_archive, php_wasm_dir, pyodide_dir, snapshot_file

# A run in the browser that passes this is ended with a message.
BROWSER_TIME_LIMIT_SECONDS = 10
# More output than this is a runaway example too: the page would choke on it.
BROWSER_OUTPUT_LIMIT_CHARS = 500_000
RUNNER_STRINGS = ("run", "edit", "reset", "stop", "output", "editor", "hint", "loading", "loading_php", "running",
                  "done", "exit_code", "stopped", "time_limit", "output_limit", "load_failed", "load_failed_php",
                  "check", "passed", "not_yet", "show_solution", "solution", "passed_before", "copy_link",
                  "link_copied", "link_here", "link_too_long", "link_malformed", "link_unknown", "from_link",
                  "restored", "stale", "open_edit", "discard_edit", "progress_passed", "progress_open",
                  "progress_list", "check_not_run", "check_load_failed", "own_edit_kept", "link_failed",
                  "editor_failed")

# How pymdownx.highlight opens a code block (with or without pygments_lang_class).
_CODE_BLOCK = re.compile(r'<div class="(?:language-[\w-]+ )?highlight">')
# A marker paragraph, right after the end of the code block it belongs to (if it is).
# Found by its literal start (a leading optional group would make the search try every
# position of a page), then the code block's end is looked for right before it.
_MARKER = re.compile(r"<p>(?P<marker>agentlabexample[0-9a-f]{16})</p>")
_CODE_END = re.compile(r"(?P<end></code></pre></div>)\s*\Z")
_CODE_END_WITHIN = 200  # characters before a marker: the block's end and the blank lines after it


@dataclass
class Example:
    marker: str
    path: str  # relative to snippets/
    lang: str
    stdout: str = ""
    check: bool = False  # an exercise (`run check`): Check runs its check.py


# Examples of the page being built, by marker; filled in on_page_markdown.
_pending: dict[str, Example] = {}
# Worked out once per build (and per language): agentlab's digest, the runner's config.
_build: dict[str, str] = {}
# The examples' HTML a page gets once rendered, by its source, from on_page_content to on_post_page.
_pieces: dict[str, list[str]] = {}
# Runs the examples missing from the cache; one pool for the whole build, made on first need.
_pool: ThreadPoolExecutor | None = None


# Random per process, so no page text matches it; then counted (a token per example cost
# a sixth of the hook's Markdown step at 100 lessons).
_MARKER_PREFIX = "agentlabexample" + secrets.token_hex(4)
_marker_count = itertools.count()


def _marker() -> str:
    # Letters and digits only: Markdown, abbreviations and the glossary leave it alone.
    return f"{_MARKER_PREFIX}{next(_marker_count) % 0x100000000:08x}"


def mark_examples(markdown: str, source: str, lang: str) -> tuple[str, list[Example]]:
    """Drop the `run` word of each example fence and put a marker paragraph after it.
    `source` names the page in errors (file:line)."""
    lines = markdown.split("\n")
    out: list[str] = []
    examples: list[Example] = []
    done = 0  # the lines before this one are in out
    try:
        for fence in run_fences(lines, source):
            try:
                command_for(fence.path)
                if fence.check:
                    exercise_files(fence.path)
            except (ExampleError, ExerciseError) as exc:
                raise PluginError(f"{source}:{fence.number + 1}: {exc}") from None
            example = Example(_marker(), fence.path, lang, check=fence.check)
            examples.append(example)
            out += lines[done:fence.number]
            out += [f"{fence.indent}{fence.fence}{fence.info}", *fence.lines, "", fence.indent + example.marker, ""]
            done = fence.number + 3
    except RunFenceError as exc:
        raise PluginError(str(exc)) from None
    out += lines[done:]
    return "\n".join(out), examples


def on_pre_build(config: MkDocsConfig) -> None:
    # Each build (a save under `make serve` too) hashes agentlab again, once, and starts
    # with no pieces left by one that failed.
    _build.clear()
    _pieces.clear()
    _build["agentlab"] = agentlab_digest()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    global _pool
    markdown, examples = mark_examples(markdown, page.file.src_path, languages(config).current)
    agentlab = _build.get("agentlab") or agentlab_digest()

    def run(example: Example) -> None:
        example.stdout = run_example(example.path, example.lang, agentlab=agentlab)

    try:
        to_run = []
        for example in examples:
            cached = cached_output(example.path, example.lang, agentlab=agentlab)
            if cached is None:
                to_run.append(example)
            else:
                example.stdout = cached
        if to_run:
            _pool = _pool or ThreadPoolExecutor()
            list(_pool.map(run, to_run))
    except ExampleError as exc:
        raise PluginError(f"{page.file.src_path}: example {exc}") from None
    _pending.update((example.marker, example) for example in examples)
    return markdown


def _runner_strings(config: MkDocsConfig) -> dict[str, str]:
    strings = config.extra.get("runner") or {}
    missing = [key for key in RUNNER_STRINGS if key not in strings]
    if missing:
        raise PluginError(f"mkdocs.yml: extra.runner ({languages(config).current}) lacks "
                          f"{', '.join(missing)}; the runner's buttons need them")
    return {key: strings[key] for key in RUNNER_STRINGS}


def _runner_config(strings: dict[str, str]) -> str:
    """What runner.js needs, once per page: where Pyodide and agentlab are, the limits, the words."""
    return json.dumps({
        "pyodide": pyodide_dir(), "archive": agentlab_archive(), "snapshot": snapshot_file(),
        "phpWasm": php_wasm_dir(),
        "libDir": PYODIDE_LIB_DIR, "timeLimit": BROWSER_TIME_LIMIT_SECONDS,
        "outputLimit": BROWSER_OUTPUT_LIMIT_CHARS, "strings": strings,
    }, ensure_ascii=False)


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    progress = f"<p>{PROGRESS_MARKER}</p>" in content
    if progress:  # the course home: the exercises, and the reader's progress (runner.js)
        label = _runner_strings(config)["progress_list"]
        content = content.replace(f"<p>{PROGRESS_MARKER}</p>", progress_html(languages(config).current, label))
    markers = list(_MARKER.finditer(content))
    if not markers and not progress:
        return content
    strings = _runner_strings(config)
    label = html.escape(strings["output"])
    parts = []  # the page, rebuilt in one pass: text, then each example's code block in its places
    # What goes in after the page is rendered (on_post_page), in the order of its places:
    # Material's search plugin parses the page's content only to leave all of it out of
    # the index (the outputs: a third of a lesson's HTML), and the long attributes of the
    # examples and of the runner cost it a tenth more parsing time.
    pieces = _pieces[page.file.src_uri] = []

    def later(piece: str) -> str:
        pieces.append(piece)
        return f"<!--agentlab {len(pieces) - 1}-->"

    done = 0  # where in content the text not yet in parts starts
    for match in markers:
        example = _pending.pop(match["marker"])
        # The code block right before the marker (the last one to open since the previous
        # example), ending right before it.
        code_end = _CODE_END.search(content, max(done, match.start() - _CODE_END_WITHIN), match.start())
        openings = list(_CODE_BLOCK.finditer(content, done, code_end.start())) if code_end else []
        if not openings:
            raise PluginError(f"{page.file.src_path}: the output of {example.path} lost its code block; "
                              "is the `run` fence inside something that changes it?")
        opening = openings[-1]
        code_block = content[opening.start():code_end.end("end")]
        file_name = example.path.rsplit("/", 1)[-1]
        attributes = {
            "data-example": example.path, "data-file": file_name, "data-lang": example.lang,
            "data-argv": json.dumps(command_for(example.path)),
            "data-runtime": "php" if file_name.endswith(".php") else "python",
        }
        if example.check:  # fetched by the worker on Check, and when the solution is shown
            attributes.update({f"data-{kind}": path for kind, path in exercise_assets(example.path).items()})
        if file_name.endswith(".php"):  # the scenario it runs with, written beside it
            scenario = scenario_of(example.path)
            attributes["data-scenario"] = scenario.rsplit("/", 1)[-1]
            attributes["data-scenario-text"] = (SNIPPETS / scenario).read_text(encoding="utf-8")
        attrs = " ".join(f'{name}="{html.escape(value)}"' for name, value in attributes.items())
        # The search plugin no longer sees the output, but it stays marked for it: a <section>
        # with data-search-exclude, not a <div>, as Material's search parser (Element.__eq__
        # compares tags) ends an excluded element at the first inner end tag of its name.
        output = (f'<section class="agentlab-output" data-search-exclude>'
                  f'<p class="agentlab-output__label">{label}</p>'
                  f'<div class="agentlab-output__body">{output_html(example.stdout)}</div></section>')
        # The toolbar's place is kept from the start, so the buttons runner.js puts
        # there shift nothing; without JavaScript it is not shown.
        toolbar = '<div class="agentlab-toolbar"></div>'
        parts += [content[done:opening.start()], later(f'<div class="agentlab-example" {attrs}>'), code_block,
                  later(f"{toolbar}{output}</div>")]
        done = match.end()
    parts.append(content[done:])
    if "runner_config" not in _build:
        _build["runner_config"] = html.escape(_runner_config(strings))
    runner = later(f'<div id="agentlab-runner" hidden data-config="{_build["runner_config"]}"></div>')
    return "".join(parts) + f"\n{runner}\n"


_PLACE = re.compile(r"<!--agentlab (\d+)-->")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    pieces = _pieces.pop(page.file.src_uri, None)
    if not pieces:
        return output
    found = []

    def piece(match: re.Match) -> str:
        found.append(int(match[1]))
        return pieces[int(match[1])]

    output = _PLACE.sub(piece, output)
    if found != list(range(len(pieces))):
        raise PluginError(f"{page.file.src_path}: {len(pieces)} pieces of the examples and their runner, but "
                          f"their places in the rendered page are {found}: did a template or a hook drop them?")
    return output
