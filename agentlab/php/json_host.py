"""A host that speaks JSON text: the page's worker, where PHP is WebAssembly.

The worker's JavaScript object offers ``ready(key) -> bool``, ``prepare(key) ->
Promise`` (makes interpreter ``key``: a new or a refreshed PHP with bitrix.php and the
reader's file), ``exchange(key, request_json, answer) -> done_json`` (``answer`` is a
function of JSON text to JSON text: PHP's messages reach the kernel through it,
synchronously), ``end(key)`` and ``close()``. The ini settings it needs come from
``PHP_INI`` (``ini()``), so both hosts run PHP alike.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from ..kernel import NotReady
from .bridge import PHP_INI


def ini() -> str:
    """php.ini text for the worker's interpreters."""
    return "".join(f"{name}={value}\n" for name, value in PHP_INI.items())


class JsonHost:
    def __init__(self, host: Any) -> None:
        self.host = host
        self._answer: Callable[[dict], Any] | None = None

    def answer_json(self, text: str) -> str:
        """What the worker calls for each message PHP sends during an exchange."""
        assert self._answer is not None, "a PHP message outside an exchange"
        return json.dumps({"answer": self._answer(json.loads(text))}, ensure_ascii=False)

    def ready(self, key: str) -> None:
        if not self.host.ready(key):
            raise NotReady(key, lambda: self.prepare(key))

    async def prepare(self, key: str) -> None:
        await self.host.prepare(key)

    def exchange(self, key: str, request: dict, answer: Callable[[dict], Any]) -> dict:
        self._answer = answer
        try:
            return json.loads(self.host.exchange(key, json.dumps(request, ensure_ascii=False)))
        finally:
            self._answer = None

    def end(self, key: str) -> None:
        self.host.end(key)

    def close(self) -> None:
        self.host.close()


__all__ = ["JsonHost", "ini"]
