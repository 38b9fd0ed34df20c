"""The strict build refuses a missing page, a missing anchor, an absolute link and a missing translation."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import build_site, copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def _build(project: Path) -> subprocess.CompletedProcess:
    return build_site(project / "site", project)


def test_the_copied_project_builds(project):
    result = _build(project)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.parametrize("link,complaint", [
    ("[gone](no-such-page.md)", "no-such-page.md"),
    ("[gone](open-lines-cron.md#no-such-anchor)", "no-such-anchor"),
    ("[gone](#no-such-heading)", "no-such-heading"),
    ("[root](/agents/)", "/agents/"),
])
def test_broken_link_fails_the_build(project, link, complaint):
    page = project / "docs" / "agents.en.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{link}\n", encoding="utf-8")
    result = _build(project)
    assert result.returncode != 0
    assert any(complaint in line and "agents.en.md" in line for line in result.stderr.splitlines()), result.stderr[-2000:]


def test_missing_translation_fails_the_build(project):
    (project / "docs" / "open-lines-cron.en.md").unlink()
    result = _build(project)
    assert result.returncode != 0
    assert "open-lines-cron" in result.stderr
