"""The example editor's first load in Chromium (never a timed test).

    python bench/editor.py [--runs 7] [--page agents/]

Builds the site, serves it on 127.0.0.1 (gzip, as a static host) and, in a fresh
browser context each time (empty cache), opens a lesson and measures:
- the bytes the page transfers before any Edit, and how many are the editor's (goal: none);
- cold: from the click on Edit to the editor in the page, ready to type (goal: <= 300 ms);
- warm: Reset, then Edit again on the same page (the module is loaded);
- the bytes the first Edit transfers (the bundle, gzip on the wire).
"""

from __future__ import annotations

import argparse
import statistics

from runner import summary
from served import built_and_served
from tests.browser import REVEAL, chromium

GOAL_MS = 300
EDITOR_BUNDLE = "/assets/js/runner/editor/"

# Click Edit and resolve with the ms until the editor's text area is in the page.
CLICK_AND_TIME = """example => new Promise(resolve => {
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (example.querySelector('.agentlab-editor .cm-content')) {
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - started));  // painted
    }
  });
  observer.observe(example, {childList: true, subtree: true});
  example.querySelector('.agentlab-toolbar__edit').click();
})"""


def measure(browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    transfers: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: transfers.append(
        (request.url, request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"])))
    page.goto(url, wait_until="networkidle")
    before = list(transfers)
    example = page.query_selector(".agentlab-example")
    example.evaluate(REVEAL)
    cold = page.evaluate(CLICK_AND_TIME, example)
    first_edit = transfers[len(before):]
    example.query_selector(".agentlab-toolbar__edit").click()  # Reset
    warm = page.evaluate(CLICK_AND_TIME, example)
    context.close()
    return {
        "editor_bytes_before_edit": sum(size for u, size in before if EDITOR_BUNDLE in u),
        "first_edit_bytes": sum(size for _, size in first_edit),
        "cold": cold, "warm": warm,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--page", default="agents/", help="the lesson's path in the site")
    args = parser.parse_args()

    with built_and_served() as (_, url):
        with chromium() as browser:
            runs = [measure(browser, url + args.page) for _ in range(args.runs)]

    print(f"page /{args.page}, first example, {args.runs} runs, each in a fresh browser context (empty cache)")
    print(f"  editor bytes before any Edit:      {max(r['editor_bytes_before_edit'] for r in runs):,}")
    print(f"  transferred by the first Edit:     {runs[-1]['first_edit_bytes']:,} bytes (gzip on the wire)")
    print(f"  cold, click to editor, ms:         {summary([r['cold'] for r in runs])}")
    print(f"  warm (Reset, Edit), ms:            {summary([r['warm'] for r in runs])}")
    cold = statistics.median(r["cold"] for r in runs)
    verdicts = [(f"first load <= {GOAL_MS} ms", cold <= GOAL_MS),
                ("no editor byte before the first Edit", all(r["editor_bytes_before_edit"] == 0 for r in runs))]
    for goal, met in verdicts:
        print(f"  goal {goal}: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
