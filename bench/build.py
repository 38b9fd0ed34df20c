"""Build time of the site and the weight of its pages (never a timed test).

    python bench/build.py [--runs 3]

Prints the wall time of `mkdocs build --strict` (each run into a fresh directory)
and, for every page in both languages, the bytes a reader downloads before any
example runs: the HTML plus the same-origin CSS and JS it references, gzip -6.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import build_site  # noqa: E402
from tests.pages import LANGUAGES, built_path, page_sources, parse  # noqa: E402


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_weight(site: Path, html: Path) -> tuple[int, int]:
    """(raw bytes, gzip bytes) of the page and the stylesheets and scripts it loads."""
    page_url = "http://site/" + html.relative_to(site).as_posix()
    files = {html}
    tree = parse(html)
    for node in tree.css('link[rel="stylesheet"][href], script[src]'):
        url = urljoin(page_url, node.attributes.get("href") or node.attributes.get("src"))
        parts = urlsplit(url)
        if parts.netloc == "site":
            files.add(site / parts.path.lstrip("/"))
    return sum(f.stat().st_size for f in files), sum(gzip_size(f) for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            site = Path(tmp) / f"site{run}"
            started = time.perf_counter()
            result = build_site(site)
            times.append(time.perf_counter() - started)
            if result.returncode != 0:
                sys.exit(f"build failed:\n{result.stderr[-3000:]}")
        print(f"mkdocs build --strict, {args.runs} runs: "
              f"min {min(times):.2f} s, median {statistics.median(times):.2f} s")
        print(f"{'page':<28} {'raw KB':>8} {'gzip KB':>8}")
        for page in sorted(page_sources()):
            for lang in LANGUAGES:
                html = built_path(site, page, lang)
                raw, packed = page_weight(site, html)
                print(f"{html.relative_to(site).parent.as_posix() + '/':<28} {raw / 1024:8.1f} {packed / 1024:8.1f}")


if __name__ == "__main__":
    main()
