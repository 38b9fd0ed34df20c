"""The discrete-event core: a virtual clock and a heap of timed events.

Like SimPy or the stdlib ``sched`` module, minus real time: the clock jumps from
one event to the next, so a simulated week costs what its events cost. Ties at one
instant are broken by a sequence number, never by object identity, which keeps two
runs of one scenario identical.
"""

from __future__ import annotations

from heapq import heappop, heappush
from typing import Any, Callable


class EventQueue:
    __slots__ = ("now", "_heap", "_seq", "_first")

    def __init__(self, now: int) -> None:
        self.now = now
        self._heap: list[tuple[int, int, Callable[..., Any], tuple]] = []
        self._seq = 0
        self._first = 0

    def schedule(self, at: int, action: Callable[..., Any], *args: Any) -> None:
        """Call ``action(*args)`` when the clock reaches ``at`` (callers never pass the past)."""
        self._seq += 1
        heappush(self._heap, (at, self._seq, action, args))

    def reserve(self) -> int:
        """A place in the order of events, taken now and used later (``schedule_reserved``):
        an event that would have been scheduled now, but whose time is known only later."""
        self._seq += 1
        return self._seq

    def schedule_reserved(self, at: int, seq: int, action: Callable[..., Any], *args: Any) -> None:
        heappush(self._heap, (at, seq, action, args))

    def next_time(self) -> int | None:
        """When the next event happens (None: no event left)."""
        return self._heap[0][0] if self._heap else None

    def schedule_first(self, at: int, action: Callable[..., Any], *args: Any) -> None:
        """Like ``schedule``, but before every event already set for ``at`` (a paused
        batch goes on where it stopped, before anything else of that instant)."""
        self._first -= 1
        heappush(self._heap, (at, self._first, action, args))

    def run(self, until: int) -> None:
        """Process every event before ``until``; the clock then stands at ``until``."""
        heap = self._heap
        while heap and heap[0][0] < until:
            at, _, action, args = heappop(heap)
            self.now = at
            action(*args)
        if until > self.now:
            self.now = until
