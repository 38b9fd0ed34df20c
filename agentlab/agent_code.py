"""The parser of agent code (the NAME column): read, never evaluated.

The kernel runs ``eval("$eval_result=" . NAME)``. The emulator accepts only what an
agent name is meant to be: one call of a function or static method with literal
arguments, e.g. ``TestAgentPeriod();``, ``Foo(1, "x", 'y', 2.5, true, false, null);``
or ``\\Bitrix\\Main\\Analytics\\CounterDataTable::submitData();``. Everything else is an
:class:`AgentCodeError` that names the code and the 1-based column. There is no
``eval``/``exec``/``compile``/``ast`` here on purpose: the name is data.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .constants import MAX_REJECTED_NAME_LENGTH

__all__ = ["AgentCall", "AgentCodeError", "parse_agent_code", "function_key"]


class AgentCodeError(ValueError):
    """Agent code that is not a single call with literal arguments."""

    def __init__(self, code: str, column: int, message: str) -> None:
        self.code = code
        self.column = column
        self.message = message
        super().__init__(f"agent {code!r}: column {column}: {message}")


class AgentCall(NamedTuple):
    """One parsed call: ``function`` as written (without a leading backslash)."""

    function: str
    args: tuple[Any, ...]


def function_key(name: str) -> str:
    """How PHP finds a function: no leading backslash, case-insensitive."""
    return name.strip().lstrip("\\").lower()


_DIGITS = frozenset("0123456789")
_KEYWORDS = {"true": True, "false": False, "null": None}
_DQ_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "e": "\x1b", "f": "\f",
               "\\": "\\", "$": "$", '"': '"', "0": "\0"}


# PHP's label: [a-zA-Z_\x80-\xff][a-zA-Z0-9_\x80-\xff]* (on characters, not bytes here).
# A compiled pattern reads a name in one step: a scenario may hold thousands of agents.
_IDENT = re.compile(r"(?:[A-Za-z_]|[^\x00-\x7f])(?:[A-Za-z0-9_]|[^\x00-\x7f])*")


def _is_ident_start(ch: str) -> bool:
    return ch == "_" or ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ord(ch) >= 0x80


def _is_ident_char(ch: str) -> bool:
    return _is_ident_start(ch) or ("0" <= ch <= "9")


def _describe(ch: str) -> str:
    return "the end of the code" if ch == "" else repr(ch)


class _Parser:
    def __init__(self, code: str) -> None:
        self.code = code
        self.pos = 0

    # -- helpers ---------------------------------------------------------
    def fail(self, message: str, pos: int | None = None) -> AgentCodeError:
        return AgentCodeError(self.code, (self.pos if pos is None else pos) + 1, message)

    def peek(self) -> str:
        return self.code[self.pos] if self.pos < len(self.code) else ""

    def skip_ws(self) -> None:
        code = self.code
        while self.pos < len(code) and code[self.pos] in " \t\r\n":
            self.pos += 1

    # -- grammar ---------------------------------------------------------
    def parse(self) -> AgentCall:
        if len(self.code.strip()) <= MAX_REJECTED_NAME_LENGTH:
            raise AgentCodeError(self.code, 1, f"an agent name of {MAX_REJECTED_NAME_LENGTH} characters "
                                 "or fewer is rejected by the kernel")
        self.skip_ws()
        function = self.callee()
        self.skip_ws()
        if self.peek() != "(":
            raise self.fail(f"expected '(' after {function!r}, found {_describe(self.peek())}"
                            + self._hint(self.peek()))
        self.pos += 1
        args = self.arguments()
        self.skip_ws()
        if self.peek() == ";":
            self.pos += 1
            self.skip_ws()
        if self.pos < len(self.code):
            ch = self.peek()
            if _is_ident_start(ch) or ch == "\\":
                raise self.fail("only one statement is allowed; agent code is a single call")
            raise self.fail(f"unexpected {_describe(ch)} after the call; agent code is a single call"
                            + self._hint(ch))
        return AgentCall(function, tuple(args))

    @staticmethod
    def _hint(ch: str) -> str:
        if ch in ("-", "."):
            return " (no method calls on objects, no property access)"
        if ch == "$":
            return " (no variables)"
        return ""

    def callee(self) -> str:
        parts: list[str] = []
        if self.peek() == "\\":
            self.pos += 1
        parts.append(self.identifier("a function name"))
        while self.peek() == "\\":
            self.pos += 1
            parts.append(self.identifier("a name after '\\'"))
        name = "\\".join(parts)
        if self.code.startswith("::", self.pos):
            self.pos += 2
            name += "::" + self.identifier("a method name after '::'")
        return name

    def identifier(self, what: str) -> str:
        ch = self.peek()
        if ch == "" or not _is_ident_start(ch):
            if ch == "$":
                raise self.fail("variables are not allowed; agent code must be a call like Name(...)")
            raise self.fail(f"expected {what}, found {_describe(ch)}")
        match = _IDENT.match(self.code, self.pos)
        assert match is not None  # the first character is an identifier's start
        self.pos = match.end()
        return match.group()

    def arguments(self) -> list[Any]:
        args: list[Any] = []
        self.skip_ws()
        if self.peek() == ")":
            self.pos += 1
            return args
        while True:
            self.skip_ws()
            if self.peek() == ")" and args:  # PHP 7.3+: a trailing comma is allowed
                self.pos += 1
                return args
            args.append(self.literal())
            self.skip_ws()
            ch = self.peek()
            if ch == ",":
                self.pos += 1
                continue
            if ch == ")":
                self.pos += 1
                return args
            raise self.fail(f"expected ',' or ')' in the argument list, found {_describe(ch)}"
                            + self._hint(ch))

    def literal(self) -> Any:
        ch = self.peek()
        if ch in ("'", '"'):
            return self.string(ch)
        if ch != "" and ch in "+-.0123456789":
            return self.number()
        if ch != "" and _is_ident_start(ch):
            start = self.pos
            word = self.identifier("a literal")
            if word.lower() in _KEYWORDS:
                return _KEYWORDS[word.lower()]
            raise self.fail(f"argument {word!r} is not a literal; only numbers, strings, "
                            "true, false and null are allowed", start)
        if ch == "":
            raise self.fail("unexpected end of the code in the argument list")
        if ch == "$":
            raise self.fail("variables are not allowed; only numbers, strings, true, false and null")
        raise self.fail(f"argument starting with {_describe(ch)} is not a literal; only numbers, "
                        "strings, true, false and null are allowed")

    def number(self) -> int | float:
        code = self.code
        start = self.pos
        if self.peek() in "+-":
            self.pos += 1
        digits_start = self.pos
        while self.pos < len(code) and code[self.pos] in _DIGITS:
            self.pos += 1
        is_float = False
        if self.peek() == ".":
            is_float = True
            self.pos += 1
            while self.pos < len(code) and code[self.pos] in _DIGITS:
                self.pos += 1
        if self.pos == digits_start or code[digits_start:self.pos] == ".":
            raise self.fail("expected a number", start)
        if self.peek() in ("e", "E"):
            save = self.pos
            self.pos += 1
            if self.peek() in ("+", "-"):
                self.pos += 1
            exp_start = self.pos
            while self.pos < len(code) and code[self.pos] in _DIGITS:
                self.pos += 1
            if self.pos == exp_start:
                raise self.fail("expected digits in the exponent", save)
            is_float = True
        if self.pos < len(code) and _is_ident_char(code[self.pos]):
            raise self.fail("malformed number", start)
        text = code[start:self.pos]
        return float(text) if is_float else int(text)

    def string(self, quote: str) -> str:
        code = self.code
        start = self.pos
        self.pos += 1
        out: list[str] = []
        while True:
            if self.pos >= len(code):
                raise self.fail("unterminated string", start)
            ch = code[self.pos]
            if ch == quote:
                self.pos += 1
                return "".join(out)
            if ch == "\\" and self.pos + 1 < len(code):
                nxt = code[self.pos + 1]
                if quote == "'":
                    if nxt in ("'", "\\"):
                        out.append(nxt)
                        self.pos += 2
                        continue
                elif nxt in _DQ_ESCAPES:
                    out.append(_DQ_ESCAPES[nxt])
                    self.pos += 2
                    continue
            if quote == '"' and ch == "$" and self.pos + 1 < len(code) and (
                    _is_ident_start(code[self.pos + 1]) or code[self.pos + 1] == "{"):
                raise self.fail("a variable inside a double-quoted string is not a literal")
            if quote == '"' and ch == "{" and self.pos + 1 < len(code) and code[self.pos + 1] == "$":
                raise self.fail("a variable inside a double-quoted string is not a literal")
            out.append(ch)
            self.pos += 1


_CACHE: dict[str, AgentCall] = {}

# The common shape in one match: Name(); or Name(1, 'x', "y"); with integers and
# strings that need no escapes. Anything else goes to the parser, which accepts the
# same and more; tests/test_agentlab_code.py checks that both read the same calls.
_WS = "[ \\t\\r\\n]*"  # the parser's skip_ws(): no other white space
_NAME = "[A-Za-z_][A-Za-z0-9_]*"
_ARG = "(?:[+-]?[0-9]+|'[^'\\\\]*'|\"[^\"\\\\$]*\")"
_SIMPLE = re.compile(_WS + "\\\\?((?:" + _NAME + "\\\\)*" + _NAME + "(?:::" + _NAME + ")?)" + _WS + "\\(" + _WS
                     + "(" + _ARG + "(?:" + _WS + "," + _WS + _ARG + ")*)?" + _WS + "\\)" + _WS + ";?" + _WS)
_SIMPLE_ARG = re.compile("[+-]?[0-9]+|'([^'\\\\]*)'|\"([^\"\\\\$]*)\"")


def _simple_call(code: str) -> AgentCall | None:
    match = _SIMPLE.fullmatch(code)
    if match is None or len(code.strip()) <= MAX_REJECTED_NAME_LENGTH:
        return None
    args: list[Any] = []
    if match.group(2):
        for arg in _SIMPLE_ARG.finditer(match.group(2)):
            text = arg.group()
            args.append(int(text) if text[0] not in "'\"" else arg.group(1) if text[0] == "'" else arg.group(2))
    return AgentCall(match.group(1), tuple(args))


def parse_agent_code(code: str) -> AgentCall:
    """Parse agent code into ``AgentCall(function, args)`` or raise AgentCodeError.

    Results are cached by the exact string: agents return the same name again and
    again, and a parse costs far more than a dict look-up.
    """
    call = _CACHE.get(code)
    if call is None:
        if not isinstance(code, str):
            raise TypeError(f"agent code must be a str, got {type(code).__name__}")
        call = _simple_call(code) or _Parser(code).parse()
        if len(_CACHE) < 100_000:
            _CACHE[code] = call
    return call
