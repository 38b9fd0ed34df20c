"""Lighthouse on the course's pages (never a timed test).

    python bench/pages.py [--pages index agents ...] [--presets mobile desktop] [--details]

Builds the site for a local address, serves it gzip-compressed as a static host does
(tests/browser.py), and runs Lighthouse (npm, pinned in package.json) in Debian's
Chromium on the home page and every lesson in both languages, with the mobile and the
desktop preset. Prints the four category scores and the bytes transferred, then the
goals: performance >= 95 on mobile and 100 on desktop, accessibility, best practices
and SEO 100, a lesson page under 150 KB transferred before any example runs.
`--details` lists every audit that kept a page below 100 in a category.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from tests.conftest import build_site  # noqa: E402
from tests.pages import LANGUAGES, page_sources, slug  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {("performance", "mobile"): 95, ("performance", "desktop"): 100}
LESSON_BYTES_GOAL = 150 * 1024


def lighthouse(url: str, preset: str, out: Path) -> dict:
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(out.read_text(encoding="utf-8"))


def shortfalls(report: dict) -> list[str]:
    """The audits that cost a category points, as 'category: audit (score)'."""
    lines = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue") or ""
                lines.append(f"{category['id']}: {ref['id']} ({audit['score']:.2f}) {value}".rstrip())
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=sorted(page_sources()))
    parser.add_argument("--presets", nargs="*", default=["mobile", "desktop"], choices=["mobile", "desktop"])
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make install`")

    rows, missed = [], []
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp) / "site") as url:
        result = build_site(Path(tmp) / "site", SITE_URL=url)
        if result.returncode != 0:
            sys.exit(f"build failed:\n{result.stderr[-3000:]}")
        benchmark = None
        for page in args.pages:
            for lang in LANGUAGES:
                path = ("" if lang == "ru" else f"{lang}/") + slug(page)
                for preset in args.presets:
                    report = lighthouse(url + path, preset, Path(tmp) / "report.json")
                    benchmark = report["environment"]["benchmarkIndex"]
                    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                    transferred = report["audits"]["total-byte-weight"]["numericValue"]
                    rows.append((f"/{path}", preset, scores, transferred))
                    for category, score in scores.items():
                        if score < GOALS.get((category, preset), 100):
                            missed.append(f"/{path} {preset}: {category} {score}")
                    if page != "index" and transferred >= LESSON_BYTES_GOAL:
                        missed.append(f"/{path} {preset}: {transferred:,.0f} bytes transferred")
                    if args.details:
                        for line in shortfalls(report):
                            print(f"  /{path} {preset}: {line}")

    print(f"Lighthouse {subprocess.run([str(LIGHTHOUSE), '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"Chromium {CHROMIUM}, benchmarkIndex {benchmark}")
    print(f"{'page':<22}{'preset':<9}{'perf':>5}{'a11y':>6}{'bp':>5}{'seo':>5}{'KB':>8}")
    for path, preset, scores, transferred in rows:
        print(f"{path:<22}{preset:<9}{scores['performance']:>5}{scores['accessibility']:>6}"
              f"{scores['best-practices']:>5}{scores['seo']:>5}{transferred / 1024:>8.1f}")
    print("goals: all met" if not missed else "goals NOT met:\n  " + "\n  ".join(missed))


if __name__ == "__main__":
    main()
