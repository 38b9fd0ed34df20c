"""Shared fixtures: the site is built once per test session, strictly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def build_site(site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, as `make build` runs it, into site_dir."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
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
