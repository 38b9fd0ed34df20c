"""The agent record (a row of b_agent) and the table of agents.

Times are kept as virtual microseconds in the ``_``-prefixed slots the kernel uses
on its hot path; the public properties give datetimes and seconds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from .timeutil import US, to_datetime

Behaviour = Callable[[Any, "Agent"], Any]


class Agent:
    """One agent: what to call, when, and how its next time is computed."""

    __slots__ = ("id", "_name", "module", "_sort", "active", "_next_exec", "_last_exec",
                 "_interval_us", "_is_period", "_lease_until", "_running", "_retry_count",
                 "user_id", "_behaviour", "_version", "_deleted")

    def __init__(self, id: int, name: str, module: str, sort: int, active: bool, next_exec: int,
                 interval_us: int, is_period: bool, user_id: int | None,
                 behaviour: Behaviour | None = None) -> None:
        self.id = id
        self._name = name
        self.module = module
        self._sort = sort
        self.active = active
        self._next_exec = next_exec
        self._last_exec: int | None = None
        self._interval_us = interval_us
        self._is_period = is_period
        self._lease_until: int | None = None
        self._running = False
        self._retry_count = 0
        self.user_id = user_id
        self._behaviour = behaviour
        self._version = 0
        self._deleted = False

    # Public, read-only views in the Bitrix words -----------------------------
    @property
    def name(self) -> str:
        """NAME: the code to call, e.g. ``TestAgentPeriod();``."""
        return self._name

    @property
    def sort(self) -> int:
        return self._sort

    @property
    def is_period(self) -> bool:
        return self._is_period

    @property
    def interval(self) -> float | int:
        """AGENT_INTERVAL in seconds."""
        s = self._interval_us / US
        return int(s) if s == int(s) else s

    @property
    def next_exec(self) -> datetime:
        return to_datetime(self._next_exec)

    @property
    def last_exec(self) -> datetime | None:
        return None if self._last_exec is None else to_datetime(self._last_exec)

    @property
    def lease_until(self) -> datetime | None:
        """DATE_CHECK: while it is in the future, no runner picks the agent."""
        return None if self._lease_until is None else to_datetime(self._lease_until)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def retry_count(self) -> int:
        return self._retry_count

    @property
    def deleted(self) -> bool:
        return self._deleted

    def __repr__(self) -> str:
        return (f"Agent(id={self.id}, name={self._name!r}, is_period={self._is_period}, "
                f"interval={self.interval}, next_exec={self.next_exec.isoformat()}, sort={self._sort})")


class AgentTable:
    """b_agent: ids, the duplicate rule (same NAME and USER_ID) and RemoveAgent."""

    def __init__(self) -> None:
        self.agents: dict[int, Agent] = {}
        self._by_name_user: dict[tuple[str, int | None], list[int]] = {}
        self._next_id = 1

    def find(self, name: str, user_id: int | None) -> Agent | None:
        ids = self._by_name_user.get((name, user_id))
        return self.agents[ids[0]] if ids else None

    def insert(self, **fields: Any) -> Agent:
        agent = Agent(self._next_id, **fields)
        self._next_id += 1
        self.agents[agent.id] = agent
        self._by_name_user.setdefault((agent._name, agent.user_id), []).append(agent.id)
        return agent

    def rename(self, agent: Agent, name: str) -> None:
        """An agent returned another name: the row keeps its id, NAME changes."""
        ids = self._by_name_user[(agent._name, agent.user_id)]
        ids.remove(agent.id)
        if not ids:
            del self._by_name_user[(agent._name, agent.user_id)]
        agent._name = name
        self._by_name_user.setdefault((name, agent.user_id), []).append(agent.id)

    def delete(self, agent: Agent) -> None:
        if agent._deleted:
            return
        agent._deleted = True
        del self.agents[agent.id]
        key = (agent._name, agent.user_id)
        ids = self._by_name_user[key]
        ids.remove(agent.id)
        if not ids:
            del self._by_name_user[key]

    def matching(self, name: str, module: str, user_id: int | None) -> list[Agent]:
        """Rows RemoveAgent deletes: NAME, MODULE_ID and USER_ID all equal."""
        ids = self._by_name_user.get((name, user_id), [])
        return [self.agents[i] for i in ids if (self.agents[i].module or "") == (module or "").strip()]
