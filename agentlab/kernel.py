"""The agent scheduler: triggers (hits, cron), runners, the lock, leases, limits.

One ``Kernel`` is one site: a table of agents, a virtual clock, the page hits and
cron runs that check for due agents, and optionally the Open Lines tasks.
"""

from __future__ import annotations

from datetime import datetime
from heapq import heappush
from typing import TYPE_CHECKING, Any, Callable

from .agent import Agent, AgentTable
from .agent_code import AgentCodeError, function_key, parse_agent_code
from .constants import (DEFAULT_AGENTS_CRON_LIMIT, DEFAULT_AGENTS_LIMIT, DEFAULT_CRON_EVERY,
                        DEFAULT_INTERVAL, DEFAULT_PERIOD, DEFAULT_SORT, LEASE_SECONDS,
                        OPENLINES_AGENT_INTERVAL, OPENLINES_AGENT_NAMES, OPENLINES_CRON_EVERY,
                        OPENLINES_TASKS, RUN_TIME_LIMIT)
from .due import DueIndex
from .events import EventQueue
from .open_lines import OpenLines
from .timeutil import US, seconds_to_us, to_datetime, to_us, window_us

if TYPE_CHECKING:  # report imports the kernel's types: no import cycle at run time
    from .report import Result

__all__ = ["Kernel", "AgentError", "AgentFailure"]

LEASE_US = LEASE_SECONDS * US
RUN_TIME_LIMIT_US = RUN_TIME_LIMIT * US

# Lock names, as the kernel builds them ("agents" + the IS_PERIOD filter): with cron
# mode on, the hit runner and the cron runner hold different locks.
LOCK_ALL = "agents"
LOCK_PERIODIC = "agents AND IS_PERIOD='Y'"
LOCK_NON_PERIODIC = "agents AND IS_PERIOD='N'"
LOCK_OPENLINES = "imopenlines agents.php"

TRIGGERS = ("hit", "cron", "openlines-cron")


class AgentError(ValueError):
    """A bad AddAgent/RemoveAgent call (duplicate, wrong value)."""


class AgentFailure(Exception):
    """Raised by a scripted agent (``fails = N``) to emulate a failing call."""


def _yn(value: Any, what: str) -> bool:
    if value in (True, "Y", "y"):
        return True
    if value in (False, "N", "n"):
        return False
    raise AgentError(f"{what} must be 'Y' or 'N' (or a bool), got {value!r}")


class _Scripted:
    """Behaviour of an agent without a Python function: it takes ``takes`` seconds,
    fails its first ``fails`` calls, then returns ``returns``."""

    __slots__ = ("takes_us", "returns", "fails", "calls")

    def __init__(self, takes_us: int, returns: str | None, fails: int) -> None:
        self.takes_us = takes_us
        self.returns = returns
        self.fails = fails
        self.calls = 0

    def __call__(self, kernel: "Kernel", agent: Agent) -> str | None:
        self.calls += 1
        kernel._spent += self.takes_us
        if self.calls <= self.fails:
            raise AgentFailure(f"scripted failure {self.calls} of {self.fails}")
        return agent._name if self.returns is None else self.returns


class _OpenLinesTask:
    """An Open Lines agent (modes "hits" and "agents-cron"): one pass, then itself."""

    __slots__ = ("open_lines", "task")

    def __init__(self, open_lines: OpenLines, task: str) -> None:
        self.open_lines = open_lines
        self.task = task

    def __call__(self, kernel: "Kernel", agent: Agent) -> str:
        kernel._spent += self.open_lines.run_pass(self.task, kernel._call_start + kernel._spent)
        return agent._name


def _db_now(us: int) -> int:
    """The kernel writes LAST_EXEC, NEXT_EXEC and DATE_CHECK with the database's now():
    a DATETIME, whole seconds. Without this, a 0.5 s call would push a per-minute
    agent to 60.5 s and make a per-minute cron skip it every other run."""
    return us - us % US


class _Runner:
    """One check that found due agents: its batch, leased, run one after another."""

    __slots__ = ("lock", "trigger", "batch", "index", "start")

    def __init__(self, lock: str, trigger: str, batch: list[Agent], start: int) -> None:
        self.lock = lock
        self.trigger = trigger
        self.batch = batch
        self.index = 0
        self.start = start


class Kernel:
    """A site's agent scheduler on a virtual clock.

    ``agents_use_crontab`` (or ``bx_crontab_support``) turns cron mode on: the system
    cron, every ``cron_every`` seconds, runs the non-periodic agents (at most
    ``agents_cron_limit`` a run) and hits run only the periodic ones (at most
    ``agents_limit`` a hit). With cron mode off, hits run every agent.
    """

    def __init__(self, start: "str | datetime", *, agents_use_crontab: bool = False,
                 bx_crontab_support: bool = False, cron_every: float = DEFAULT_CRON_EVERY,
                 agents_limit: int = DEFAULT_AGENTS_LIMIT,
                 agents_cron_limit: int = DEFAULT_AGENTS_CRON_LIMIT) -> None:
        self._start = to_us(start, "start")
        for what, value in (("agents_limit", agents_limit), ("agents_cron_limit", agents_cron_limit)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise AgentError(f"{what} must be an integer >= 0 (0: no limit), got {value!r}")
        self._cron_every = seconds_to_us(cron_every, "cron_every")
        if self._cron_every <= 0:
            raise AgentError(f"cron_every must be > 0, got {cron_every!r}")
        self.agents_use_crontab = bool(agents_use_crontab)
        self.bx_crontab_support = bool(bx_crontab_support)
        self.agents_limit = agents_limit
        self.agents_cron_limit = agents_cron_limit
        self._events = EventQueue(self._start)
        self._table = AgentTable()
        self._due = DueIndex(self._table.agents)
        self._functions: dict[str, tuple[Callable[..., Any], int]] = {}
        # agent code -> (function, takes, arguments): resolved once per code string
        self._targets: dict[str, tuple[Callable[..., Any], int, tuple]] = {}
        self._locks: set[str] = set()
        self._runs: list[tuple] = []
        self._hits: list[int] = []
        self._cron_runs: list[int] = []
        self._ol_ticks: list[int] = []
        self._checks = {t: [0, 0, 0] for t in TRIGGERS}  # checks, busy, batches
        self._in_call = False
        self._call_trigger: str | None = None
        self._call_start = 0
        self._spent = 0
        self._next_interval: int | None = None
        self._ol_busy_until = -1
        self.open_lines: OpenLines | None = None
        if self.cron_mode:
            self._events.schedule(self._start, self._cron_tick)

    # -- the clock -------------------------------------------------------
    @property
    def cron_mode(self) -> bool:
        """Option agents_use_crontab = Y or constant BX_CRONTAB_SUPPORT = true."""
        return self.agents_use_crontab or self.bx_crontab_support

    @property
    def now(self) -> datetime:
        """Virtual time; inside an agent call, the call's start plus the time spent so far."""
        return to_datetime(self._now_us())

    @property
    def trigger(self) -> str | None:
        """Inside an agent call, who started it: "hit", "cron" (BX_CRONTAB is defined
        then) or "openlines-cron"; None outside a call."""
        return self._call_trigger if self._in_call else None

    def _now_us(self) -> int:
        return self._call_start + self._spent if self._in_call else self._events.now

    def spend(self, seconds: float) -> None:
        """Inside an agent function: this call takes ``seconds`` more of virtual time."""
        if not self._in_call:
            raise RuntimeError("spend() is for use inside an agent function")
        us = seconds_to_us(seconds, "spend")
        if us < 0:
            raise ValueError(f"spend: seconds must be >= 0, got {seconds!r}")
        self._spent += us

    def set_next_interval(self, seconds: float) -> None:
        """Inside an agent function: the kernel's global ``$pPERIOD``: the interval used
        to compute this agent's next NEXT_EXEC, for this one time only."""
        if not self._in_call:
            raise RuntimeError("set_next_interval() is for use inside an agent function")
        us = seconds_to_us(seconds, "interval")
        if us < 0:
            raise ValueError(f"interval must be >= 0, got {seconds!r}")
        self._next_interval = us

    # -- functions and agents -------------------------------------------
    def agent_function(self, name: str, takes: float = 0) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator: register the Python function agent code ``name(...)`` calls."""
        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            self.register_function(name, fn, takes=takes)
            return fn
        return register

    def register_function(self, name: str, fn: Callable[..., Any], takes: float = 0) -> None:
        """Like PHP: names are found without the leading backslash, case-insensitively."""
        if "(" in name:
            name = parse_agent_code(name).function
        takes_us = seconds_to_us(takes, "takes")
        if takes_us < 0:
            raise AgentError(f"takes must be >= 0, got {takes!r}")
        if not function_key(name):
            raise AgentError("a function name is needed")
        self._functions[function_key(name)] = (fn, takes_us)
        self._targets.clear()

    def add_agent(self, name: str, module: str = "", period: "str | bool" = DEFAULT_PERIOD,
                  interval: float = DEFAULT_INTERVAL, datecheck: str = "", active: "str | bool" = "Y",
                  next_exec: "str | datetime | None" = "", sort: int = DEFAULT_SORT,
                  user_id: int | None = None, exist_error: bool = True, *,
                  takes: float | None = None, returns: str | None = None, fails: int | None = None) -> int:
        """CAgent::AddAgent with its defaults; returns the agent's id.

        ``datecheck`` is accepted and ignored, as by the kernel. An agent with the same
        name and user already exists: with ``exist_error`` an AgentError, otherwise
        its id. ``takes`` / ``returns`` / ``fails`` script an agent that has no Python
        function (``returns``: None = its own name, "" = remove itself).
        """
        del datecheck
        if not isinstance(name, str):
            raise AgentError(f"name must be a str, got {type(name).__name__}")
        parse_agent_code(name)  # raises AgentCodeError naming the column
        if not isinstance(module, str):
            raise AgentError(f"module must be a str, got {type(module).__name__}")
        is_period = _yn(period, "period")
        is_active = _yn(active, "active")
        interval_us = seconds_to_us(interval, "interval")
        if interval_us < 0:
            raise AgentError(f"interval must be >= 0, got {interval!r}")
        if isinstance(sort, bool) or not isinstance(sort, int):
            raise AgentError(f"sort must be an integer, got {sort!r}")
        if user_id is not None and (isinstance(user_id, bool) or not isinstance(user_id, int)):
            raise AgentError(f"user_id must be an integer or None, got {user_id!r}")
        user = user_id or None  # the kernel: USER_ID = N if given, else NULL
        existing = self._table.find(name, user)
        if existing is not None:
            if not exist_error:
                return existing.id
            owner = f" for user {user}" if user else ""
            raise AgentError(f"agent {name!r}{owner} already exists (id {existing.id})")
        when = self._now_us() if next_exec in ("", None) else to_us(next_exec, "next_exec")
        behaviour = None
        if takes is not None or returns is not None or fails is not None:
            takes_us = seconds_to_us(takes or 0, "takes")
            if takes_us < 0:
                raise AgentError(f"takes must be >= 0, got {takes!r}")
            if fails is not None and (isinstance(fails, bool) or not isinstance(fails, int) or fails < 0):
                raise AgentError(f"fails must be an integer >= 0, got {fails!r}")
            if returns:
                parse_agent_code(returns)
            behaviour = _Scripted(takes_us, returns, fails or 0)
        agent = self._table.insert(name=name, module=module, sort=sort, active=is_active,
                                   next_exec=when, interval_us=interval_us, is_period=is_period,
                                   user_id=user, behaviour=behaviour)
        self._due.push(agent)
        return agent.id

    def remove_agent(self, name: str, module: str = "", user_id: int | None = None) -> int:
        """CAgent::RemoveAgent: delete rows with this NAME, MODULE_ID and USER_ID."""
        rows = self._table.matching(name, module, user_id or None)
        for agent in rows:
            self._table.delete(agent)
        return len(rows)

    @property
    def agents(self) -> list[Agent]:
        """The agents table now, by id."""
        return list(self._table.agents.values())

    def agent(self, agent_id: int) -> Agent:
        return self._table.agents[agent_id]

    # -- load ----------------------------------------------------------------
    def add_hit(self, at: "str | datetime") -> None:
        """One page visit at ``at``."""
        when = to_us(at, "hit")
        if when < self._events.now:
            raise AgentError("a hit cannot be in the past of the virtual clock")
        self._events.schedule(when, self._hit)

    def add_hits(self, start: "str | datetime", end: "str | datetime", every: float) -> None:
        """Page visits from ``start`` (included) to ``end`` (excluded), every ``every`` s."""
        try:
            s, e, step = window_us(start, end, every)
        except ValueError as exc:
            raise AgentError(f"hits: {exc}") from None
        if s < self._events.now:
            raise AgentError("a hits window cannot start in the past of the virtual clock")
        if s < e:
            self._events.schedule(s, self._hit_window, s, e, step)

    def setup_open_lines(self, mode: str, *, seconds_per_dialog: float = 0.5, seconds_per_item: float = 0,
                         to_close: int = 0, to_mail: int = 0, to_notify: int = 0) -> OpenLines:
        """Install the Open Lines tasks in one of the lesson's three modes.

        "hits" needs cron mode off, "agents-cron" needs it on (the module's agents are
        non-periodic, so that is what runs them on main's cron); "openlines-cron" runs
        the module's own script every OPENLINES_CRON_EVERY seconds.
        """
        if self.open_lines is not None:
            raise AgentError("Open Lines are already set up")
        ol = OpenLines(mode, seconds_per_dialog=seconds_per_dialog, seconds_per_item=seconds_per_item,
                       to_close=to_close, to_mail=to_mail, to_notify=to_notify)
        if mode == "hits" and self.cron_mode:
            raise AgentError("open_lines mode 'hits' needs cron mode off (agents_use_crontab = false)")
        if mode == "agents-cron" and not self.cron_mode:
            raise AgentError("open_lines mode 'agents-cron' needs cron mode on (agents_use_crontab = true)")
        self.open_lines = ol
        if mode == "openlines-cron":
            self._events.schedule(self._events.now, self._openlines_tick)
        else:
            for task in OPENLINES_TASKS:
                agent = self._table.insert(
                    name=OPENLINES_AGENT_NAMES[task], module="imopenlines", sort=DEFAULT_SORT, active=True,
                    next_exec=self._events.now, interval_us=OPENLINES_AGENT_INTERVAL * US, is_period=False,
                    user_id=None, behaviour=_OpenLinesTask(ol, task))
                self._due.push(agent)
        return ol

    # -- running -------------------------------------------------------------
    def run(self, until: "str | datetime") -> "Result":
        """Process every event before ``until``; return the record from the start."""
        from .report import Result
        end = to_us(until, "until")
        if end < self._events.now:
            raise AgentError("until must not be before the current virtual time")
        self._events.run(end)
        return Result(self, end)

    def _hit_window(self, start: int, end: int, step: int) -> None:
        nxt = self._events.now + step
        if nxt < end:
            self._events.schedule(nxt, self._hit_window, start, end, step)
        self._hit()

    def _hit(self) -> None:
        """A page was sent; now the agents are checked (after the content, as since main 20.5)."""
        self._hits.append(self._events.now)
        if self.cron_mode:
            self._check("hit", LOCK_PERIODIC, (1,), self.agents_limit)
        else:
            self._check("hit", LOCK_ALL, (0, 1), self.agents_limit)

    def _cron_tick(self) -> None:
        now = self._events.now
        self._events.schedule(now + self._cron_every, self._cron_tick)
        self._cron_runs.append(now)
        self._check("cron", LOCK_NON_PERIODIC, (0,), self.agents_cron_limit)

    def _check(self, trigger: str, lock: str, kinds: tuple[int, ...], limit: int) -> None:
        """CAgent::CheckAgents: take the lock without waiting, select, lease, run."""
        stats = self._checks[trigger]
        stats[0] += 1
        if lock in self._locks:
            stats[1] += 1
            return
        now = self._events.now
        batch = self._due.select(kinds, limit, now)
        if not batch:
            return
        stats[2] += 1
        lease = _db_now(now) + LEASE_US
        for agent in batch:
            agent._lease_until = lease
        self._locks.add(lock)
        self._advance(_Runner(lock, trigger, batch, now))

    def _advance(self, runner: _Runner) -> None:
        """Run the batch's agents one after another, as long as time allows."""
        batch = runner.batch
        events = self._events
        while True:
            now = events.now
            if runner.index >= len(batch):
                self._locks.discard(runner.lock)
                return
            if now - runner.start > RUN_TIME_LIMIT_US:
                # The rest keep their lease and wait for it to expire.
                for agent in batch[runner.index:]:
                    if not agent._deleted:
                        self._due.push(agent)
                self._locks.discard(runner.lock)
                return
            agent = batch[runner.index]
            runner.index += 1
            if agent._deleted:
                continue
            agent._running = True
            agent._retry_count += 1
            name = agent._name
            self._call_trigger = runner.trigger
            result, error = self._call(agent, now)
            end = now + self._spent
            if end == now:
                self._finish(runner, agent, name, now, result, error, self._next_interval)
            else:
                events.schedule(end, self._finish_and_advance, runner, agent, name, now, result, error,
                                self._next_interval)
                return

    def _finish_and_advance(self, runner: _Runner, agent: Agent, name: str, start: int,
                            result: Any, error: str | None, pperiod: int | None) -> None:
        self._finish(runner, agent, name, start, result, error, pperiod)
        self._advance(runner)

    def _call(self, agent: Agent, start: int) -> tuple[Any, str | None]:
        """Call the agent; a raised exception is a failed call, as the kernel catches Throwable."""
        self._in_call = True
        self._call_start = start
        self._spent = 0
        self._next_interval = None
        try:
            behaviour = agent._behaviour
            if behaviour is not None:
                result = behaviour(self, agent)
            else:
                target = self._targets.get(agent._name)
                if target is None:
                    call = parse_agent_code(agent._name)
                    entry = self._functions.get(function_key(call.function))
                    if entry is None:
                        return None, f"Call to undefined function {call.function}()"
                    target = self._targets[agent._name] = (entry[0], entry[1], call.args)
                fn, takes, args = target
                try:
                    result = fn(*args)
                finally:  # the declared duration comes after what the body spent
                    self._spent += takes
            return result, None
        except Exception as exc:  # noqa: BLE001 - any failure of the agent is data
            return None, f"{type(exc).__name__}: {exc}"
        finally:
            self._in_call = False

    def _finish(self, runner: _Runner, agent: Agent, name: str, start: int, result: Any,
                error: str | None, pperiod: int | None) -> None:
        end = self._events.now
        if error is None and result.__class__ is str and result:
            # The common case first: the agent returned its next code.
            if result != agent._name:
                try:
                    parse_agent_code(result)
                except AgentCodeError as exc:
                    raise AgentCodeError(result, exc.column,
                                         f"{exc.message} (returned by agent {name!r})") from None
                if not agent._deleted:
                    self._table.rename(agent, result)
            interval = agent._interval_us if pperiod is None else pperiod
            finished = _db_now(end)
            next_exec = agent._next_exec = (agent._next_exec if agent._is_period else finished) + interval
            agent._last_exec = finished
            agent._lease_until = None
            agent._running = False
            agent._retry_count = 0
            if agent._deleted:
                next_exec = None
            else:
                version = agent._version = agent._version + 1  # DueIndex.push, inlined
                if agent.active:
                    heappush(self._due._pending[agent._is_period], (next_exec, agent.id, version))
            self._runs.append((agent.id, name, runner.trigger, start, end, "ok", next_exec, None))
            return
        if error is not None:
            # The row stays as it was: RUNNING = Y, the lease runs out, then a retry.
            outcome, next_exec = "failed", agent._next_exec
            if not agent._deleted:
                self._due.push(agent)
        elif result is None or result is False or result == "":
            outcome, next_exec = "removed", None
            self._table.delete(agent)
        else:
            raise TypeError(f"agent {name!r} returned {result!r}: an agent function returns the "
                            "next agent code (str), or '' / None to remove the agent")
        self._runs.append((agent.id, name, runner.trigger, start, end, outcome, next_exec, error))

    def _openlines_tick(self) -> None:
        """bitrix/tools/imopenlines/agents.php from the system cron: the four tasks in a row."""
        now = self._events.now
        self._events.schedule(now + OPENLINES_CRON_EVERY * US, self._openlines_tick)
        self._ol_ticks.append(now)
        stats = self._checks["openlines-cron"]
        stats[0] += 1
        if now < self._ol_busy_until:  # the previous script is still working
            stats[1] += 1
            return
        stats[2] += 1
        ol = self.open_lines
        assert ol is not None
        t = now
        next_tick = now + OPENLINES_CRON_EVERY * US
        for task in OPENLINES_TASKS:
            end = t + ol.run_pass(task, t)
            self._runs.append((0, OPENLINES_AGENT_NAMES[task], "openlines-cron", t, end, "ok",
                               max(next_tick, end), None))
            t = end
        self._ol_busy_until = t
