"""Open Lines: three modes, five tasks, their limits (rules read from imopenlines; the
conformance tests that name the files are in test_agentlab_conformance.py)."""

from __future__ import annotations

import pytest

from agentlab import (ITEMS_PER_CALL, OPENLINES_AGENT_NAMES, OPENLINES_CRON_EVERY, OPENLINES_TIME_LIMITS,
                      AgentError, Kernel)
from agentlab.open_lines import OpenLines
from agentlab.timeutil import US

DAY = "2026-03-02T"


def test_constants_are_the_modules():
    # lib/session/agent.php getTimeOutTransferToNextInQueue(), imopenlines 20.0.700-23.1200.0
    assert OPENLINES_TIME_LIMITS == {"hit": 5, "cron": 60, "cronol": 180, "b24": 50}
    assert ITEMS_PER_CALL == 100 and OPENLINES_CRON_EVERY == 60


@pytest.mark.parametrize("limit", sorted(OPENLINES_TIME_LIMITS.values()))
def test_distribution_pass_is_limited_by_its_time(limit):
    ol = OpenLines("hits", seconds_per_dialog=1)
    ol.add_dialog_times([0] * 1000)
    ol.run_pass("distribution", 0, limit)
    # One dialog at a time while elapsed <= limit: the one started at the limit still runs.
    assert ol.passes[0].items == limit + 1 and ol.passes[0].stopped_by == "limit"
    assert ol.passes[0].limit == limit


def test_distribution_takes_oldest_first_and_stops_when_empty():
    ol = OpenLines("openlines-cron", seconds_per_dialog=2)
    ol.add_dialog_times([5 * US, 1 * US, 3 * US])
    duration = ol.run_pass("distribution", 10 * US, 180)
    assert duration == 6 * US and ol.passes[0].stopped_by == "empty"
    assert ol.waits == [11 * US, 11 * US, 11 * US]  # arrival -> end of its distribution, oldest first


def test_dialog_arriving_during_a_pass_is_taken():
    ol = OpenLines("openlines-cron", seconds_per_dialog=10)
    ol.add_dialog_times([0, 5 * US, 100 * US])
    ol.run_pass("distribution", 0, 180)
    assert ol.passes[0].items == 2 and ol.waiting_at(50 * US) == 0 and ol.waiting_at(100 * US) == 1


def test_limit_without_waiting_dialogs_reports_empty():
    ol = OpenLines("hits", seconds_per_dialog=6)
    ol.add_dialog_times([0])
    ol.run_pass("distribution", 0, 5)
    assert ol.passes[0] == ("distribution", 0, 1, "empty", 5)


@pytest.mark.parametrize("task, key", [("close", "to_close"), ("mail", "to_mail")])
def test_close_and_mail_take_at_most_100_a_call(task, key):
    ol = OpenLines("openlines-cron", seconds_per_item=0.1, **{key: 250})
    durations = [ol.run_pass(task, 0, None) for _ in range(4)]
    assert [p.items for p in ol.passes] == [100, 100, 50, 0]
    assert [p.stopped_by for p in ol.passes] == ["limit", "limit", "empty", "empty"]
    assert durations[0] == 10 * US


@pytest.mark.parametrize("task, key", [("no_answer", "to_notify"), ("automatic", "to_automatic")])
def test_no_answer_and_automatic_messages_have_the_distribution_limit(task, key):
    ol = OpenLines("hits", seconds_per_dialog=1, **{key: 20})
    ol.run_pass(task, 0, OPENLINES_TIME_LIMITS["hit"])
    assert ol.passes[0].items == OPENLINES_TIME_LIMITS["hit"] + 1 and ol.backlog[task] == 14


@pytest.mark.parametrize("kwargs", [{"to_close": -1}, {"to_mail": 1.5}, {"to_notify": True}, {"to_automatic": -2},
                                    {"seconds_per_dialog": -1}, {"seconds_per_item": -0.5}])
def test_bad_open_lines_values(kwargs):
    with pytest.raises(ValueError):
        OpenLines("hits", **kwargs)


def test_bad_mode_and_dialog_windows():
    with pytest.raises(ValueError, match="one of"):
        OpenLines("cron")
    ol = OpenLines("hits")
    with pytest.raises(ValueError):
        ol.add_dialogs(DAY + "01:00:00", DAY + "00:00:00", 10)
    with pytest.raises(ValueError):
        ol.add_dialogs(DAY + "00:00:00", DAY + "01:00:00", 0)
    ol.run_pass("distribution", 10 * US, 5)
    with pytest.raises(ValueError, match="past"):
        ol.add_dialog_times([0])


def scenario(mode: str, **kw) -> Kernel:
    k = Kernel(start=DAY + "00:00:00", agents_use_crontab=(mode == "agents-cron"))
    k.add_hits(DAY + "08:00:00", DAY + "12:00:00", 30)
    k.add_agent("Heavy();", takes=300, interval=60)
    ol = k.setup_open_lines(mode, seconds_per_dialog=2, to_close=1000, **kw)
    ol.add_dialogs(DAY + "09:00:00", DAY + "10:00:00", 3)
    return k


def test_the_recommended_mode_distributes_everything_quickly():
    results = {mode: scenario(mode).run(DAY + "12:00:00") for mode in ("hits", "agents-cron", "openlines-cron")}
    ol = {mode: r.open_lines for mode, r in results.items()}
    assert ol["openlines-cron"]["distributed"] == 1200 and ol["openlines-cron"]["waiting"] == 0
    assert ol["hits"]["distributed"] < 1200 and ol["agents-cron"]["distributed"] < 1200
    assert ol["openlines-cron"]["wait"]["max"] < ol["agents-cron"]["wait"]["max"]
    assert ol["agents-cron"]["wait"]["p95"] <= ol["agents-cron"]["wait"]["max"]
    assert ol["openlines-cron"]["closed"] == 1000
    # The limits applied: main's cron_events.php defines BX_CRONTAB, so imopenlines
    # computes the "hit" run type there too (5 s); its own script has 180 s.
    assert (ol["hits"]["distribution_limit"], ol["agents-cron"]["distribution_limit"],
            ol["openlines-cron"]["distribution_limit"]) == (5, 5, 180)


def test_agent_modes_make_the_tasks_agents_that_compete():
    result = scenario("agents-cron").run(DAY + "12:00:00")
    dist = result.runs_of(OPENLINES_AGENT_NAMES["distribution"])
    assert dist and {r.trigger for r in dist} == {"cron"}
    # The heavy agent shares the cron runner's batch: the distribution call after it
    # in the same batch starts only when the heavy agent's 300 s are over.
    heavy = result.runs_of("Heavy();")[0]
    assert any(r.start == heavy.end for r in dist)
    hits = scenario("hits").run(DAY + "12:00:00")
    assert {r.trigger for r in hits.runs_of(OPENLINES_AGENT_NAMES["mail"])} == {"hit"}
    assert hits.runs_of(OPENLINES_AGENT_NAMES["distribution"])[0].start.hour == 8  # first hit


def test_openlines_cron_script_runs_every_minute_even_while_the_last_one_works():
    k = Kernel(start=DAY + "00:00:00")
    ol = k.setup_open_lines("openlines-cron", seconds_per_dialog=1)
    ol.add_dialogs(DAY + "00:00:00", DAY + "00:00:01", 0.001)  # 1000 dialogs at once
    result = k.run(DAY + "00:10:00")
    script = [r for r in result.runs if r.trigger == "openlines-cron"
              and r.agent == OPENLINES_AGENT_NAMES["distribution"]]
    assert script[0].start.isoformat() == DAY + "00:00:00"
    assert script[0].end.isoformat() == DAY + "00:03:01"  # 181 dialogs, 1 s each
    # No lock: a run every minute, and the runs share the queue while they overlap.
    assert result.checks["openlines-cron"]["checks"] == 10
    assert [r.start.isoformat()[11:] for r in script[:3]] == ["00:00:00", "00:01:00", "00:02:00"]
    assert result.open_lines["distributed"] == 1000 and result.open_lines["waiting"] == 0
    assert result.open_lines["passes"][-1]["stopped_by"] == "empty"


def test_mode_and_cron_setting_must_agree():
    with pytest.raises(AgentError, match="cron mode off"):
        Kernel(start=DAY + "00:00:00", agents_use_crontab=True).setup_open_lines("hits")
    with pytest.raises(AgentError, match="system cron"):
        Kernel(start=DAY + "00:00:00").setup_open_lines("agents-cron")
    k = Kernel(start=DAY + "00:00:00")
    k.setup_open_lines("hits")
    with pytest.raises(AgentError, match="already"):
        k.setup_open_lines("hits")
