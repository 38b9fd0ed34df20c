"""Exercises' checks: what the reader's code did, read from the run's record.

A check file (``check.py`` beside an exercise, course code, not agentlab's) defines
``check(result, lang)``: it gets the ``Result`` of the reader's run (its calls, their
times and triggers, the log, the agents left) and returns what failed, one message
each, in ``lang``; an empty list is a pass. It never reads the printed text. The tests
and the page's worker run the reader's code inside ``recorded_results()``, then give
the last Result to the check.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from .kernel import Kernel
from .report import Result


@contextmanager
def recorded_results() -> Iterator[list[Result]]:
    """Every Result a ``Kernel.run`` returns meanwhile, in order (a script may run more
    than one kernel; a check reads the last)."""
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
