"""``--format json``: the object ``Result.as_dict()`` describes, written fast.

A day of thousands of agents is tens of thousands of runs; the stdlib encoder with
``indent`` is pure Python and was most of an end-to-end run. So the outer object is
indented and each row (a run, an agent, a pass) is one line: rows of runs and of
agents are formatted directly (their strings are times, numbers and fixed words; the
agent code and the module go through the C string encoder), the few other parts
through the C encoder.
``tests/test_agentlab_render.py`` checks that it parses to exactly ``as_dict()``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .report import round_seconds
from .timeutil import US, iso

if TYPE_CHECKING:
    from .report import AgentRow, Result

_CHUNK = 2000  # rows per piece of text

_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
_quote = (json.encoder.c_encode_basestring  # ensure_ascii=False: UTF-8 text as it is
          or json.encoder.py_encode_basestring)


def _rows(rows: "Iterable[str]", indent: str = "    ") -> Iterator[str]:
    """A JSON array of pre-formatted rows, one a line, as a few pieces of text."""
    sep = ",\n" + indent
    chunk: list[str] = []
    first = True
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield ("[\n" + indent if first else sep) + sep.join(chunk)
            first = False
            chunk = []
    if chunk:
        yield ("[\n" + indent if first else sep) + sep.join(chunk)
        first = False
    yield "[]" if first else "\n" + indent[:-2] + "]"


def _run_rows(raw: list[tuple]) -> Iterator[str]:
    # Local caches: an agent's code, and the middle of a row (a check's trigger, start,
    # end and result), recur on many rows.
    heads: dict[str, str] = {}
    mids: dict[tuple, str] = {}
    nexts: dict[int, str] = {}
    for _, name, trigger, start, end, outcome, next_exec, _ in raw:
        head = heads.get(name)
        if head is None:
            head = heads[name] = '{"agent": ' + _quote(name) + ', "trigger": "'
        key = (trigger, start, end, outcome)
        mid = mids.get(key)
        if mid is None:
            mid = mids[key] = ('%s", "start": "%s", "end": "%s", "result": "%s", "next_exec": '
                               % (trigger, iso(start), iso(end), outcome))
        if next_exec is None:
            yield head + mid + "null}"
        else:
            tail = nexts.get(next_exec)
            if tail is None:
                tail = nexts[next_exec] = '"' + iso(next_exec) + '"}'
            yield head + mid + tail


_BOOL = {True: "true", False: "false"}


def _agent_json_rows(rows: "list[AgentRow]") -> Iterator[str]:
    # The keys and the order of Result.agents' dicts.
    for row in rows:
        last, lease, user = row.last_exec, row.lease_until, row.user_id
        yield ('{"id": %d, "name": %s, "module": %s, "sort": %d, "active": %s, "is_period": %s, "interval": %r, '
               '"next_exec": "%s", "last_exec": %s, "lease_until": %s, "running": %s, "retry_count": %d, '
               '"user_id": %s}'
               % (row.id, _quote(row.name), _quote(row.module), row.sort, _BOOL[row.active], _BOOL[row.is_period],
                  round_seconds(row.interval_us / US), iso(row.next_exec),
                  "null" if last is None else '"' + iso(last) + '"',
                  "null" if lease is None else '"' + iso(lease) + '"', _BOOL[row.running], row.retry_count,
                  "null" if user is None else "%d" % user))


def iter_json(result: "Result") -> Iterator[str]:
    """The JSON text in pieces: the CLI writes them as they come, so a day of tens of
    thousands of runs is never one string (nor several copies of it) in memory."""
    yield (f'{{\n  "start": "{iso(result.start_us)}",\n  "until": "{iso(result.until_us)}",\n'
           f'  "kernel": {_compact(result.kernel_options)},\n  "runs": ')
    yield from _rows(_run_rows(result._raw))
    yield (f',\n  "checks": {_compact(result.checks)},\n  "pages": {_compact(result.pages)},\n'
           '  "agents": ')
    yield from _rows(_agent_json_rows(result.agent_rows))
    ol: dict[str, Any] | None = result.open_lines
    if ol is not None:
        head = {k: v for k, v in ol.items() if k != "passes"}
        yield f',\n  "open_lines": {{{_compact(head)[1:-1]}, "passes": '
        yield from _rows((_compact(p) for p in ol["passes"]), "      ")
        yield "}"
    if result._log:
        yield ',\n  "log": '
        yield from _rows(_compact({"at": iso(us), "text": text}) for us, text in result._log)
    yield "\n}\n"


def render_json(result: "Result") -> str:
    return "".join(iter_json(result))
