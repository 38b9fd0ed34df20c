"""`make serve`'s fast loop (mkdocs serve --dirty, hooks/dirty_serve.py) on a copy of the
project: a saved page shows its change; a broken anchor saved while serving is reported
in the terminal, also one that a page the save did not rebuild links to; the rebuilt
page's nav keeps the titles of the pages it did not rebuild. No time is asserted here
(bench/scale.py measures it)."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.make_serve import fetch, free_port, serve_command

MARKER = "Fast loop probe 7f3a"


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
    port = free_port()
    env, command = serve_command(port)
    # The fast loop as the Makefile sets it up: dirty rebuilds, strict off for serve alone.
    assert env.get("MKDOCS_STRICT") == "false" and "--dirty" in command, command
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        page = f"http://127.0.0.1:{port}/en/agents/"
        _wait_for(lambda: fetch(page), "the first build was not served", 300, log)
        source = project / "docs" / "agents.en.md"
        text = source.read_text(encoding="utf-8")
        # lab.en.md links to agents.md#periodic: the heading loses its id, lab is not rebuilt.
        assert "{ #periodic }" in text
        text = text.replace("{ #periodic }", "{ #periodic-renamed }")
        source.write_text(text + f"\n{MARKER}: [a heading that is not there](#no-such-heading).\n",
                          encoding="utf-8")
        _wait_for(lambda: MARKER in (fetch(page) or ""), "the saved change did not show", 120, log)
        for broken, linked_from in (("no-such-heading", "agents"), ("periodic", "lab")):
            line = _wait_for(lambda: re.search(rf"WARNING.*{linked_from}\.en\.md.*'[^']*#{broken}'.*",
                                               log.read_text(encoding="utf-8")),
                             f"no WARNING for the broken anchor #{broken} in {linked_from}", 30, log)
            assert broken in line.group(0)
        # The rebuilt page's nav names the pages it did not rebuild by their titles, as a full build does.
        nav = {href: " ".join(text.split()) for href, text in re.findall(
            r'href="(\.\./[\w-]+/)" class="md-nav__link">\s*<span class="md-ellipsis">(.*?)</span>', fetch(page) or "", re.S)}
        assert nav.get("../lab/") == "Agent Lab" and nav.get("../open-lines-cron/") == \
            "Running Open Lines tasks from cron", nav
    finally:
        server.terminate()
        server.wait(timeout=30)
