"""The main module's versions whose public code differs on a rule agentlab models.

Each field of ``KernelVersion`` is one rule, read from the public copy named in
``read_from`` (``bitrix/modules/main/``: ``classes/general/agent.php``,
``classes/mysql/agent.php``, ``include.php``, ``tools/cron_events.php``). A scenario's
``[kernel] version = "..."`` or ``Kernel(version=...)`` picks one; the newest read is
the default. agentlab/README.md has the same facts as a table, one row per rule.
"""

from __future__ import annotations

__all__ = ["KernelVersion", "VERSIONS", "NEWEST_VERSION", "kernel_version"]


class KernelVersion:
    """How one main version runs agents (only what differs between the versions read)."""

    __slots__ = ("name", "sm_version", "read_from", "check_at_page_start", "lock_names",
                 "agents_limit", "agents_cron_limit", "lease_from_old_lease", "run_time_cut",
                 "has_running", "has_retry_count", "catches", "retry_limit", "exist_error",
                 "add_agent_checks_module")

    def __init__(self, name: str, *, sm_version: str, read_from: str, check_at_page_start: bool,
                 lock_names: tuple[str, str, str], agents_limit: bool, agents_cron_limit: bool,
                 lease_from_old_lease: bool, run_time_cut: bool, has_running: bool,
                 has_retry_count: bool, catches: str, retry_limit: "int | str | None",
                 exist_error: bool, add_agent_checks_module: bool) -> None:
        #: "25.750": what a scenario writes.
        self.name = name
        #: SM_VERSION of the copy read (classes/general/version.php).
        self.sm_version = sm_version
        #: The public repository (and commit, where it is not the newest) read.
        self.read_from = read_from
        #: include.php runs CAgent::CheckAgents() as the page starts, before OnPageStart,
        #: so a visitor's page waits for the agents (before 20.5.0); later versions queue
        #: it as a background job that runs after the response is sent.
        self.check_at_page_start = check_at_page_start
        #: GET_LOCK names for OnCron() = None (no cron mode), False (a hit in cron mode),
        #: True (cron). Every version releases the lock right after leasing the batch.
        self.lock_names = lock_names
        #: Option agents_limit read: at most that many agents a check (hits; and, where
        #: there is no agents_cron_limit, checks without cron mode).
        self.agents_limit = agents_limit
        #: Option agents_cron_limit read: at most that many agents a cron check.
        self.agents_cron_limit = agents_cron_limit
        #: DATE_CHECK = IF(DATE_CHECK IS NULL, now(), DATE_CHECK) + 600: a lease that ran
        #: out long ago is extended from its old value, not from now.
        self.lease_from_old_lease = lease_from_old_lease
        #: A batch starts no agent once time() - start > LOCK_TIME - 30 (570 s).
        self.run_time_cut = run_time_cut
        #: Column RUNNING exists: set to Y before a call, ORDER BY RUNNING ASC first.
        self.has_running = has_running
        #: Column RETRY_COUNT exists: +1 before a call, 0 after a success.
        self.has_retry_count = has_retry_count
        #: What the eval is wrapped in: "none", "Exception" or "Throwable". What is not
        #: caught is fatal: the process ends, and with it the batch.
        self.catches = catches
        #: An agent whose RETRY_COUNT reached this is set ACTIVE = N instead of being run:
        #: a number, "BX_AGENTS_MAX_RETRY_COUNT" (only when that constant is defined) or
        #: None (retried forever).
        self.retry_limit = retry_limit
        #: AddAgent has the exist_error argument (without it a duplicate is an error).
        self.exist_error = exist_error
        #: AddAgent (CheckFields) refuses a MODULE_ID that is not installed.
        self.add_agent_checks_module = add_agent_checks_module

    def __repr__(self) -> str:
        return f"KernelVersion({self.name!r})"


_UNIQ = "<server_uniq_id>_agent"

VERSIONS: dict[str, KernelVersion] = {v.name: v for v in (
    KernelVersion("14.0", sm_version="14.0.6", read_from="isv1nds/Study",
                  check_at_page_start=True, lock_names=(_UNIQ, _UNIQ, _UNIQ),
                  agents_limit=False, agents_cron_limit=False, lease_from_old_lease=True,
                  run_time_cut=False, has_running=False, has_retry_count=False, catches="none",
                  retry_limit=None, exist_error=False, add_agent_checks_module=True),
    KernelVersion("17.5", sm_version="17.5.13", read_from="neeil1990/kawe@121c19b22",
                  check_at_page_start=True, lock_names=(_UNIQ, _UNIQ, _UNIQ),
                  agents_limit=False, agents_cron_limit=False, lease_from_old_lease=True,
                  run_time_cut=False, has_running=True, has_retry_count=False, catches="Exception",
                  retry_limit=None, exist_error=True, add_agent_checks_module=True),
    KernelVersion("20.0", sm_version="20.0.1650", read_from="sergey1998181devlop/astt",
                  check_at_page_start=True, lock_names=(_UNIQ, _UNIQ, _UNIQ),
                  agents_limit=False, agents_cron_limit=False, lease_from_old_lease=False,
                  run_time_cut=False, has_running=True, has_retry_count=True, catches="Exception",
                  retry_limit=3, exist_error=True, add_agent_checks_module=False),
    KernelVersion("22.500", sm_version="22.500.700", read_from="bziksv/riester",
                  check_at_page_start=False, lock_names=("agent", "agent", "agent"),
                  agents_limit=True, agents_cron_limit=False, lease_from_old_lease=False,
                  run_time_cut=True, has_running=True, has_retry_count=True, catches="Throwable",
                  retry_limit="BX_AGENTS_MAX_RETRY_COUNT", exist_error=True,
                  add_agent_checks_module=False),
    KernelVersion("24.0", sm_version="24.0.796", read_from="yuraautsayder/bitrix-test-work",
                  check_at_page_start=False, lock_names=("agent", "agent", "agent"),
                  agents_limit=True, agents_cron_limit=True, lease_from_old_lease=False,
                  run_time_cut=True, has_running=True, has_retry_count=True, catches="Throwable",
                  retry_limit=None, exist_error=True, add_agent_checks_module=False),
    KernelVersion("25.750", sm_version="25.750.0", read_from="yuriy-yarvinen/bitrix-1c-lesson",
                  check_at_page_start=False,
                  lock_names=("agents", "agents AND IS_PERIOD='Y' ", "agents AND IS_PERIOD='N' "),
                  agents_limit=True, agents_cron_limit=True, lease_from_old_lease=False,
                  run_time_cut=True, has_running=True, has_retry_count=True, catches="Throwable",
                  retry_limit=None, exist_error=True, add_agent_checks_module=False),
)}

#: The newest version read: the default.
NEWEST_VERSION = "25.750"


def kernel_version(name: "str | KernelVersion") -> KernelVersion:
    """The version called ``name``, or a ValueError that lists the known ones."""
    if isinstance(name, KernelVersion):
        return name
    version = VERSIONS.get(name) if isinstance(name, str) else None
    if version is None:
        raise ValueError(f"unknown main version {name!r}; known: {', '.join(VERSIONS)}")
    return version
