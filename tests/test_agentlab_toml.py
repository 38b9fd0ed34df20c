"""agentlab reads scenarios with rtoml where it is installed and with the standard parser
(tomli, or tomllib in Pyodide) otherwise: both must read every scenario alike, and an
error is always the standard parser's."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from agentlab import ScenarioError, load_scenario
from agentlab import toml_parse

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted([*ROOT.glob("snippets/**/*.toml"), *ROOT.glob("tests/agentlab_fixtures/*.toml")])


def test_the_fast_parser_is_used_where_installed():
    rtoml = pytest.importorskip("rtoml")
    assert toml_parse.fast_loads is rtoml.loads


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_parsers_read_each_scenario_alike(path):
    if toml_parse.fast_loads is None:
        pytest.skip("rtoml is not installed")
    text = path.read_text(encoding="utf-8")
    assert toml_parse.fast_loads(text) == toml_parse.standard_loads(text)


def test_there_are_scenarios_to_compare():
    assert len(SCENARIOS) >= 10


def test_an_error_is_the_standard_parsers_with_its_line():
    with pytest.raises(ScenarioError) as caught:
        load_scenario("start = 2026-03-02T00:00:00\nstart = 2026-03-03T00:00:00\n", "dup.toml")
    assert caught.value.line == 2 and "dup.toml" in str(caught.value)


def test_what_only_the_standard_parser_accepts_is_read_by_it():
    # rtoml refuses a float out of range; tomli and tomllib read it as infinity.
    assert toml_parse.loads("a = 1e400") == {"a": math.inf}
