"""agentlab reads scenarios with rtoml where it is installed and with the standard parser
(tomli, or tomllib in Pyodide) otherwise: all three must read every scenario of the
course alike, and an error is always the standard parser's."""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import pytest

from agentlab import ScenarioError, load_scenario
from agentlab import toml_parse

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted([*ROOT.glob("snippets/**/*.toml"), *ROOT.glob("tests/agentlab_fixtures/*.toml")])


def test_the_fast_parser_is_used_where_installed():
    rtoml = pytest.importorskip("rtoml")
    assert toml_parse.fast_loads is rtoml.loads


def _typed(data) -> str:
    # JSON text tells 1 from 1.0 and from true; dates as their repr.
    return json.dumps(data, default=repr, sort_keys=True)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_parser_reads_each_scenario_alike(path):
    text = path.read_text(encoding="utf-8")
    read = {"tomli or tomllib": toml_parse.standard_loads(text), "tomllib (Pyodide's)": tomllib.loads(text)}
    if toml_parse.fast_loads is not None:
        read["rtoml"] = toml_parse.fast_loads(text)
    assert len({_typed(data) for data in read.values()}) == 1, f"{path.name}: {list(read)} read it differently"


def test_there_are_scenarios_to_compare():
    assert len(SCENARIOS) >= 10


def test_an_error_is_the_standard_parsers_with_its_line():
    with pytest.raises(ScenarioError) as caught:
        load_scenario("start = 2026-03-02T00:00:00\nstart = 2026-03-03T00:00:00\n", "dup.toml")
    assert caught.value.line == 2 and "dup.toml" in str(caught.value)


def test_what_only_the_standard_parser_accepts_is_read_by_it():
    if toml_parse.fast_loads is not None:
        with pytest.raises(ValueError):
            toml_parse.fast_loads("a = 1e400")  # rtoml refuses a float out of range ...
    assert toml_parse.loads("a = 1e400") == {"a": math.inf}  # ... tomli and tomllib read it as infinity


def test_a_scenario_nested_too_deeply_is_an_error_not_a_crash():
    with pytest.raises(ScenarioError, match="nested too deeply"):
        load_scenario("a = " + "[" * 2000 + "]" * 2000 + "\n", "deep.toml")
