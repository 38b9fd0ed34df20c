"""``python -m agentlab run SCENARIO.toml --format table|json|svg|report [--lang en|ru]``.

``report`` is the timeline SVG followed by the table: what the Agent Lab page shows.

Exit 0 on success; 2 with one line on stderr for a bad scenario or bad usage.
"""

from __future__ import annotations

import argparse
import gc
import sys

from .agent_code import AgentCodeError
from .kernel import AgentError
from .scenario import ScenarioError, load_scenario_file
from .strings import LANG_ENV, LANGS, output_lang, t


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agentlab", description="A deterministic emulator of 1C-Bitrix agents.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a scenario file and print what happened")
    run.add_argument("scenario", help="the scenario, a TOML file (see agentlab/README.md)")
    run.add_argument("--format", choices=("table", "json", "svg", "report"), default="table")
    run.add_argument("--lang", choices=LANGS, default=None,
                     help=f"language of table and SVG labels (default: ${LANG_ENV} or en)")
    return parser


def _log_printer(lang: str):
    """Prints the log's heading before its first line, then each line as it comes."""
    started = False

    def write(line: str) -> None:
        nonlocal started
        if not started:
            print(t("log", lang))
            started = True
        print(line, flush=True)
    return write


def main(argv: list[str] | None = None) -> int:
    # One short process: what it allocates (the scenario, the run, the output) lives
    # until it exits, so the cyclic collector would only rescan it, time after time.
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: list[str] | None) -> int:
    args, lang, log = _start(argv)
    if args is None:
        return 2
    try:
        result = load_scenario_file(args.scenario, log=log).run()
    except ScenarioError as exc:
        print(f"agentlab: {exc}", file=sys.stderr)
        return 2
    except (AgentCodeError, AgentError) as exc:  # pragma: no cover - scenarios are checked first
        print(f"agentlab: {args.scenario}: {exc}", file=sys.stderr)
        return 2
    return _write(result, args.format, lang)


async def main_async(argv: list[str]) -> int:
    """``main`` for a host whose PHP interpreters are made asynchronously (the page's
    worker): the scenario's load and run pause for them (agentlab.php.run_when_ready)."""
    from .php import run_when_ready
    args, lang, log = _start(argv)
    if args is None:
        return 2
    try:
        scenario = await run_when_ready(lambda: load_scenario_file(args.scenario, log=log))
        result = await run_when_ready(scenario.run)
    except ScenarioError as exc:
        print(f"agentlab: {exc}", file=sys.stderr)
        return 2
    return _write(result, args.format, lang)


def _start(argv: list[str] | None):
    """The arguments, the output language and where the log goes; (None, ...) after
    printing what is wrong."""
    args = build_parser().parse_args(argv)
    try:
        lang = args.lang or output_lang()
    except ValueError as exc:
        print(f"agentlab: {exc}", file=sys.stderr)
        return None, None, None
    # AddMessage2Log lines (PHP agents) are printed as they are written, before the
    # report; JSON and SVG keep them in the result only.
    log = _log_printer(lang) if args.format in ("table", "report") else None
    return args, lang, log


def _write(result, format: str, lang: str) -> int:
    if format == "json":
        from .render_json import iter_json
        sys.stdout.writelines(iter_json(result))
        return 0
    if format == "svg":
        out = result.svg(lang)
    elif format == "report":
        if result.log:
            sys.stdout.write("\n")
        out = result.svg(lang) + "\n" + result.table(lang)
    else:
        out = ("\n" if result.log else "") + result.table(lang)
    sys.stdout.write(out)
    return 0
