"""PHP agents on the emulated kernel: the kernel's side of the conversation.

The reader's PHP file runs in a real PHP interpreter that a host gives (php-cli at
build time, WebAssembly in the browser); agentlab itself starts none and stays pure
Python. ``bitrix.php`` is the environment loaded first; every message between it and
the kernel is a small dict, the same on every host:

* kernel -> PHP: ``{"load": {"file", "constants", "register"}}`` once per interpreter,
  then ``{"call": {"name", "interval"}}`` per agent call;
* PHP -> kernel, answered one by one: ``{"log": text}`` (AddMessage2Log),
  ``{"add": {...}}`` (CAgent::AddAgent: the new ID or false),
  ``{"remove": {...}}`` (CAgent::RemoveAgent);
* PHP -> kernel, last: ``{"done": {...}}``, the end of a load or of a call.

One interpreter serves the calls of one environment (BX_CRONTAB defined or not, and
BX_CRONTAB_SUPPORT), and keeps its state between them; a fatal error ends it, as it
ends a request, and the next call of that environment gets a new one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Protocol

from ..kernel import AgentError, AgentFailure, FatalError, NotReady, PhpError

if TYPE_CHECKING:
    from ..agent import Agent
    from ..kernel import Kernel


# Every host's php.ini: the reader's PHP reaches no other site and starts no program
# (no URL wrappers, none of the functions that open sockets or run commands, and in
# the browser none of php-wasm's bridge to JavaScript, vrzno, which could fetch), and
# its warnings reach the log through bitrix.php's handler, not the output.
PHP_INI = {
    "display_errors": "0", "log_errors": "0", "html_errors": "0", "error_reporting": "E_ALL",
    "allow_url_fopen": "0", "allow_url_include": "0", "memory_limit": "128M",
    "disable_functions": ",".join([
        "exec", "shell_exec", "system", "passthru", "popen", "proc_open", "pcntl_exec", "pcntl_fork", "mail",
        "fsockopen", "pfsockopen", "stream_socket_client", "stream_socket_server", "socket_create",
        "curl_init", "curl_multi_init",
        "vrzno_eval", "vrzno_run", "vrzno_timeout", "vrzno_await", "vrzno_env", "vrzno_shared", "vrzno_import",
        "vrzno_target", "vrzno_zval"]),
    "disable_classes": "Vrzno",
}

# agentlab's, not Bitrix's: a call running longer than this (CPU seconds) ends with
# PHP's "Maximum execution time" fatal error, as a hit ends at max_execution_time.
PHP_CALL_TIME_LIMIT_SECONDS = 10


class PhpRuntime(Protocol):
    """What a host gives: interpreters by key, each loading ``bitrix.php`` first."""

    def ready(self, key: str) -> None:
        """Raise ``NotReady(key, lambda: self.prepare(key))`` if interpreter ``key``
        cannot be used at once (a host that makes it asynchronously)."""

    async def prepare(self, key: str) -> None:
        """Make interpreter ``key`` (after NotReady; see ``run_when_ready``)."""

    def exchange(self, key: str, request: dict, answer: Callable[[dict], Any]) -> dict:
        """Send ``request`` to interpreter ``key`` (started on first use), answer each
        of its messages with ``answer(message)``, and return the ``done`` payload."""

    def end(self, key: str) -> None:
        """Discard interpreter ``key`` (after a fatal error, or the registration)."""

    def close(self) -> None:
        """Discard every interpreter."""


class PhpLoadError(ValueError):
    """The reader's PHP file cannot be loaded (a parse error, an exception at load)."""


class PhpException(AgentFailure):
    """A PHP agent threw an Exception: the kernel's catch, and the PHP class in the table."""

    def __init__(self, php_class: str, message: str) -> None:
        super().__init__(message)
        self.php_class = php_class


# ConvertTimeStamp(..., "FULL") in the default site format, or the database's own.
_SITE_DATETIME = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$")
_DB_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")


def next_exec_from_php(text: str) -> str:
    """AddAgent's next_exec ("" or a date-time as PHP code writes it) as agentlab's ISO text."""
    if text == "":
        return ""
    site = _SITE_DATETIME.match(text)
    if site:
        day, month, year, hour, minute, second = site.groups()
    else:
        db = _DB_DATETIME.match(text)
        if not db:
            raise AgentError(f"CAgent::AddAgent: next_exec {text!r} is not a date-time agentlab reads "
                             "(DD.MM.YYYY HH:MI:SS or YYYY-MM-DD HH:MI:SS)")
        year, month, day, hour, minute, second = db.groups()
    return f"{year}-{month}-{day}T{hour or '00'}:{minute or '00'}:{second or '00'}"


class PhpAgents:
    """The agents of one PHP file, run through a host's interpreters."""

    def __init__(self, kernel: "Kernel", file: str, runtime: PhpRuntime) -> None:
        self.kernel = kernel
        self.file = file
        self.runtime = runtime
        self._loaded: set[str] = set()
        kernel.php = self

    def register(self) -> None:
        """Run the file once at the start, as its module's installer would: its
        CAgent::AddAgent calls register the agents the run has. The interpreter is a
        hit's (BX_CRONTAB not defined), and the hits' calls go on in it."""
        support = self.kernel.bx_crontab_support
        key = "hit" + ("+support" if support else "")
        self.runtime.ready(key)
        self._load(key, {"BX_CRONTAB_SUPPORT": support}, register=True)

    def _load(self, key: str, constants: dict[str, bool], register: bool) -> None:
        done = self.runtime.exchange(key, {"load": {"file": self.file, "constants": constants,
                                                    "register": register,
                                                    "time_limit": PHP_CALL_TIME_LIMIT_SECONDS}}, self._answer)
        if done.get("loaded"):
            self._loaded.add(key)
            return
        self.runtime.end(key)  # half loaded: a new interpreter loads it again
        error = f"PHP Fatal error: {done['fatal']}" if "fatal" in done else done.get("error")
        raise PhpLoadError(f"{self.file}: {error}")

    @staticmethod
    def _key(runner: Any) -> str:
        """The interpreter of a call's environment: BX_CRONTAB, BX_CRONTAB_SUPPORT."""
        return ("cron" if runner.bx_crontab else "hit") + ("+support" if runner.crontab_support else "")

    def ready(self, runner: Any) -> None:
        """Before a call of ``runner``'s batch changes anything: NotReady if the host
        must first make the interpreter (the kernel then pauses; see Kernel.run)."""
        if self._key(runner) not in self._loaded:
            self.runtime.ready(self._key(runner))

    def __call__(self, kernel: "Kernel", agent: "Agent") -> Any:
        """One call: `$eval_result = NAME;` in the interpreter of the call's environment."""
        runner = kernel._call_runner
        assert runner is not None
        constants = {"BX_CRONTAB_SUPPORT": bool(runner.crontab_support)}
        if runner.bx_crontab:
            constants["BX_CRONTAB"] = True
        key = self._key(runner)
        if key not in self._loaded:
            try:
                self._load(key, constants, register=False)
            except PhpLoadError as exc:
                raise FatalError(str(exc).removeprefix(f"{self.file}: PHP Fatal error: ")) from None
        interval = agent._interval_us // 1_000_000
        done = self.runtime.exchange(key, {"call": {"name": agent._name, "interval": interval}}, self._answer)
        if "fatal" in done:
            self.runtime.end(key)
            self._loaded.discard(key)
            raise FatalError(done["fatal"])
        thrown = done.get("throwable")
        if thrown is not None:
            message = f"{thrown['message']} in {thrown['where']}"
            if thrown["exception"]:
                raise PhpException(thrown["class"], message)
            raise PhpError(f"Uncaught {thrown['class']}: {message}")
        if done.get("pperiod") != interval:
            kernel.set_next_interval(done["pperiod"])  # the agent changed global $pPERIOD
        return done["result"]

    def _answer(self, message: dict) -> Any:
        """A message from PHP during a load or a call, and its answer."""
        kernel = self.kernel
        if "log" in message:
            kernel.add_message2log(str(message["log"]))
            return None
        if "add" in message:
            a = message["add"]
            try:
                return kernel.add_agent(a["name"], module=a["module"], period=a["period"], interval=a["interval"],
                                        active=a["active"], next_exec=next_exec_from_php(a["next_exec"]),
                                        sort=a["sort"], user_id=a["user_id"], exist_error=a["exist_error"])
            except AgentError as exc:
                # The kernel refuses (an agent that exists, fields CheckFields rejects)
                # and returns false; agentlab says why in the log.
                kernel.add_message2log(f"agentlab: CAgent::AddAgent({a['name']!r}) returned false: {exc}")
                return False
        if "remove" in message:
            r = message["remove"]
            kernel.remove_agent(r["name"], r["module"], r["user_id"])
            return None
        raise AgentError(f"{self.file}: unknown message from PHP: {sorted(message)}")

    def close(self) -> None:
        self.runtime.close()
        self._loaded.clear()


async def run_when_ready(step: Callable[[], Any]) -> Any:
    """``step()`` (loading a scenario, ``Kernel.run``) until no interpreter is missing:
    for a host whose interpreters are made asynchronously, as in the browser."""
    while True:
        try:
            return step()
        except NotReady as wait:
            await wait.prepare()
