"""Numbers the lessons and the kernel state, defined once.

The lesson pages quote these through example output, never retype them, so they
are public names: ``from agentlab import LEASE_SECONDS``.
"""

from __future__ import annotations

#: DATE_CHECK lease set on every selected agent (CAllAgent::LOCK_TIME): "blocking
#: at MySQL for 10 minutes" in the lesson. A failed agent stays out this long.
LEASE_SECONDS = 600

#: A runner stops starting new agents once this many seconds have passed since it
#: selected its batch (the kernel's ``LOCK_TIME - 30``).
RUN_TIME_LIMIT = LEASE_SECONDS - 30

#: CAgent::AddAgent defaults.
DEFAULT_INTERVAL = 86400
DEFAULT_SORT = 100
DEFAULT_PERIOD = "N"

#: The kernel rejects a NAME whose trimmed length is this or less.
MAX_REJECTED_NAME_LENGTH = 2

#: Options of the main module: agents per hit, agents per cron run.
DEFAULT_AGENTS_LIMIT = 100
DEFAULT_AGENTS_CRON_LIMIT = 1000

#: Seconds between two runs of the system cron (a crontab line "* * * * *").
DEFAULT_CRON_EVERY = 60

#: Open Lines: time limit of one distribution pass (and of one "operators
#: unavailable" pass), per mode of the lesson.
DISTRIBUTION_LIMITS = {"hits": 5, "agents-cron": 60, "openlines-cron": 180}

#: Open Lines modes, in the lesson's order.
OPEN_LINES_MODES = ("hits", "agents-cron", "openlines-cron")

#: Automatic closing and mail sending handle at most this many items a call.
ITEMS_PER_CALL = 100

#: The Open Lines script bitrix/tools/imopenlines/agents.php runs this often.
OPENLINES_CRON_EVERY = 60

#: Interval of the Open Lines agents (all non-periodic), as the module installs them.
OPENLINES_AGENT_INTERVAL = 60

#: The Open Lines agents as imopenlines/install/index.php registers them.
OPENLINES_AGENT_NAMES = {
    "distribution": "Bitrix\\ImOpenLines\\Session\\Agent::transferToNextInQueue(0);",
    "mail": "Bitrix\\ImOpenLines\\Session\\Agent::mailByTime(0);",
    "close": "Bitrix\\ImOpenLines\\Session\\Agent::closeByTime(0);",
    "no_answer": "Bitrix\\ImOpenLines\\Session\\Agent::sendMessageNoAnswer();",
}

#: The four tasks in the order the lesson lists them (and the script runs them).
OPENLINES_TASKS = ("distribution", "mail", "close", "no_answer")
