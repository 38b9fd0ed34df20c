"""agentlab: a small, deterministic emulator of the 1C-Bitrix agent scheduler and of
the Open Lines tasks. Pure Python (the standard library; rtoml, else tomli, reads
scenarios faster where installed); runs under CPython 3.11+ and Pyodide.

    from agentlab import Kernel
    k = Kernel(start="2026-03-02T00:00:00")
"""

from .agent import Agent
from .agent_code import AgentCall, AgentCodeError, parse_agent_code
from .constants import (DEFAULT_AGENTS_CRON_LIMIT, DEFAULT_AGENTS_LIMIT, DEFAULT_CRON_EVERY,
                        DEFAULT_INTERVAL, DEFAULT_PERIOD, DEFAULT_SORT, ITEMS_PER_CALL, LEASE_SECONDS,
                        MAX_REJECTED_NAME_LENGTH, OPEN_LINES_MODES, OPENLINES_AGENT_INTERVAL,
                        OPENLINES_AGENT_NAMES, OPENLINES_AGENT_NAMES_AFTER_WORK, OPENLINES_CRON_EVERY,
                        OPENLINES_CRON_ORDER, OPENLINES_TASKS, OPENLINES_TIME_LIMITS,
                        OPENLINES_TIMED_TASKS, RUN_TIME_LIMIT)
from .kernel import CRON_SCRIPTS, AgentError, AgentFailure, FatalError, Kernel, PhpError
from .open_lines import OpenLines, Pass
from .report import Result, Run
from .scenario import Scenario, ScenarioError, load_scenario, load_scenario_file
from .strings import LANG_ENV, LANGS, output_lang
from .versions import NEWEST_VERSION, VERSIONS, KernelVersion

__version__ = "0.1.0"

__all__ = [
    "Agent", "AgentCall", "AgentCodeError", "AgentError", "AgentFailure", "FatalError", "Kernel",
    "KernelVersion", "OpenLines", "Pass", "PhpError", "Result", "Run", "Scenario", "ScenarioError",
    "load_scenario", "load_scenario_file", "output_lang", "parse_agent_code", "LANG_ENV", "LANGS",
    "CRON_SCRIPTS", "NEWEST_VERSION", "VERSIONS",
    "DEFAULT_AGENTS_CRON_LIMIT", "DEFAULT_AGENTS_LIMIT", "DEFAULT_CRON_EVERY", "DEFAULT_INTERVAL",
    "DEFAULT_PERIOD", "DEFAULT_SORT", "ITEMS_PER_CALL", "LEASE_SECONDS", "MAX_REJECTED_NAME_LENGTH",
    "OPEN_LINES_MODES", "OPENLINES_AGENT_INTERVAL", "OPENLINES_AGENT_NAMES",
    "OPENLINES_AGENT_NAMES_AFTER_WORK", "OPENLINES_CRON_EVERY", "OPENLINES_CRON_ORDER",
    "OPENLINES_TASKS", "OPENLINES_TIME_LIMITS", "OPENLINES_TIMED_TASKS", "RUN_TIME_LIMIT",
]
