"""The example runner in Chromium (never a timed test).

    python bench/runner.py [--runs 5] [--page agents/] [--runtime python|php]

Builds the site, serves it on 127.0.0.1 and, in a fresh browser context each time
(empty cache), opens a lesson and measures, for its first example of that runtime:
- the bytes the page transfers before the first Run, and how many of them are
  Pyodide's, agentlab's or PHP's (goal: none);
- cold: from the click on Run to the first output (goal: Python <= 4 s, PHP <= 3 s),
  and to the end of the run;
- warm: the same for a second Run of that example (goal: Python <= 150 ms, PHP <= 200 ms);
- the bytes the first Run transfers (Pyodide, the snapshot, agentlab, PHP), and for
  PHP its runtime's bytes gzip-compressed (level 6), as a static host serves them.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
from pathlib import Path

from served import built_and_served
from tests.browser import REVEAL, chromium

GOALS_MS = {"python": (4000, 150), "php": (3000, 200)}  # cold first output, warm first output
RUNNER_ASSETS = ("/assets/pyodide/", "/assets/agentlab/", "/assets/js/runner/worker.js",
                 "/assets/js/runner/php-host.js", "/assets/php-wasm/")
PHP_ASSETS = "/assets/php-wasm/"

# Click Run and resolve with [ms to the first output, ms to the end of the run].
CLICK_AND_TIME = """example => new Promise(resolve => {
  const body = example.querySelector('.agentlab-output__body');
  const status = example.querySelector('.agentlab-toolbar__status');
  const started = performance.now();
  let first = null;
  const observer = new MutationObserver(() => {
    if (first === null && body.textContent.trim()) first = performance.now() - started;
    if (/\\d/.test(status.textContent)) {
      observer.disconnect();
      resolve([first, performance.now() - started]);
    }
  });
  observer.observe(example, {childList: true, subtree: true, characterData: true});
  example.querySelector('.agentlab-toolbar__run').click();
})"""


def measure(browser, url: str, runtime: str, site: Path, base: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    transfers: list[tuple[str, int]] = []

    def finished(request):
        sizes = request.sizes()
        transfers.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    page.on("requestfinished", finished)
    page.goto(url, wait_until="networkidle")
    before = list(transfers)
    example = page.query_selector(f".agentlab-example[data-runtime={runtime}]")
    example.evaluate(REVEAL)  # its tab, if it is not the one selected
    cold_first, cold_done = page.evaluate(CLICK_AND_TIME, example)
    first_run = transfers[len(before):]
    warm_first, warm_done = page.evaluate(CLICK_AND_TIME, example)
    status = example.query_selector(".agentlab-toolbar__status").text_content()
    context.close()
    return {
        "page_bytes": sum(size for _, size in before),
        "runner_bytes_before_run": sum(size for u, size in before if any(a in u for a in RUNNER_ASSETS)),
        "first_run_bytes": sum(size for _, size in first_run),
        # What the PHP runtime weighs on the wire, gzip (level 6) as a static host sends it.
        "php_gzip_bytes": sum(len(gzip.compress((site / u[len(base):].split("?")[0]).read_bytes(), 6))
                              for u, _ in first_run if PHP_ASSETS in u),
        "cold_first": cold_first, "cold_done": cold_done, "warm_first": warm_first, "warm_done": warm_done,
        "status": status,
    }


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):7.0f}   min {min(values):7.0f}   max {max(values):7.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="agents/", help="the lesson's path in the site")
    parser.add_argument("--runtime", choices=sorted(GOALS_MS), default="python")
    args = parser.parse_args()
    cold_goal, warm_goal = GOALS_MS[args.runtime]

    with built_and_served() as (site, url):
        with chromium() as browser:
            runs = [measure(browser, url + args.page, args.runtime, site, url) for _ in range(args.runs)]

    last = runs[-1]
    print(f"page /{args.page}, {args.runtime} example, {args.runs} runs, each in a fresh browser context "
          "(empty cache)")
    print(f"  transferred before the first Run: {last['page_bytes']:,} bytes "
          f"(uncompressed server), of which the runner's: {last['runner_bytes_before_run']:,}")
    print(f"  transferred by the first Run:     {last['first_run_bytes']:,} bytes")
    if args.runtime == "php":
        print(f"  PHP runtime, gzip level 6:        {last['php_gzip_bytes']:,} bytes")
    print(f"  cold, click to first output, ms:  {summary([r['cold_first'] for r in runs])}")
    print(f"  cold, click to end of run, ms:    {summary([r['cold_done'] for r in runs])}")
    print(f"  warm, click to first output, ms:  {summary([r['warm_first'] for r in runs])}")
    print(f"  warm, click to end of run, ms:    {summary([r['warm_done'] for r in runs])}")
    print(f"  last status: {last['status']}")
    cold = statistics.median(r["cold_first"] for r in runs)
    warm = statistics.median(r["warm_first"] for r in runs)
    verdicts = [
        (f"cold <= {cold_goal} ms", cold <= cold_goal), (f"warm <= {warm_goal} ms", warm <= warm_goal),
        ("no runner byte before the first Run", all(r["runner_bytes_before_run"] == 0 for r in runs)),
    ]
    for goal, met in verdicts:
        print(f"  goal {goal}: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
