"""`make serve` as the Makefile runs it, for the test of the fast loop (tests/test_serve.py)
and its benchmark (bench/scale.py): its command line, a free port, the served pages."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import urllib.request

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page at url, or None while the server is not answering it."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def serve_command(port: int, locale: str | None = None) -> tuple[dict[str, str], list[str]]:
    """The environment and the argv of `make serve`'s own mkdocs line (read from the
    Makefile with `make -n`, the venv's path made absolute), serving on 127.0.0.1:port."""
    env = dict(os.environ, BUILD_ONLY_LOCALE=locale or "")
    dry = subprocess.run(["make", "-s", "-n", "-o", "install", "-C", str(ROOT), "serve",
                          f"DEV_ADDR=127.0.0.1:{port}", f"BIN={ROOT / '.venv' / 'bin'}"],
                         env=env, capture_output=True, text=True, check=True)
    lines = [line for line in dry.stdout.splitlines() if "mkdocs serve" in line]
    if len(lines) != 1:
        raise RuntimeError(f"Makefile: `make serve` should run one `mkdocs serve` line, not:\n{dry.stdout}")
    argv = shlex.split(lines[0])
    env_words = [word for word in argv if re.fullmatch(r"[A-Z_]+=.*", word)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **dict(word.split("=", 1) for word in env_words))
    return env, argv[len(env_words):]
