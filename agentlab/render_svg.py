"""The timeline as a self-contained SVG: one row per agent, a mark per run, hits and
cron runs under the axis. Colours come from ``currentColor`` and a
``prefers-color-scheme`` rule, so it reads in light and dark themes; shapes (not only
colours) tell ok / removed / failed apart. No fonts or files are fetched.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from .strings import t
from .timeutil import US, to_datetime

if TYPE_CHECKING:
    from .report import Result

# Drawn at its own size, never scaled down (the page's box scrolls sideways where the
# column is narrower): 680 px is about the lesson column of a desktop, so the 12 px
# labels stay 12 CSS px.
WIDTH = 680
LABEL_W = 230
RIGHT_PAD = 16
LABEL_CHARS = 31  # what fits in LABEL_W at 12 px; the row's <title> has the whole name
ROW_H = 22
TOP = 64
_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 2 * 86400, 7 * 86400]



def _short(text: str, n: int = LABEL_CHARS) -> str:
    """A row label that fits: a long static call keeps its method and arguments."""
    if len(text) > n and "::" in text:
        text = "…::" + text.rsplit("::", 1)[1]
    return text if len(text) <= n else text[: n - 1] + "…"


def render_svg(result: "Result", lang: str = "en") -> str:
    t("start", lang)  # validates lang
    start, until = result.start_us, max(result.until_us, result.start_us + US)
    span = until - start
    plot_w = WIDTH - LABEL_W - RIGHT_PAD

    def x(us: int) -> float:
        return round(LABEL_W + (us - start) * plot_w / span, 1)

    # Rows: agents in the order they first ran, then those that never ran.
    rows: dict[tuple[int, str], dict] = {}
    for aid, name, trigger, s, e, outcome, nxt, _ in result._raw:
        key = (aid, name if aid == 0 else "")
        row = rows.setdefault(key, {"label": name, "marks": {}, "runs": 0})
        row["runs"] += 1
        px = x(s)
        # One mark per pixel and kind keeps a week of runs small; failures always show.
        row["marks"].setdefault((round(px), outcome), (px, outcome))
    for a in result.agents:
        rows.setdefault((a["id"], ""), {"label": a["name"], "marks": {}, "runs": 0})

    counts = {k: sum(1 for r in result._raw if r[5] == k) for k in ("ok", "removed", "failed")}
    axis_y = TOP + len(rows) * ROW_H + 8
    height = axis_y + 70
    title = t("svg_title", lang, start=to_datetime(start).isoformat(sep=" "),
              until=to_datetime(result.until_us).isoformat(sep=" "))
    desc = t("svg_desc", lang, runs=len(result._raw), hits=len(result.hits_us), cron=len(result.cron_us),
             **counts)
    uid = "agentlab-%08x" % (zlib.crc32((title + desc + str(len(rows))).encode()) & 0xFFFFFFFF)

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="agentlab-timeline" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{uid}-title {uid}-desc" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        "<style>"
        ".agentlab-timeline .ok{fill:currentColor}"
        ".agentlab-timeline .removed{fill:#0969da}"
        ".agentlab-timeline .failed{stroke:#cf222e;stroke-width:2}"
        ".agentlab-timeline .grid{stroke:currentColor;stroke-opacity:.15}"
        ".agentlab-timeline .axis{stroke:currentColor}"
        ".agentlab-timeline .hit{stroke:currentColor;stroke-opacity:.55}"
        ".agentlab-timeline .cron{stroke:currentColor;stroke-width:2}"
        ".agentlab-timeline text{fill:currentColor}"
        "@media (prefers-color-scheme: dark){"
        ".agentlab-timeline{color:#e6edf3}"
        ".agentlab-timeline .removed{fill:#58a6ff}"
        ".agentlab-timeline .failed{stroke:#ff7b72}}"
        "</style>",
        f'<text x="8" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<text x="8" y="40">{escape(t("svg_legend", lang))}</text>',
    ]
    # Time grid and labels; the grid (one line per tick and under each row) is one path.
    grid = []
    step = next((s for s in _STEPS if span / (s * US) <= 8), _STEPS[-1]) * US  # labels >= 50 px apart
    first = start + (-(start - 0) % step)
    multi_day = to_datetime(start).date() != to_datetime(until - 1).date()
    tick = first
    while tick <= until:
        tx = x(tick)
        dt = to_datetime(tick)
        label = dt.strftime("%m-%d %H:%M" if multi_day and dt.hour == 0 and dt.minute == 0 else "%H:%M")
        grid.append(f"M{tx} {TOP - 6}V{axis_y}")
        # The last label ends at the edge rather than run past it.
        anchor = "end" if tx > WIDTH - 24 else "middle"
        out.append(f'<text x="{tx}" y="{axis_y + 52}" text-anchor="{anchor}">{label}</text>')
        tick += step
    grid.extend(f"M{LABEL_W} {TOP + (i + 1) * ROW_H}H{WIDTH - RIGHT_PAD}" for i in range(len(rows)))
    out.append(f'<path class="grid" d="{"".join(grid)}"/>')
    # Rows.
    for i, row in enumerate(rows.values()):
        y = TOP + i * ROW_H
        mid = y + ROW_H / 2
        label = row["label"]
        out.append(f'<g><title>{escape(t("svg_row", lang, agent=label, runs=row["runs"]))}</title>')
        out.append(f'<text x="8" y="{mid + 4}">{escape(_short(label))}</text>')
        # One path per kind of mark: a day of runs stays a few elements for the browser.
        shapes = {"ok": [], "removed": [], "failed": []}
        for px, outcome in sorted(row["marks"].values()):
            if outcome == "ok":
                shapes["ok"].append(f"M{round(px - 1.5, 1)} {mid - 6}h3v12h-3z")
            elif outcome == "removed":
                shapes["removed"].append(f"M{px} {mid - 6}l5 6-5 6-5-6z")
            else:
                shapes["failed"].append(f"M{round(px - 4, 1)} {mid - 4}l8 8m0-8l-8 8")
        for kind, parts in shapes.items():
            if parts:
                fill = ' fill="none"' if kind == "failed" else ""
                out.append(f'<path class="{kind}"{fill} d="{"".join(parts)}"/>')
        out.append("</g>")
    # Axis with hits and cron runs.
    out.append(f'<line class="axis" x1="{LABEL_W}" y1="{axis_y}" x2="{WIDTH - RIGHT_PAD}" y2="{axis_y}"/>')
    out.append(f'<text x="8" y="{axis_y + 16}">{escape(t("hits", lang))}</text>')
    out.append(f'<text x="8" y="{axis_y + 34}">{escape(t("cron_runs", lang))}</text>')
    for kind, times, y1, y2 in (("hit", result.hits_us, axis_y + 6, axis_y + 18),
                                ("cron", result.cron_us, axis_y + 24, axis_y + 38)):
        ticks = sorted({round(x(us)) for us in times})
        if ticks:
            out.append(f'<path class="{kind}" d="{"".join(f"M{px} {y1}V{y2}" for px in ticks)}"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
