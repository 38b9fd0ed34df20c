"""The scheduler's rules, one test (or property) each."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlab import (DEFAULT_AGENTS_LIMIT, DEFAULT_INTERVAL, DEFAULT_SORT, LEASE_SECONDS,
                      RUN_TIME_LIMIT, AgentCodeError, AgentError, Kernel)

DAY = "2026-03-02T"


def T(hhmmss: str) -> datetime:
    return datetime.fromisoformat(DAY + hhmmss)


def kernel(**kw) -> Kernel:
    return Kernel(start=DAY + "00:00:00", **kw)


# -- the record and AddAgent / RemoveAgent ---------------------------------------
def test_add_agent_defaults_are_the_kernels():
    k = kernel()
    aid = k.add_agent("Foo();")
    a = k.agent(aid)
    assert (a.is_period, a.interval, a.sort, a.next_exec, a.module, a.user_id) == \
        (False, DEFAULT_INTERVAL, DEFAULT_SORT, T("00:00:00"), "", None)
    assert a.active and not a.running and a.retry_count == 0
    assert a.last_exec is None and a.lease_until is None and not a.deleted
    assert "Foo();" in repr(a)


def test_add_agent_accepts_bitrix_and_python_flags():
    k = kernel()
    a = k.agent(k.add_agent("Foo();", period=True, active="N", next_exec="2026-03-02T05:00:00",
                            interval=1.5, datecheck="ignored"))
    assert a.is_period and not a.active and a.next_exec == T("05:00:00") and a.interval == 1.5


def test_duplicate_is_same_name_and_user():
    k = kernel()
    first = k.add_agent("Foo();")
    with pytest.raises(AgentError, match="already exists"):
        k.add_agent("Foo();", module="other")  # MODULE_ID is not compared
    assert k.add_agent("Foo();", exist_error=False) == first
    k.add_agent("Foo();", user_id=5)  # another user: not a duplicate
    with pytest.raises(AgentError, match="for user 5"):
        k.add_agent("Foo();", user_id=5)
    assert k.add_agent("Foo();", user_id=0, exist_error=False) == first  # 0 is "no user"


@pytest.mark.parametrize("kwargs, words", [
    ({"period": "X"}, "period"), ({"active": 1.5}, "active"), ({"interval": -5}, "interval"),
    ({"sort": "high"}, "sort"), ({"sort": True}, "sort"), ({"user_id": "me"}, "user_id"),
    ({"module": 3}, "module"), ({"takes": -1}, "takes"), ({"fails": -1}, "fails"),
])
def test_add_agent_rejects_bad_values(kwargs, words):
    with pytest.raises(AgentError, match=words):
        kernel().add_agent("Foo();", **kwargs)


def test_add_agent_rejects_bad_code_and_types():
    k = kernel()
    with pytest.raises(AgentCodeError, match="column 5"):
        k.add_agent("A();B();")
    with pytest.raises(AgentCodeError):
        k.add_agent("Foo();", returns="x.y()")
    with pytest.raises(AgentError, match="str"):
        k.add_agent(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        k.add_agent("Foo();", interval="1h")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        k.add_agent("Foo();", interval=float("nan"))
    with pytest.raises(ValueError, match="UTC offset"):
        k.add_agent("Foo();", next_exec="2026-03-02T00:00:00+03:00")
    with pytest.raises(ValueError, match="ISO 8601"):
        k.add_agent("Foo();", next_exec="tomorrow")
    with pytest.raises(ValueError, match="date-time is needed"):
        k.add_agent("Foo();", next_exec=datetime(2026, 3, 2).date())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        k.add_agent("Foo();", next_exec=5)  # type: ignore[arg-type]


def test_remove_agent_matches_name_module_and_user():
    k = kernel()
    k.add_agent("Foo();", module="main")
    k.add_agent("Foo();", module="main", user_id=7)
    assert k.remove_agent("Foo();") == 0  # module "" does not match "main"
    assert k.remove_agent("Foo();", "main") == 1
    assert [a.user_id for a in k.agents] == [7]
    last = k.agents[0]
    assert k.remove_agent("Foo();", "main", 7) == 1
    assert last.deleted and last.sort == 100
    assert k.agents == []
    k.add_agent("Foo();")  # the name is free again
    assert k.remove_agent("Foo();") == 1


def test_inactive_agent_never_runs():
    k = kernel()
    k.add_agent("Foo();", active="N", takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "01:00:00", 60)
    assert k.run(DAY + "02:00:00").runs == []


# -- periodic catch-up, non-periodic drift -----------------------------------------
def lesson_kernel() -> Kernel:
    k = kernel()
    k.add_agent("TestAgentPeriod();", period="Y", interval=3600, takes=0)
    k.add_agent("TestAgentNotPeriod();", period="N", interval=3600, takes=0)
    k.add_hits(DAY + "09:00:00", DAY + "18:00:00", 60)
    return k


def test_periodic_agent_catches_up_one_run_per_hit():
    result = lesson_kernel().run(DAY + "09:10:00")
    runs = result.runs_of("TestAgentPeriod();")
    assert len(runs) == 10
    assert [r.start for r in runs] == [T(f"09:{m:02d}:00") for m in range(10)]
    assert [r.next_exec for r in runs] == [T(f"{h:02d}:00:00") for h in range(1, 11)]


def test_non_periodic_agent_runs_once_and_drifts():
    result = lesson_kernel().run(DAY + "09:10:00")
    runs = result.runs_of("TestAgentNotPeriod();")
    assert len(runs) == 1
    assert runs[0].next_exec == T("10:00:00")  # finish time + interval


def test_non_periodic_next_exec_counts_from_the_finish():
    k = kernel()
    k.add_agent("Slow();", interval=600, takes=90)
    k.add_hits(DAY + "00:00:00", DAY + "01:00:00", 60)
    runs = k.run(DAY + "01:00:00").runs
    assert runs[0].end == T("00:01:30") and runs[0].next_exec == T("00:11:30")
    assert runs[1].start == T("00:12:00")  # the first hit after 00:11:30
    assert k.agent(1).last_exec == runs[-1].end


def test_an_agent_knows_who_started_it():
    k = kernel(agents_use_crontab=True)
    seen = []

    @k.agent_function("Who")
    def who(*args):
        seen.append(k.trigger)
        return "Who(2);" if args else "Who();"

    k.add_agent("Who();", period="Y", interval=3600)
    k.add_agent("Who(2);", interval=3600)
    k.add_hit(DAY + "09:00:00")
    result = k.run(DAY + "09:30:00")
    assert seen == [run.trigger for run in result.runs] and set(seen) == {"cron", "hit"}
    assert k.trigger is None


def test_times_the_kernel_writes_are_whole_seconds():
    """LAST_EXEC, NEXT_EXEC and DATE_CHECK come from the database's now(): a 0.5 s call
    must not push a per-minute agent half a second later every run."""
    k = kernel()
    k.add_agent("Half();", interval=60, takes=0.5)
    k.add_hits(DAY + "00:00:00", DAY + "00:03:00", 60)
    runs = k.run(DAY + "00:03:00").runs_of("Half();")
    assert [r.start for r in runs] == [T("00:00:00"), T("00:01:00"), T("00:02:00")]
    assert runs[0].end == T("00:00:00") + timedelta(seconds=0.5)  # the call itself lasts
    assert runs[0].next_exec == T("00:01:00")
    assert k.agent(1).last_exec == T("00:02:00")
    k2 = kernel()
    k2.add_agent("Broken();", interval=60, fails=1)
    k2.add_hit(DAY + "00:00:00.700")
    k2.run(DAY + "00:01:00")
    assert k2.agent(1).lease_until == T("00:10:00")  # leased by the check at 00:00:00.7


def test_periodic_next_exec_keeps_its_rhythm_despite_duration():
    k = kernel()
    k.add_agent("Slow();", period="Y", interval=600, takes=90)
    k.add_hits(DAY + "00:00:00", DAY + "01:00:00", 60)
    assert [r.next_exec for r in k.run(DAY + "00:30:00").runs] == [T("00:10:00"), T("00:20:00"), T("00:30:00")]


def test_agents_only_run_when_someone_visits():
    k = kernel()
    k.add_agent("Foo();", interval=60, takes=0)
    assert k.run(DAY + "12:00:00").runs == []  # no hits, no cron: nothing ever runs
    k.add_hit(DAY + "12:30:00")
    assert [r.start for r in k.run(DAY + "13:00:00").runs] == [T("12:30:00")]


# -- return values ---------------------------------------------------------------
def test_empty_return_removes_the_agent():
    k = kernel()
    k.add_agent("Once();", returns="", takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "00:05:00", 60)
    result = k.run(DAY + "00:05:00")
    assert [(r.result, r.next_exec) for r in result.runs] == [("removed", None)]
    assert k.agents == []


def test_returned_name_replaces_the_old_one():
    k = kernel()
    calls = []

    @k.agent_function("Step")
    def step(n):
        calls.append(n)
        return f"Step({n + 1});" if n < 3 else None

    k.add_agent("Step(1);", interval=60)
    k.add_hits(DAY + "00:00:00", DAY + "00:10:00", 60)
    result = k.run(DAY + "00:10:00")
    assert calls == [1, 2, 3]
    assert [r.agent for r in result.runs] == ["Step(1);", "Step(2);", "Step(3);"]
    assert [r.result for r in result.runs] == ["ok", "ok", "removed"]


def test_returning_bad_code_is_a_clear_error():
    k = kernel()
    k.register_function("Bad()", lambda: "__import__('os').system('x')")
    k.add_agent("Bad();")
    k.add_hit(DAY + "00:00:00")
    with pytest.raises(AgentCodeError, match="returned by agent 'Bad\\(\\);'"):
        k.run(DAY + "00:01:00")


def test_returning_a_non_string_is_a_type_error():
    k = kernel()
    k.register_function("Odd", lambda: 42)
    k.add_agent("Odd();")
    k.add_hit(DAY + "00:00:00")
    with pytest.raises(TypeError, match="returned 42"):
        k.run(DAY + "00:01:00")


def test_functions_are_found_like_php_and_get_the_arguments():
    k = kernel()
    seen = []

    @k.agent_function("\\Bitrix\\Main\\Analytics\\CounterDataTable::submitData", takes=3)
    def submit(*args):
        seen.append((args, k.now))
        return "\\Bitrix\\Main\\Analytics\\CounterDataTable::submitData();"

    k.add_agent("bitrix\\main\\analytics\\counterdatatable::SUBMITDATA(1, 'a');")
    k.add_hit(DAY + "00:00:00")
    result = k.run(DAY + "00:01:00")
    assert seen == [((1, "a"), T("00:00:00"))]
    assert result.runs[0].end == T("00:00:03")


def test_undefined_function_is_a_failed_call():
    k = kernel()
    k.add_agent("Missing();")
    k.add_hit(DAY + "00:00:00")
    run = k.run(DAY + "00:01:00").runs[0]
    assert run.result == "failed" and run.error == "Call to undefined function Missing()"


def test_spend_and_now_inside_a_call_and_pperiod():
    k = kernel()
    times = []

    @k.agent_function("Work")
    def work():
        times.append(k.now)
        k.spend(30)
        times.append(k.now)
        k.set_next_interval(120)  # $pPERIOD: this time only
        return "Work();"

    k.add_agent("Work();", interval=600)
    k.add_hits(DAY + "00:00:00", DAY + "00:10:00", 60)
    runs = k.run(DAY + "00:10:00").runs
    assert times[:2] == [T("00:00:00"), T("00:00:30")]
    assert runs[0].next_exec == T("00:02:30")
    assert k.agent(1).interval == 600
    with pytest.raises(RuntimeError):
        k.spend(1)
    with pytest.raises(RuntimeError):
        k.set_next_interval(1)


def test_spend_and_pperiod_reject_negative():
    k = kernel()
    errors = []

    @k.agent_function("Neg")
    def neg():
        for f in (k.spend, k.set_next_interval):
            try:
                f(-1)
            except ValueError as e:
                errors.append(str(e))
        return "Neg();"

    k.add_agent("Neg();")
    k.add_hit(DAY + "00:00:00")
    k.run(DAY + "00:01:00")
    assert len(errors) == 2


def test_register_function_checks():
    k = kernel()
    with pytest.raises(AgentError):
        k.register_function("Foo", lambda: "", takes=-1)
    with pytest.raises(AgentError):
        k.register_function("\\", lambda: "")


# -- failures and the lease ------------------------------------------------------------
def test_failed_agent_is_leased_for_600_seconds_then_retried():
    k = kernel()
    k.add_agent("Flaky();", interval=60, fails=2, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "01:00:00", 60)
    result = k.run(DAY + "01:00:00")
    runs = result.runs
    assert [r.result for r in runs[:3]] == ["failed", "failed", "ok"]
    assert runs[1].start - runs[0].start == timedelta(seconds=LEASE_SECONDS)
    assert runs[2].start - runs[1].start == timedelta(seconds=LEASE_SECONDS)
    assert runs[0].next_exec == T("00:00:00")  # the row stays as it was
    assert "scripted failure 1 of 2" in runs[0].error


def test_failed_agent_record_keeps_running_and_counts_retries():
    k = kernel()

    @k.agent_function("Boom")
    def boom():
        raise RuntimeError("no database")

    k.add_agent("Boom();")
    k.add_hits(DAY + "00:00:00", DAY + "00:30:00", 60)
    result = k.run(DAY + "00:25:00")
    a = k.agent(1)
    assert a.running and a.retry_count == 3 and a.lease_until == T("00:30:00")
    assert [r.start for r in result.runs] == [T("00:00:00"), T("00:10:00"), T("00:20:00")]
    assert result.runs[0].error == "RuntimeError: no database"


def test_running_agents_sort_last():
    k = kernel(agents_limit=1)
    k.add_agent("Crashed();", sort=500, fails=1, interval=60)
    k.add_agent("Healthy();", sort=100, interval=540, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "00:30:00", 60)
    runs = k.run(DAY + "00:12:00").runs
    at_ten = [r.agent for r in runs if r.start == T("00:10:00")]
    assert at_ten == ["Healthy();"]  # Crashed is due again but RUNNING = Y sorts it last
    assert [r.agent for r in runs if r.start == T("00:11:00")] == ["Crashed();"]


# -- order, limits, lock ----------------------------------------------------------------
def test_order_is_sort_descending_then_id():
    k = kernel()
    for name, sort in (("Low();", 10), ("High();", 900), ("Mid1();", 100), ("Mid2();", 100)):
        k.add_agent(name, sort=sort, takes=0)
    k.add_hit(DAY + "00:00:00")
    assert [r.agent for r in k.run(DAY + "00:01:00").runs] == ["High();", "Mid1();", "Mid2();", "Low();"]


def test_per_hit_limit():
    k = kernel()
    for i in range(250):
        k.add_agent(f"A({i});", takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "00:10:00", 60)
    result = k.run(DAY + "00:10:00")
    per_hit = {}
    for r in result.runs:
        per_hit[r.start] = per_hit.get(r.start, 0) + 1
    assert list(per_hit.values()) == [DEFAULT_AGENTS_LIMIT, DEFAULT_AGENTS_LIMIT, 50]


def test_zero_limit_means_no_limit():
    k = kernel(agents_limit=0)
    for i in range(150):
        k.add_agent(f"A({i});", takes=0)
    k.add_hit(DAY + "00:00:00")
    assert len(k.run(DAY + "00:01:00").runs) == 150


def test_cron_limit():
    k = kernel(agents_use_crontab=True, agents_cron_limit=3)
    for i in range(7):
        k.add_agent(f"A({i});", takes=0)
    result = k.run(DAY + "00:03:00")
    assert [r.start for r in result.runs] == [T("00:00:00")] * 3 + [T("00:01:00")] * 3 + [T("00:02:00")]
    assert {r.trigger for r in result.runs} == {"cron"}


def test_cron_mode_splits_periodic_and_non_periodic():
    k = kernel(agents_use_crontab=True, cron_every=300)
    k.add_agent("P();", period="Y", interval=60, takes=0)
    k.add_agent("N();", period="N", interval=60, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "00:10:00", 60)
    result = k.run(DAY + "00:10:00")
    assert {r.trigger for r in result.runs_of("P();")} == {"hit"}
    assert {r.trigger for r in result.runs_of("N();")} == {"cron"}
    assert len(result.runs_of("P();")) == 10 and len(result.runs_of("N();")) == 2
    assert result.checks["cron"]["checks"] == 2


def test_bx_crontab_support_is_cron_mode_too():
    k = kernel(bx_crontab_support=True)
    k.add_agent("N();", takes=0)
    k.add_hit(DAY + "00:00:30")
    runs = k.run(DAY + "00:01:00").runs
    assert k.cron_mode and [r.trigger for r in runs] == ["cron"]


def test_without_cron_mode_hits_run_every_agent_and_there_is_no_cron():
    k = kernel(cron_every=60)
    k.add_agent("P();", period="Y", interval=60, sort=1, takes=0)
    k.add_agent("N();", interval=60, sort=2, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "00:03:00", 60)
    result = k.run(DAY + "00:03:00")
    assert [r.agent for r in result.runs] == ["N();", "P();"] * 3
    assert {r.trigger for r in result.runs} == {"hit"} and result.checks["cron"]["checks"] == 0


def test_cron_and_hit_runners_hold_different_locks():
    k = kernel(agents_use_crontab=True)
    k.add_agent("HeavyN();", takes=300, interval=60)
    k.add_agent("P();", period="Y", interval=60, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "00:05:00", 60)
    result = k.run(DAY + "00:05:00")
    assert len(result.runs_of("P();")) == 5  # hits are not blocked by the cron runner


def test_a_run_stops_starting_agents_after_570_seconds():
    k = kernel()
    for i in range(5):
        k.add_agent(f"Slow({i});", takes=200, sort=100 - i)
    k.add_hits(DAY + "00:00:00", DAY + "00:30:00", 60)
    result = k.run(DAY + "00:30:00")
    first = [r for r in result.runs if r.start < T("00:10:00")]
    assert [r.agent for r in first] == ["Slow(0);", "Slow(1);", "Slow(2);"]  # 0, 200, 400 s <= 570
    assert first[-1].end == T("00:10:00")
    # Slow(3) and Slow(4) keep the batch's lease until 00:10:00, then the next hit takes them.
    assert [(r.agent, r.start) for r in result.runs[3:5]] == [("Slow(3);", T("00:10:00")),
                                                              ("Slow(4);", T("00:13:20"))]
    assert RUN_TIME_LIMIT == LEASE_SECONDS - 30


def test_agent_removing_itself_during_its_call():
    k = kernel()

    @k.agent_function("Self")
    def self_remove():
        k.remove_agent("Self();")
        return "Self();"

    @k.agent_function("SelfFail")
    def self_fail():
        k.remove_agent("SelfFail();")
        raise RuntimeError("x")

    @k.agent_function("SelfRename")
    def self_rename():
        k.remove_agent("SelfRename();")
        return "Other();"

    @k.agent_function("SelfEmpty")
    def self_empty():
        k.remove_agent("SelfEmpty();")
        return ""

    for name in ("Self();", "SelfFail();", "SelfRename();", "SelfEmpty();"):
        k.add_agent(name)
    k.add_hit(DAY + "00:00:00")
    runs = k.run(DAY + "00:01:00").runs
    assert [(r.result, r.next_exec) for r in runs] == [("ok", None), ("failed", T("00:00:00")),
                                                       ("ok", None), ("removed", None)]
    assert k.agents == []


def test_agents_added_during_a_run_wait_for_the_next_check():
    k = kernel()

    @k.agent_function("Spawner")
    def spawner():
        k.add_agent("Child();", takes=0)
        return ""

    k.add_agent("Spawner();")
    k.add_hits(DAY + "00:00:00", DAY + "00:02:00", 60)
    runs = k.run(DAY + "00:02:00").runs
    assert [(r.agent, r.start) for r in runs] == [("Spawner();", T("00:00:00")), ("Child();", T("00:01:00"))]


# -- kernel options and load ---------------------------------------------------------------
def test_kernel_rejects_bad_options():
    with pytest.raises(AgentError):
        kernel(agents_limit=-1)
    with pytest.raises(AgentError):
        kernel(agents_cron_limit=True)
    with pytest.raises(AgentError):
        kernel(cron_every=0)
    k = kernel()
    with pytest.raises(AgentError):
        k.add_hits(DAY + "01:00:00", DAY + "00:00:00", 60)
    with pytest.raises(AgentError):
        k.add_hits(DAY + "00:00:00", DAY + "01:00:00", 0)
    k.add_hits(DAY + "00:00:00", DAY + "00:00:00", 60)  # an empty window is fine
    k.run(DAY + "00:10:00")
    with pytest.raises(AgentError):
        k.run(DAY + "00:05:00")
    with pytest.raises(AgentError, match="past"):
        k.add_hit(DAY + "00:05:00")
    with pytest.raises(AgentError, match="past"):
        k.add_hits(DAY + "00:05:00", DAY + "00:20:00", 60)


def test_run_can_continue():
    k = lesson_kernel()
    first = k.run(DAY + "09:05:00")
    second = k.run(DAY + "09:10:00")
    assert len(first.runs_of("TestAgentPeriod();")) == 5
    assert len(second.runs_of("TestAgentPeriod();")) == 10
    assert k.now == T("09:10:00")


# -- properties -----------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(interval=st.integers(min_value=60, max_value=4 * 3600),
       first_hit=st.integers(min_value=0, max_value=12 * 60),
       every=st.integers(min_value=30, max_value=900))
def test_periodic_agent_runs_once_per_hit_while_overdue(interval, first_hit, every):
    k = kernel()
    k.add_agent("P();", period="Y", interval=interval, takes=0)
    start = T("00:00:00") + timedelta(minutes=first_hit)
    k.add_hits(start, T("00:00:00") + timedelta(days=1), every)
    runs = k.run(DAY + "23:59:59").runs
    # Reference model of the rule: a hit runs it when NEXT_EXEC <= now, then NEXT_EXEC += interval.
    expected, due = [], T("00:00:00")
    for hit in k.run(DAY + "23:59:59").hits:
        if due <= hit:
            expected.append(hit)
            due += timedelta(seconds=interval)
    assert [r.start for r in runs] == expected
    for n, run in enumerate(runs, 1):
        assert run.next_exec == T("00:00:00") + timedelta(seconds=n * interval)


@settings(max_examples=40, deadline=None)
@given(interval=st.integers(min_value=0, max_value=7200), takes=st.integers(min_value=0, max_value=300),
       every=st.integers(min_value=30, max_value=600))
def test_non_periodic_runs_are_spaced_by_at_least_the_interval(interval, takes, every):
    k = kernel()
    k.add_agent("N();", interval=interval, takes=takes)
    k.add_hits(DAY + "00:00:00", DAY + "12:00:00", every)
    runs = k.run(DAY + "12:00:00").runs
    assert runs
    for run in runs:
        assert run.next_exec == run.end + timedelta(seconds=interval)
    for a, b in zip(runs, runs[1:]):
        assert b.start >= a.end + timedelta(seconds=interval)
        assert b.start - (a.end + timedelta(seconds=interval)) <= timedelta(seconds=every)


@settings(max_examples=40, deadline=None)
@given(sorts=st.lists(st.integers(min_value=-5, max_value=5), min_size=1, max_size=40),
       limit=st.integers(min_value=1, max_value=10))
def test_each_hit_runs_at_most_the_limit_in_sort_order(sorts, limit):
    k = kernel(agents_limit=limit)
    for i, sort in enumerate(sorts):
        k.add_agent(f"A({i});", sort=sort, interval=30, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "00:30:00", 60)
    result = k.run(DAY + "00:30:00")
    by_hit: dict = {}
    for r in result.runs:
        by_hit.setdefault(r.start, []).append(r.agent_id)
    for ids in by_hit.values():
        assert len(ids) <= limit and len(set(ids)) == len(ids)  # once per check
        keys = [(-sorts[i - 1], i) for i in ids]
        assert keys == sorted(keys)


@settings(max_examples=40, deadline=None)
@given(fails=st.integers(min_value=1, max_value=4), every=st.integers(min_value=10, max_value=300))
def test_failed_runs_are_at_least_a_lease_apart(fails, every):
    k = kernel()
    k.add_agent("F();", interval=60, fails=fails, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "03:00:00", every)
    runs = k.run(DAY + "03:00:00").runs
    assert [r.result for r in runs[:fails + 1]] == ["failed"] * fails + ["ok"]
    for a, b in zip(runs[:fails], runs[1:fails + 1]):
        gap = (b.start - a.start).total_seconds()
        assert LEASE_SECONDS <= gap < LEASE_SECONDS + every


def test_pperiod_of_a_long_call_survives_other_runners_meanwhile():
    k = kernel(agents_use_crontab=True)

    @k.agent_function("LongN")
    def long_n():
        k.spend(100)
        k.set_next_interval(30)
        return "LongN();"

    k.add_agent("LongN();", interval=3600)
    k.add_agent("P();", period="Y", interval=60, takes=0)
    k.add_hits(DAY + "00:00:30", DAY + "00:02:00", 60)  # P runs while LongN is still busy
    result = k.run(DAY + "00:02:00")
    assert result.runs_of("LongN();")[0].next_exec == T("00:02:10")  # 00:01:40 + 30
    assert result.runs_of("P();")[0].start == T("00:00:30")


@pytest.mark.parametrize("options", [
    {}, {"agents_use_crontab": True}, {"version": "17.5"}, {"version": "20.0", "agents_use_crontab": True},
    {"check_agents": False, "agents_use_crontab": True}, {"bx_crontab_support": True, "cron_script": "hand-made"},
])
def test_hits_that_find_nothing_due_counted_at_once_change_nothing(monkeypatch, options):
    """Kernel._empty_hits counts the hits that would find nothing due without running
    their checks (a speed-up: most hits of a large day). The record is the same as when
    every hit runs its check: same runs, checks, hits and agents."""
    import random

    def day(skip: bool):
        if not skip:
            monkeypatch.setattr(Kernel, "_empty_hits", lambda self, first, end, step: 0)
        rng = random.Random(7)
        k = kernel(**options)
        for i in range(60):
            k.add_agent(f"Job({i});", period=rng.choice("YN"), interval=rng.choice([300, 900, 3600, 7200]),
                        next_exec=DAY + f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00",
                        takes=rng.choice([0, 0, 0, 45, 700]), sort=rng.randrange(50, 150))
        k.add_hits(DAY + "00:00:00", DAY + "23:59:59", every=37)
        k.add_hits(DAY + "09:00:00", DAY + "10:00:00", every=11)
        result = k.run(DAY + "23:59:59")
        monkeypatch.undo()
        return result.as_dict(), [h.isoformat() for h in result.hits]
    assert day(skip=True) == day(skip=False)
