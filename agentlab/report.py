"""What a run produced: every agent call, the checks, Open Lines counts.

``Result`` is a snapshot taken when ``Kernel.run`` returns; its three renderings
(table, JSON, SVG) depend only on it, so equal inputs give byte-identical output.
"""

from __future__ import annotations

from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from .timeutil import US, iso, log_line, to_datetime

if TYPE_CHECKING:
    from .kernel import Kernel


class AgentRow(NamedTuple):
    """An agent's record as the run left it (virtual microseconds): Result.agents and
    ``--format json`` (render_json.py) are both written from these."""

    id: int
    name: str
    module: str
    sort: int
    active: bool
    is_period: bool
    interval_us: int
    next_exec: int
    last_exec: int | None
    lease_until: int | None
    running: bool
    retry_count: int
    user_id: int | None


class LogLine(NamedTuple):
    at: datetime
    text: str


class Run(NamedTuple):
    """One agent call (or one Open Lines task of its cron script)."""

    agent: str  # the agent code that was called
    trigger: str  # "hit" | "cron" | "openlines-cron"
    start: datetime
    end: datetime
    result: str  # "ok" | "removed" | "failed"
    next_exec: datetime | None  # None when removed
    agent_id: int  # 0 for the Open Lines script's tasks
    error: str | None  # why a failed call failed


def round_seconds(value: float) -> float:
    """Seconds as the reports print them: to the millisecond, an int when whole."""
    value = round(value, 3)
    return int(value) if value == int(value) else value


def wait_stats(waits_us: list[int]) -> dict[str, float | None]:
    """max, mean and p95 (nearest rank) in seconds; None when nothing was distributed."""
    if not waits_us:
        return {"max": None, "mean": None, "p95": None}
    ordered = sorted(waits_us)
    rank = -(-95 * len(ordered) // 100)  # ceil(0.95 n)
    return {"max": round_seconds(ordered[-1] / US),
            "mean": round_seconds(sum(ordered) / len(ordered) / US),
            "p95": round_seconds(ordered[rank - 1] / US)}


class Result:
    def __init__(self, kernel: "Kernel", until: int) -> None:
        self.start_us = kernel._start
        self.until_us = until
        # Stable sort by start: runs of one runner are already in order, and runs of
        # different runners interleave by time, ties in the order they happened.
        self._raw = sorted(kernel._runs, key=itemgetter(3))
        self.hits_us = list(kernel._hits)
        self.cron_us = list(kernel._cron_runs) + list(kernel._ol_ticks)
        self.checks = {trigger: {"checks": c, "batches": n} for trigger, (c, n) in kernel._checks.items()}
        for trigger, lock in kernel._locks_taken.items():
            self.checks[trigger]["lock"] = lock
        self.kernel_options = {"version": kernel.version.name,
                               "agents_use_crontab": kernel.agents_use_crontab,
                               "bx_crontab_support": kernel.bx_crontab_support,
                               "check_agents": kernel.check_agents,
                               "cron_script": kernel.cron_script,
                               "cron_every": round_seconds(kernel._cron_every / US),
                               "agents_limit": kernel.agents_limit,
                               "agents_cron_limit": kernel.agents_cron_limit,
                               "bx_agents_max_retry_count": kernel.bx_agents_max_retry_count,
                               "missing_modules": sorted(kernel.missing_modules)}
        waits = [w for w in kernel._page_waits if w > 0]
        # Before main 20.5.0 a page is sent only after the agents its hit started.
        self.pages = {"waited": len(waits), "max_wait": round_seconds(max(waits) / US) if waits else 0}
        # The agents table as it stands: the dicts of ``agents`` are made only when asked
        # (``--format json`` writes its rows from these directly).
        self.agent_rows = [AgentRow(a.id, a._name, a.module, a._sort, a.active, a._is_period, a._interval_us,
                                    a._next_exec, a._last_exec, a._lease_until, a._running, a._retry_count,
                                    a.user_id) for a in kernel._table.agents.values()]
        self._agents: list[dict[str, Any]] | None = None
        self.open_lines = self._open_lines_dict(kernel, until)
        self._log = list(kernel._log)
        self._runs: list[Run] | None = None

    @property
    def agents(self) -> list[dict[str, Any]]:
        """The agents table at the end of the run, a dict per agent, by id."""
        if self._agents is None:
            self._agents = [
                {"id": row.id, "name": row.name, "module": row.module, "sort": row.sort, "active": row.active,
                 "is_period": row.is_period, "interval": round_seconds(row.interval_us / US),
                 "next_exec": iso(row.next_exec),
                 "last_exec": None if row.last_exec is None else iso(row.last_exec),
                 "lease_until": None if row.lease_until is None else iso(row.lease_until),
                 "running": row.running, "retry_count": row.retry_count, "user_id": row.user_id}
                for row in self.agent_rows]
        return self._agents

    @staticmethod
    def _open_lines_dict(kernel: "Kernel", until: int) -> dict[str, Any] | None:
        ol = kernel.open_lines
        if ol is None:
            return None
        limits = [p.limit for p in ol.passes if p.task == "distribution"]
        return {"mode": ol.mode, "distribution_limit": limits[-1] if limits else None,
                "distributed": ol.done["distribution"], "closed": ol.done["close"],
                "mailed": ol.done["mail"], "notified": ol.done["no_answer"],
                "messaged": ol.done["automatic"],
                "waiting": ol.waiting_at(until - 1), "wait": wait_stats(ol.waits),
                "passes": [{"task": p.task, "start": iso(p.start), "items": p.items,
                            "stopped_by": p.stopped_by, "limit": p.limit} for p in ol.passes]}

    # -- the Python view ---------------------------------------------------
    @property
    def start(self) -> datetime:
        return to_datetime(self.start_us)

    @property
    def until(self) -> datetime:
        return to_datetime(self.until_us)

    @property
    def runs(self) -> list[Run]:
        if self._runs is None:
            self._runs = [Run(name, trigger, to_datetime(s), to_datetime(e), outcome,
                              None if nxt is None else to_datetime(nxt), aid, err)
                          for aid, name, trigger, s, e, outcome, nxt, err in self._raw]
        return self._runs

    def runs_of(self, agent: "str | int") -> list[Run]:
        """Runs of one agent, by its id or by the code it was called with."""
        if isinstance(agent, int):
            return [r for r in self.runs if r.agent_id == agent]
        return [r for r in self.runs if r.agent == agent]

    def count(self, agent: "str | int | None" = None, result: str | None = None,
              trigger: str | None = None) -> int:
        runs = self.runs if agent is None else self.runs_of(agent)
        return sum(1 for r in runs if (result is None or r.result == result)
                   and (trigger is None or r.trigger == trigger))

    @property
    def log(self) -> list[LogLine]:
        """What the agents wrote with AddMessage2Log, in order."""
        return [LogLine(to_datetime(us), text) for us, text in self._log]

    def log_text(self) -> str:
        """The log as agentlab prints it: one line each, led by the time."""
        return "".join(log_line(us, self.start_us, text) + "\n" for us, text in self._log)

    @property
    def hits(self) -> list[datetime]:
        return [to_datetime(h) for h in self.hits_us]

    # -- renderings ------------------------------------------------------------
    def as_dict(self) -> dict[str, Any]:
        """The object ``--format json`` prints."""
        out: dict[str, Any] = {
            "start": iso(self.start_us), "until": iso(self.until_us), "kernel": self.kernel_options,
            "runs": [{"agent": name, "trigger": trigger, "start": iso(s), "end": iso(e),
                      "result": outcome, "next_exec": None if nxt is None else iso(nxt)}
                     for _, name, trigger, s, e, outcome, nxt, _ in self._raw],
            "checks": self.checks, "pages": self.pages, "agents": self.agents}
        if self.open_lines is not None:
            out["open_lines"] = self.open_lines
        if self._log:
            out["log"] = [{"at": iso(us), "text": text} for us, text in self._log]
        return out

    def to_json(self) -> str:
        from .render_json import render_json
        return render_json(self)

    def table(self, lang: str = "en", runs: "list[Run] | None" = None) -> str:
        from .render_table import render_table
        return render_table(self, lang, runs)

    def svg(self, lang: str = "en") -> str:
        from .render_svg import render_svg
        return render_svg(self, lang)
