"""Exercises' checks: what the reader's code did, read from the run's record.

A check file (``check.py`` beside an exercise) defines ``check(result, lang)``: it gets
the ``Result`` of the reader's run (its calls, their times and triggers, the log, the
agents left) and returns what failed, one message each, in ``lang``; an empty list is
a pass. It never reads the printed text. The same file runs under CPython (the
tests) and in the page's worker, after the reader's run.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

from .kernel import Kernel
from .report import Result


@contextmanager
def recorded_results() -> Iterator[list[Result]]:
    """Every Result a ``Kernel.run`` returns meanwhile, in order (a script may run more
    than one kernel; the check reads the last)."""
    results: list[Result] = []
    original = Kernel.run

    def run(self: Kernel, until: Any) -> Result:
        result = original(self, until)
        results.append(result)
        return result
    Kernel.run = run  # type: ignore[method-assign]
    try:
        yield results
    finally:
        Kernel.run = original  # type: ignore[method-assign]


class CheckError(RuntimeError):
    """A check file that cannot judge (no ``check``, or no run to read)."""


def load_check(source: str, file: str) -> Callable[[Result, str], list[str]]:
    namespace: dict[str, Any] = {"__name__": "agentlab_check", "__file__": file}
    exec(compile(source, file, "exec"), namespace)
    check = namespace.get("check")
    if not callable(check):
        raise CheckError(f"{file}: defines no check(result, lang)")
    return check


def failures(source: str, file: str, results: list[Result], lang: str) -> list[str]:
    """What the last run failed, as the check file at ``file`` says in ``lang``."""
    if not results:
        raise CheckError(f"{file}: the code ran no kernel: nothing to check")
    return list(load_check(source, file)(results[-1], lang))
