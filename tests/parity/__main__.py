"""`python -m tests.parity [--docs DIR] [--snippets DIR] [--config FILE] [--allowlist FILE]`

Prints one line per finding and a summary; exits 0 when the translations agree,
1 with findings, 2 on bad usage (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import DEFAULT_ALLOWLIST, DOCS, MKDOCS_YML, SNIPPETS, check, pair_pages
from .allowlist import AllowListError


class UsageError(Exception):
    """Bad command-line usage: one line on stderr, exit 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(message)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = Parser(prog="python -m tests.parity", description="Check that docs/*.ru.md and docs/*.en.md agree.")
    parser.add_argument("--docs", type=Path, default=DOCS, help="the docs directory (default: docs/)")
    parser.add_argument("--snippets", type=Path, default=SNIPPETS, help="where glossary.ru.md and glossary.en.md are")
    parser.add_argument("--config", type=Path, default=MKDOCS_YML, help="mkdocs.yml to check for fallback_to_default")
    parser.add_argument("--allowlist", type=Path, default=DEFAULT_ALLOWLIST, help="the allow-list file")
    arguments = parser.parse_args(argv)
    for name in ("docs", "snippets"):
        if not getattr(arguments, name).is_dir():
            raise UsageError(f"--{name} {getattr(arguments, name)}: not a directory")
    for name in ("config", "allowlist"):
        if not getattr(arguments, name).is_file():
            raise UsageError(f"--{name} {getattr(arguments, name)}: no such file")
    return arguments


def main(argv: list[str] | None = None) -> int:
    try:
        arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
        findings = check(arguments.docs, arguments.snippets, arguments.config, arguments.allowlist)
    except (UsageError, AllowListError, OSError, UnicodeDecodeError) as error:
        print(f"python -m tests.parity: error: {error}", file=sys.stderr)
        return 2
    for finding in findings:
        print(finding)
    pages = len(pair_pages(arguments.docs))
    if findings:
        print(f"{len(findings)} finding(s) in {pages} page(s): the translations have drifted.")
        return 1
    print(f"OK: {pages} page(s) agree in both languages; glossaries and mkdocs.yml agree too.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
