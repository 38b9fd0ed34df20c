"""Open Lines (imopenlines) tasks: distribution, mail, automatic closing, "no answer".

State only: waiting dialogs (known arrival times, oldest first), the backlogs of
dialogs to close / mail / notify, and the record of every pass. The kernel decides
who runs a pass (a hit, main's cron, or the module's own cron script) and with which
time limit (``DISTRIBUTION_LIMITS[mode]``).
"""

from __future__ import annotations

from bisect import bisect_right, insort
from datetime import datetime
from typing import NamedTuple

from .constants import DISTRIBUTION_LIMITS, ITEMS_PER_CALL, OPEN_LINES_MODES
from .timeutil import US, seconds_to_us, window_us


class Pass(NamedTuple):
    """One call of one task: when, how many items, and why it stopped."""

    task: str
    start: int  # virtual microseconds
    items: int
    stopped_by: str  # "limit": work was left when the limit ended it; "empty": nothing left


class OpenLines:
    def __init__(self, mode: str, *, seconds_per_dialog: float = 0.5, seconds_per_item: float = 0,
                 to_close: int = 0, to_mail: int = 0, to_notify: int = 0) -> None:
        if mode not in OPEN_LINES_MODES:
            raise ValueError(f"open_lines mode must be one of {', '.join(OPEN_LINES_MODES)}, got {mode!r}")
        for what, value in (("to_close", to_close), ("to_mail", to_mail), ("to_notify", to_notify)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"open_lines {what} must be an integer >= 0, got {value!r}")
        for what, value in (("seconds_per_dialog", seconds_per_dialog), ("seconds_per_item", seconds_per_item)):
            if seconds_to_us(value, what) < 0:
                raise ValueError(f"open_lines {what} must be >= 0, got {value!r}")
        self.mode = mode
        self.limit_us = DISTRIBUTION_LIMITS[mode] * US
        self.per_dialog_us = seconds_to_us(seconds_per_dialog)
        self.per_item_us = seconds_to_us(seconds_per_item)
        self.backlog = {"close": to_close, "mail": to_mail, "no_answer": to_notify}
        self.done = {"distribution": 0, "close": 0, "mail": 0, "no_answer": 0}
        self.arrivals: list[int] = []
        self.next_waiting = 0  # index of the oldest undistributed dialog
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

    def run_pass(self, task: str, start: int) -> int:
        """Do one pass of ``task`` starting at ``start``; return its duration (µs)."""
        self._now = start
        if task == "distribution":
            items, t, stopped = self._timed(start, self.per_dialog_us, self._take_dialog, True)
        elif task == "no_answer":
            items, t, stopped = self._timed(start, self.per_dialog_us, self._take_notify, False)
        else:
            items = min(ITEMS_PER_CALL, self.backlog[task])
            self.backlog[task] -= items
            t = start + items * self.per_item_us
            stopped = "limit" if self.backlog[task] else "empty"
        self.done[task] += items
        self.passes.append(Pass(task, start, items, stopped))
        return t - start

    def _timed(self, start: int, per_item: int, take, dialogs: bool) -> tuple[int, int, str]:
        """One item at a time until nothing waits or the time limit has passed.

        The module loops ``while elapsed <= limit``, so the item started at the limit
        still runs.
        """
        t = start
        items = 0
        limit = self.limit_us
        while True:
            if t - start > limit:
                return items, t, ("limit" if take(t, peek=True) else "empty")
            if not take(t, peek=False):
                return items, t, "empty"
            items += 1
            t += per_item
            if dialogs:
                self.waits.append(t - self.arrivals[self.next_waiting - 1])

    def _take_dialog(self, t: int, peek: bool) -> bool:
        i = self.next_waiting
        if i < len(self.arrivals) and self.arrivals[i] <= t:
            if not peek:
                self.next_waiting = i + 1
            return True
        return False

    def _take_notify(self, t: int, peek: bool) -> bool:
        if self.backlog["no_answer"] > 0:
            if not peek:
                self.backlog["no_answer"] -= 1
            return True
        return False

    def waiting_at(self, t: int) -> int:
        """Dialogs that have arrived by ``t`` and are not distributed yet."""
        return max(0, bisect_right(self.arrivals, t) - self.next_waiting)
