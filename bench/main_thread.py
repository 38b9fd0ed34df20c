"""Main-thread work while a page loads, from Chromium's trace (never a timed test).

    python bench/main_thread.py [--pages agents lab ...] [--runs 7] [--compare REV]

Builds the site, opens each page in a fresh phone-sized tab (412 x 823, as Lighthouse's
mobile preset) of Debian's Chromium without any throttling, and reads the trace: time in
style recalculation, layout and script, and the blocking time (each main-thread task's
time over 50 ms, summed, as Total Blocking Time counts it). Medians over `--runs`.

Lighthouse's score on this shared machine swings by ten points from run to run; these
sums are steadier, so they tell whether a change to the pages lightens the browser's work.
`--compare REV` builds that git revision too (in a temporary worktree) and measures both
in turns, so that a busy moment of the machine hits both alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from served import build_or_exit  # noqa: E402
from tests.pages import LANGUAGES, page_sources, page_url  # noqa: E402

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
         "has_touch": True}
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]
FIGURES = ("style", "layout", "script", "blocking")


def main_thread_figures(trace: bytes) -> dict[str, float]:
    """Milliseconds of the page's renderer main thread in a trace."""
    events = json.loads(trace)["traceEvents"]
    main_threads = {(e["pid"], e["tid"]) for e in events
                    if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    spans = [e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) in main_threads]
    busiest = max(main_threads, key=lambda thread: sum(e["dur"] for e in spans
                                                       if (e["pid"], e["tid"]) == thread and e["name"] == "RunTask"))
    spans = [e for e in spans if (e["pid"], e["tid"]) == busiest]

    def total(*names: str) -> float:
        return sum(e["dur"] for e in spans if e["name"] in names) / 1000

    tasks = [e["dur"] / 1000 for e in spans if e["name"] == "RunTask"]
    return {"style": total("UpdateLayoutTree"), "layout": total("Layout"),
            "script": total("EvaluateScript", "FunctionCall", "v8.compile"),
            "blocking": sum(max(0.0, task - 50) for task in tasks)}


def measure(browser, url: str) -> dict[str, float]:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        browser.start_tracing(page=page, categories=CATEGORIES)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1500)  # Material mounts its components after load
        return main_thread_figures(browser.stop_tracing())
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=sorted(page_sources()))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", metavar="REV", help="a git revision to measure beside the working tree")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        sites = {"now": build_or_exit(Path(tmp) / "now", ROOT)}
        if args.compare:
            tree = Path(tmp) / "tree"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.compare],
                           check=True, capture_output=True)
            stack.callback(subprocess.run, ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)
            (tree / "node_modules").symlink_to(ROOT / "node_modules")  # Pyodide, as in the tree
            sites = {args.compare: build_or_exit(Path(tmp) / "then", tree), **sites}
        origins = {name: stack.enter_context(serve(site)) for name, site in sites.items()}
        paths = [page_url("", page, lang) for page in args.pages for lang in LANGUAGES]  # from the root
        found: dict[tuple[str, str], list[dict]] = {(p, name): [] for p in paths for name in sites}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for _ in range(args.runs):
                for path in paths:
                    for name, origin in origins.items():
                        found[(path, name)].append(measure(browser, origin + path))
            browser.close()

    print(f"Chromium {CHROMIUM}, 412 x 823, no throttling; median of {args.runs} run(s), ms")
    print(f"{'page':<22}{'site':<10}" + "".join(f"{figure:>10}" for figure in FIGURES))
    for (path, name), runs in found.items():
        medians = [statistics.median(run[figure] for run in runs) for figure in FIGURES]
        print(f"/{path:<21}{name:<10}" + "".join(f"{value:>10.0f}" for value in medians))


if __name__ == "__main__":
    main()
