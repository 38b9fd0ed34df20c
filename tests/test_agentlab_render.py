"""The three renderings: table, JSON and an accessible, theme-aware SVG, in English and Russian."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from agentlab import Kernel, load_scenario
from agentlab.strings import STRINGS, t

DAY = "2026-03-02T"
SVG = "{http://www.w3.org/2000/svg}"


def result():
    k = Kernel(start=DAY + "00:00:00", agents_use_crontab=True, cron_every=300)
    k.add_agent("TestAgentPeriod();", period="Y", interval=3600, takes=0)
    k.add_agent("Once();", returns="", takes=0)
    k.add_agent("Flaky();", fails=1, interval=600, takes=0)
    k.add_agent("Never();", active="N")
    k.add_hits(DAY + "09:00:00", DAY + "18:00:00", 60)
    ol = k.setup_open_lines("agents-cron", seconds_per_dialog=1)
    ol.add_dialogs(DAY + "09:00:00", DAY + "09:30:00", 5)
    return k.run(DAY + "23:59:59")


def test_table_lists_every_run_and_the_counts():
    r = result()
    text = r.table()
    lines = text.splitlines()
    assert lines[0].split() == ["start", "end", "trigger", "agent", "result", "next", "exec"]
    assert "removed" in text and "failed" in text and "—" in text
    assert f"runs: {len(r.runs)}" in text
    assert "Open Lines (mode agents-cron)" in text


def test_table_in_russian_and_a_subset():
    r = result()
    text = r.table(lang="ru", runs=r.runs_of("Once();"))
    assert text.splitlines()[0].split()[:4] == ["запуск", "конец", "кто", "запустил"]
    assert "удалён" in text and "запусков: 1" in text


def test_empty_table():
    k = Kernel(start=DAY + "00:00:00")
    k.setup_open_lines("hits")
    text = k.run(DAY + "01:00:00").table()
    assert "no agent runs" in text and "max —" in text


def test_json_shape():
    whole = result()
    data = json.loads(whole.to_json())
    # The fast writer (render_json.py) prints exactly the object as_dict() describes.
    assert data == whole.as_dict()
    assert data["start"] == DAY + "00:00:00" and data["until"] == DAY + "23:59:59"
    removed = [r for r in data["runs"] if r["result"] == "removed"]
    assert removed and removed[0]["next_exec"] is None
    assert {r["trigger"] for r in data["runs"]} == {"hit", "cron"}
    assert data["checks"]["cron"]["checks"] == 288
    assert {a["name"] for a in data["agents"]} >= {"TestAgentPeriod();", "Never();"}
    assert data["open_lines"]["distributed"] == 360


def test_json_agent_rows_with_every_kind_of_value():
    # The writer formats agent rows itself: a user, a fractional interval, text that
    # JSON must escape, a periodic agent and an inactive one, and an agent still running
    # (leased) when the run ends. Compared as JSON text, which tells true from 1.
    k = Kernel(start=DAY + "00:00:00")
    k.add_agent('Quote("a\\b");', module="модуль", interval=90.5, user_id=7, takes=0)
    k.add_agent("Slow();", interval=60, takes=7200)
    k.add_agent("Hourly();", period="Y", interval=3600, takes=0)
    k.add_agent("Off();", active="N")
    k.add_hits(DAY + "00:00:00", DAY + "01:00:00", 60)
    r = k.run(DAY + "01:00:00")
    data = json.loads(r.to_json())
    assert json.dumps(data, sort_keys=True) == json.dumps(r.as_dict(), sort_keys=True)
    quote, slow, hourly, off = data["agents"]
    assert (quote["user_id"], quote["interval"], quote["module"]) == (7, 90.5, "модуль")
    assert slow["running"] is True and slow["lease_until"] is not None and slow["last_exec"] is None
    assert (hourly["is_period"], off["active"], quote["is_period"], quote["active"]) == (True, False, False, True)


def test_svg_is_accessible_self_contained_and_themed():
    for lang in ("en", "ru"):
        svg = result().svg(lang=lang)
        root = ET.fromstring(svg)
        assert root.tag == SVG + "svg" and root.get("role") == "img"
        title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
        assert title is not None and desc is not None and title.text and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert "prefers-color-scheme: dark" in svg and "currentColor" in svg
        for bad in ("href", "@import", "url(", "<image", "<script"):
            assert bad not in svg
        rows = [g for g in root.iter(SVG + "g")]
        assert len(rows) == 4 + 5  # four agents + five Open Lines agents
    # A day of 1,603 runs, 540 hits and 288 cron runs: one path per kind of mark and one for the
    # grid, not an element per mark or line, so that a lesson's page stays light for the browser's style work.
    r = result()
    assert (len(r._raw), len(r.hits_us), len(r.cron_us)) == (1603, 540, 288)
    root = ET.fromstring(r.svg())
    assert len(list(root.iter())) < 80
    assert [line.get("class") for line in root.iter(SVG + "line")] == ["axis"]  # the grid is one path
    assert "Agent runs from" in result().svg() and "Запуски агентов" in result().svg("ru")


def test_svg_of_a_short_window_and_the_openlines_script():
    k = Kernel(start=DAY + "00:00:00")
    k.setup_open_lines("openlines-cron")
    svg = k.run(DAY + "00:00:00").svg()  # zero-length window still draws
    assert ET.fromstring(svg) is not None
    s = load_scenario("start = 2026-03-02T00:00:00\nuntil = 2026-03-09T00:00:00\n"
                      "[[hits]]\nfrom = 2026-03-02T00:00:00\nto = 2026-03-09T00:00:00\nevery = 600\n"
                      '[[agent]]\nname = "A();"\ninterval = 3600\n')
    week = s.run().svg()
    assert "03-03 00:00" in week  # day labels on a multi-day axis


def test_strings_table_is_complete_and_lang_is_checked():
    for key, texts in STRINGS.items():
        assert set(texts) == {"en", "ru"}, key
    with pytest.raises(ValueError, match="lang"):
        t("agent", "de")
    with pytest.raises(ValueError):
        result().svg(lang="fr")


def test_result_views():
    r = result()
    assert r.start.isoformat() == DAY + "00:00:00" and r.until.isoformat() == DAY + "23:59:59"
    assert r.hits[0].isoformat() == DAY + "09:00:00"
    first = r.runs_of("TestAgentPeriod();")[0]
    assert r.runs_of(first.agent_id)[0] == first
    assert r.count(result="failed") == 1 and r.count(trigger="hit") == r.count("TestAgentPeriod();")
