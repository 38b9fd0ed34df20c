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

#: Open Lines: seconds a timed task (distribution, the "no answer" message, automatic
#: messages) may run in one call, by the run type imopenlines computes at run time
#: (``Session\Agent::getTypeRunAgent()`` and ``getTimeOutTransferToNextInQueue()``,
#: lib/session/agent.php, imopenlines 20.0.700-23.1200.0): "hit" an agent with
#: BX_CRONTAB defined or without cron mode, "cron" an agent in cron mode with BX_CRONTAB
#: not defined, "cronol" the module's own cron script, "b24" the Bitrix24 cloud.
OPENLINES_TIME_LIMITS = {"hit": 5, "cron": 60, "cronol": 180, "b24": 50}

#: Open Lines modes, in the lesson's order.
OPEN_LINES_MODES = ("hits", "agents-cron", "openlines-cron")

#: Automatic closing and mail sending handle at most this many items a call.
ITEMS_PER_CALL = 100

#: The Open Lines script bitrix/tools/imopenlines/agents.php runs this often.
OPENLINES_CRON_EVERY = 60

#: Interval of the Open Lines agents (all non-periodic), as the module installs them.
OPENLINES_AGENT_INTERVAL = 60

#: The Open Lines agents as imopenlines/install/index.php registers them (24.1000.100 and
#: later; 23.x writes them with a leading backslash, older versions call
#: ``\Bitrix\ImOpenLines\Session::...Agent(0);``), in the order it registers them.
OPENLINES_AGENT_NAMES = {
    "distribution": "Bitrix\\ImOpenLines\\Session\\Agent::transferToNextInQueue(0);",
    "close": "Bitrix\\ImOpenLines\\Session\\Agent::closeByTime(0);",
    "mail": "Bitrix\\ImOpenLines\\Session\\Agent::mailByTime(0);",
    "no_answer": "Bitrix\\ImOpenLines\\Session\\Agent::sendMessageNoAnswer();",
    "automatic": "Bitrix\\ImOpenLines\\Session\\Agent::sendAutomaticMessage();",
}

#: What closing and mail return after a call that did work (``__METHOD__ . '(1);'``);
#: a call with nothing to do returns the ``(0);`` name above. The others always
#: return the name they were called with.
OPENLINES_AGENT_NAMES_AFTER_WORK = {
    "close": "Bitrix\\ImOpenLines\\Session\\Agent::closeByTime(1);",
    "mail": "Bitrix\\ImOpenLines\\Session\\Agent::mailByTime(1);",
}

#: The five tasks, in the order the module registers its agents.
OPENLINES_TASKS = ("distribution", "close", "mail", "no_answer", "automatic")

#: The order handlers/agents.php (bitrix/tools/imopenlines/agents.php) calls them:
#: distribution last.
OPENLINES_CRON_ORDER = ("mail", "close", "no_answer", "automatic", "distribution")

#: The tasks that loop one item at a time while the elapsed whole seconds are <= the
#: time limit; the others take at most ITEMS_PER_CALL items a call.
OPENLINES_TIMED_TASKS = ("distribution", "no_answer", "automatic")
