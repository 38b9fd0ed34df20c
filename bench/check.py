"""What an exercise's Check adds to its run, in Chromium (never a timed test).

    python bench/check.py [--runs 5]

Builds the site, serves it on 127.0.0.1, and for the first exercise of each lesson
(PHP in Agents, Python in Open Lines), in one browser tab: a Run to warm the worker,
then alternately Run and Check, each timed from the click to its end. A Check is a
run, then the exercise's check.py fetched and run on the record. Goal: the median
Check is within 100 ms of the median Run.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from served import ROOT, built_and_served
from tests.browser import REVEAL, chromium

sys.path.insert(0, str(ROOT / "hooks"))

GOAL_MS = 100
PAGES = {"agents": "agents/", "open-lines": "open-lines-cron/"}

# Click a button of the example and resolve with the ms to the end of its run.
CLICK_AND_TIME = """([example, selector]) => new Promise(resolve => {
  const status = example.querySelector('.agentlab-toolbar__status');
  status.textContent = '';
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (/\\d/.test(status.textContent)) {
      observer.disconnect();
      resolve(performance.now() - started);
    }
  });
  observer.observe(example, {childList: true, subtree: true, characterData: true});
  example.querySelector(selector).click();
})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with built_and_served() as (_, url):
        with chromium() as browser:
            for lesson, path in PAGES.items():
                page = browser.new_context().new_page()
                page.goto(url + "en/" + path)
                example = page.query_selector(".agentlab-example[data-check]")
                example.evaluate(REVEAL)
                page.evaluate(CLICK_AND_TIME, [example, ".agentlab-toolbar__run"])  # warm
                runs, checks = [], []
                for _ in range(args.runs):
                    runs.append(page.evaluate(CLICK_AND_TIME, [example, ".agentlab-toolbar__run"]))
                    checks.append(page.evaluate(CLICK_AND_TIME, [example, ".agentlab-toolbar__check"]))
                run, check = statistics.median(runs), statistics.median(checks)
                print(f"{lesson:<11} {example.get_attribute('data-file'):<22} run {run:6.0f} ms   "
                      f"check {check:6.0f} ms   check - run {check - run:5.0f} ms   "
                      f"goal <= {GOAL_MS} ms: {'met' if check - run <= GOAL_MS else 'NOT met'}")
                page.context.close()


if __name__ == "__main__":
    main()
