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
from .strings import LANG_ENV, LANGS, output_lang


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agentlab", description="A deterministic emulator of 1C-Bitrix agents.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a scenario file and print what happened")
    run.add_argument("scenario", help="the scenario, a TOML file (see agentlab/README.md)")
    run.add_argument("--format", choices=("table", "json", "svg", "report"), default="table")
    run.add_argument("--lang", choices=LANGS, default=None,
                     help=f"language of table and SVG labels (default: ${LANG_ENV} or en)")
    return parser


def main(argv: list[str] | None = None) -> int:
    # One short process: what it allocates (the scenario, the run, the output) lives
    # until it exits, so the cyclic collector would only rescan it, time after time.
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        lang = args.lang or output_lang()
    except ValueError as exc:
        print(f"agentlab: {exc}", file=sys.stderr)
        return 2
    try:
        result = load_scenario_file(args.scenario).run()
    except ScenarioError as exc:
        print(f"agentlab: {exc}", file=sys.stderr)
        return 2
    except (AgentCodeError, AgentError) as exc:  # pragma: no cover - scenarios are checked first
        print(f"agentlab: {args.scenario}: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        from .render_json import iter_json
        sys.stdout.writelines(iter_json(result))
        return 0
    if args.format == "svg":
        out = result.svg(lang)
    elif args.format == "report":
        out = result.svg(lang) + "\n" + result.table(lang)
    else:
        out = result.table(lang)
    sys.stdout.write(out)
    return 0
