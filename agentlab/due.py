"""Which agents are due, without scanning all of them on every hit.

Due = ACTIVE and NEXT_EXEC <= now and (DATE_CHECK empty or <= now); the batch is
taken in ORDER BY RUNNING ASC, SORT DESC (then id, the primary key). Per kind of
agent (non-periodic 0, periodic 1, so cron mode can filter by IS_PERIOD):

* ``pending``: for agents not yet due, (id, version) listed under the time they become
  due, with a heap of those times (``Pending``);
* ``ready``: a heap of (running, -sort, id, version) for agents already due.

Selecting moves what became due from ``pending`` to ``ready`` and pops the batch.
Every change of a record bumps its version and pushes one fresh entry, so an old
entry is recognised and dropped when popped (lazy deletion). A selected agent has no
entry until its run ends: the lease keeps it out, and no other runner can see it.
"""

from __future__ import annotations

from heapq import heappop, heappush

from .agent import Agent


class Pending:
    """Agents not yet due, by the time they become due. A check reschedules its whole
    batch to a few instants (a day of 2,000 agents: 38,093 reschedules to 1,935 times),
    so the heap holds each time once and a list per time holds its agents."""

    __slots__ = ("times", "by_time")

    def __init__(self) -> None:
        self.times: list[int] = []  # a heap
        self.by_time: dict[int, list[tuple[int, int]]] = {}

    def push(self, due_at: int, aid: int, version: int) -> None:
        # Kernel._advance inlines this for its common call.
        bucket = self.by_time.get(due_at)
        if bucket is None:
            self.by_time[due_at] = [(aid, version)]
            heappush(self.times, due_at)
        else:
            bucket.append((aid, version))

    def first(self) -> int | None:
        """When the next of these agents becomes due (None: there is none)."""
        return self.times[0] if self.times else None

    def pop_due(self, now: int) -> list[tuple[int, int]]:
        """(id, version) of every entry due by ``now``, taken out."""
        times, by_time = self.times, self.by_time
        due = by_time.pop(heappop(times)) if times and times[0] <= now else []
        while times and times[0] <= now:
            due += by_time.pop(heappop(times))
        return due


class DueIndex:
    def __init__(self, agents: dict[int, Agent]) -> None:
        self._agents = agents
        self._pending = (Pending(), Pending())
        self._ready: tuple[list, list] = ([], [])

    def push(self, agent: Agent) -> None:
        """(Re)index an agent after its record changed."""
        agent._version += 1
        if not agent.active or agent._deleted:
            return
        due_at = agent._next_exec
        lease = agent._lease_until
        if lease is not None and lease > due_at:
            due_at = lease
        self._pending[agent._is_period].push(due_at, agent.id, agent._version)

    def select(self, kinds: tuple[int, ...], limit: int, now: int) -> list[Agent]:
        """Pop up to ``limit`` due agents (``limit`` <= 0: no limit), in the kernel's order."""
        agents = self._agents
        get = agents.get
        pop, push = heappop, heappush
        if limit <= 0:
            limit = len(agents)
        if len(kinds) == 1:
            kind = kinds[0]
            pending = self._pending[kind]
            ready = self._ready[kind]
            due_at = pending.first()
            if not ready and (due_at is None or due_at > now):
                return []  # most checks: nothing is due
            # What became due since the last check. Usually nothing else is waiting in
            # ``ready`` (the last batch took all): then one sort replaces a heap push
            # and pop per agent, and a sorted list is a valid heap for the rest.
            fresh = []
            for aid, version in pending.pop_due(now):
                agent = get(aid)
                if agent is not None and agent._version == version:
                    fresh.append((agent._running, -agent._sort, aid, version))
            if not ready:
                fresh.sort()
                if len(fresh) > limit:
                    ready[:] = fresh[limit:]
                    fresh = fresh[:limit]
                return [agents[aid] for _, _, aid, _ in fresh]
            for entry in fresh:
                push(ready, entry)
            batch: list[Agent] = []
            append = batch.append
            left = limit
            while ready and left:
                _, _, aid, version = pop(ready)
                agent = get(aid)
                if agent is not None and agent._version == version:
                    append(agent)
                    left -= 1
            return batch
        for kind in kinds:
            ready = self._ready[kind]
            for aid, version in self._pending[kind].pop_due(now):
                agent = get(aid)
                if agent is not None and agent._version == version:
                    push(ready, (agent._running, -agent._sort, aid, version))
        batch = []
        first, second = (self._ready[k] for k in kinds)
        while len(batch) < limit and (first or second):
            if not second or (first and first[0] < second[0]):
                _, _, aid, version = heappop(first)
            else:
                _, _, aid, version = heappop(second)
            agent = agents.get(aid)
            if agent is not None and agent._version == version:
                batch.append(agent)
        return batch
