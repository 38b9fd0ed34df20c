"""Open Lines (imopenlines) tasks: distribution, mail, automatic closing, the "no answer"
message and automatic messages.

State only: waiting dialogs (known arrival times, oldest first), the backlogs of
dialogs to close / mail / notify / message, and the record of every pass. The kernel
decides who runs a pass (a hit, main's cron, or the module's own cron script) and with
which time limit (``OPENLINES_TIME_LIMITS`` of the run type imopenlines computes).

A pass goes one item at a time (``step``), so that two runs of the module's cron
script, which takes no lock, can work the same queue at once; ``run_pass`` is a whole
pass for an agent call, whose duration the kernel needs up front.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from datetime import datetime
from typing import NamedTuple

from .constants import ITEMS_PER_CALL, OPEN_LINES_MODES, OPENLINES_TIMED_TASKS
from .timeutil import US, seconds_to_us, window_us


class Pass(NamedTuple):
    """One call of one task: when, how many items, why it stopped, and its time limit."""

    task: str
    start: int  # virtual microseconds
    items: int
    stopped_by: str  # "limit": work was left when the limit ended it; "empty": nothing left
    limit: int | None  # seconds, for the timed tasks; None for closing and mail


class PassState:
    """A pass under way: what ``OpenLines.step`` needs between two items."""

    __slots__ = ("task", "start", "limit", "items", "over")

    def __init__(self, task: str, start: int, limit: int | None) -> None:
        self.task = task
        self.start = start
        self.limit = limit
        self.items = 0
        self.over = False


class OpenLines:
    def __init__(self, mode: str, *, seconds_per_dialog: float = 0.5, seconds_per_item: float = 0,
                 to_close: int = 0, to_mail: int = 0, to_notify: int = 0, to_automatic: int = 0) -> None:
        if mode not in OPEN_LINES_MODES:
            raise ValueError(f"open_lines mode must be one of {', '.join(OPEN_LINES_MODES)}, got {mode!r}")
        for what, value in (("to_close", to_close), ("to_mail", to_mail), ("to_notify", to_notify),
                            ("to_automatic", to_automatic)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"open_lines {what} must be an integer >= 0, got {value!r}")
        for what, value in (("seconds_per_dialog", seconds_per_dialog), ("seconds_per_item", seconds_per_item)):
            if seconds_to_us(value, what) < 0:
                raise ValueError(f"open_lines {what} must be >= 0, got {value!r}")
        self.mode = mode
        self.per_dialog_us = seconds_to_us(seconds_per_dialog)
        self.per_item_us = seconds_to_us(seconds_per_item)
        self.backlog = {"close": to_close, "mail": to_mail, "no_answer": to_notify, "automatic": to_automatic}
        self.done = {"distribution": 0, "close": 0, "mail": 0, "no_answer": 0, "automatic": 0}
        self.arrivals: list[int] = []
        self.next_waiting = 0  # index of the oldest dialog no pass has taken yet
        self.waits: list[int] = []  # arrival -> distributed, microseconds
        self.passes: list[Pass] = []
        self._now = 0

    def add_dialogs(self, start: "str | datetime", end: "str | datetime", every: float) -> None:
        """Dialogs arriving from ``start`` (included) to ``end`` (excluded), one per ``every`` s."""
        s, e, step = window_us(start, end, every)
        self.add_dialog_times(range(s, e, step))

    def add_dialog_times(self, times: "range | list[int]") -> None:
        for t in times:
            if t < self._now:
                raise ValueError("a dialog cannot arrive in the past of the simulation")
            insort(self.arrivals, t, lo=self.next_waiting)

    # -- a pass, one item at a time ---------------------------------------------
    def begin(self, task: str, start: int, limit: int | None) -> PassState:
        """Start a pass of ``task`` at ``start``; ``limit`` (seconds) for the timed tasks."""
        self._now = start
        return PassState(task, start, limit if task in OPENLINES_TIMED_TASKS else None)

    def step(self, p: PassState, t: int) -> int | None:
        """Do the pass's next item at ``t``: the time it ends, or None when the pass is over.

        The timed tasks loop ``while ($time->getElapsedTime() <= $limitTime ...)``, one
        row each time, and ``Tools\\Time`` counts whole seconds (lib/tools/time.php): the
        loop goes on while floor(t) - floor(start) <= limit, so the item started in the
        limit's last second still runs. Closing and mail take up to ITEMS_PER_CALL rows
        in one go."""
        if p.over:
            return None
        self._now = t
        task = p.task
        if p.limit is None:
            items = p.items = min(ITEMS_PER_CALL, self.backlog[task])
            self.backlog[task] -= items
            self.done[task] += items
            self._end(p, "limit" if self.backlog[task] else "empty")
            return t + items * self.per_item_us
        available = self._available(task, t)
        if t // US - p.start // US > p.limit or not available:
            self._end(p, "limit" if available else "empty")
            return None
        p.items += 1
        self.done[task] += 1
        if task == "distribution":
            arrived = self.arrivals[self.next_waiting]
            self.next_waiting += 1
            self.waits.append(t + self.per_dialog_us - arrived)
        else:
            self.backlog[task] -= 1
        return t + self.per_dialog_us

    def run_pass(self, task: str, start: int, limit: int | None) -> int:
        """A whole pass of ``task`` from ``start``; returns its duration (µs)."""
        p = self.begin(task, start, limit)
        t = start
        while (end := self.step(p, t)) is not None:
            t = end
        return t - start

    def _available(self, task: str, t: int) -> bool:
        if task == "distribution":
            i = self.next_waiting
            return i < len(self.arrivals) and self.arrivals[i] <= t
        return self.backlog[task] > 0

    def _end(self, p: PassState, stopped_by: str) -> None:
        p.over = True
        self.passes.append(Pass(p.task, p.start, p.items, stopped_by, p.limit))

    def waiting_at(self, t: int) -> int:
        """Dialogs that have arrived by ``t`` and are not distributed yet."""
        return max(0, bisect_right(self.arrivals, t) - self.next_waiting)
