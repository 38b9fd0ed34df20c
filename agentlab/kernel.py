"""The agent scheduler: triggers (hits, cron), runners, the lock, leases, limits.

One ``Kernel`` is one site: a table of agents, a virtual clock, the page hits and
cron runs that check for due agents, and optionally the Open Lines tasks. Its rules
are those of one main version (``versions.py``), the newest read by default.
"""

from __future__ import annotations

import gc
from datetime import datetime
from heapq import heappush
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from .agent import Agent, AgentTable
from .agent_code import AgentCodeError, function_key, parse_agent_code
from .constants import (DEFAULT_AGENTS_CRON_LIMIT, DEFAULT_AGENTS_LIMIT, DEFAULT_CRON_EVERY,
                        DEFAULT_INTERVAL, DEFAULT_PERIOD, DEFAULT_SORT, LEASE_SECONDS,
                        OPENLINES_AGENT_INTERVAL, OPENLINES_AGENT_NAMES, OPENLINES_AGENT_NAMES_AFTER_WORK,
                        OPENLINES_CRON_EVERY, OPENLINES_CRON_ORDER, OPENLINES_TASKS,
                        OPENLINES_TIME_LIMITS, RUN_TIME_LIMIT)
from .due import DueIndex
from .events import EventQueue
from .open_lines import OpenLines
from .timeutil import US, log_line, seconds_to_us, to_datetime, to_us, window_us
from .versions import NEWEST_VERSION, KernelVersion, kernel_version

if TYPE_CHECKING:  # report imports the kernel's types: no import cycle at run time
    from .report import Result

__all__ = ["Kernel", "AgentError", "AgentFailure", "PhpError", "FatalError", "CRON_SCRIPTS"]

LEASE_US = LEASE_SECONDS * US
DAY_US = 86400 * US

TRIGGERS = ("hit", "cron", "openlines-cron")

#: What the system cron runs every ``cron_every`` seconds: "main" is main's
#: bitrix/modules/main/tools/cron_events.php (it defines BX_CRONTAB before the prolog,
#: whose include.php runs the check when the option check_agents is Y); "hand-made" is
#: the script of the "all agents on cron" recipes, which calls CAgent::CheckAgents()
#: itself before it defines BX_CRONTAB; "none": no system cron for agents.
CRON_SCRIPTS = ("main", "hand-made", "none")

# OnCron(): None (no cron mode: every agent), False (a hit in cron mode: periodic only),
# True (BX_CRONTAB: non-periodic only) -> the IS_PERIOD kinds the check selects.
_KINDS = {None: (0, 1), False: (1,), True: (0,)}
_LOCK_INDEX = {None: 0, False: 1, True: 2}


class AgentError(ValueError):
    """A bad AddAgent/RemoveAgent call (duplicate, wrong value) or kernel option."""


class AgentFailure(Exception):
    """Raised by a scripted agent (``fails = N``) to emulate a failing call: PHP's
    ``Exception``, as any exception an agent function raises."""


class PhpError(Exception):
    """An agent failed with a PHP ``Error`` (a ``Throwable`` that is not an
    ``Exception``: an undefined function, a TypeError): main 22.5+ catches it, older
    versions catch only ``Exception``, so for them it is fatal."""


class NotReady(Exception):
    """The host cannot give what the next call needs yet (a PHP interpreter it makes
    asynchronously, in the browser). Raised out of ``Kernel.run`` before the call
    changed anything: await ``prepare()``, then call ``run`` again, which goes on from
    there. The host that says so gives ``prepare``: whoever waits needs no other handle."""

    def __init__(self, key: str, prepare: Callable[[], Awaitable[None]]) -> None:
        super().__init__(f"not ready: {key}")
        self.key = key
        self.prepare = prepare


class FatalError(Exception):
    """An agent failed with a PHP fatal error that is no ``Throwable`` (memory, time
    limit, exit): the process ends, and with it the rest of the batch."""


#: How a failure is written in scenarios (``failure = ...``) -> its kind.
FAILURES = {"exception": AgentFailure, "error": PhpError, "fatal": FatalError}


def _yn(value: Any, what: str) -> bool:
    if value in (True, "Y", "y"):
        return True
    if value in (False, "N", "n"):
        return False
    raise AgentError(f"{what} must be 'Y' or 'N' (or a bool), got {value!r}")


class _Scripted:
    """Behaviour of an agent without a Python function: it takes ``takes`` seconds,
    fails its first ``fails`` calls (with ``failure``), then returns ``returns``."""

    __slots__ = ("takes_us", "returns", "fails", "failure", "calls", "quick")

    def __init__(self, takes_us: int, returns: str | None, fails: int, failure: type[Exception]) -> None:
        self.takes_us = takes_us
        self.returns = returns
        self.fails = fails
        self.failure = failure
        self.calls = 0
        # Past its failures and taking no time, a call only returns: the kernel then
        # records it without calling (Kernel._advance).
        self.quick = takes_us == 0 and fails == 0

    def __call__(self, kernel: "Kernel", agent: Agent) -> str | None:
        self.calls += 1
        kernel._spent += self.takes_us
        if self.calls <= self.fails:
            raise self.failure(f"scripted failure {self.calls} of {self.fails}")
        self.quick = self.takes_us == 0
        return agent._name if self.returns is None else self.returns


class _OpenLinesTask:
    """An Open Lines agent (modes "hits" and "agents-cron"): one pass, then its next name."""

    __slots__ = ("open_lines", "task")

    def __init__(self, open_lines: OpenLines, task: str) -> None:
        self.open_lines = open_lines
        self.task = task

    def __call__(self, kernel: "Kernel", agent: Agent) -> str:
        ol = self.open_lines
        done_before = ol.done[self.task]
        limit = OPENLINES_TIME_LIMITS[kernel.openlines_run_type()]
        kernel._spent += ol.run_pass(self.task, kernel._call_start + kernel._spent, limit)
        if self.task in OPENLINES_AGENT_NAMES_AFTER_WORK:
            worked = ol.done[self.task] > done_before
            return (OPENLINES_AGENT_NAMES_AFTER_WORK if worked else OPENLINES_AGENT_NAMES)[self.task]
        return agent._name


def _db_now(us: int) -> int:
    """The kernel writes LAST_EXEC, NEXT_EXEC and DATE_CHECK with the database's now():
    a DATETIME, whole seconds. Without this, a 0.5 s call would push a per-minute
    agent to 60.5 s and make a per-minute cron skip it every other run."""
    return us - us % US


class _Runner:
    """One check that found due agents: its batch, leased, run one after another, and
    the PHP constants of the process that runs it."""

    __slots__ = ("trigger", "batch", "index", "start", "bx_crontab", "crontab_support", "page_of")

    def __init__(self, trigger: str, batch: list[Agent], start: int, bx_crontab: bool,
                 crontab_support: bool, page_of: int | None) -> None:
        self.trigger = trigger
        self.batch = batch
        self.index = 0
        self.start = start
        self.bx_crontab = bx_crontab  # BX_CRONTAB defined (and true) in this process
        self.crontab_support = crontab_support  # BX_CRONTAB_SUPPORT true in this process
        self.page_of = page_of  # the hit whose page waits for this batch (before 20.5.0)


class _ScriptRun:
    """One run of bitrix/tools/imopenlines/agents.php: the five tasks in a row."""

    __slots__ = ("tasks", "index", "state", "next_tick")

    def __init__(self, next_tick: int) -> None:
        self.tasks = OPENLINES_CRON_ORDER
        self.index = 0
        self.state: Any = None  # the pass under way (OpenLines.begin)
        self.next_tick = next_tick


class Kernel:
    """A site's agent scheduler on a virtual clock.

    ``agents_use_crontab`` (or ``bx_crontab_support``) turns cron mode on: hits then
    check only the periodic agents, and the system cron runs ``cron_script`` every
    ``cron_every`` seconds (main's cron_events.php by default, which checks the
    non-periodic ones). With cron mode off, hits check every agent. ``check_agents``
    is the main option of that name: false, and neither hits nor main's cron script
    run any agent. ``version`` picks the rules of one main version (``versions.py``).
    ``log`` gets each AddMessage2Log line as it is written (None: kept in the result only).
    """

    def __init__(self, start: "str | datetime", *, version: "str | KernelVersion" = NEWEST_VERSION,
                 agents_use_crontab: bool = False, bx_crontab_support: bool = False,
                 check_agents: bool = True, cron_script: str | None = None,
                 cron_every: float = DEFAULT_CRON_EVERY, agents_limit: int | None = None,
                 agents_cron_limit: int | None = None, bx_agents_max_retry_count: int | None = None,
                 missing_modules: "tuple[str, ...] | list[str]" = (),
                 log: "Callable[[str], Any] | None" = print) -> None:
        self._start = to_us(start, "start")
        try:
            self.version = v = kernel_version(version)
        except ValueError as exc:
            raise AgentError(str(exc)) from None
        for what, value, read in (("agents_limit", agents_limit, v.agents_limit),
                                  ("agents_cron_limit", agents_cron_limit, v.agents_cron_limit)):
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise AgentError(f"{what} must be an integer >= 0 (0: no limit), got {value!r}")
            if not read:
                raise AgentError(f"{what}: main {v.name} has no such option (its check takes "
                                 + ("every due agent" if not v.agents_limit else "every due agent on cron") + ")")
        if bx_agents_max_retry_count is not None:
            if v.retry_limit != "BX_AGENTS_MAX_RETRY_COUNT":
                raise AgentError(f"bx_agents_max_retry_count: main {v.name} does not read the constant "
                                 "BX_AGENTS_MAX_RETRY_COUNT (only 22.500 does)")
            if (isinstance(bx_agents_max_retry_count, bool) or not isinstance(bx_agents_max_retry_count, int)
                    or bx_agents_max_retry_count < 0):
                raise AgentError("bx_agents_max_retry_count must be an integer >= 0, "
                                 f"got {bx_agents_max_retry_count!r}")
        self._cron_every = seconds_to_us(cron_every, "cron_every")
        if self._cron_every <= 0:
            raise AgentError(f"cron_every must be > 0, got {cron_every!r}")
        if cron_script is not None and cron_script not in CRON_SCRIPTS:
            raise AgentError(f"cron_script must be one of {', '.join(CRON_SCRIPTS)}, got {cron_script!r}")
        if isinstance(missing_modules, str) or not all(isinstance(m, str) for m in missing_modules):
            raise AgentError("missing_modules must be a list of module ids")
        self.agents_use_crontab = bool(agents_use_crontab)
        self.bx_crontab_support = bool(bx_crontab_support)
        self.check_agents = bool(check_agents)
        self.cron_script = cron_script or ("main" if self.cron_mode else "none")
        # None where the version has no such option: the check takes every due agent.
        self.agents_limit = (DEFAULT_AGENTS_LIMIT if agents_limit is None else agents_limit) \
            if v.agents_limit else None
        self.agents_cron_limit = (DEFAULT_AGENTS_CRON_LIMIT if agents_cron_limit is None else agents_cron_limit) \
            if v.agents_cron_limit else None
        self.bx_agents_max_retry_count = bx_agents_max_retry_count
        self.missing_modules = frozenset(m.strip() for m in missing_modules)
        self._retry_limit = v.retry_limit if isinstance(v.retry_limit, int) else bx_agents_max_retry_count
        # What a check selects, by OnCron(): the IS_PERIOD kinds, the LIMIT (0: none)
        # and the lock's name.
        self._check_plans = {
            on_cron: (_KINDS[on_cron], (self.agents_cron_limit if on_cron else self.agents_limit) or 0,
                      v.lock_names[_LOCK_INDEX[on_cron]])
            for on_cron in (None, False, True)}
        self._events = EventQueue(self._start)
        self._table = AgentTable()
        self._due = DueIndex(self._table.agents)
        self._functions: dict[str, tuple[Callable[..., Any], int]] = {}
        # agent code -> (function, takes, arguments): resolved once per code string
        self._targets: dict[str, tuple[Callable[..., Any], int, tuple]] = {}
        self._runs: list[tuple] = []
        self._hits: list[int] = []
        self._cron_runs: list[int] = []
        self._ol_ticks: list[int] = []
        self._checks = {t: [0, 0] for t in TRIGGERS}  # checks, batches
        self._locks_taken: dict[str, str] = {}  # trigger -> the GET_LOCK name its checks take
        self._page_waits: list[int] = []  # before 20.5.0: how long each page waited for agents
        self._in_call = False
        self._call_runner: _Runner | None = None
        self._call_start = 0
        self._spent = 0
        self._next_interval: int | None = None
        self.open_lines: OpenLines | None = None
        self._log: list[tuple[int, str]] = []  # AddMessage2Log: (when, text)
        self._log_to = log
        # Agents with neither a Python function nor a script run as PHP when a host
        # gave an interpreter (agentlab.php.PhpAgents); the core never starts one.
        self.php: Any = None
        if self.cron_script != "none":
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
        """Inside an agent call, who started it: "hit", "cron" (the system cron's
        script) or "openlines-cron"; None outside a call."""
        return self._call_runner.trigger if self._in_call and self._call_runner else None

    def constant(self, name: str) -> bool | None:
        """Inside an agent call, the value of a PHP constant the kernel reads in that
        process: ``BX_CRONTAB`` (defined only by main's cron_events.php, before its
        prolog) or ``BX_CRONTAB_SUPPORT`` (dbconn.php, or set by include.php to
        ``defined('BX_CRONTAB')``); None when it is not defined (or outside a call)."""
        runner = self._call_runner if self._in_call else None
        if runner is None:
            return None
        if name == "BX_CRONTAB":
            return True if runner.bx_crontab else None
        if name == "BX_CRONTAB_SUPPORT":
            return runner.crontab_support
        raise AgentError(f"constant {name!r}: agentlab knows BX_CRONTAB and BX_CRONTAB_SUPPORT")

    def openlines_run_type(self) -> str:
        """imopenlines' ``Session\\Agent::getTypeRunAgent()`` in the current call (exec
        mode Agent, not the cloud): "cron" (60 s) needs cron mode on and BX_CRONTAB
        not true; anything else is "hit" (5 s), main's cron_events.php included."""
        runner = self._call_runner
        if runner is not None and (self.agents_use_crontab or runner.crontab_support) and not runner.bx_crontab:
            return "cron"
        return "hit"

    def _now_us(self) -> int:
        return self._call_start + self._spent if self._in_call else self._events.now

    @property
    def _php_reads_code(self) -> bool:
        """Agent code is PHP's to read when every agent is PHP (a scenario's PHP file):
        any code PHP accepts is then an agent, as in Bitrix, not only the calls agentlab
        parses for Python functions."""
        return self.php is not None and not self._functions

    def add_message2log(self, text: str) -> None:
        """AddMessage2Log: a line of the log, at the call's time (its file's header in
        Bitrix has the date and time; here the time, and the date once past the first day)."""
        now = self._now_us()
        self._log.append((now, text))
        if self._log_to is not None:
            self._log_to(log_line(now, self._start, text))

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
                  takes: float | None = None, returns: str | None = None, fails: int | None = None,
                  failure: str = "exception") -> int:
        """CAgent::AddAgent with its defaults; returns the agent's id.

        ``datecheck`` is accepted and ignored, as by the kernel. ``next_exec`` empty:
        the kernel writes ``$DB->GetNowDate()``, MySQL's CURRENT_DATE: today at 00:00:00,
        so the agent is due at once (and a periodic one counts its runs from midnight).
        An agent with the same name and user already exists: with ``exist_error`` an
        AgentError, otherwise its id (main 14.0 has no such argument: always an error).
        ``takes`` / ``returns`` / ``fails`` / ``failure`` script an agent that has no
        Python function (``returns``: None = its own name, "" = remove itself;
        ``failure``: "exception", "error" or "fatal").
        """
        del datecheck
        if not isinstance(name, str):
            raise AgentError(f"name must be a str, got {type(name).__name__}")
        if not self._php_reads_code:
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
        if failure not in FAILURES:
            raise AgentError(f"failure must be one of {', '.join(FAILURES)}, got {failure!r}")
        if self.version.add_agent_checks_module and module.strip() in self.missing_modules:
            raise AgentError(f"module {module!r} is not installed: main {self.version.name} refuses the agent")
        user = user_id or None  # the kernel: USER_ID = N if given, else NULL
        existing = self._table.find(name, user)
        if existing is not None:
            if not exist_error and self.version.exist_error:
                return existing.id
            owner = f" for user {user}" if user else ""
            raise AgentError(f"agent {name!r}{owner} already exists (id {existing.id})")
        if next_exec in ("", None):
            now = self._now_us()
            when = now - now % DAY_US  # CURRENT_DATE
        else:
            when = to_us(next_exec, "next_exec")
        behaviour = None
        if takes is not None or returns is not None or fails is not None:
            takes_us = seconds_to_us(takes or 0, "takes")
            if takes_us < 0:
                raise AgentError(f"takes must be >= 0, got {takes!r}")
            if fails is not None and (isinstance(fails, bool) or not isinstance(fails, int) or fails < 0):
                raise AgentError(f"fails must be an integer >= 0, got {fails!r}")
            if returns:
                parse_agent_code(returns)
            behaviour = _Scripted(takes_us, returns, fails or 0, FAILURES[failure])
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
                         to_close: int = 0, to_mail: int = 0, to_notify: int = 0,
                         to_automatic: int = 0) -> OpenLines:
        """Install the Open Lines tasks in one of the lesson's three modes.

        "hits" and "agents-cron" are the option "Execute as: Agent": the five tasks are
        the module's non-periodic agents, run by hits (cron mode off) or by the system
        cron's script (cron mode on, or a ``cron_script``); their time limit is what
        imopenlines computes in each call (``openlines_run_type``). "openlines-cron" is
        "Execute as: Cron": bitrix/tools/imopenlines/agents.php every
        OPENLINES_CRON_EVERY seconds, 180 s a timed task.
        """
        if self.open_lines is not None:
            raise AgentError("Open Lines are already set up")
        ol = OpenLines(mode, seconds_per_dialog=seconds_per_dialog, seconds_per_item=seconds_per_item,
                       to_close=to_close, to_mail=to_mail, to_notify=to_notify, to_automatic=to_automatic)
        if mode == "hits" and self.cron_mode:
            raise AgentError("open_lines mode 'hits' needs cron mode off (agents_use_crontab = false)")
        if mode == "agents-cron" and self.cron_script == "none":
            raise AgentError("open_lines mode 'agents-cron' needs the system cron to run agents "
                             "(agents_use_crontab = true, or a cron_script)")
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
        """Process every event before ``until``; return the record from the start.
        NotReady (the host's PHP interpreter is still to be made) leaves the run paused
        before a call: call ``run`` again once it is ready."""
        from .report import Result
        end = to_us(until, "until")
        if end < self._events.now:
            raise AgentError("until must not be before the current virtual time")
        # The run allocates a tuple per event and per call and frees none of them
        # in cycles: the cyclic collector would only rescan them (a third of the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._events.run(end)
        finally:
            if collecting:
                gc.enable()
        return Result(self, end)

    def _hit_window(self, start: int, end: int, step: int) -> None:
        events = self._events
        nxt = events.now + step
        # The next hit takes its place among the events of its instant now, as if it
        # were scheduled before this hit's check ran (its calls come after it).
        seq = events.reserve()
        try:
            self._hit()
        finally:  # also when the check pauses (NotReady): the window goes on
            if nxt < end:
                skipped = self._empty_hits(nxt, end, step)
                if skipped:
                    nxt += skipped * step
                    if nxt < end:
                        events.schedule(nxt, self._hit_window, start, end, step)
                else:
                    events.schedule_reserved(nxt, seq, self._hit_window, start, end, step)

    def _empty_hits(self, first: int, end: int, step: int) -> int:
        """How many hits from ``first`` on find nothing to do, counted at once: no other
        event comes before them (nothing changes meanwhile), and no agent their check
        selects is due by then. Most hits of a large day are such: 7,238 of the 8,640
        of bench/agentlab_scale.py's day. Their check is counted as it would have run."""
        limit = self._events.next_time()
        if self.check_agents:
            kinds = self._check_plans[False if self.cron_mode else None][0]
            due = self._due
            for kind in kinds:
                if due._ready[kind]:
                    return 0
                due_at = due._pending[kind].first()
                if due_at is not None and (limit is None or due_at < limit):
                    limit = due_at
        count = 0
        t = first
        while t < end and (limit is None or t < limit):
            count += 1
            t += step
        if count:
            self._hits.extend(range(first, t, step))
            if self.check_agents:
                self._checks["hit"][0] += count
                self._locks_taken["hit"] = self._check_plans[False if self.cron_mode else None][2]
        return count

    def _hit(self) -> None:
        """A page visit. include.php runs the check when check_agents is Y: as the page
        starts before main 20.5.0 (the page waits), after it is sent since then."""
        now = self._events.now
        self._hits.append(now)
        if self.check_agents:
            page_of = now if self.version.check_at_page_start else None
            self._check("hit", False if self.cron_mode else None, False, self.bx_crontab_support, page_of)

    def _cron_tick(self) -> None:
        now = self._events.now
        self._events.schedule(now + self._cron_every, self._cron_tick)
        self._cron_runs.append(now)
        if self.cron_script == "main":
            # cron_events.php defines BX_CRONTAB; include.php then defines
            # BX_CRONTAB_SUPPORT as defined('BX_CRONTAB'): OnCron() is true.
            if self.check_agents:
                self._check("cron", True, True, True, None)
        else:
            # The hand-made script calls CAgent::CheckAgents() before it defines
            # BX_CRONTAB: OnCron() is that of a hit, whatever check_agents says.
            self._check("cron", False if self.cron_mode else None, False, self.bx_crontab_support, None)

    def _check(self, trigger: str, on_cron: bool | None, bx_crontab: bool, crontab_support: bool,
               page_of: int | None) -> None:
        """CAgent::CheckAgents: lock (GET_LOCK, no wait), select, lease, unlock, run.

        Every version read releases the lock right after leasing the batch, before any
        agent runs: the 600 s lease (DATE_CHECK), not the lock, keeps a second runner off
        these agents, and a second runner may start other due agents meanwhile."""
        stats = self._checks[trigger]
        stats[0] += 1
        kinds, limit, lock = self._check_plans[on_cron]
        self._locks_taken[trigger] = lock
        now = self._events.now
        batch = self._due.select(kinds, limit, now)
        if not batch:
            return
        stats[1] += 1
        db_now = now - now % US
        if self.version.lease_from_old_lease:  # IF(DATE_CHECK IS NULL, now(), DATE_CHECK) + 600
            for agent in batch:
                old = agent._lease_until
                agent._lease_until = (db_now if old is None else old) + LEASE_US
        else:
            lease = db_now + LEASE_US
            for agent in batch:
                agent._lease_until = lease
        self._advance(_Runner(trigger, batch, now, bx_crontab, crontab_support, page_of))

    def _end_batch(self, runner: _Runner, rest: int) -> None:
        """The runner stops: the agents it did not start keep their lease."""
        for agent in runner.batch[rest:]:
            if not agent._deleted:
                self._due.push(agent)
        if runner.page_of is not None:
            self._page_waits.append(self._events.now - runner.page_of)

    def _advance(self, runner: _Runner) -> None:
        """Run the batch's agents one after another, as long as time allows.

        The common call (no time spent, the agent returns its own name) is finished
        inline: it is most of what a large site does, and a day of thousands of agents
        is tens of thousands of them."""
        batch = runner.batch
        events = self._events
        v = self.version
        cut_at = runner.start // US + RUN_TIME_LIMIT if v.run_time_cut else None
        missing = self.missing_modules
        retry_limit = self._retry_limit
        has_running, has_retry = v.has_running, v.has_retry_count
        trigger = runner.trigger
        runs_append = self._runs.append
        reschedule = self._reschedule
        pending = self._due._pending
        now = events.now
        finished = now - now % US  # the database's now() for calls that take no time
        self._call_runner = runner
        if cut_at is not None and now // US > cut_at:
            # time() - $startTime > LOCK_TIME - 30, in whole seconds. Checked once:
            # within this loop no time passes (a call that takes time returns).
            self._end_batch(runner, runner.index)
            return
        for index in range(runner.index, len(batch)):
            agent = batch[index]
            if missing and agent.module and agent.module != "main" and agent.module.strip() in missing:
                # CModule::IncludeModule failed: `continue`, the lease stays.
                if not agent._deleted:
                    self._due.push(agent)
                continue
            if retry_limit is not None and agent._retry_count >= retry_limit:
                # main 20.0 (3), 22.500 (BX_AGENTS_MAX_RETRY_COUNT): ACTIVE = N, not run.
                agent.active = False
                self._due.push(agent)
                continue
            if agent._behaviour is None and self.php is not None:
                try:
                    self.php.ready(runner)
                except NotReady:
                    runner.index = index  # nothing of this call happened yet
                    events.schedule_first(now, self._advance, runner)
                    raise
            # An agent deleted after the batch was selected still runs: the batch is an
            # array fetched before the calls; its UPDATE then changes no row.
            if has_running:
                agent._running = True
            if has_retry:
                agent._retry_count += 1
            name = agent._name
            behaviour = agent._behaviour
            if behaviour.__class__ is _Scripted and behaviour.quick:
                # A scripted agent past its failures, taking no time: no code runs, so
                # the call is only its record (most of a large scenario's calls).
                returns = behaviour.returns
                if returns is not None and returns != name:
                    self._finish(runner, agent, name, now, returns, None, None)
                    continue
                # _reschedule, inlined here only: this is most of a large day's calls.
                agent._next_exec = next_exec = (agent._next_exec if agent._is_period else finished) + agent._interval_us
                agent._last_exec = finished
                agent._lease_until = None
                agent._running = False
                agent._retry_count = 0
                if agent._deleted:
                    next_exec = None
                else:
                    version = agent._version = agent._version + 1
                    if agent.active:  # Pending.push, inlined
                        queue = pending[agent._is_period]
                        bucket = queue.by_time.get(next_exec)
                        if bucket is None:
                            queue.by_time[next_exec] = [(agent.id, version)]
                            heappush(queue.times, next_exec)
                        else:
                            bucket.append((agent.id, version))
                runs_append((agent.id, name, trigger, now, now, "ok", next_exec, None))
                continue
            runner.index = index + 1
            self._in_call = True
            self._call_start = now
            self._spent = 0
            self._next_interval = None
            try:
                result = behaviour(self, agent) if behaviour is not None else self._call_function(agent)
            except Exception as exc:  # noqa: BLE001 - any failure of the agent is data
                self._in_call = False
                error, fatal = self._failure(exc)
                end = now + self._spent
                if fatal:
                    self._expose_leases(runner, end)
                    events.schedule(end, self._fatal, runner, agent, name, now, error)
                    return
                if end == now:
                    self._finish(runner, agent, name, now, None, error, None)
                    continue
                self._expose_leases(runner, end)
                events.schedule(end, self._finish_and_advance, runner, agent, name, now, None, error, None)
                return
            self._in_call = False
            if self._spent:
                end = now + self._spent
                self._expose_leases(runner, end)
                events.schedule(end, self._finish_and_advance, runner, agent, name, now, result,
                                None, self._next_interval)
                return
            if result.__class__ is not str or result != name:
                self._finish(runner, agent, name, now, result, None, self._next_interval)
                continue
            # The common case of _finish: no new name to check, no time to schedule.
            runs_append((agent.id, name, trigger, now, now, "ok",
                         reschedule(agent, finished, self._next_interval), None))
        self._end_batch(runner, len(batch))

    def _reschedule(self, agent: Agent, finished: int, pperiod: int | None) -> int | None:
        """The UPDATE after a successful call: LAST_EXEC, NEXT_EXEC (periodic: the old
        NEXT_EXEC + interval; non-periodic: now() + interval), DATE_CHECK = NULL,
        RUNNING = N, RETRY_COUNT = 0. Returns NEXT_EXEC, None for a deleted row."""
        interval = agent._interval_us if pperiod is None else pperiod
        next_exec = agent._next_exec = (agent._next_exec if agent._is_period else finished) + interval
        agent._last_exec = finished
        agent._lease_until = None
        agent._running = False
        agent._retry_count = 0
        if agent._deleted:
            return None
        version = agent._version = agent._version + 1  # DueIndex.push, inlined
        if agent.active:
            self._due._pending[agent._is_period].push(next_exec, agent.id, version)
        return next_exec

    def _expose_leases(self, runner: _Runner, end: int) -> None:
        """Time passes in this batch until ``end``: the agents of the batch (the one
        running, the ones waiting) whose lease runs out before then are due again for
        other checks (DATE_CHECK <= now; RUNNING = Y only sorts them last). A call
        longer than the lease can so be started a second time, as by the kernel."""
        for agent in runner.batch[runner.index - 1:]:
            lease = agent._lease_until
            if lease is not None and lease < end and not agent._deleted:
                self._due.push(agent)

    def _finish_and_advance(self, runner: _Runner, agent: Agent, name: str, start: int,
                            result: Any, error: str | None, pperiod: int | None) -> None:
        self._finish(runner, agent, name, start, result, error, pperiod)
        self._advance(runner)

    def _fatal(self, runner: _Runner, agent: Agent, name: str, start: int, error: str) -> None:
        """A fatal error ends the process: this agent and the rest of the batch stay leased."""
        self._runs.append((agent.id, name, runner.trigger, start, self._events.now, "failed",
                           agent._next_exec, error))
        if not agent._deleted:
            self._due.push(agent)
        self._end_batch(runner, runner.index)

    def _call_function(self, agent: Agent) -> Any:
        """The registered Python function of the agent's code, called with its arguments;
        without one, the PHP code through the host's interpreter, if it gave one."""
        target = self._targets.get(agent._name)
        if target is None:
            if self._php_reads_code:
                return self.php(self, agent)
            call = parse_agent_code(agent._name)
            entry = self._functions.get(function_key(call.function))
            if entry is None and self.php is not None:
                return self.php(self, agent)
            if entry is None:
                raise PhpError(f"Call to undefined function {call.function}()")
            target = self._targets[agent._name] = (entry[0], entry[1], call.args)
        fn, takes, args = target
        try:
            return fn(*args)
        finally:  # the declared duration comes after what the body spent
            self._spent += takes

    def _failure(self, exc: Exception) -> tuple[str, bool]:
        """A failed call: its error, and whether it was fatal. What the version's
        try/catch does not catch is fatal: nothing before 17.5, PHP's Exception in
        17.5-20.0, any Throwable since 22.5."""
        if isinstance(exc, FatalError):
            return f"PHP Fatal error: {exc}", True
        if isinstance(exc, PhpError):
            return str(exc), self.version.catches != "Throwable"
        # A PHP agent's exception keeps its PHP class (agentlab.php).
        return f"{getattr(exc, 'php_class', type(exc).__name__)}: {exc}", self.version.catches == "none"

    def _finish(self, runner: _Runner, agent: Agent, name: str, start: int, result: Any,
                error: str | None, pperiod: int | None) -> None:
        end = self._events.now
        if error is None and result.__class__ is str and result:
            # The common case first: the agent returned its next code.
            if result != agent._name:
                if not self._php_reads_code:
                    try:
                        parse_agent_code(result)
                    except AgentCodeError as exc:
                        raise AgentCodeError(result, exc.column,
                                             f"{exc.message} (returned by agent {name!r})") from None
                if not agent._deleted:
                    self._table.rename(agent, result)
            next_exec = self._reschedule(agent, end - end % US, pperiod)  # now(): whole seconds
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

    # -- the Open Lines cron script ------------------------------------------
    def _openlines_tick(self) -> None:
        """bitrix/tools/imopenlines/agents.php from the system cron: the five tasks in a
        row. It takes no lock, so a run may start while the previous one still works."""
        now = self._events.now
        next_tick = now + OPENLINES_CRON_EVERY * US
        self._events.schedule(next_tick, self._openlines_tick)
        self._ol_ticks.append(now)
        stats = self._checks["openlines-cron"]
        stats[0] += 1
        stats[1] += 1
        self._openlines_step(_ScriptRun(next_tick))

    def _openlines_step(self, run: _ScriptRun) -> None:
        ol = self.open_lines
        assert ol is not None
        t = self._events.now
        while run.index < len(run.tasks):
            task = run.tasks[run.index]
            if run.state is None:
                run.state = ol.begin(task, t, OPENLINES_TIME_LIMITS["cronol"])
            end = ol.step(run.state, t)
            if end is None:
                start = run.state.start
                self._runs.append((0, OPENLINES_AGENT_NAMES[task], "openlines-cron", start, t, "ok",
                                   max(run.next_tick, t), None))
                run.index += 1
                run.state = None
                continue
            if end > t:  # the item takes time: go on when it is done
                self._events.schedule(end, self._openlines_step, run)
                return
