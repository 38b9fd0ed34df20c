"""The plain-text table: one line per agent call, then the counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .strings import t

if TYPE_CHECKING:
    from .report import Result, Run


def _time(value) -> str:
    return "" if value is None else value.isoformat(sep=" ", timespec="seconds")


def render_table(result: "Result", lang: str = "en", runs: "list[Run] | None" = None) -> str:
    runs = result.runs if runs is None else runs
    heads = [t(k, lang) for k in ("start", "end", "trigger", "agent", "result", "next_exec")]
    rows = [[_time(r.start), _time(r.end), t(r.trigger, lang), r.agent, t(r.result, lang),
             _time(r.next_exec) if r.next_exec is not None else "—"] for r in runs]
    lines: list[str] = []
    if rows:
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(heads)]
        fmt = "  ".join("{:<%d}" % w for w in widths)
        lines.append(fmt.format(*heads).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        lines.extend(fmt.format(*row).rstrip() for row in rows)
    else:
        lines.append(t("no_runs", lang))
    lines.append("")
    # The checks per trigger stay in the JSON: the table shows what a reader can read
    # off the lines above it.
    lines.append(f"{t('runs_total', lang)}: {len(runs)}")
    if result.pages["waited"]:
        lines.append(t("pages_waited", lang, n=result.pages["waited"], s=result.pages["max_wait"]))
    ol = result.open_lines
    if ol is not None:
        w = ol["wait"]
        limited = sum(1 for p in ol["passes"] if p["stopped_by"] == "limit")

        def num(v):
            # Seconds to a tenth: what a reader compares (the JSON keeps three decimals).
            return "—" if v is None else str(round(v, 1))
        lines.append(f"{t('open_lines', lang)} ({t('mode', lang)} {ol['mode']}): "
                     f"{t('distributed', lang)} {ol['distributed']}, {t('waiting', lang)} {ol['waiting']}, "
                     f"{t('closed', lang)} {ol['closed']}, {t('mailed', lang)} {ol['mailed']}, "
                     f"{t('notified', lang)} {ol['notified']}, {t('messaged', lang)} {ol['messaged']}")
        lines.append(f"{t('wait', lang)}: {t('max', lang)} {num(w['max'])}, {t('mean', lang)} {num(w['mean'])}, "
                     f"p95 {num(w['p95'])}; "
                     f"{t('passes', lang)} {len(ol['passes'])}, {t('stopped_by_limit', lang)} {limited}")
    return "\n".join(lines) + "\n"
