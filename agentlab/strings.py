"""Every word the renderers print, in English and Russian: one small table."""

from __future__ import annotations

import os

LANGS = ("en", "ru")
# The course site sets this for each page's language; a reader's own run gets English.
LANG_ENV = "AGENTLAB_LANG"

STRINGS: dict[str, dict[str, str]] = {
    "log": {"en": "Log (AddMessage2Log):", "ru": "Лог (AddMessage2Log):"},
    "start": {"en": "start", "ru": "запуск"},
    "end": {"en": "end", "ru": "конец"},
    "trigger": {"en": "trigger", "ru": "кто запустил"},
    "agent": {"en": "agent", "ru": "агент"},
    "result": {"en": "result", "ru": "результат"},
    "next_exec": {"en": "next exec", "ru": "следующий запуск"},
    "hit": {"en": "hit", "ru": "хит"},
    "cron": {"en": "cron", "ru": "cron"},
    "openlines-cron": {"en": "openlines-cron", "ru": "cron Открытых линий"},
    "ok": {"en": "ok", "ru": "ок"},
    "removed": {"en": "removed", "ru": "удалён"},
    "failed": {"en": "failed", "ru": "ошибка"},
    "no_runs": {"en": "no agent runs", "ru": "агенты не запускались"},
    "runs_total": {"en": "runs", "ru": "запусков"},
    "hits": {"en": "hits", "ru": "хиты"},
    "pages_waited": {"en": "pages sent only after their agents (main before 20.5.0): {n}, the longest wait {s} s",
                     "ru": "страниц, отданных только после своих агентов (главный модуль до 20.5.0): {n}, "
                           "самое долгое ожидание {s} с"},
    "cron_runs": {"en": "cron runs", "ru": "запуски cron"},
    "open_lines": {"en": "Open Lines", "ru": "Открытые линии"},
    "mode": {"en": "mode", "ru": "режим"},
    "distributed": {"en": "distributed", "ru": "распределено"},
    "closed": {"en": "closed", "ru": "закрыто"},
    "mailed": {"en": "mailed", "ru": "отправлено писем"},
    "notified": {"en": "notified", "ru": "сообщений о недоступности"},
    "messaged": {"en": "automatic messages", "ru": "автоматических сообщений"},
    "waiting": {"en": "still waiting", "ru": "ещё ждут"},
    "wait": {"en": "wait for distribution, s", "ru": "ожидание распределения, с"},
    "max": {"en": "max", "ru": "макс."},
    "mean": {"en": "mean", "ru": "среднее"},
    "passes": {"en": "passes", "ru": "проходов"},
    "stopped_by_limit": {"en": "stopped by the limit", "ru": "остановлено лимитом"},
    "svg_title": {"en": "Agent runs from {start} to {until}",
                  "ru": "Запуски агентов с {start} по {until}"},
    "svg_desc": {"en": "Timeline: one row per agent, a mark per run ({runs} runs: {ok} ok, "
                       "{removed} removed, {failed} failed); below the axis, {hits} hits and {cron} cron runs.",
                 "ru": "Шкала времени: строка на агента, отметка на запуск ({runs} запусков: {ok} ок, "
                       "{removed} удалено, {failed} с ошибкой); под осью {hits} хитов и {cron} запусков cron."},
    "svg_row": {"en": "{agent}: {runs} runs", "ru": "{agent}: запусков {runs}"},
    "svg_legend": {"en": "■ ok   ◆ removed   ✕ failed   | hit   ┃ cron",
                   "ru": "■ ок   ◆ удалён   ✕ ошибка   | хит   ┃ cron"},
}


def t(key: str, lang: str, **fields: object) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    text = STRINGS[key][lang]
    return text.format(**fields) if fields else text


def output_lang() -> str:
    """The language an example prints in: ``$AGENTLAB_LANG``, English when unset.

    One example file serves both languages of the site: the build and the browser
    runner set the variable from the page's language."""
    lang = os.environ.get(LANG_ENV) or "en"
    if lang not in LANGS:
        raise ValueError(f"{LANG_ENV}={lang!r}: must be one of {', '.join(LANGS)}")
    return lang
