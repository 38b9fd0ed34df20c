"""``--format json``: the object ``Result.as_dict()`` describes, written fast.

A day of thousands of agents is tens of thousands of runs; the stdlib encoder with
``indent`` is pure Python and was most of an end-to-end run. So the outer object is
indented and each row (a run, an agent, a pass) is one line: rows of runs are
formatted directly (their strings are times and fixed words, the agent code goes
through the C string encoder), the few other parts through the C encoder.
``tests/test_agentlab_render.py`` checks that it parses to exactly ``as_dict()``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .timeutil import iso

if TYPE_CHECKING:
    from .report import Result

_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
_quote = (json.encoder.c_encode_basestring  # ensure_ascii=False: UTF-8 text as it is
          or json.encoder.py_encode_basestring)


def _rows(rows: list[str], indent: str = "    ") -> str:
    if not rows:
        return "[]"
    return "[\n" + indent + (",\n" + indent).join(rows) + "\n" + indent[:-2] + "]"


def _run_rows(raw: list[tuple]) -> list[str]:
    # Local caches: a hit's time and an agent's code recur on many rows.
    times: dict[int, str] = {}
    heads: dict[str, str] = {}
    out: list[str] = []
    append = out.append
    for _, name, trigger, start, end, outcome, next_exec, _ in raw:
        head = heads.get(name)
        if head is None:
            head = heads[name] = '{"agent": ' + _quote(name) + ', "trigger": "'
        s = times.get(start)
        if s is None:
            s = times[start] = iso(start)
        if end == start:
            e = s
        else:
            e = times.get(end)
            if e is None:
                e = times[end] = iso(end)
        if next_exec is None:
            n = "null"
        else:
            n = times.get(next_exec)
            if n is None:
                n = times[next_exec] = iso(next_exec)
            n = '"' + n + '"'
        append('%s%s", "start": "%s", "end": "%s", "result": "%s", "next_exec": %s}'
               % (head, trigger, s, e, outcome, n))
    return out


def render_json(result: "Result") -> str:
    parts = [f'  "start": "{iso(result.start_us)}"', f'  "until": "{iso(result.until_us)}"',
             f'  "kernel": {_compact(result.kernel_options)}',
             f'  "runs": {_rows(_run_rows(result._raw))}',
             f'  "checks": {_compact(result.checks)}',
             f'  "pages": {_compact(result.pages)}',
             f'  "agents": {_rows([_compact(a) for a in result.agents])}']
    ol: dict[str, Any] | None = result.open_lines
    if ol is not None:
        head = {k: v for k, v in ol.items() if k != "passes"}
        body = _compact(head)[1:-1]
        parts.append(f'  "open_lines": {{{body}, "passes": '
                     f'{_rows([_compact(p) for p in ol["passes"]], "      ")}}}')
    return "{\n" + ",\n".join(parts) + "\n}\n"
