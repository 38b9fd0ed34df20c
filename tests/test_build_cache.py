"""The build's caches change nothing but its speed (issue 18): a page is byte-identical
whether its examples ran in this build or came from the cache, and a change to an
example, to agentlab (its PHP environment included) or to the PHP version reaches the page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import example_run
from example_run import cached_output, run_example
from tests.conftest import ROOT, build_site, copy_project

PAGE = "agents"  # Python and PHP examples, exercises


def _with_empty_example_cache(project: Path) -> None:
    """The copy's own .cache: the examples' part empty, the rest (Pyodide's snapshot,
    the editor's bundle) shared, so only the examples are cold."""
    (project / ".cache").unlink()
    (project / ".cache" / "examples").mkdir(parents=True)
    for shared in (ROOT / ".cache").iterdir():
        if shared.name != "examples":
            (project / ".cache" / shared.name).symlink_to(shared)


@pytest.fixture(scope="module")
def cold_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("cache") / "project")
    _with_empty_example_cache(project)
    return project


def _build_page(project: Path, site: Path) -> str:
    """The English page, from a build of English alone (served at the site's root)."""
    result = build_site(site, project, BUILD_ONLY_LOCALE="en")
    assert result.returncode == 0, result.stderr[-3000:]
    return (site / PAGE / "index.html").read_text(encoding="utf-8")


def test_a_cold_and_a_warm_build_give_the_same_page(cold_project, tmp_path):
    cache = cold_project / ".cache" / "examples"
    cold = _build_page(cold_project, tmp_path / "cold")
    assert list(cache.glob("*.txt")), "the cold build cached no example"
    warm = _build_page(cold_project, tmp_path / "warm")
    assert warm == cold
    assert "agentlab-output" in warm


def test_a_changed_example_reaches_the_page_of_a_warm_build(cold_project, tmp_path):
    _build_page(cold_project, tmp_path / "before")
    example = cold_project / "snippets" / "agents" / "periodic_vs_not.py"
    example.write_text(example.read_text(encoding="utf-8") + '\nprint("a line the cache never saw")\n',
                       encoding="utf-8")
    assert "a line the cache never saw" in _build_page(cold_project, tmp_path / "after")


# Cache keys: the example's sandbox of tests/test_examples.py, agentlab and PHP faked --------


def test_a_change_in_agentlabs_php_environment_runs_the_examples_again(tmp_path, monkeypatch):
    agentlab = tmp_path / "agentlab"
    (agentlab / "php").mkdir(parents=True)
    (agentlab / "kernel.py").write_text("x = 1\n")
    bitrix = agentlab / "php" / "bitrix.php"
    bitrix.write_text("<?php function AddMessage2Log($m) {}\n")
    monkeypatch.setattr(example_run, "AGENTLAB", agentlab)
    before = example_run.agentlab_digest()
    bitrix.write_text("<?php function AddMessage2Log($m) { echo $m; }\n")
    assert example_run.agentlab_digest() != before


def test_the_digest_given_by_the_build_is_the_key(sandbox):
    (sandbox / "hello.py").write_text("print('hello')\n")
    assert run_example("lesson/hello.py", "en", agentlab="digest-1") == "hello\n"
    assert cached_output("lesson/hello.py", "en", agentlab="digest-1") == "hello\n"
    assert cached_output("lesson/hello.py", "en", agentlab="digest-2") is None


def test_another_php_version_runs_a_php_example_again(sandbox, monkeypatch):
    for name in ("remove_itself.php", "remove_itself.toml"):
        shutil.copy(ROOT / "snippets" / "agents" / name, sandbox / name)
    monkeypatch.setattr(example_run, "php_version", lambda: "8.2.0")
    stdout = run_example("lesson/remove_itself.php", "en")
    assert cached_output("lesson/remove_itself.php", "en") == stdout
    monkeypatch.setattr(example_run, "php_version", lambda: "8.3.0")
    assert cached_output("lesson/remove_itself.php", "en") is None
