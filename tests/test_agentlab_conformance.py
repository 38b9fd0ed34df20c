"""agentlab against the kernel's code: one test per rule, named after it.

Each test names the file and the version it was read from (main: bitrix/modules/main/,
imopenlines: bitrix/modules/imopenlines/; the copies are listed in agentlab/README.md)
and fails on the behaviour the rule replaced.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from agentlab import (LEASE_SECONDS, OPENLINES_AGENT_NAMES, OPENLINES_AGENT_NAMES_AFTER_WORK,
                      OPENLINES_CRON_ORDER, OPENLINES_TASKS, OPENLINES_TIME_LIMITS, VERSIONS, AgentError,
                      Kernel, ScenarioError, load_scenario)
from agentlab.open_lines import OpenLines
from agentlab.timeutil import US
from tests.test_agentlab_kernel import DAY, T, kernel  # one day, one clock for both files


# -- main 25.750 (the default) -------------------------------------------------------------
def test_lock_is_released_once_the_batch_is_leased():
    # main 25.750 classes/general/agent.php ExecuteAgents(): $connection->unlock($cache_id)
    # right after "UPDATE b_agent SET DATE_CHECK = ...", before the foreach that runs
    # the agents (and so in every version read). A second check may start other due agents.
    k = kernel()
    k.add_agent("Heavy();", takes=150, interval=3600, sort=200)
    k.add_agent("Light();", takes=0, interval=3600, next_exec=DAY + "00:00:30")
    k.add_hits(DAY + "00:00:00", DAY + "00:05:00", 60)
    result = k.run(DAY + "00:05:00")
    heavy, light = result.runs_of("Heavy();")[0], result.runs_of("Light();")[0]
    assert heavy.start == T("00:00:00") and heavy.end == T("00:02:30")
    assert light.start == T("00:01:00")  # a second runner, while Heavy still runs
    assert result.checks["hit"]["batches"] == 2


def test_a_call_longer_than_its_lease_can_be_started_again_by_another_check():
    # main 25.750 classes/general/agent.php: due = NEXT_EXEC <= now AND (DATE_CHECK IS NULL
    # OR DATE_CHECK <= now); RUNNING = 'Y' only sorts an agent last (ORDER BY RUNNING ASC).
    k = kernel()
    k.add_agent("Endless();", takes=900, interval=3600)
    k.add_hits(DAY + "00:00:00", DAY + "00:30:00", 60)
    runs = k.run(DAY + "00:30:00").runs
    assert [(r.start, r.end) for r in runs[:2]] == [(T("00:00:00"), T("00:15:00")),
                                                   (T("00:10:00"), T("00:25:00"))]


def test_agent_deleted_after_its_batch_was_selected_still_runs_once():
    # main 25.750 classes/general/agent.php: $agents_array is fetched before the calls;
    # the UPDATE after a call on a deleted row changes nothing.
    k = kernel()

    @k.agent_function("Killer")
    def killer():
        k.remove_agent("Victim();")
        return "Killer();"

    k.add_agent("Killer();", sort=200, interval=60)
    k.add_agent("Victim();", takes=0, interval=60)
    k.add_hits(DAY + "00:00:00", DAY + "00:05:00", 60)
    runs = k.run(DAY + "00:05:00").runs_of("Victim();")
    assert [(r.start, r.result, r.next_exec) for r in runs] == [(T("00:00:00"), "ok", None)]
    assert [a.name for a in k.agents] == ["Killer();"]


def test_check_agents_n_runs_no_agent_on_hits_or_main_cron():
    # main 25.750 include.php (decoded): addBackgroundJob(['CAgent', 'CheckAgents']) only
    # when COption::GetOptionString('main', 'check_agents', 'Y') == 'Y';
    # tools/cron_events.php has no check of its own, it relies on include.php.
    for cron_mode in (False, True):
        k = kernel(check_agents=False, agents_use_crontab=cron_mode)
        k.add_agent("P();", period="Y", interval=60, takes=0)
        k.add_agent("N();", interval=60, takes=0)
        k.add_hits(DAY + "00:00:00", DAY + "00:10:00", 60)
        result = k.run(DAY + "00:10:00")
        assert result.runs == [] and result.checks["hit"]["checks"] == 0
    # The hand-made script of the "all agents on cron" recipes calls CheckAgents itself.
    k = kernel(check_agents=False, cron_script="hand-made")
    k.add_agent("P();", period="Y", interval=60, takes=0)
    k.add_hit(DAY + "00:00:30")
    assert [r.trigger for r in k.run(DAY + "00:02:00").runs] == ["cron", "cron"]


def test_add_agent_without_next_exec_is_due_from_midnight():
    # main 25.750 classes/general/agent.php Add(): $arFields["~NEXT_EXEC"] = $DB->GetNowDate();
    # classes/general/database.php GetNowDate() -> CurrentDateFunction(), which is
    # "CURRENT_DATE" in classes/mysql/database.php: today 00:00:00, not now().
    k = Kernel(start=DAY + "15:20:30")
    aid = k.add_agent("P();", period="Y", interval=3600, takes=0)
    assert k.agent(aid).next_exec == T("00:00:00")
    k.add_hits(DAY + "15:21:00", DAY + "16:00:00", 60)
    runs = k.run(DAY + "16:00:00").runs
    # A periodic agent catches up every hour since midnight, one run a check.
    assert len(runs) == 16 and runs[-1].next_exec == T("16:00:00")


def test_agent_whose_module_cannot_be_loaded_is_skipped_and_stays_leased():
    # main 25.750 classes/general/agent.php: if (!CModule::IncludeModule(MODULE_ID)) continue;
    # before RUNNING = 'Y' and RETRY_COUNT + 1; the DATE_CHECK lease set for the batch stays.
    k = kernel(missing_modules=["forum"])
    aid = k.add_agent("ForumAgent();", module="forum", interval=60, takes=0)
    k.add_agent("Other();", interval=60, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "00:15:00", 60)
    result = k.run(DAY + "00:15:00")
    assert result.runs_of("ForumAgent();") == [] and result.runs_of("Other();")
    forum = k.agent(aid)
    assert not forum.running and forum.retry_count == 0
    assert forum.lease_until == T("00:20:00")  # leased again by the check at 00:10


def test_fatal_error_ends_the_batch():
    # main 25.750 classes/general/agent.php: eval inside try { } catch (Throwable); a fatal
    # error (memory, time limit) is no Throwable: the process ends with the foreach.
    k = kernel()
    k.add_agent("First();", sort=300, takes=0, interval=3600)
    k.add_agent("Dies();", sort=200, takes=1, fails=1, failure="fatal", interval=3600)
    k.add_agent("Third();", sort=100, takes=0, interval=3600)
    k.add_hits(DAY + "00:00:00", DAY + "00:20:00", 60)
    k.run(DAY + "00:05:00")
    dies, third = k.agent(2), k.agent(3)
    assert dies.running and dies.retry_count == 1 and dies.lease_until == T("00:10:00")
    assert third.lease_until == T("00:10:00") and third.last_exec is None  # leased, never called
    result = k.run(DAY + "00:20:00")
    # At 00:10 Third (RUNNING = N) sorts before Dies (RUNNING = Y since its fatal call).
    assert [(r.agent, r.result) for r in result.runs] == [
        ("First();", "ok"), ("Dies();", "failed"), ("Third();", "ok"), ("Dies();", "ok")]
    assert result.runs[1].error.startswith("PHP Fatal error")
    assert result.runs_of("Third();")[0].start == T("00:10:00")


def test_run_time_cut_counts_whole_seconds():
    # main 25.750 classes/general/agent.php: $startTime = time(); ... if (time() - $startTime
    # > self::LOCK_TIME - 30) break; time() is whole seconds.
    k = kernel()
    k.add_agent("Slow();", sort=200, takes=570.2, interval=3600)
    k.add_agent("Next();", sort=100, takes=0, interval=3600)
    k.add_hit(DAY + "00:00:00.700")  # the batch starts at 0.7 s
    result = k.run(DAY + "00:20:00")
    # Next starts at 570.9 s: time() says 570 - 0 = 570, not more than 570: it still runs.
    assert [r.agent for r in result.runs] == ["Slow();", "Next();"]
    assert result.runs[1].start == T("00:00:00") + timedelta(seconds=570.9)


def test_main_cron_events_runs_only_non_periodic_agents_even_without_cron_mode():
    # main 25.750 tools/cron_events.php defines BX_CRONTAB before the prolog; include/
    # constants.php: if (!defined('BX_CRONTAB_SUPPORT')) define('BX_CRONTAB_SUPPORT',
    # defined('BX_CRONTAB')): OnCron() is true there, so IS_PERIOD = 'N' only.
    k = kernel(cron_script="main")
    k.add_agent("P();", period="Y", interval=60, takes=0)
    k.add_agent("N();", interval=90, takes=0)
    k.add_hits(DAY + "00:00:30", DAY + "00:03:00", 60)
    result = k.run(DAY + "00:03:00")
    assert {r.trigger for r in result.runs_of("P();")} == {"hit"}
    assert {r.trigger for r in result.runs_of("N();")} == {"cron", "hit"}  # cron mode off: hits run it too


def test_hand_made_cron_script_checks_before_it_defines_bx_crontab():
    # The "all agents on cron" script (e.g. bitrix/php_interface/cron_events.php in the
    # main 20.0 copy) calls CAgent::CheckAgents() and only then defines BX_CRONTAB:
    # OnCron() (main 25.750 classes/general/agent.php) is null without cron mode: every
    # agent; with cron mode it is false: the periodic ones only, as on a hit.
    seen = []
    for cron_mode in (False, True):
        k = kernel(cron_script="hand-made", check_agents=False, agents_use_crontab=cron_mode)

        @k.agent_function("Log")
        def log(kind):
            seen.append((cron_mode, kind, k.trigger, k.constant("BX_CRONTAB")))
            return f"Log('{kind}');"

        k.add_agent("Log('P');", period="Y", interval=3600)
        k.add_agent("Log('N');", interval=3600)
        k.run(DAY + "00:00:30")
    assert seen == [(False, "P", "cron", None), (False, "N", "cron", None), (True, "P", "cron", None)]


def test_bx_crontab_is_defined_only_by_main_cron_events():
    # main 25.750 tools/cron_events.php: define("BX_CRONTAB", true) before the prolog.
    k = kernel(agents_use_crontab=True)
    seen = []

    @k.agent_function("Log")
    def log():
        seen.append((k.trigger, k.constant("BX_CRONTAB"), k.constant("BX_CRONTAB_SUPPORT")))
        return "Log();"

    k.add_agent("Log();", period="Y", interval=3600)
    k.add_agent("log();", interval=3600)
    k.add_hit(DAY + "00:00:30")
    k.run(DAY + "00:01:00")
    # The option turned cron mode on; on a hit BX_CRONTAB_SUPPORT = defined('BX_CRONTAB').
    assert seen == [("cron", True, True), ("hit", None, False)]
    assert k.constant("BX_CRONTAB") is None  # outside a call


# -- imopenlines ---------------------------------------------------------------------------
def test_time_limit_loops_count_whole_seconds():
    # imopenlines lib/tools/time.php: getElapsedTime() = (new DateTime)->getTimestamp() - start;
    # lib/queue.php transferToNextSession(): while ($time->getElapsedTime() <= $limitTime ...)
    # one session a time (22.800.0, 23.400.0).
    def items(per_dialog: float, start: float) -> int:
        ol = OpenLines("hits", seconds_per_dialog=per_dialog)
        ol.add_dialog_times([0] * 100)
        ol.run_pass("distribution", round(start * US), OPENLINES_TIME_LIMITS["hit"])
        return ol.passes[0].items

    assert items(1, 0) == 6
    assert items(0.5, 0) == 12  # the dialog started at 5.5 s: elapsed 5 whole seconds
    assert items(0.5, 0.5) == 11


def test_openlines_cron_script_order_is_mail_close_no_answer_automatic_distribution():
    # imopenlines handlers/agents.php (23.400.0): Agent::mailByTime(0); closeByTime(0);
    # sendMessageNoAnswer(); sendAutomaticMessage(); transferToNextInQueue(0);
    k = kernel()
    k.setup_open_lines("openlines-cron", to_close=5, to_mail=5)
    result = k.run(DAY + "00:00:30")
    assert [r.agent for r in result.runs] == [OPENLINES_AGENT_NAMES[t] for t in OPENLINES_CRON_ORDER]
    assert OPENLINES_CRON_ORDER == ("mail", "close", "no_answer", "automatic", "distribution")


def test_automatic_messages_are_a_fifth_timed_task():
    # imopenlines lib/automaticaction/messages.php sendMessages($limitTime): while
    # (elapsed <= $limitTime), one task a time; registered as a non-periodic agent
    # sendAutomaticMessage() every 60 s (install/index.php, 22.800.0 and later).
    k = kernel()
    k.add_hits(DAY + "00:00:00", DAY + "00:01:00", 60)
    ol = k.setup_open_lines("hits", seconds_per_dialog=1, to_automatic=20)
    result = k.run(DAY + "00:01:00")
    run = result.runs_of(OPENLINES_AGENT_NAMES["automatic"])[0]
    assert run.end - run.start == timedelta(seconds=6)  # 5 s limit: 6 messages
    assert ol.done["automatic"] == 6 and result.open_lines["messaged"] == 6


def test_openlines_agents_have_the_modules_names():
    # imopenlines install/index.php (24.1000.100-26.200.100): CAgent::AddAgent(
    # 'Bitrix\ImOpenLines\Session\Agent::transferToNextInQueue(0);', 'imopenlines', "N", 60)
    # and so on; lib/session/agent.php: closing and mail return __METHOD__.'(1);' after work.
    k = kernel()
    k.add_hits(DAY + "00:00:00", DAY + "00:03:00", 60)
    k.setup_open_lines("hits", to_close=150)
    assert [a.name for a in k.agents] == [OPENLINES_AGENT_NAMES[t] for t in OPENLINES_TASKS]
    assert {(a.module, a.is_period, a.interval) for a in k.agents} == {("imopenlines", False, 60)}
    runs = k.run(DAY + "00:03:00").runs
    close = [r.agent for r in runs if "closeByTime" in r.agent]
    assert close == [OPENLINES_AGENT_NAMES["close"], OPENLINES_AGENT_NAMES_AFTER_WORK["close"],
                     OPENLINES_AGENT_NAMES_AFTER_WORK["close"]]
    assert OPENLINES_AGENT_NAMES["close"] in {a.name for a in k.agents}  # nothing left: (0) again


def test_openlines_agents_under_main_cron_events_get_the_hit_limit():
    # imopenlines lib/session/agent.php getTypeRunAgent() (19.0.550-23.1200.0): the 60 s
    # type "cron" needs cron mode and BX_CRONTAB not true; main's tools/cron_events.php
    # defines BX_CRONTAB = true, so the type there is "hit": 5 s.
    k = kernel(agents_use_crontab=True)
    ol = k.setup_open_lines("agents-cron", seconds_per_dialog=1)
    ol.add_dialog_times([0] * 100)
    result = k.run(DAY + "00:03:00")
    limits = {p["limit"] for p in result.open_lines["passes"] if p["task"] == "distribution"}
    assert limits == {OPENLINES_TIME_LIMITS["hit"]}
    # The hand-made script without cron mode runs them with BX_CRONTAB undefined: "hit" too;
    # with cron mode it runs only periodic agents, so the module's agents never run.
    k = kernel(cron_script="hand-made", check_agents=False)
    k.setup_open_lines("agents-cron")
    assert {p["limit"] for p in k.run(DAY + "00:01:00").open_lines["passes"]} == {5, None}
    k = kernel(cron_script="hand-made", check_agents=False, agents_use_crontab=True)
    k.setup_open_lines("agents-cron")
    assert k.run(DAY + "00:05:00").runs == []


# -- versions ---------------------------------------------------------------------------
def test_unknown_version_is_one_line_that_lists_the_known_ones():
    with pytest.raises(AgentError) as err:
        kernel(version="21.0")
    assert str(err.value) == ("unknown main version '21.0'; known: " + ", ".join(VERSIONS))
    with pytest.raises(ScenarioError, match=r"site.toml:4: key 'kernel.version': unknown main version '9'"):
        load_scenario("start = 2026-03-02T00:00:00\nuntil = 2026-03-03T00:00:00\n[kernel]\nversion = \"9\"\n",
                      "site.toml")
    assert list(VERSIONS) == ["14.0", "17.5", "20.0", "22.500", "24.0", "25.750"]


def test_version_14_0_has_no_try_catch_so_an_exception_is_fatal():
    # main 14.0.6 classes/mysql/agent.php: eval("\$eval_result=".$arAgent["NAME"]) with no
    # try/catch, no RUNNING or RETRY_COUNT column, ORDER BY SORT desc.
    def run(version):
        k = kernel(version=version)
        k.add_agent("Throws();", sort=200, fails=1, interval=3600, takes=0)
        k.add_agent("After();", sort=100, interval=3600, takes=0)
        k.add_hit(DAY + "00:00:00")
        return k, k.run(DAY + "00:01:00")
    k, old = run("14.0")
    assert [r.agent for r in old.runs] == ["Throws();"] and not k.agent(1).running
    assert k.agent(1).retry_count == 0
    _, new = run("25.750")
    assert [r.agent for r in new.runs] == ["Throws();", "After();"]


def test_version_14_0_add_agent_has_no_exist_error_and_checks_the_module():
    # main 14.0.6 classes/general/agent.php AddAgent(): no $existError argument (a duplicate
    # is always an error); CheckFields() refuses a MODULE_ID that IsModuleInstalled() denies.
    k = kernel(version="14.0", missing_modules=["forum"])
    k.add_agent("A();")
    with pytest.raises(AgentError, match="already exists"):
        k.add_agent("A();", exist_error=False)
    with pytest.raises(AgentError, match="not installed"):
        k.add_agent("B();", module="forum")
    new = kernel(missing_modules=["forum"])
    assert new.add_agent("A();") == new.add_agent("A();", exist_error=False)
    new.add_agent("B();", module="forum")


def test_versions_14_0_and_17_5_extend_an_old_lease_from_its_old_value():
    # main 17.5.13 classes/mysql/agent.php: DATE_CHECK=DATE_ADD(IF(DATE_CHECK IS NULL, now(),
    # DATE_CHECK), INTERVAL 600 SECOND); 20.0.1650 and later: DATE_ADD(now(), ...).
    def retries(version):
        k = kernel(version=version)
        k.add_agent("Flaky();", fails=2, interval=3600, takes=0)
        k.add_hit(DAY + "00:00:00")
        k.add_hits(DAY + "02:00:00", DAY + "03:00:00", 60)
        return [r.start for r in k.run(DAY + "03:00:00").runs]
    # 00:00 fails (lease 00:10); 02:00 fails again, leased to 00:20: already past at 02:01.
    assert retries("17.5") == [T("00:00:00"), T("02:00:00"), T("02:01:00")]
    assert retries("14.0")[:1] == [T("00:00:00")]
    assert retries("25.750") == [T("00:00:00"), T("02:00:00"), T("02:10:00")]


def test_version_17_5_catches_only_exception_so_an_error_is_fatal():
    # main 17.5.13 classes/mysql/agent.php: catch (Exception $e); an undefined function is
    # a PHP Error, a Throwable that only main 22.5+ (catch (Throwable)) catches.
    def run(version):
        k = kernel(version=version)
        k.add_agent("Undefined();", sort=200, interval=3600)
        k.add_agent("After();", sort=100, interval=3600, takes=0)
        k.add_hit(DAY + "00:00:00")
        return [(r.agent, r.result) for r in k.run(DAY + "00:01:00").runs]
    assert run("17.5") == [("Undefined();", "failed")]
    assert run("20.0") == [("Undefined();", "failed")]
    assert run("25.750") == [("Undefined();", "failed"), ("After();", "ok")]


def test_version_20_0_deactivates_an_agent_after_three_retries():
    # main 20.0.1650 classes/mysql/agent.php: if ($arAgent["RETRY_COUNT"] >= 3)
    # { UPDATE b_agent SET ACTIVE='N' ...; continue; }
    def run(version):
        k = kernel(version=version)
        k.add_agent("Broken();", fails=100, interval=60, takes=0)
        k.add_hits(DAY + "00:00:00", DAY + "01:00:00", 60)
        return k, k.run(DAY + "01:00:00")
    k, old = run("20.0")
    assert len(old.runs) == 3 and not k.agent(1).active
    k, new = run("25.750")
    assert len(new.runs) == 6 and k.agent(1).active


def test_version_20_0_checks_agents_as_the_page_starts():
    # main 20.0.1650 include.php: CAgent::CheckAgents() before session_start() and
    # OnPageStart; 22.500.700 and later: addBackgroundJob(), run after the response.
    def pages(version):
        k = kernel(version=version)
        k.add_agent("Slow();", takes=4, interval=3600)
        k.add_hits(DAY + "00:00:00", DAY + "00:05:00", 60)
        return k.run(DAY + "00:05:00").pages
    assert pages("20.0") == {"waited": 1, "max_wait": 4}
    assert pages("25.750") == {"waited": 0, "max_wait": 0}


def test_version_20_0_has_no_agents_limit():
    # main 20.0.1650 classes/mysql/agent.php: no LIMIT on the selection (22.500.700 adds
    # agents_limit, 24.0.796 agents_cron_limit).
    def per_hit(version):
        k = kernel(version=version)
        for i in range(250):
            k.add_agent(f"A({i});", takes=0)
        k.add_hit(DAY + "00:00:00")
        return len(k.run(DAY + "00:01:00").runs)
    assert per_hit("20.0") == 250 and per_hit("25.750") == 100
    with pytest.raises(AgentError, match="agents_limit: main 20.0 has no such option"):
        kernel(version="20.0", agents_limit=10)


def test_version_22_500_has_no_agents_cron_limit():
    # main 22.500.700 classes/mysql/agent.php: if ($cron !== true) { ...agents_limit... }:
    # a cron check takes every due agent; 24.0.796 reads agents_cron_limit (1000).
    def first_cron(version):
        k = kernel(version=version, agents_use_crontab=True)
        for i in range(1500):
            k.add_agent(f"A({i});", takes=0)
        return len(k.run(DAY + "00:00:30").runs)
    assert first_cron("22.500") == 1500 and first_cron("25.750") == 1000
    with pytest.raises(AgentError, match="agents_cron_limit: main 22.500"):
        kernel(version="22.500", agents_cron_limit=5)


def test_version_22_500_deactivates_after_bx_agents_max_retry_count():
    # main 22.500.700 classes/mysql/agent.php: if (defined('BX_AGENTS_MAX_RETRY_COUNT') &&
    # $arAgent["RETRY_COUNT"] >= BX_AGENTS_MAX_RETRY_COUNT) { ... ACTIVE='N' ...; continue; }
    k = kernel(version="22.500", bx_agents_max_retry_count=2)
    k.add_agent("Broken();", fails=100, interval=60, takes=0)
    k.add_hits(DAY + "00:00:00", DAY + "01:00:00", 60)
    assert len(k.run(DAY + "01:00:00").runs) == 2 and not k.agent(1).active
    with pytest.raises(AgentError, match="BX_AGENTS_MAX_RETRY_COUNT"):
        kernel(bx_agents_max_retry_count=2)


def test_version_24_0_takes_one_lock_named_agent():
    # main 24.0.796 classes/mysql/agent.php: $connection->lock('agent'); 25.750.0
    # classes/general/agent.php: lock("agents".$str_crontab), one name per IS_PERIOD filter.
    def locks(version):
        k = kernel(version=version, agents_use_crontab=True)
        k.add_agent("A();", takes=0)
        k.add_hit(DAY + "00:00:30")
        checks = k.run(DAY + "00:01:00").checks
        return checks["hit"]["lock"], checks["cron"]["lock"]
    assert locks("24.0") == ("agent", "agent")
    assert locks("25.750") == ("agents AND IS_PERIOD='Y' ", "agents AND IS_PERIOD='N' ")


def test_every_version_keeps_a_failed_agent_leased_for_600_seconds():
    # LEASE_SECONDS: "INTERVAL 600 SECOND" (14.0-20.0), LOCK_TIME = 600 (22.500 and later).
    for version in VERSIONS:
        if VERSIONS[version].catches == "none":
            continue
        k = kernel(version=version)
        k.add_agent("Flaky();", fails=1, interval=3600, takes=0)
        k.add_hits(DAY + "00:00:00", DAY + "00:20:00", 60)
        starts = [r.start for r in k.run(DAY + "00:20:00").runs]
        assert starts == [T("00:00:00"), T("00:00:00") + timedelta(seconds=LEASE_SECONDS)], version
