"""Lighthouse on the course's pages (never a timed test).

    python bench/pages.py [--pages index agents ...] [--presets mobile desktop] [--runs 5]
                          [--cpu-slowdown 4] [--details]

Builds the site for a local address, serves it gzip-compressed as a static host does
(tests/browser.py), and runs Lighthouse (npm, pinned in package.json) in Debian's
Chromium on the home page and every lesson in both languages, with the mobile and the
desktop preset. Prints the four category scores and the bytes transferred, then the
goals: performance >= 95 on mobile and 100 on desktop, accessibility, best practices
and SEO 100, a lesson page under 150 KB transferred before any example runs.
`--details` lists every audit that kept a page below 100 in a category.

Each page and preset is measured `--runs` times; the run with the median performance
score is reported (and the worst run in the other categories), as Lighthouse's
docs/variability.md advises (the median of 5 runs is twice as stable as one run): on a
shared machine one run's Total Blocking Time varies by a factor of two. The host's
benchmarkIndex is printed with the table: Lighthouse's mobile preset slows the CPU 4x,
which its docs/throttling.md sizes for a high-end desktop (benchmarkIndex 1500-2000) and
suggests lowering on a slower host (`--cpu-slowdown`; the table says which was used).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from served import build_or_exit  # noqa: E402
from tests.pages import LANGUAGES, page_sources, page_url  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {("performance", "mobile"): 95, ("performance", "desktop"): 100}
LESSON_BYTES_GOAL = 150 * 1024


def lighthouse(url: str, preset: str, out: Path, cpu_slowdown: float | None = None) -> dict:
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    elif cpu_slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(out.read_text(encoding="utf-8"))


def median_run(reports: list[dict]) -> dict:
    """The report whose performance score is the median of the runs (the lower middle one
    for an even count)."""
    ranked = sorted(reports, key=lambda report: report["categories"]["performance"]["score"])
    return ranked[(len(ranked) - 1) // 2]


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
    parser.add_argument("--runs", type=int, default=5, help="runs per page and preset (median reported)")
    parser.add_argument("--cpu-slowdown", type=float, default=None,
                        help="mobile CPU slowdown instead of Lighthouse's 4x (see docs/throttling.md)")
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make install`")

    rows, missed = [], []
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp) / "site") as url:
        build_or_exit(Path(tmp) / "site", SITE_URL=url)
        benchmarks = []
        for page in args.pages:
            for lang in LANGUAGES:
                path = page_url("", page, lang)  # relative to the site root
                for preset in args.presets:
                    reports = [lighthouse(url + path, preset, Path(tmp) / "report.json", args.cpu_slowdown)
                               for _ in range(args.runs)]
                    benchmarks += [r["environment"]["benchmarkIndex"] for r in reports]
                    report = median_run(reports)
                    # Performance: the median run's. The other categories do not vary with the
                    # machine's load, so the worst run counts.
                    scores = {c: round(min(r["categories"][c]["score"] for r in reports) * 100) for c in CATEGORIES}
                    scores["performance"] = round(report["categories"]["performance"]["score"] * 100)
                    transferred = report["audits"]["total-byte-weight"]["numericValue"]
                    tbt = report["audits"]["total-blocking-time"]["numericValue"]
                    rows.append((f"/{path}", preset, scores, transferred, tbt))
                    for category, score in scores.items():
                        if score < GOALS.get((category, preset), 100):
                            missed.append(f"/{path} {preset}: {category} {score}")
                    if page != "index" and transferred >= LESSON_BYTES_GOAL:
                        missed.append(f"/{path} {preset}: {transferred:,.0f} bytes transferred")
                    if args.details:
                        for line in shortfalls(report):
                            print(f"  /{path} {preset}: {line}")

    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Lighthouse {version}, "
          f"Chromium {CHROMIUM}; median of {args.runs} run(s); mobile CPU slowdown "
          f"{args.cpu_slowdown or 4:g}x; benchmarkIndex median {statistics.median(benchmarks):.0f} "
          f"(range {min(benchmarks):.0f}-{max(benchmarks):.0f})")
    print(f"{'page':<22}{'preset':<9}{'perf':>5}{'a11y':>6}{'bp':>5}{'seo':>5}{'KB':>8}{'TBT ms':>8}")
    for path, preset, scores, transferred, tbt in rows:
        print(f"{path:<22}{preset:<9}{scores['performance']:>5}{scores['accessibility']:>6}"
              f"{scores['best-practices']:>5}{scores['seo']:>5}{transferred / 1024:>8.1f}{tbt:>8.0f}")
    print("goals: all met" if not missed else "goals NOT met:\n  " + "\n  ".join(missed))


if __name__ == "__main__":
    main()
