"""Benchmark: our link checker vs linkinator (npm, pinned in package.json).

Times both on the built site and on a generated site of 2,000 pages (ru + en), then seeds
breakage into the generated site (broken anchors, missing images, one missing image shared
by three pages, a broken hreflang alternate) and compares what each tool finds.
Goals: every seeded defect found, no false one, at least 2x faster than linkinator.
Run: .venv/bin/python bench/linkcheck.py   (needs `npm ci` for linkinator)
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import serve  # noqa: E402
from tests.conftest import build_site  # noqa: E402

LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"
PAGES_PER_LANGUAGE = 1000


def generate(real: Path, out: Path, seed: int = 7) -> set[tuple[str, str]]:
    """A 2,000-page site from the real lesson pages; returns the seeded (page, link) defects."""
    shutil.copytree(real, out)
    templates = {"ru": (real / "agents" / "index.html").read_text(encoding="utf-8"),
                 "en": (real / "en" / "agents" / "index.html").read_text(encoding="utf-8")}
    rng = random.Random(seed)
    n = PAGES_PER_LANGUAGE
    defects: set[tuple[str, str]] = set()
    broken_anchor = set(rng.sample(range(n), 6))
    missing_image = set(rng.sample(range(n), 6))
    shared_missing = set(rng.sample(range(n), 3))
    broken_hreflang = rng.randrange(n)
    for lang in ("ru", "en"):
        up = "../" if lang == "ru" else "../../"          # from a page to the site root
        prefix = "" if lang == "ru" else "en/"
        other = "en/" if lang == "ru" else ""
        for i in range(n):
            page = f"{prefix}g{i:04}/index.html"
            extra_head = f'<link rel="alternate" hreflang="x-{lang}" href="{up}{other}g{i:04}/">'
            if lang == "ru" and i == broken_hreflang:
                link = f"{up}en/g{n + 1:04}/"
                extra_head += f'<link rel="alternate" hreflang="en" href="{link}">'
                defects.add((page, link))
            body = [f'<h2 id="sec-{i}">Section {i}</h2>', f'<h2 id="раздел-{i}">Раздел</h2>']
            for k in range(8):
                j = (i * 7 + k * 131) % n
                body.append(f'<p><a href="../g{j:04}/#sec-{j}">next {j}</a> '
                            f'<a href="../g{j:04}/#%D1%80%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB-{j}">раздел</a> '
                            f'<a href="#sec-{i}">here</a></p>')
            body.append(f'<p><img src="{up}{prefix}assets/ol-set-agent.svg" alt=""></p>')
            if lang == "en" and i in broken_anchor:
                link = f"../g{(i + 1) % n:04}/#no-such-section"
                body.append(f'<a href="{link}">broken anchor</a>')
                defects.add((page, link))
            if lang == "ru" and i in missing_image:
                link = f"{up}assets/missing-{i}.png"
                body.append(f'<img src="{link}" alt="">')
                defects.add((page, link))
            if lang == "en" and i in shared_missing:
                link = f"{up}assets/shared-missing.png"
                body.append(f'<img src="{link}" alt="">')
                defects.add((page, link))
            html = templates[lang].replace("</head>", extra_head + "</head>", 1)
            html = html.replace("</article>", "\n".join(body) + "\n</article>", 1)
            target = out / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
    for lang, home in (("ru", out / "index.html"), ("en", out / "en" / "index.html")):
        index = "".join(f'<li><a href="g{i:04}/">{i}</a></li>' for i in range(n))
        text = home.read_text(encoding="utf-8")   # a crawler reaches every page from home
        home.write_text(text.replace("</article>", f"<ul>{index}</ul></article>", 1),
                        encoding="utf-8")
    return defects


def run_ours(site: Path) -> tuple[float, set[tuple[str, str]], str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tests.linkcheck", str(site)], cwd=ROOT,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr)
    found = set()
    for line in proc.stdout.splitlines()[:-1]:
        where, _, rest = line.partition(": ")
        found.add((where.rsplit(":", 1)[0], rest.split(" — ", 1)[0]))
    return elapsed, found, proc.stdout.splitlines()[-1]


def run_linkinator(site: Path) -> tuple[float, set[tuple[str, str]], int]:
    with serve(site) as base:
        skip = "^(?!" + base.replace(".", r"\.") + ")"      # offline: only the served site
        started = time.perf_counter()
        proc = subprocess.run([str(LINKINATOR), base, "--recurse", "--check-fragments",
                               "--skip", skip, "--format", "json", "--concurrency", "100"],
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - started
    report = json.loads(proc.stdout or "{}")
    found = set()
    for link in report.get("links", []):
        if link.get("state") == "BROKEN":
            parent = urlsplit(link.get("parent") or base).path.lstrip("/")
            if parent == "" or parent.endswith("/"):
                parent += "index.html"
            found.add((parent, link["url"]))
    scanned = sum(1 for link in report.get("links", []) if link.get("state") == "OK")
    return elapsed, found, scanned


def absolute(defects: set[tuple[str, str]], base: str = "http://x/") -> set[tuple[str, str]]:
    return {(page, urljoin(base + page, link)) for page, link in defects}


def main() -> int:
    if not LINKINATOR.exists():
        print("linkinator missing: run `npm ci` (package.json pins it)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "site"
        build = build_site(real)
        if build.returncode:
            print(build.stderr[-2000:], file=sys.stderr)
            return 1
        rows = []
        t_ours, found_ours, summary = run_ours(real)
        t_lk, found_lk, _ = run_linkinator(real)
        rows.append(("built site", t_ours, t_lk, len(found_ours), len(found_lk)))
        print(f"built site: ours: {summary}")
        if found_lk:
            print("built site: linkinator reports:", sorted(found_lk)[:10])

        gen = Path(tmp) / "generated"
        defects = generate(real, gen)
        t_ours_g, found_ours_g, summary_g = run_ours(gen)
        t_lk_g, found_lk_g, _ = run_linkinator(gen)
        print(f"generated site: ours: {summary_g}")
        expected_abs = absolute(defects)
        ours_abs = absolute(found_ours_g)
        lk_abs = {(page, "http://x/" + urlsplit(url).path.lstrip("/")
                   + ("#" + urlsplit(url).fragment if urlsplit(url).fragment else ""))
                  for page, url in found_lk_g}
        rows.append(("generated 2,000 pages", t_ours_g, t_lk_g, len(found_ours_g), len(found_lk_g)))

    print()
    print(f"{'site':<24}{'ours (s)':>10}{'linkinator (s)':>16}{'speed-up':>10}"
          f"{'ours found':>12}{'linkinator found':>18}")
    for name, a, b, fa, fb in rows:
        print(f"{name:<24}{a:>10.2f}{b:>16.2f}{b / a:>9.1f}x{fa:>12}{fb:>18}")
    print()
    print(f"seeded defects (page, link): {len(expected_abs)}")
    for tool, found in (("ours", ours_abs), ("linkinator", lk_abs)):
        missed, false = expected_abs - found, found - expected_abs
        print(f"{tool:<11} found {len(expected_abs & found)}/{len(expected_abs)}, "
              f"missed {len(missed)}, false {len(false)}")
        for page, url in sorted(missed)[:8]:
            print(f"    missed: {page} -> {url}")
        for page, url in sorted(false)[:8]:
            print(f"    false:  {page} -> {url}")
    ok = ours_abs == expected_abs and rows[1][2] >= 2 * rows[1][1]
    print("goals met" if ok else "GOALS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
