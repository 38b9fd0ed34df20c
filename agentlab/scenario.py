"""Scenario files: TOML in, a ready Kernel out, or one clear ScenarioError.

Every key is checked: unknown keys, wrong types and impossible values are errors
that name the file, the key (``agent[2].interval``, 1-based) and, where it can be
found, the line.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time
from typing import Any, Callable

from .agent_code import AgentCodeError
from .constants import OPEN_LINES_MODES
from .kernel import CRON_SCRIPTS, FAILURES, AgentError, Kernel, NotReady
from .report import Result
from .toml_parse import TOMLDecodeError, loads as toml_loads
from .versions import VERSIONS

__all__ = ["ScenarioError", "Scenario", "load_scenario", "load_scenario_file"]


class ScenarioError(ValueError):
    """A bad scenario: where (file, key, line, column) and what is wrong."""

    def __init__(self, message: str, *, file: str = "<scenario>", key: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        self.file, self.key, self.line, self.column, self.message = file, key, line, column, message
        where = file
        if line is not None:
            where += f":{line}" + (f":{column}" if column is not None else "")
        if key is not None:
            where += f": key '{key}'"
        super().__init__(f"{where}: {message}")


# key -> (kind, required)
_TOP = {"start": ("datetime", True), "until": ("datetime", True), "kernel": ("table", False),
        "hits": ("array", False), "agent": ("array", False), "open_lines": ("table", False),
        "php": ("str", False)}
_KERNEL = {"version": ("str", False), "agents_use_crontab": ("bool", False),
           "bx_crontab_support": ("bool", False), "check_agents": ("bool", False),
           "cron_script": ("str", False), "cron_every": ("positive", False),
           "agents_limit": ("count", False), "agents_cron_limit": ("count", False),
           "bx_agents_max_retry_count": ("count", False), "missing_modules": ("strings", False)}
_WINDOW = {"from": ("datetime", True), "to": ("datetime", True), "every": ("positive", True)}
_AGENT = {"name": ("str", True), "module": ("str", False), "period": ("yn", False),
          "interval": ("seconds", False), "next_exec": ("datetime", False), "sort": ("int", False),
          "takes": ("seconds", False), "returns": ("str", False), "fails": ("count", False),
          "failure": ("str", False), "active": ("bool", False), "user_id": ("count", False)}
_OPEN_LINES = {"mode": ("str", True), "seconds_per_dialog": ("seconds", False),
               "seconds_per_item": ("seconds", False), "to_close": ("count", False),
               "to_mail": ("count", False), "to_notify": ("count", False), "to_automatic": ("count", False),
               "dialogs": ("array", False)}

_KIND_TEXT = {"datetime": "a local date-time like 2026-03-02T09:00:00", "table": "a table",
              "array": "an array of tables ([[...]])", "bool": "true or false",
              "positive": "a number > 0", "count": "an integer >= 0", "seconds": "a number >= 0",
              "int": "an integer", "str": "a string", "yn": '"Y" or "N"',
              "strings": 'an array of strings (["forum"])'}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, datetime):
        return "a date-time with a UTC offset" if value.tzinfo else "a date-time"
    if isinstance(value, date):
        return "a date without a time"
    if isinstance(value, time):
        return "a time without a date"
    return {int: "an integer", float: "a float", str: "a string", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


class Scenario:
    """A loaded scenario: the kernel with everything added, and where to stop."""

    def __init__(self, kernel: Kernel, until: datetime, file: str) -> None:
        self.kernel = kernel
        self.until = until
        self.file = file

    def run(self) -> Result:
        """The run; NotReady (a host's PHP interpreter to make first) leaves the run
        and its interpreters as they are, to go on with the next ``run()``."""
        try:
            result = self.kernel.run(self.until)
        except NotReady:
            raise
        except BaseException:
            self._close_php()
            raise
        self._close_php()
        return result

    def _close_php(self) -> None:
        if self.kernel.php is not None:
            self.kernel.php.close()  # the PHP interpreters of the run


class _Loader:
    def __init__(self, text: str, file: str, folder: str = "", log: "Callable[[str], Any] | None" = None) -> None:
        self.text = text
        self.file = file
        self.folder = folder  # where `php = "..."` is found: the scenario's own folder
        self.log = log
        self.lines = text.splitlines()

    # -- where is a key? (best effort: for the message only) ----------------
    def line_of(self, key: str) -> int | None:
        parts = re.findall(r"([A-Za-z_]+)(?:\[(\d+)\])?", key)
        section_start, section_end = 0, len(self.lines)
        header_path = ""
        for name, index in parts[:-1]:
            header_path = f"{header_path}.{name}" if header_path else name
            if index:
                pattern = re.compile(r"^\s*\[\[\s*" + re.escape(header_path) + r"\s*\]\]")
                hits = [i for i in range(section_start, len(self.lines)) if pattern.match(self.lines[i])]
                if len(hits) < int(index):
                    return None
                section_start = hits[int(index) - 1] + 1
            else:
                pattern = re.compile(r"^\s*\[\s*" + re.escape(header_path) + r"\s*\]")
                hit = next((i for i in range(section_start, len(self.lines)) if pattern.match(self.lines[i])), None)
                if hit is None:
                    return None
                section_start = hit + 1
        if parts[:-1]:
            section_end = next((i for i in range(section_start, len(self.lines))
                                if re.match(r"^\s*\[", self.lines[i])), len(self.lines))
        else:
            section_end = next((i for i in range(len(self.lines)) if re.match(r"^\s*\[", self.lines[i])),
                               len(self.lines))
        last = parts[-1][0]
        pattern = re.compile(r"^\s*" + re.escape(last) + r"\s*=")
        return next((i + 1 for i in range(section_start, section_end) if pattern.match(self.lines[i])), None)

    def error(self, key: str | None, message: str) -> ScenarioError:
        return ScenarioError(message, file=self.file, key=key, line=self.line_of(key) if key else None)

    # -- checking ------------------------------------------------------------
    def check_table(self, table: dict, schema: dict, prefix: str) -> dict:
        for key in table:
            if key not in schema:
                path = f"{prefix}.{key}" if prefix else key
                raise self.error(path, f"unknown key; allowed: {', '.join(sorted(schema))}")
        for key, (kind, required) in schema.items():
            if key not in table:
                if required:
                    path = f"{prefix}.{key}" if prefix else key
                    raise ScenarioError(f"missing key '{path}' ({_KIND_TEXT[kind]})", file=self.file)
                continue
            self.check_value(table[key], kind, prefix, key)
        return table

    def check_value(self, value: Any, kind: str, prefix: str, key: str) -> None:
        # One test per kind, not a table of all of them: a scenario of thousands of
        # agents checks tens of thousands of values.
        if kind == "str":
            ok = isinstance(value, str)
        elif kind in ("count", "int"):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind in ("positive", "seconds"):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif kind == "datetime":
            ok = isinstance(value, datetime) and value.tzinfo is None
        elif kind == "yn":
            ok = value in ("Y", "N")
        elif kind == "bool":
            ok = isinstance(value, bool)
        elif kind == "table":
            ok = isinstance(value, dict)
        elif kind == "array":
            ok = isinstance(value, list) and all(isinstance(v, dict) for v in value)
        else:  # "strings"
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if ok and not (kind == "positive" and value <= 0) and not (kind in ("seconds", "count") and value < 0):
            return
        path = f"{prefix}.{key}" if prefix else key  # only for the message
        if not ok:
            raise self.error(path, f"must be {_KIND_TEXT[kind]}, got {_type_name(value)}"
                             + (f" {value!r}" if isinstance(value, (str, int, float)) else ""))
        if kind == "positive":
            raise self.error(path, f"must be > 0, got {value}")
        raise self.error(path, f"must be >= 0, got {value}")

    def windows(self, items: list, prefix: str, start: datetime) -> list[dict]:
        for i, window in enumerate(items, 1):
            path = f"{prefix}[{i}]"
            self.check_table(window, _WINDOW, path)
            if window["to"] < window["from"]:
                raise self.error(f"{path}.to", f"must not be before from ({window['from'].isoformat()})")
            if window["from"] < start:
                raise self.error(f"{path}.from", f"must not be before start ({start.isoformat()})")
        return items

    def load(self) -> Scenario:
        try:
            data = toml_loads(self.text)
        except TOMLDecodeError as exc:
            text = str(exc)
            m = re.search(r"\(at line (\d+), column (\d+)\)", text)
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", text)
            m_end = re.search(r"\(at end of document\)", text)
            if m_end:
                message = re.sub(r"\s*\(at end of document\)", "", text)
                raise ScenarioError(f"TOML error: {message} (at the end of the file)", file=self.file) from None
            raise ScenarioError(f"TOML error: {message}", file=self.file,
                                line=int(m.group(1)) if m else None,
                                column=int(m.group(2)) if m else None) from None
        self.check_table(data, _TOP, "")
        start, until = data["start"], data["until"]
        if until <= start:
            raise self.error("until", f"must be after start ({start.isoformat()}), got {until.isoformat()}")
        kernel_opts = dict(self.check_table(data.get("kernel", {}), _KERNEL, "kernel"))
        if "version" in kernel_opts and kernel_opts["version"] not in VERSIONS:
            raise self.error("kernel.version", f"unknown main version {kernel_opts['version']!r}; "
                             f"known: {', '.join(VERSIONS)}")
        if "cron_script" in kernel_opts and kernel_opts["cron_script"] not in CRON_SCRIPTS:
            raise self.error("kernel.cron_script", f"must be one of {', '.join(CRON_SCRIPTS)}, "
                             f"got {kernel_opts['cron_script']!r}")
        ol = data.get("open_lines")
        if ol is not None:
            self.check_table(ol, _OPEN_LINES, "open_lines")
            mode = ol["mode"]
            if mode not in OPEN_LINES_MODES:
                raise self.error("open_lines.mode", f"must be one of {', '.join(OPEN_LINES_MODES)}, got {mode!r}")
            cron = kernel_opts.get("agents_use_crontab", False) or kernel_opts.get("bx_crontab_support", False)
            script = kernel_opts.get("cron_script")
            if mode == "agents-cron" and "agents_use_crontab" not in kernel_opts and not cron and not script:
                kernel_opts["agents_use_crontab"] = True  # the mode implies it
            elif mode == "agents-cron" and not cron and script in (None, "none"):
                raise self.error("open_lines.mode", "'agents-cron' runs the Open Lines agents on the system cron: "
                                 "it needs kernel.agents_use_crontab = true (or a kernel.cron_script)")
            elif mode == "hits" and cron:
                raise self.error("open_lines.mode", "'hits' runs the Open Lines agents on hits: "
                                 "it needs cron mode off (kernel.agents_use_crontab = false)")
        try:
            kernel = Kernel(start, log=self.log, **kernel_opts)
        except AgentError as exc:
            option = str(exc).split(":", 1)[0]
            raise self.error(f"kernel.{option}" if option in _KERNEL else "kernel", str(exc)) from None
        for window in self.windows(data.get("hits", []), "hits", start):
            kernel.add_hits(window["from"], window["to"], window["every"])
        for i, spec in enumerate(data.get("agent", []), 1):
            path = f"agent[{i}]"
            self.check_table(spec, _AGENT, path)
            returns = spec.get("returns", "same")
            if spec.get("failure", "exception") not in FAILURES:
                raise self.error(f"{path}.failure", f"must be one of {', '.join(FAILURES)}, "
                                 f"got {spec['failure']!r}")
            try:
                kernel.add_agent(spec["name"], module=spec.get("module", ""), period=spec.get("period", "N"),
                                 interval=spec.get("interval", 86400), next_exec=spec.get("next_exec", ""),
                                 sort=spec.get("sort", 100), user_id=spec.get("user_id"),
                                 active=spec.get("active", True), takes=spec.get("takes", 0),
                                 returns=None if returns == "same" else returns, fails=spec.get("fails", 0),
                                 failure=spec.get("failure", "exception"))
            except AgentCodeError as exc:
                which = "name" if exc.code == spec["name"] else "returns"
                raise self.error(f"{path}.{which}", f"bad agent code {exc.code!r}: column {exc.column}: "
                                 f"{exc.message}") from None
            except AgentError as exc:
                if "already exists" in str(exc):
                    first = next(j for j, other in enumerate(data["agent"], 1)
                                 if other.get("name") == spec["name"] and other.get("user_id") == spec.get("user_id"))
                    raise self.error(f"{path}.name", f"duplicate agent: agent[{first}] has the same name "
                                     "and user_id") from None
                raise self.error(f"{path}.module" if "not installed" in str(exc) else path, str(exc)) from None
        if ol is not None:
            lines = kernel.setup_open_lines(
                ol["mode"], seconds_per_dialog=ol.get("seconds_per_dialog", 0.5),
                seconds_per_item=ol.get("seconds_per_item", 0), to_close=ol.get("to_close", 0),
                to_mail=ol.get("to_mail", 0), to_notify=ol.get("to_notify", 0),
                to_automatic=ol.get("to_automatic", 0))
            for window in self.windows(ol.get("dialogs", []), "open_lines.dialogs", start):
                lines.add_dialogs(window["from"], window["to"], window["every"])
        if "php" in data:
            self.load_php(kernel, data["php"])
        return Scenario(kernel, until, self.file)

    def load_php(self, kernel: Kernel, name: str) -> None:
        """`php = "file.php"`: the agents its CAgent::AddAgent calls register, run as PHP."""
        from .php import PhpAgents, PhpLoadError, default_runtime
        path = os.path.abspath(os.path.join(self.folder, name))  # the interpreter's own cwd may differ
        if not os.path.isfile(path):
            raise self.error("php", f"no such file: {path}")
        try:
            runtime = default_runtime()
        except RuntimeError as exc:  # no interpreter on this host
            raise self.error("php", str(exc)) from None
        php = PhpAgents(kernel, path, runtime)
        try:
            php.register()
        except (PhpLoadError, AgentError, AgentCodeError) as exc:
            php.close()
            raise self.error("php", str(exc)) from None


def load_scenario(text: str, file: str = "<scenario>", *, folder: str = "",
                  log: "Callable[[str], Any] | None" = None) -> Scenario:
    """Load a scenario from TOML text (no file system needed, e.g. in Pyodide, unless
    it names a PHP file: then relative to ``folder``). ``log``: see Kernel."""
    return _Loader(text, file, folder, log).load()


def load_scenario_file(path: str, *, log: "Callable[[str], Any] | None" = None) -> Scenario:
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise ScenarioError(f"cannot read the file: {exc.strerror or exc}", file=str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"not UTF-8 text (byte {exc.start + 1})", file=str(path)) from None
    return load_scenario(text, str(path), folder=os.path.dirname(str(path)), log=log)
