"""``python -m agentlab run SCENARIO.toml --format table|json|svg [--lang en|ru]``.

Exit 0 on success; 2 with one line on stderr for a bad scenario or bad usage.
"""

from __future__ import annotations

import argparse
import sys

from .agent_code import AgentCodeError
from .kernel import AgentError
from .scenario import ScenarioError, load_scenario_file
from .strings import LANGS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agentlab", description="A deterministic emulator of 1C-Bitrix agents.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a scenario file and print what happened")
    run.add_argument("scenario", help="the scenario, a TOML file (see agentlab/README.md)")
    run.add_argument("--format", choices=("table", "json", "svg"), default="table")
    run.add_argument("--lang", choices=LANGS, default="en", help="language of table and SVG labels")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result = load_scenario_file(args.scenario).run()
    except ScenarioError as exc:
        print(f"agentlab: {exc}", file=sys.stderr)
        return 2
    except (AgentCodeError, AgentError) as exc:  # pragma: no cover - scenarios are checked first
        print(f"agentlab: {args.scenario}: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        out = result.to_json()
    elif args.format == "svg":
        out = result.svg(args.lang)
    else:
        out = result.table(args.lang)
    sys.stdout.write(out)
    return 0
