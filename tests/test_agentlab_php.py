"""PHP agents on the emulated kernel, run by php-cli: the environment each call gets,
what goes back to the kernel, and the proof that every PHP/Python pair of the lessons
logs the same lines.

The rules are read from main 25.750 (yuriy-yarvinen/bitrix-1c-lesson),
bitrix/modules/main/classes/general/agent.php, CAllAgent::ExecuteAgents() and
AddAgent(); BX_CRONTAB and BX_CRONTAB_SUPPORT from main/tools/cron_events.php and
main/include.php (see tests/test_agentlab_conformance.py for the kernel's own rules).
"""

from __future__ import annotations

import asyncio
import io
import re
import runpy
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from agentlab import Kernel, ScenarioError, load_scenario, load_scenario_file
from agentlab.php import NotReady, next_exec_from_php, run_when_ready
from tests.php import needs_php_cli

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"

needs_php_cli()


def run_php(tmp_path: Path, php: str, *, kernel: str = "", hits: str = "", until: str = "2026-03-02T12:00:00",
            start: str = "2026-03-02T09:00:00"):
    """A scenario of one PHP file (its own registration calls), hits every 10 min by default."""
    (tmp_path / "agents.php").write_text("<?php\n" + php, encoding="utf-8")
    hits = hits or f"[[hits]]\nfrom = {start}\nto = {until}\nevery = 600\n"
    text = f'php = "agents.php"\nstart = {start}\nuntil = {until}\n{kernel}\n{hits}'
    return load_scenario(text, str(tmp_path / "s.toml"), folder=str(tmp_path)).run()


def texts(result) -> list[str]:
    return [line.text for line in result.log]


# -- the environment of a call ------------------------------------------------------


def test_php_bx_crontab_is_defined_only_in_a_call_of_mains_cron_script(tmp_path):
    # main 25.750 tools/cron_events.php defines BX_CRONTAB before the prolog; a hit
    # never does. include.php then defines BX_CRONTAB_SUPPORT as defined('BX_CRONTAB').
    php = """
function Both() {
    AddMessage2Log((defined('BX_CRONTAB') ? 'BX_CRONTAB' : '-') . ' ' . var_export(BX_CRONTAB_SUPPORT, true));
    return "Both();";
}
CAgent::AddAgent("Both();", "", "N", 3600);
CAgent::AddAgent("Periodic();", "", "Y", 3600);
function Periodic() { AddMessage2Log(defined('BX_CRONTAB') ? 'periodic on cron' : 'periodic on a hit'); return "Periodic();"; }
"""
    result = run_php(tmp_path, php, kernel="[kernel]\nagents_use_crontab = true\n",
                     until="2026-03-02T09:30:00")
    assert texts(result)[:2] == ["BX_CRONTAB true", "periodic on a hit"]
    assert {run.trigger for run in result.runs_of("Both();")} == {"cron"}
    assert {run.trigger for run in result.runs_of("Periodic();")} == {"hit"}


def test_php_bx_crontab_support_is_the_scenarios_on_a_hit(tmp_path):
    # dbconn.php's BX_CRONTAB_SUPPORT (the scenario's bx_crontab_support) on a hit.
    php = """
function LogSupport() { AddMessage2Log('support ' . var_export(BX_CRONTAB_SUPPORT, true)); return "LogSupport();"; }
CAgent::AddAgent("LogSupport();", "", "Y", 3600);
"""
    plain = run_php(tmp_path, php, until="2026-03-02T09:05:00")
    support = run_php(tmp_path, php, kernel="[kernel]\nbx_crontab_support = true\ncron_script = \"none\"\n",
                      until="2026-03-02T09:05:00")
    assert texts(plain) == ["support false"]
    assert texts(support) == ["support true"]


def test_php_user_is_not_an_object_in_an_agent(tmp_path):
    # main 25.750 classes/general/agent.php ExecuteAgents(): "global $USER should not be
    # available here"; $USER = null; before the eval.
    php = """
$GLOBALS['USER'] = new stdClass();
function WhoAmI() { global $USER; AddMessage2Log(is_object($USER) ? 'an object' : var_export($USER, true)); return ""; }
CAgent::AddAgent("WhoAmI();");
"""
    assert texts(run_php(tmp_path, php, until="2026-03-02T09:05:00")) == ["NULL"]


def test_php_eval_result_becomes_the_next_name_and_empty_removes_the_agent(tmp_path):
    # ExecuteAgents(): eval("\$eval_result=".NAME); $eval_result == '' -> DELETE, else
    # UPDATE NAME = $eval_result.
    php = """
function Step($n) { AddMessage2Log("step $n"); return $n < 2 ? "Step(" . ($n + 1) . ");" : null; }
CAgent::AddAgent("Step(0);", "", "N", 600);
"""
    result = run_php(tmp_path, php)
    assert texts(result) == ["step 0", "step 1", "step 2"]
    assert [run.result for run in result.runs] == ["ok", "ok", "removed"]
    assert [run.agent for run in result.runs] == ["Step(0);", "Step(1);", "Step(2);"]


def test_php_add_agent_and_remove_agent_go_to_the_kernel(tmp_path):
    # AddAgent(): the new ID, or false when NAME and USER_ID exist; RemoveAgent() deletes.
    php = """
function Parent() {
    $id = CAgent::AddAgent("Child();", "", "N", 600);
    $again = CAgent::AddAgent("Child();", "", "N", 600);
    AddMessage2Log("child " . var_export($id, true) . ", again " . var_export($again, true));
    return "";
}
function Child() { AddMessage2Log("child runs"); CAgent::RemoveAgent("Child();"); return "Child();"; }
CAgent::AddAgent("Parent();");
"""
    result = run_php(tmp_path, php)
    assert texts(result) == [
        "agentlab: CAgent::AddAgent('Child();') returned false: agent 'Child();' already exists (id 2)",
        "child 2, again false", "child runs"]
    # Removed during its own call: its UPDATE changes no row.
    assert [(r.agent, r.result) for r in result.runs] == [("Parent();", "removed"), ("Child();", "ok")]
    assert result.as_dict()["agents"] == []


def test_php_add_agent_reads_next_exec_as_php_code_writes_it(tmp_path):
    php = """
CAgent::AddAgent("Later();", "", "N", 600, "", "Y", "02.03.2026 10:30:00");
function Later() { AddMessage2Log("later"); return ""; }
"""
    result = run_php(tmp_path, php)
    assert result.log[0].at.strftime("%H:%M") == "10:30"
    assert next_exec_from_php("2026-03-02 10:30:00") == "2026-03-02T10:30:00"
    with pytest.raises(Exception, match="not a date-time agentlab reads"):
        next_exec_from_php("tomorrow")


def test_php_pperiod_set_by_the_agent_is_the_next_interval(tmp_path):
    # ExecuteAgents(): $pPERIOD = AGENT_INTERVAL before the eval ("these vars can be
    # assigned within agent code"); NEXT_EXEC = now + $pPERIOD.
    php = """
function Soon() { global $pPERIOD; $pPERIOD = 60; AddMessage2Log("soon"); return "Soon();"; }
CAgent::AddAgent("Soon();", "", "N", 86400);
"""
    result = run_php(tmp_path, php, hits="[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T09:03:00\n"
                                         "every = 60\n")
    assert len(result.runs) == 3  # 09:00, 09:01, 09:02: a minute apart, not a day


def test_php_exception_is_a_failed_call_and_the_lease_stays(tmp_path):
    # ExecuteAgents(): catch (Throwable) -> writeToLog, continue: the row keeps RUNNING = Y
    # and its lease (DATE_CHECK) until the 600 s run out.
    php = """
function Boom() { throw new RuntimeException("no connection"); }
CAgent::AddAgent("Boom();", "", "N", 60);
"""
    result = run_php(tmp_path, php, hits="[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T09:20:00\n"
                                         "every = 60\n")
    runs = result.runs
    assert [r.result for r in runs] == ["failed", "failed"]
    assert runs[0].error.startswith("RuntimeException: no connection in agents.php:")
    assert (runs[1].start - runs[0].start).total_seconds() == 600


def test_php_error_is_caught_since_22_5_and_fatal_before(tmp_path):
    # 25.750 catches Throwable; 17.5 catches only Exception: an Error ends the batch.
    php = """
function Broken() { return undefined_function_of_the_reader(); }
function After() { AddMessage2Log("after"); return ""; }
CAgent::AddAgent("Broken();", "", "N", 3600, "", "Y", "", 200);
CAgent::AddAgent("After();", "", "N", 3600, "", "Y", "", 100);
"""
    new = run_php(tmp_path, php, until="2026-03-02T09:05:00")
    assert new.runs[0].error.startswith("Uncaught Error: Call to undefined function undefined_function_of_the_reader()")
    assert texts(new) == ["after"]
    old = run_php(tmp_path, php, kernel='[kernel]\nversion = "17.5"\n', until="2026-03-02T09:05:00")
    assert texts(old) == []  # the batch ended with Broken()
    assert [(r.agent, r.result) for r in old.runs] == [("Broken();", "failed")]
    assert old.runs[0].error.startswith("Uncaught Error: Call to undefined function")


def test_php_fatal_error_ends_the_batch_and_the_next_call_gets_a_new_interpreter(tmp_path):
    # A fatal error (here exit) ends the PHP process, as it ends a request: the rest
    # of the batch stays leased; a static variable starts again in the next process.
    php = """
function Counter() { static $n = 0; $n++; AddMessage2Log("count $n"); if ($n == 2) exit; return "Counter();"; }
CAgent::AddAgent("Counter();", "", "N", 60);
"""
    result = run_php(tmp_path, php, hits="[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T09:15:00\n"
                                         "every = 60\n")
    assert texts(result)[:3] == ["count 1", "count 2", "count 1"]
    assert result.runs[1].result == "failed" and "exit" in result.runs[1].error


def test_php_interpreter_keeps_its_state_between_calls_of_one_environment(tmp_path):
    # agentlab, not Bitrix: in Bitrix each request starts empty; here the calls of one
    # environment share an interpreter (agentlab/README.md, PHP agents).
    php = """
function Counter() { static $n = 0; $n++; AddMessage2Log("count $n"); return "Counter();"; }
CAgent::AddAgent("Counter();", "", "N", 600);
"""
    assert texts(run_php(tmp_path, php, until="2026-03-02T09:30:00")) == ["count 1", "count 2", "count 3"]


def test_php_what_agentlab_does_not_offer_fails_naming_it(tmp_path):
    php = """
function A() { CAgent::Update(1, []); }
function B() { return COption::GetOptionString("main", "x"); }
CAgent::AddAgent("A();"); CAgent::AddAgent("B();");
"""
    errors = [r.error for r in run_php(tmp_path, php, until="2026-03-02T09:05:00").runs]
    assert "CAgent::Update() is not emulated" in errors[0]
    assert "class COption is not emulated" in errors[1]


def test_php_reaches_no_url(tmp_path):
    # allow_url_fopen = 0: file_get_contents of a URL fails before any request.
    php = """
function Fetch() { $page = file_get_contents("http://example.com/"); AddMessage2Log(var_export($page, true)); return ""; }
CAgent::AddAgent("Fetch();");
"""
    lines = texts(run_php(tmp_path, php, until="2026-03-02T09:05:00"))
    assert lines[0].startswith("PHP Warning: file_get_contents(): ") and "allow_url_fopen=0" in lines[0]
    assert lines[-1] == "false"


def test_php_add_agent_that_the_kernel_refuses_returns_false_and_the_run_goes_on(tmp_path):
    # CAgent::Add(): CheckFields() fails -> false. Here: a next_exec agentlab cannot read.
    php = """
function Attempt() { $id = CAgent::AddAgent("Other();", "", "N", 60, "", "Y", "tomorrow"); AddMessage2Log(var_export($id, true)); return "Attempt();"; }
CAgent::AddAgent("Attempt();", "", "N", 600);
"""
    lines = texts(run_php(tmp_path, php, until="2026-03-02T09:30:00"))
    assert lines[0].startswith("agentlab: CAgent::AddAgent('Other();') returned false: CAgent::AddAgent: next_exec")
    assert lines[1::2] == ["false", "false", "false"]  # every call still answered in turn


def test_php_stdout_and_stderr_of_the_reader_cannot_break_the_run(tmp_path):
    php = """
fwrite(STDOUT, "noise at load\\n");
function Loud() {
    fwrite(STDOUT, "{\\"done\\": {}}\\n");
    error_log(str_repeat("x", 4000));  // stderr: 100 calls fill any pipe
    AddMessage2Log("loud");
    return "Loud();";
}
CAgent::AddAgent("Loud();", "", "N", 60);
"""
    result = run_php(tmp_path, php, hits="[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T10:40:00\n"
                                         "every = 60\n", until="2026-03-02T10:40:00")
    assert texts(result) == ["loud"] * 100


def test_php_agent_code_is_any_code_php_accepts(tmp_path):
    # Bitrix stores NAME as it is and evals it: agentlab does not parse PHP agents' code.
    php = """
function Tick($list) { AddMessage2Log("tick " . count($list)); return count($list) < 3 ? "Tick([1, 2, 3]) /* next */;" : ""; }
CAgent::AddAgent("Tick([1, 2]);", "", "N", 600);
"""
    assert texts(run_php(tmp_path, php)) == ["tick 2", "tick 3"]


def test_php_call_past_the_time_limit_is_a_fatal_error(tmp_path, monkeypatch):
    # A hit ends at max_execution_time; agentlab gives every call PHP_CALL_TIME_LIMIT_SECONDS.
    monkeypatch.setattr("agentlab.php.bridge.PHP_CALL_TIME_LIMIT_SECONDS", 1)
    php = """
function Forever() { while (true) {} }
CAgent::AddAgent("Forever();", "", "N", 3600);
"""
    runs = run_php(tmp_path, php, until="2026-03-02T09:05:00").runs
    assert runs[0].result == "failed"
    assert runs[0].error == "PHP Fatal error: Maximum execution time of 1 second exceeded in agents.php:3"


def test_a_run_leaves_no_php_process(tmp_path):
    (tmp_path / "agents.php").write_text('<?php\nfunction A() { return "A();"; }\nCAgent::AddAgent("A();");\n',
                                         encoding="utf-8")
    text = 'php = "agents.php"\nstart = 2026-03-02T09:00:00\nuntil = 2026-03-02T10:00:00\n' \
           "[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T10:00:00\nevery = 600\n"
    scenario = load_scenario(text, "s.toml", folder=str(tmp_path))
    runtime = scenario.kernel.php.runtime
    scenario.run()
    assert runtime.running == 0


def test_a_php_file_that_does_not_load_is_a_scenario_error(tmp_path):
    with pytest.raises(ScenarioError, match=r"key 'php': .*agents\.php: ParseError: .* in agents\.php:\d+"):
        run_php(tmp_path, "// fine\nfunction (\n")
    (tmp_path / "s.toml").write_text('php = "missing.php"\nstart = 2026-03-02T00:00:00\n'
                                     'until = 2026-03-02T01:00:00\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"s\.toml:1: key 'php': no such file"):
        load_scenario_file(str(tmp_path / "s.toml"))


# -- the lessons' pairs -------------------------------------------------------------

_TAB = re.compile(r'^=== "(?P<label>[^"]+)"\s*$')
_RUN = re.compile(r'^\s+```\w+ title="[^"]+" run\s*$')
_SNIPPET = re.compile(r'^\s+--8<-- "(?P<path>[^"]+)"\s*$')


def lesson_pairs() -> list[tuple[str, str]]:
    """(PHP example, its Python twin): the runnable files of the two tabs of one set."""
    pairs = []
    for page in sorted(DOCS.glob("*.en.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        runs: list[tuple[int, str]] = []  # (line of the tab, file) of each run fence
        tab = -1
        for i, line in enumerate(lines):
            if _TAB.match(line.replace("===+", "===")):
                tab = i
            elif _RUN.match(line) and i + 1 < len(lines) and _SNIPPET.match(lines[i + 1]):
                runs.append((tab, _SNIPPET.match(lines[i + 1])["path"]))
        for (tab_a, a), (tab_b, b) in zip(runs, runs[1:]):
            if a.endswith(".php") and b.endswith(".py") and tab_a != tab_b:
                pairs.append((a, b))
    return pairs


def logged(monkeypatch, run) -> list[tuple[str, str]]:
    """(time, text) of every AddMessage2Log that ``run()`` makes, in any kernel."""
    lines: list[tuple[str, str]] = []
    original = Kernel.add_message2log

    def record(kernel, text):
        lines.append((kernel.now.isoformat(), text))
        original(kernel, text)
    monkeypatch.setattr(Kernel, "add_message2log", record)
    monkeypatch.setenv("AGENTLAB_LANG", "en")
    with redirect_stdout(io.StringIO()):
        run()
    monkeypatch.undo()
    return lines


def test_the_lessons_have_php_python_pairs():
    assert set(lesson_pairs()) >= {("agents/test_agents.php", "agents/periodic_vs_not.py"),
                                   ("agents/remove_itself.php", "agents/remove_itself.py")}


@pytest.mark.parametrize("php, twin", lesson_pairs())
def test_php_and_its_python_twin_log_the_same_lines(monkeypatch, php, twin):
    """The proof that the Python twin is faithful: same messages, same times."""
    scenario = SNIPPETS / Path(php).with_suffix(".toml")
    from_php = logged(monkeypatch, lambda: load_scenario_file(str(scenario)).run())
    from_python = logged(monkeypatch, lambda: runpy.run_path(str(SNIPPETS / twin), run_name="__main__"))
    assert from_php, php
    assert from_php == from_python


def test_test_agents_php_under_cron_mode_logs_what_cron_mode_py_prints(monkeypatch, tmp_path):
    """The third twin: cron_mode.py is test_agents.php with cron mode on, until 12:00."""
    (tmp_path / "test_agents.php").write_bytes((SNIPPETS / "agents" / "test_agents.php").read_bytes())
    (tmp_path / "cron.toml").write_text('php = "test_agents.php"\nstart = 2026-03-02T00:00:00\n'
                                        "until = 2026-03-02T12:00:00\n[kernel]\nbx_crontab_support = true\n"
                                        "[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T18:00:00\n"
                                        "every = 420\n", encoding="utf-8")
    from_php = logged(monkeypatch, lambda: load_scenario_file(str(tmp_path / "cron.toml")).run())
    from_python = logged(monkeypatch, lambda: runpy.run_path(str(SNIPPETS / "agents" / "cron_mode.py"),
                                                             run_name="__main__"))
    assert any("BX_CRONTAB:true" in text for _, text in from_php)
    assert from_php == from_python


# -- a host that makes its interpreters asynchronously (the browser) -----------------


class AsyncHost:
    """php-cli, but each interpreter must first be made by ``await prepare(key)``."""

    def __init__(self):
        from agentlab.php.cli_host import PhpCliHost
        self.cli = PhpCliHost()
        self.made: set[str] = set()
        self.prepared: list[str] = []

    def ready(self, key):
        if key not in self.made:
            raise NotReady(key, lambda: self.prepare(key))

    async def prepare(self, key):
        self.prepared.append(key)
        self.made.add(key)

    def exchange(self, key, request, answer):
        assert key in self.made, f"{key} used before it was made"
        return self.cli.exchange(key, request, answer)

    def end(self, key):
        self.made.discard(key)  # a fatal error: the next call needs a new interpreter
        self.cli.end(key)

    def close(self):
        self.made.clear()
        self.cli.close()


def test_a_run_paused_for_interpreters_is_the_run_without_pauses(tmp_path, monkeypatch):
    """Kernel.run stops before a call whose interpreter is not made yet and goes on
    where it stopped: the same runs, log and table as with php-cli at once."""
    php = """
function Both() { AddMessage2Log(defined('BX_CRONTAB') ? 'cron' : 'hit'); return "Both();"; }
function Counter() { static $n = 0; $n++; AddMessage2Log("count $n"); if ($n == 2) exit; return "Counter();"; }
CAgent::AddAgent("Both();", "", "N", 300);
CAgent::AddAgent("Tick();", "", "Y", 600);
CAgent::AddAgent("Counter();", "", "Y", 900);
function Tick() { AddMessage2Log("tick"); return "Tick();"; }
"""
    (tmp_path / "agents.php").write_text("<?php\n" + php, encoding="utf-8")
    text = ('php = "agents.php"\nstart = 2026-03-02T09:00:00\nuntil = 2026-03-02T11:00:00\n'
            "[kernel]\nagents_use_crontab = true\ncron_every = 300\n"
            "[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T11:00:00\nevery = 120\n")
    direct = load_scenario(text, "s.toml", folder=str(tmp_path)).run()

    host = AsyncHost()
    monkeypatch.setattr("agentlab.php.default_runtime", lambda: host)

    async def paused_run():
        scenario = await run_when_ready(lambda: load_scenario(text, "s.toml", folder=str(tmp_path)))
        return await run_when_ready(scenario.run)
    paused = asyncio.run(paused_run())
    assert paused.as_dict() == direct.as_dict()
    assert paused.log_text() == direct.log_text() and "count 1" in paused.log_text()
    # the hits' (which registers the agents first), the cron's, and the hits' again after each exit
    assert host.prepared[:2] == ["hit", "cron+support"]
    fatal = [r for r in paused.runs if r.result == "failed"]
    assert fatal and set(host.prepared[2:]) == {"hit"}
    assert len(host.prepared) - 2 in (len(fatal), len(fatal) - 1)  # none after the last call


def test_the_command_line_for_an_asynchronous_host_prints_what_main_prints(tmp_path, monkeypatch, capsys):
    """cli.main_async, which the page's worker runs for a PHP example: the same output
    as `python -m agentlab run`, its interpreters made between the steps of the run."""
    from agentlab.cli import main, main_async
    for name in ("test_agents.php", "test_agents.toml"):
        (tmp_path / name).write_bytes((SNIPPETS / "agents" / name).read_bytes())
    argv = ["run", str(tmp_path / "test_agents.toml"), "--format", "report", "--lang", "ru"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    host = AsyncHost()
    monkeypatch.setattr("agentlab.php.default_runtime", lambda: host)
    assert asyncio.run(main_async(argv)) == 0
    assert capsys.readouterr().out == printed
    assert host.prepared == ["hit"]
