"""Shared fixtures: the site is built once per test session, strictly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The hooks import each other by module name, as MkDocs loads them: the tests do too.
sys.path.insert(0, str(ROOT / "hooks"))


# What a build reads; a copy of these builds like the project itself.
# package-lock.json: it pins the editor the build bundles (hooks/code_editor keys its cache by it).
PROJECT_FILES = ["mkdocs.yml", "package-lock.json", "docs", "overrides", "snippets", "hooks", "agentlab"]


def copy_project(target: Path) -> Path:
    """A copy of the project to break on purpose. node_modules (Pyodide) and the
    build's .cache (example outputs, Pyodide's snapshot) are shared, not copied."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    for shared in ("node_modules", ".cache"):
        (ROOT / shared).mkdir(exist_ok=True)
        (target / shared).symlink_to(ROOT / shared)
    return target


def build_site(site_dir: Path, project: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, as `make build` runs it, of the project into site_dir."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> subprocess.CompletedProcess:
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    result.site_dir = site_dir
    return result


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    if site_build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{site_build.stderr[-4000:]}")
    return site_build.site_dir


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The site built for and served from a local address (what the browser tests open)."""
    from tests.browser import serve

    site_dir = tmp_path_factory.mktemp("served-site")
    with serve(site_dir) as url:
        # Material's instant navigation follows only the URLs of the sitemap,
        # so the site is built for the address it is served from.
        result = build_site(site_dir, SITE_URL=url)
        assert result.returncode == 0, result.stderr[-3000:]
        yield url


@pytest.fixture(scope="session")
def browser():
    from tests.browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser, site_url):
    """A fresh browser tab (own cache and storage); fails the test if any request
    left the site's origin."""
    from tests.browser import own_origin_tab

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        with own_origin_tab(context, site_url) as page:
            yield page
    finally:
        context.close()


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """hooks/example_run.py on a snippets/ folder and a cache of its own: the folder of a lesson."""
    import example_run

    snippets = tmp_path / "snippets"
    (snippets / "lesson").mkdir(parents=True)
    monkeypatch.setattr(example_run, "SNIPPETS", snippets)
    monkeypatch.setattr(example_run, "CACHE_DIR", tmp_path / "cache")
    return snippets / "lesson"
