"""A course that grows (issue 18): build time against plain Material, and the time from
saving a page to the served page showing it, at N lesson pairs (never a timed test).

    python bench/scale.py [--sizes 10 100] [--runs 3] [--edits 3]

For each N, bench/course_copy.py makes the course with N lesson pairs, twice: ours, and
a plain one (the same pages built by Material + mkdocs-static-i18n alone: no hooks, no
overrides, the fence words `run` and `check` dropped). After a warm-up build of each
(ours runs its examples once, cached), the full strict builds run in pairs, in turn
first. The goal is judged by the median of the pairs' ratios: the two builds of a pair
run back to back, on the machine as it is then, while on a shared machine one build
alone can take a third longer a few minutes later. The ratio of the medians is shown too.
Then `make serve` (and its one-language preview, BUILD_ONLY_LOCALE=en) serves the
course: a paragraph is saved into a lesson and the page is fetched over HTTP until it
shows it. It also reports the site's size and the search index's per language. The
goals are checked at the largest N.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.course_copy import make_course  # noqa: E402
from tests.conftest import build_site  # noqa: E402
from tests.make_serve import fetch, free_port, serve_command  # noqa: E402

GOAL_BUILD_RATIO = 1.1  # our full build against the plain one, at the largest N
GOAL_SERVE_SECONDS = 3.0  # save -> the served page shows it, in the edited language
LANGUAGE_PREFIXES = {"ru": "", "en": "en/"}
SERVE_TIMEOUT_SECONDS = 900  # the first build of a serve at 100 lessons is a full one
EDIT_TIMEOUT_SECONDS = 120
_FENCE_WORDS = re.compile(r"^(?P<open>[ \t]*(?:`{3,}|~{3,}).*?)(?P<words>(?:[ \t]+(?:run|check))+)[ \t]*$", re.M)


def make_plain(project: Path) -> None:
    """The copy as plain Material + mkdocs-static-i18n builds it: no hooks, no overrides,
    and fences without our words (superfences would refuse them)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^hooks:\n(?:[ \t]+.*\n)+", "", text, flags=re.M)
    text = re.sub(r"^[ \t]+custom_dir:.*\n", "", text, flags=re.M)
    config.write_text(text, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        markdown = page.read_text(encoding="utf-8")
        page.write_text(_FENCE_WORDS.sub(lambda m: m["open"], markdown), encoding="utf-8")


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def timed_build(project: Path, site: Path, strict: bool = True) -> tuple[float, float]:
    """Wall and CPU seconds of a full build (CPU time is steadier on a shared machine); the
    plain one is not strict (without our hooks, mkdocs-static-i18n warns that Material's
    instant navigation needs them)."""
    cpu = _children_cpu()
    started = time.perf_counter()
    if strict:
        result = build_site(site, project)
    else:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=project,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1", MKDOCS_STRICT="false"),
                                capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{project.name}: mkdocs build failed:\n{result.stderr[-3000:]}")
    return elapsed, _children_cpu() - cpu


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f}"


def site_sizes(site: Path) -> dict[str, str]:
    """HTML and search index per language, and the whole site (its shared assets included)."""
    sizes: dict[str, str] = {}
    others = [prefix for prefix in LANGUAGE_PREFIXES.values() if prefix]
    for lang, prefix in LANGUAGE_PREFIXES.items():
        root = site / prefix
        pages = [p for p in root.rglob("*.html")
                 if prefix or not any(p.relative_to(site).as_posix().startswith(o) for o in others)]
        index = sorted((root / "search").glob("*.json"))
        raw = sum(p.stat().st_size for p in index)
        packed = sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in index)
        sizes[f"html {lang}, KB"] = _kb(sum(p.stat().st_size for p in pages))
        sizes[f"search index {lang}, KB (gzip)"] = f"{_kb(raw)} ({_kb(packed)})"
    sizes["whole site, MB"] = f"{sum(p.stat().st_size for p in site.rglob('*') if p.is_file()) / 2**20:,.1f}"
    return sizes


def _wait_for(url: str, shows: bool, token: str, timeout: float) -> float:
    """The moment (perf_counter) the page at url shows (or no longer shows) token."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        body = fetch(url)
        if body is not None and (token in body) == shows:
            return time.perf_counter()
        time.sleep(0.05)
    raise TimeoutError(f"{url}: {'no' if shows else 'still'} {token!r} after {timeout} s")


@dataclass
class ServeResult:
    first_build: float
    seconds: dict[str, list[float]] = field(default_factory=dict)  # edited language -> save-to-visible times


def measure_serve(project: Path, lesson: str, edited: list[str], edits: int, locale: str | None,
                  log: Path) -> ServeResult:
    """Save a paragraph into docs/<lesson>.<lang>.md under `make serve` and time until the
    served page shows it; the file is put back (and that rebuild waited for) after each."""
    port = free_port()
    env, argv = serve_command(port, locale)
    with log.open("w") as out:
        server = subprocess.Popen(argv, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True,
                                  # Ctrl+C works even when the bench itself runs as a background job
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        base = f"http://127.0.0.1:{port}/"
        # One language alone (BUILD_ONLY_LOCALE) is served at the root.
        prefixes = {lang: "" for lang in edited} if locale else LANGUAGE_PREFIXES
        started = time.perf_counter()
        home = base + prefixes[edited[0]]
        while fetch(home) is None:
            if server.poll() is not None or time.perf_counter() - started > SERVE_TIMEOUT_SECONDS:
                sys.exit(f"make serve did not start; see {log}")
            time.sleep(0.2)
        result = ServeResult(first_build=time.perf_counter() - started)
        for round_ in range(edits):
            for lang in edited:
                source = project / "docs" / f"{lesson}.{lang}.md"
                url = f"{base}{prefixes[lang]}{lesson}/"
                token = f"scalebenchedit{round_}{lang}{os.getpid()}"
                original = source.read_text(encoding="utf-8")
                saved = time.perf_counter()
                source.write_text(original + f"\n\n{token}\n", encoding="utf-8")
                visible = _wait_for(url, True, token, EDIT_TIMEOUT_SECONDS)
                result.seconds.setdefault(lang, []).append(visible - saved)
                source.write_text(original, encoding="utf-8")
                _wait_for(url, False, token, EDIT_TIMEOUT_SECONDS)
                time.sleep(1)  # the watcher polls every 0.5 s: let it settle
        return result
    finally:
        os.killpg(server.pid, signal.SIGINT)  # as Ctrl+C: mkdocs removes its temporary site
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def bench_size(n: int, runs: int, edits: int, tmp: Path) -> dict:
    ours = make_course(tmp / f"ours{n}", n)
    plain = make_course(tmp / f"plain{n}", n)
    make_plain(plain)
    lesson = next(p.name.split(".")[0] for p in sorted((ours / "docs").glob("agents-*.en.md"),
                                                        key=lambda p: len(p.name)))  # a lesson with examples

    print(f"N={n}: warm-up builds (ours runs its examples once) ...", flush=True)
    warm = timed_build(ours, tmp / "site-ours")[0]
    timed_build(plain, tmp / "site-plain", strict=False)
    print(f"  ours, first build (examples cached from an earlier run, or run now): {warm:.1f} s", flush=True)
    times: dict[str, list[float]] = {"ours": [], "plain": []}
    cpu: dict[str, list[float]] = {"ours": [], "plain": []}
    for run in range(runs):
        order = ("ours", "plain") if run % 2 == 0 else ("plain", "ours")
        for name in order:
            project = ours if name == "ours" else plain
            wall, used = timed_build(project, tmp / f"site-{name}", strict=project is ours)
            times[name].append(wall)
            cpu[name].append(used)
        print(f"  run {run + 1}: ours {times['ours'][-1]:.1f} s (CPU {cpu['ours'][-1]:.1f} s), plain "
              f"{times['plain'][-1]:.1f} s (CPU {cpu['plain'][-1]:.1f} s), load {os.getloadavg()[0]:.2f}", flush=True)
    sizes = {"ours": site_sizes(tmp / "site-ours"), "plain": site_sizes(tmp / "site-plain")}

    serve = {}
    for label, locale, edited in (("make serve", None, ["en", "ru"]),
                                  ("make serve BUILD_ONLY_LOCALE=en", "en", ["en"])):
        print(f"  {label}: first build, then {edits} edits per language ...", flush=True)
        serve[label] = measure_serve(ours, lesson, edited, edits, locale, tmp / f"serve-{n}-{locale}.log")
    return {"n": n, "times": times, "cpu": cpu, "sizes": sizes, "serve": serve, "lesson": lesson}


def report(results: list[dict]) -> None:
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} cores)")
    print(f"{'':44}" + "".join(f"{'N=' + str(r['n']):>22}" for r in results))

    def row(label: str, cells: list[str]) -> None:
        print(f"{label:44}" + "".join(f"{cell:>22}" for cell in cells))

    for name in ("ours", "plain"):
        row(f"full build, {name}: median (min) s",
            [f"{statistics.median(r['times'][name]):.1f} ({min(r['times'][name]):.1f})" for r in results])
    row("full build, ours / plain (medians)",
        [f"{statistics.median(r['times']['ours']) / statistics.median(r['times']['plain']):.2f}" for r in results])
    pair_ratios = [[ours / plain for ours, plain in zip(r["times"]["ours"], r["times"]["plain"])] for r in results]
    row("full build, ours / plain, each pair", [" ".join(f"{ratio:.2f}" for ratio in pairs) for pairs in pair_ratios])
    ratios = [statistics.median(pairs) for pairs in pair_ratios]
    row("full build, ours / plain (median of pairs)", [f"{ratio:.3f}" for ratio in ratios])
    for name in ("ours", "plain"):
        row(f"full build, {name}: median CPU s", [f"{statistics.median(r['cpu'][name]):.1f}" for r in results])
    row("full build, ours / plain (CPU medians)",
        [f"{statistics.median(r['cpu']['ours']) / statistics.median(r['cpu']['plain']):.2f}" for r in results])
    for label in results[0]["serve"]:
        row(f"{label}: first build s", [f"{r['serve'][label].first_build:.1f}" for r in results])
        for lang in results[0]["serve"][label].seconds:
            row(f"{label}: save -> {lang} page, median (max) s",
                [f"{statistics.median(s):.2f} ({max(s):.2f})" for r in results
                 for s in [r["serve"][label].seconds[lang]]])
    for key in results[0]["sizes"]["ours"]:
        for name in ("ours", "plain"):
            row(f"{key}, {name}", [r["sizes"][name][key] for r in results])

    last = results[-1]
    build_met = ratios[-1] <= GOAL_BUILD_RATIO
    # The edited language must show the change within the goal, every time.
    slowest = max(max(seconds) for seconds in last["serve"]["make serve"].seconds.values())
    serve_met = slowest <= GOAL_SERVE_SECONDS
    print(f"\nGoal at N={last['n']}: full build <= {GOAL_BUILD_RATIO}x plain (median of pairs): {ratios[-1]:.3f}x -> "
          f"{'met' if build_met else 'NOT met'}")
    print(f"Goal at N={last['n']}: `make serve` shows a saved page within {GOAL_SERVE_SECONDS:.0f} s: "
          f"slowest {slowest:.2f} s -> {'met' if serve_met else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--runs", type=int, default=3, help="paired full builds per size")
    parser.add_argument("--edits", type=int, default=3, help="saves per language under each serve")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        results = [bench_size(n, args.runs, args.edits, Path(tmp)) for n in args.sizes]
        report(results)


if __name__ == "__main__":
    main()
