"""`make serve`'s fast loop (mkdocs serve --dirty, hooks/dirty_serve.py) on a copy of the
project: a saved page shows its change; a broken anchor saved while serving is reported
in the terminal, also one that a page the save did not rebuild links to; the rebuilt
page's nav keeps the titles of the pages it did not rebuild. No time is asserted here
(bench/scale.py measures it)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project

MARKER = "Fast loop probe 7f3a"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve_command() -> list[str]:
    """`make serve`'s own mkdocs line, so the test runs what an author runs."""
    dry = subprocess.run(["make", "-s", "-n", "-o", "install", "-C", str(ROOT), "serve"],
                         capture_output=True, text=True, check=True)
    line = next(line for line in dry.stdout.splitlines() if "mkdocs serve" in line)
    env_words = [word for word in line.split() if re.fullmatch(r"[A-Z_]+=\S*", word)]
    assert "MKDOCS_STRICT=false" in env_words and "--dirty" in line, line
    return [sys.executable, "-m", "mkdocs", *line.split("mkdocs", 1)[1].split()]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, what: str, timeout: float, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.3)
    pytest.fail(f"{what} within {timeout:.0f} s; the server said:\n{log.read_text(encoding='utf-8')[-3000:]}")


def test_a_save_under_make_serve_shows_and_a_broken_anchor_is_reported(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    command = [word.replace("$(DEV_ADDR)", f"127.0.0.1:{port}") for word in _serve_command()]
    command = [f"127.0.0.1:{port}" if re.fullmatch(r"127\.0\.0\.1:\d+", word) else word for word in command]
    log = tmp_path / "serve.log"
    env = {**os.environ, "MKDOCS_STRICT": "false", "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        page = f"http://127.0.0.1:{port}/en/agents/"
        _wait_for(lambda: _get(page), "the first build was not served", 300, log)
        source = project / "docs" / "agents.en.md"
        text = source.read_text(encoding="utf-8")
        # lab.en.md links to agents.md#periodic: the heading loses its id, lab is not rebuilt.
        assert "{ #periodic }" in text
        text = text.replace("{ #periodic }", "{ #periodic-renamed }")
        source.write_text(text + f"\n{MARKER}: [a heading that is not there](#no-such-heading).\n",
                          encoding="utf-8")
        _wait_for(lambda: MARKER in (_get(page) or ""), "the saved change did not show", 120, log)
        for broken, linked_from in (("no-such-heading", "agents"), ("periodic", "lab")):
            line = _wait_for(lambda: re.search(rf"WARNING.*{linked_from}\.en\.md.*'[^']*#{broken}'.*",
                                               log.read_text(encoding="utf-8")),
                             f"no WARNING for the broken anchor #{broken} in {linked_from}", 30, log)
            assert broken in line.group(0)
        # The rebuilt page's nav names the pages it did not rebuild by their titles, as a full build does.
        nav = {href: " ".join(text.split()) for href, text in re.findall(
            r'href="(\.\./[\w-]+/)" class="md-nav__link">\s*<span class="md-ellipsis">(.*?)</span>', _get(page) or "", re.S)}
        assert nav.get("../lab/") == "Agent Lab" and nav.get("../open-lines-cron/") == \
            "Running Open Lines tasks from cron", nav
    finally:
        server.terminate()
        server.wait(timeout=30)
