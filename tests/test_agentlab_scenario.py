"""Scenario files and the command line: good files run, bad ones get one clear line and exit 2."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlab import ScenarioError, load_scenario, load_scenario_file
from agentlab.cli import main

FIXTURES = pathlib.Path(__file__).parent / "agentlab_fixtures"
EXAMPLE = FIXTURES / "example.toml"
ROOT = pathlib.Path(__file__).resolve().parent.parent

HEAD = 'start = 2026-03-02T00:00:00\nuntil = 2026-03-03T00:00:00\n'


def test_example_scenario_runs():
    result = load_scenario_file(str(EXAMPLE)).run()
    # Hits from 09:00 to 18:00: ten catch-up runs (due 00:00 ... 09:00), then 10:00 ... 17:00.
    assert result.count("TestAgentPeriod();") == 18
    assert result.open_lines["closed"] == 1000 and result.open_lines["distributed"] == 360


def test_scenario_from_a_string_and_defaults():
    s = load_scenario(HEAD + '[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T09:10:00\nevery = 60\n'
                      '[[agent]]\nname = "TestAgentPeriod();"\nperiod = "Y"\ninterval = 3600\n'
                      '[[agent]]\nname = "TestAgentNotPeriod();"\n')
    result = s.run()
    assert result.count("TestAgentPeriod();") == 10 and result.count("TestAgentNotPeriod();") == 1
    a = s.kernel.agent(2)
    assert (a.interval, a.sort, a.is_period) == (86400, 100, False)


def test_agents_cron_mode_turns_cron_mode_on():
    s = load_scenario(HEAD + '[open_lines]\nmode = "agents-cron"\n')
    assert s.kernel.cron_mode


def test_returns_and_fails_keys():
    s = load_scenario(HEAD + '[[hits]]\nfrom = 2026-03-02T00:00:00\nto = 2026-03-02T02:00:00\nevery = 60\n'
                      '[[agent]]\nname = "Once();"\nreturns = ""\n'
                      '[[agent]]\nname = "Old();"\nreturns = "New();"\ninterval = 60\n'
                      '[[agent]]\nname = "Flaky();"\nfails = 1\ninterval = 60\n'
                      '[[agent]]\nname = "Off();"\nactive = false\n')
    r = s.run()
    assert [x.result for x in r.runs_of("Once();")] == ["removed"]
    assert r.count("New();") > 0
    assert r.runs_of("Flaky();")[0].result == "failed"
    assert r.count("Off();") == 0


BAD = [
    ("start = 2026-03-02T00:00:00\nuntil = \n", "example.toml:2:9:", "TOML error"),
    ('start = 2026-03-02T00:00:00\nuntil = "', "TOML error", "the end of the file"),
    (HEAD + "colour = 1\n", "key 'colour'", "unknown key; allowed: agent, hits, kernel, open_lines, php, start, until"),
    (HEAD + '[[agent]]\nname = "A();"\nperod = "Y"\n', "key 'agent[1].perod'", "allowed:"),
    (HEAD + '[[agent]]\nname = "A();"\n[[agent]]\nname = "B();"\ninterval = -5\n',
     "example.toml:7: key 'agent[2].interval'", "must be >= 0, got -5"),
    (HEAD + '[[agent]]\nname = "A();"\ninterval = "1h"\n', "agent[1].interval", "must be a number >= 0, got a string '1h'"),
    (HEAD + '[[agent]]\nname = "A();"\nperiod = true\n', "agent[1].period", '"Y" or "N"'),
    (HEAD + '[[agent]]\nname = "A();"\nsort = 1.5\n', "agent[1].sort", "an integer"),
    (HEAD + '[[agent]]\nname = "A();"\nfails = true\n', "agent[1].fails", "a boolean"),
    (HEAD + '[[agent]]\nname = "A();"\nnext_exec = 2026-03-02\n', "agent[1].next_exec", "a date without a time"),
    (HEAD + '[[agent]]\nname = "A();"\nnext_exec = 10:00:00\n', "agent[1].next_exec", "a time without a date"),
    (HEAD + '[[agent]]\nname = "A();"\nnext_exec = 2026-03-02T10:00:00+03:00\n', "agent[1].next_exec", "UTC offset"),
    (HEAD + '[[agent]]\nname = "A();"\n[[agent]]\nname = "A();"\n', "agent[2].name", "duplicate agent: agent[1]"),
    (HEAD + '[[agent]]\nname = "A();B();"\n', "agent[1].name", "column 5: only one statement"),
    (HEAD + "[[agent]]\nname = \"__import__('os').system('x')\"\n", "agent[1].name", "column 17"),
    (HEAD + '[[agent]]\nname = "A();"\nreturns = "$x->y()"\n', "agent[1].returns", "column 1"),
    (HEAD + '[[agent]]\nmodule = "main"\n', "missing key 'agent[1].name'", "a string"),
    ("start = 2026-03-02T00:00:00\nuntil = 2026-03-01T00:00:00\n", "key 'until'", "must be after start"),
    ("until = 2026-03-01T00:00:00\n", "missing key 'start'", "local date-time"),
    (HEAD + "[kernel]\ncron_every = 0\n", "kernel.cron_every", "must be > 0"),
    (HEAD + '[kernel]\nversion = "21.0"\n', "example.toml:4: key 'kernel.version'",
     "unknown main version '21.0'; known: 14.0, 17.5, 20.0, 22.500, 24.0, 25.750"),
    (HEAD + "[kernel]\nversion = 25.75\n", "kernel.version", "must be a string"),
    (HEAD + '[kernel]\nversion = "22.500"\nagents_cron_limit = 5\n', "example.toml:5: key 'kernel.agents_cron_limit'",
     "main 22.500 has no such option"),
    (HEAD + '[kernel]\nbx_agents_max_retry_count = 3\n', "kernel.bx_agents_max_retry_count", "only 22.500"),
    (HEAD + '[kernel]\ncron_script = "crontab"\n', "kernel.cron_script", "one of main, hand-made, none"),
    (HEAD + '[kernel]\nmissing_modules = "forum"\n', "kernel.missing_modules", 'an array of strings (["forum"])'),
    (HEAD + '[kernel]\nversion = "14.0"\nmissing_modules = ["forum"]\n[[agent]]\nname = "A();"\nmodule = "forum"\n',
     "agent[1].module", "not installed"),
    (HEAD + '[[agent]]\nname = "A();"\nfailure = "crash"\n', "example.toml:5: key 'agent[1].failure'",
     "one of exception, error, fatal"),
    (HEAD + "[kernel]\nagents_limit = -1\n", "kernel.agents_limit", "must be >= 0"),
    (HEAD + "[kernel]\nagents_use_crontab = \"Y\"\n", "kernel.agents_use_crontab", "true or false"),
    (HEAD + "kernel = 5\n", "key 'kernel'", "a table"),
    (HEAD + "hits = [1, 2]\n", "key 'hits'", "an array of tables"),
    (HEAD + "[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T08:00:00\nevery = 60\n",
     "hits[1].to", "must not be before from"),
    (HEAD + "[[hits]]\nfrom = 2026-03-01T09:00:00\nto = 2026-03-02T08:00:00\nevery = 60\n",
     "hits[1].from", "must not be before start"),
    (HEAD + "[[hits]]\nfrom = 2026-03-02T09:00:00\nto = 2026-03-02T10:00:00\n", "missing key 'hits[1].every'", ""),
    (HEAD + "[open_lines]\nmode = \"fast\"\n", "open_lines.mode", "must be one of hits, agents-cron, openlines-cron"),
    (HEAD + "[kernel]\nagents_use_crontab = false\n[open_lines]\nmode = \"agents-cron\"\n",
     "open_lines.mode", "needs kernel.agents_use_crontab = true"),
    (HEAD + "[kernel]\nagents_use_crontab = true\n[open_lines]\nmode = \"hits\"\n", "open_lines.mode", "cron mode off"),
    (HEAD + "[open_lines]\nmode = \"hits\"\nto_close = -3\n", "open_lines.to_close", ">= 0"),
    (HEAD + "[open_lines]\nmode = \"hits\"\n[[open_lines.dialogs]]\nfrom = 2026-03-02T09:00:00\n"
            "to = 2026-03-02T10:00:00\nevery = -1\n", "open_lines.dialogs[1].every", "must be > 0"),
]


@pytest.mark.parametrize("text, where, what", BAD)
def test_bad_scenarios_name_the_place_and_the_problem(text, where, what, tmp_path, capsys):
    path = tmp_path / "example.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["run", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"agentlab: {path}")
    assert where in lines[0] and what in lines[0]
    assert "Traceback" not in err


def test_missing_and_binary_files(tmp_path, capsys):
    assert main(["run", str(tmp_path / "nope.toml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err
    bad = tmp_path / "bin.toml"
    bad.write_bytes(b"start = \xff\n")
    assert main(["run", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_scenario_error_fields():
    with pytest.raises(ScenarioError) as info:
        load_scenario(HEAD + "[[agent]]\nname = \"A();\"\ninterval = -1\n", "s.toml")
    err = info.value
    assert (err.file, err.key, err.line) == ("s.toml", "agent[1].interval", 5)
    assert str(err) == "s.toml:5: key 'agent[1].interval': must be >= 0, got -1"


def test_line_is_omitted_when_it_cannot_be_found():
    # An inline table: the key is there, but not on a "key =" line of its own.
    with pytest.raises(ScenarioError) as info:
        load_scenario(HEAD + 'agent = [{name = "A();", interval = -1}]\n')
    assert info.value.line is None and info.value.key == "agent[1].interval"
    with pytest.raises(ScenarioError) as info:
        load_scenario(HEAD + 'kernel = {agents_limit = -1}\n')
    assert info.value.line is None


@pytest.mark.parametrize("fmt", ["table", "json", "svg"])
def test_cli_formats_are_deterministic(fmt, capsys):
    assert main(["run", str(EXAMPLE), "--format", fmt]) == 0
    first = capsys.readouterr().out
    assert main(["run", str(EXAMPLE), "--format", fmt]) == 0
    assert capsys.readouterr().out == first
    if fmt == "json":
        data = json.loads(first)
        run = data["runs"][0]
        assert set(run) == {"agent", "trigger", "start", "end", "result", "next_exec"}
        assert set(data["open_lines"]) >= {"distributed", "closed", "mailed", "passes", "wait"}
        assert set(data["open_lines"]["passes"][0]) == {"task", "start", "items", "stopped_by", "limit"}
        assert set(data["open_lines"]["wait"]) == {"max", "mean", "p95"}


def test_cli_russian_table(capsys):
    assert main(["run", str(EXAMPLE), "--lang", "ru"]) == 0
    assert "следующий запуск" in capsys.readouterr().out


def test_python_dash_m_exit_codes(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(HEAD + "[[agent]]\nname = \"A();\"\ninterval = -5\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "agentlab", "run", str(bad)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"agentlab: {bad}:5: key 'agent[1].interval': must be >= 0, got -5\n"
    ok = subprocess.run([sys.executable, "-m", "agentlab", "run", str(EXAMPLE), "--format", "json"],
                        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and json.loads(ok.stdout)["runs"]


@settings(max_examples=25, deadline=None)
@given(agents=st.lists(st.tuples(st.sampled_from("YN"), st.integers(0, 7200), st.integers(0, 200),
                                 st.integers(0, 2), st.integers(-5, 5)), min_size=1, max_size=8),
       every=st.integers(10, 900), cron=st.booleans())
def test_same_scenario_same_bytes(agents, every, cron):
    text = HEAD + f"[kernel]\nagents_use_crontab = {str(cron).lower()}\n"
    text += "[[hits]]\nfrom = 2026-03-02T06:00:00\nto = 2026-03-02T12:00:00\nevery = %d\n" % every
    for i, (period, interval, takes, fails, sort) in enumerate(agents):
        text += (f'[[agent]]\nname = "A{i}({i});"\nperiod = "{period}"\ninterval = {interval}\n'
                 f"takes = {takes}\nfails = {fails}\nsort = {sort}\n")
    one, two = load_scenario(text).run(), load_scenario(text).run()
    assert one.to_json() == two.to_json()
    assert one.table() == two.table() and one.svg() == two.svg()


def test_main_module_entry_point(monkeypatch, capsys):
    """`python -m agentlab` leaves with os._exit once its output is flushed; here that
    exit is caught (the real one would end pytest itself, with code 0 and no summary)."""
    import os
    import runpy

    def leave(code):
        raise SystemExit(code)

    monkeypatch.setattr(os, "_exit", leave)
    monkeypatch.setattr(sys, "argv", ["agentlab", "run", str(EXAMPLE), "--format", "json"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("agentlab", run_name="__main__")
    assert info.value.code == 0
    assert json.loads(capsys.readouterr().out)["runs"]
