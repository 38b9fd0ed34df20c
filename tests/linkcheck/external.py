"""External links over HTTP: HEAD then GET, redirects, 429, timeouts, a cache with an age."""

from __future__ import annotations

import email.utils
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

USER_AGENT = "course-linkcheck/1.0 (+https://www.mkdocs.org)"
REDIRECTS = {301, 302, 303, 307, 308}
BOT_WALLS = {403, 999}


@dataclass
class Outcome:
    ok: bool
    reason: str = ""                 # why it failed, or "" when ok
    redirected_to: str | None = None
    cached: bool = False


class CacheError(Exception):
    """The cache file of external results cannot be read or written (bad usage: exit 2)."""


class Cache:
    """URL -> time of the last success. Failures are never stored, so always rechecked."""

    def __init__(self, path: Path | None, max_age: float):
        self.path, self.max_age = path, max_age
        self.entries: dict[str, dict] = {}
        if path is not None and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(data, dict):
                    raise ValueError("not a JSON object")
            except (OSError, ValueError) as error:
                raise CacheError(f"cache file {path} is unreadable: {error}") from None
            self.entries = data

    def fresh(self, url: str) -> Outcome | None:
        entry = self.entries.get(url)
        if isinstance(entry, dict) and time.time() - entry.get("checked", 0) < self.max_age:
            return Outcome(True, redirected_to=entry.get("redirected_to"), cached=True)
        return None

    def store(self, url: str, outcome: Outcome) -> None:
        if outcome.ok and not outcome.cached:
            self.entries[url] = {"checked": time.time(), "redirected_to": outcome.redirected_to}
        elif not outcome.ok:
            self.entries.pop(url, None)

    def save(self) -> None:
        if self.path is not None:
            self.path.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Checker:
    def __init__(self, timeout: float = 10.0, max_redirects: int = 5, per_host: int = 4,
                 workers: int = 16, retries: int = 2, max_retry_after: float = 30.0):
        self.timeout, self.max_redirects, self.retries = timeout, max_redirects, retries
        self.per_host, self.workers, self.max_retry_after = per_host, workers, max_retry_after
        self._host_locks: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
        return session

    def _host(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            return self._host_locks.setdefault(host, threading.Semaphore(self.per_host))

    def _request(self, method: str, url: str) -> requests.Response:
        """One request with retries on timeouts and on 429 (honouring Retry-After)."""
        attempts_429 = 0
        attempts_timeout = 0
        while True:
            try:
                with self._host(url):
                    response = self._session().request(
                        method, url, timeout=self.timeout, allow_redirects=False, stream=True)
                    response.close()
            except (requests.Timeout, requests.ConnectionError) as error:
                if isinstance(error, requests.Timeout) and attempts_timeout < self.retries:
                    attempts_timeout += 1
                    continue
                raise
            if response.status_code == 429 and attempts_429 < self.retries:
                wait = retry_after(response.headers.get("Retry-After"))
                if wait is None:
                    wait = 1.0 * (attempts_429 + 1)
                if wait <= self.max_retry_after:
                    attempts_429 += 1
                    time.sleep(wait)
                    continue
            return response

    def check(self, url: str) -> Outcome:
        try:
            return self._check(url)
        except requests.Timeout:
            return Outcome(False, f"timeout after {self.retries + 1} attempts of {self.timeout:g}s")
        except requests.ConnectionError as error:
            return Outcome(False, f"connection failed ({type(error).__name__})")
        except (requests.RequestException, ValueError) as error:
            return Outcome(False, f"request failed ({error})")

    def _check(self, url: str) -> Outcome:
        seen = [url]
        current = url
        method = "HEAD"
        while True:
            response = self._request(method, current)
            status = response.status_code
            if method == "HEAD" and status in (405, 501, 400, 403, 404, 999):
                # HEAD refused or mishandled: ask again with GET before judging
                method = "GET"
                response = self._request(method, current)
                status = response.status_code
            if status in REDIRECTS and response.headers.get("Location"):
                target = urljoin(current, response.headers["Location"])
                if target in seen:
                    return Outcome(False, "redirect loop: " + " → ".join(seen + [target]))
                if len(seen) - 1 >= self.max_redirects:
                    return Outcome(False, f"more than {self.max_redirects} redirects: "
                                   + " → ".join(seen))
                seen.append(target)
                current = target
                method = "HEAD"
                continue
            redirected = current if current != url else None
            via = f" (redirected to {current})" if redirected else ""
            if 200 <= status < 300:
                return Outcome(True, redirected_to=redirected)
            if status == 429:
                wait = response.headers.get("Retry-After")
                return Outcome(False, f"HTTP 429 rate limited (Retry-After: {wait}){via}")
            if status in BOT_WALLS:
                return Outcome(False, f"HTTP {status} refused (bot wall?){via}")
            return Outcome(False, f"HTTP {status}{via}")

    def check_all(self, urls: list[str], cache: Cache) -> dict[str, Outcome]:
        results: dict[str, Outcome] = {}
        todo = []
        for url in urls:
            hit = cache.fresh(url)
            if hit is not None:
                results[url] = hit
            else:
                todo.append(url)
        if todo:
            with ThreadPoolExecutor(max_workers=min(self.workers, len(todo))) as pool:
                for url, outcome in zip(todo, pool.map(self.check, todo)):
                    results[url] = outcome
        for url, outcome in results.items():
            cache.store(url, outcome)
        return results
