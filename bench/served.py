"""The site as the benchmarks need it: built (or the benchmark ends with the build's error),
and for the browser ones built for its own address on 127.0.0.1 and served there (gzip,
as a static host), for as long as the block lasts."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import serve  # noqa: E402
from tests.conftest import build_site  # noqa: E402


def build_or_exit(site: Path, project: Path = ROOT, **env: str) -> Path:
    """`mkdocs build --strict` of project into site; a benchmark ends with the build's error if it fails."""
    result = build_site(site, project, **env)
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stderr[-3000:]}")
    return site


@contextmanager
def built_and_served() -> Iterator[tuple[Path, str]]:
    """(the built site's folder, its base URL); exits with the build's error if it fails."""
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp)) as url:
        yield build_or_exit(Path(tmp), SITE_URL=url), url
