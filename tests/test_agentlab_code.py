"""The agent code parser: what Bitrix writes is accepted, everything else is a clear error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlab import AgentCodeError, parse_agent_code
from agentlab.agent_code import function_key


@pytest.mark.parametrize("code, function, args", [
    ("TestAgentPeriod();", "TestAgentPeriod", ()),
    ("TestAgentPeriod()", "TestAgentPeriod", ()),
    ("  TestAgentPeriod ( ) ;  ", "TestAgentPeriod", ()),
    ('Name(1, "x", \'y\', 2.5, true, false, null);', "Name", (1, "x", "y", 2.5, True, False, None)),
    ("Name(TRUE, False, NULL);", "Name", (True, False, None)),
    ("\\Bitrix\\Main\\Analytics\\CounterDataTable::submitData();",
     "Bitrix\\Main\\Analytics\\CounterDataTable::submitData", ()),
    ("Bitrix\\ImOpenLines\\Session\\Agent::transferToNextInQueue(0);",
     "Bitrix\\ImOpenLines\\Session\\Agent::transferToNextInQueue", (0,)),
    ("CEvent::CleanUpAgent();", "CEvent::CleanUpAgent", ()),
    ("f(-1, +2, 1e3, 1.5E-2, .5, 7.)", "f", (-1, 2, 1000.0, 0.015, 0.5, 7.0)),
    ("f(1, 2,)", "f", (1, 2)),
    ("f('it\\'s', 'a\\\\b', 'keep\\n')", "f", ("it's", "a\\b", "keep\\n")),
    ('f("tab\\there", "\\$x", "a\\"b", "\\q")', "f", ("tab\there", "$x", 'a"b', "\\q")),
    ('f("$", "cost 5$")', "f", ("$", "cost 5$")),
    ("функция(1);", "функция", (1,)),
])
def test_accepts_bitrix_calls(code, function, args):
    call = parse_agent_code(code)
    assert call.function == function
    assert call.args == args


@pytest.mark.parametrize("code, column, words", [
    ("$obj->m()", 1, "variables"),
    ("a.b()", 2, "expected '('"),
    ("__import__('os').system('x')", 17, "single call"),
    ("A();B();", 5, "only one statement"),
    ("A(); B();", 6, "only one statement"),
    ("f(x)", 3, "not a literal"),
    ("f(PHP_EOL)", 3, "not a literal"),
    ("f(g())", 3, "not a literal"),
    ("f([1])", 3, "not a literal"),
    ('f("abc', 3, "unterminated string"),
    ("f('abc)", 3, "unterminated string"),
    ("", 1, "2 characters or fewer"),
    ("  ", 1, "2 characters or fewer"),
    ("ab", 1, "2 characters or fewer"),
    ("();", 1, "expected a function name"),
    ('f("$x")', 4, "variable inside"),
    ('f("{$x}")', 4, "variable inside"),
    ("f(1 2)", 5, "expected ',' or ')'"),
    ("f(1", 4, "expected ',' or ')'"),
    ("f(1,", 5, "unexpected end"),
    ("f(1a)", 3, "malformed number"),
    ("f(.)", 3, "expected a number"),
    ("f(1e)", 4, "exponent"),
    ("A::", 4, "method name"),
    ("A\\(", 3, "name after"),
    ("f(@)", 3, "not a literal"),
    ("f() + 1", 5, "single call"),
    ("f();;", 5, "single call"),
    ("f", 1, "2 characters or fewer"),
    ("fff", 4, "expected '('"),
    ("f(1)->g()", 5, "no method calls"),
    ("f($a)", 3, "variables"),
    ("f() $x", 5, "no variables"),
])
def test_rejects_with_column(code, column, words):
    with pytest.raises(AgentCodeError) as info:
        parse_agent_code(code)
    err = info.value
    assert err.column == column, str(err)
    assert words in str(err)
    assert repr(code) in str(err)  # names the agent
    assert f"column {column}" in str(err)


def test_rejects_non_string():
    with pytest.raises(TypeError):
        parse_agent_code(42)  # type: ignore[arg-type]


def test_function_key_is_php_lookup():
    assert function_key("\\Bitrix\\Main\\X::y") == function_key("bitrix\\main\\x::Y")
    assert function_key(" TestAgent ") == "testagent"


def test_no_eval_anywhere_in_the_package():
    """The name is data: no module of the package calls eval/exec/compile or uses ast."""
    import ast
    import pathlib
    root = pathlib.Path(__file__).resolve().parent.parent / "agentlab"
    for path in sorted(root.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile", "__import__"}, path.name
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert "ast" not in names, path.name


def php_literal(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


literals = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
)
identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{2,12}", fullmatch=True)


@given(identifiers, st.lists(literals, max_size=6), st.sampled_from(["", ";", " ; "]),
       st.sampled_from(["", " ", "\n"]))
def test_round_trip_of_literal_arguments(name, args, end, space):
    code = f"{space}{name}{space}(" + f",{space}".join(php_literal(a) for a in args) + f"){end}"
    call = parse_agent_code(code)
    assert call.function == name
    assert call.args == tuple(args)


@given(st.text(max_size=30))
def test_arbitrary_text_parses_or_raises_agent_code_error(text):
    try:
        call = parse_agent_code(text)
    except AgentCodeError as err:
        assert 1 <= err.column <= max(1, len(text) + 1)
    else:
        assert call.function


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab_\\:();,'\"$ \t\n\x0c0123456789+-.{}xé", max_size=30))
def test_the_fast_path_reads_what_the_parser_reads(code):
    """parse_agent_code tries one regular expression for the common shape first
    (agent_code._simple_call); whatever it accepts, the parser reads the same way."""
    from agentlab.agent_code import _Parser, _simple_call
    fast = _simple_call(code)
    if fast is not None:
        assert _Parser(code).parse() == fast


@pytest.mark.parametrize("code", ["BenchAgent(1234);", " \\A\\B::c(1, 'x', \"y\") ; ", "F(-5,+3)", "F(007)"])
def test_the_fast_path_takes_the_common_shape(code):
    from agentlab.agent_code import _Parser, _simple_call
    assert _simple_call(code) is not None and _simple_call(code) == _Parser(code).parse()
