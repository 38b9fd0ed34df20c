"""PHP agents: the reader's PHP, run by a real PHP interpreter, scheduled by agentlab.

``PhpAgents(kernel, file, runtime)`` connects a PHP file to a kernel; ``runtime`` is
the host's (``default_runtime()``: php-cli on CPython; the browser sets its own with
``set_default_runtime``). See bridge.py for the messages, bitrix.php for what the
PHP side offers.
"""

from __future__ import annotations

from typing import Callable

from ..kernel import NotReady
from .bridge import PhpAgents, PhpException, PhpLoadError, PhpRuntime, next_exec_from_php, run_when_ready

__all__ = ["NotReady", "PhpAgents", "PhpException", "PhpLoadError", "PhpRuntime", "default_runtime",
           "next_exec_from_php", "run_when_ready", "set_default_runtime"]

_factory: Callable[[], PhpRuntime] | None = None


def set_default_runtime(factory: Callable[[], PhpRuntime] | None) -> None:
    """What ``default_runtime()`` builds from now on (the browser's worker sets it)."""
    global _factory
    _factory = factory


def default_runtime() -> PhpRuntime:
    """The host's PHP: the factory set, else php-cli (raises PhpUnavailable without it)."""
    if _factory is not None:
        return _factory()
    from .cli_host import PhpCliHost  # starts processes: never imported in Pyodide
    return PhpCliHost()
