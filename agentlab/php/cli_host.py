"""php-cli as the host of PHP agents (the build, the tests, a reader's terminal).

Each interpreter is one ``php bitrix.php`` process serving JSON lines on its stdin and
stdout (the serve loop at the end of bitrix.php). Not for Pyodide: it starts
processes; the browser gives its own host.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable

ENVIRONMENT_FILE = Path(__file__).with_name("bitrix.php")
# The reader's PHP sees no other site and writes nowhere: no URL wrappers, and none
# of the functions that open sockets or start programs.
PHP_SETTINGS = {
    "display_errors": "0", "log_errors": "0", "html_errors": "0", "error_reporting": "E_ALL",
    "allow_url_fopen": "0", "allow_url_include": "0", "memory_limit": "128M",
    "disable_functions": ",".join([
        "exec", "shell_exec", "system", "passthru", "popen", "proc_open", "pcntl_exec", "mail",
        "fsockopen", "pfsockopen", "stream_socket_client", "stream_socket_server", "socket_create",
        "curl_init", "curl_multi_init"]),
}


class PhpUnavailable(RuntimeError):
    """No PHP interpreter on this machine."""


class PhpCliHost:
    """Interpreters as php-cli processes, one per key, started on first use."""

    def __init__(self, php: str | None = None) -> None:
        found = php or shutil.which("php")
        if not found:
            raise PhpUnavailable("PHP agents need a PHP interpreter: install php-cli "
                                 "(Debian: apt-get install -y php-cli)")
        self.php = found
        self._processes: dict[str, subprocess.Popen] = {}

    def _process(self, key: str) -> subprocess.Popen:
        process = self._processes.get(key)
        if process is None or process.poll() is not None:
            settings = [arg for name, value in PHP_SETTINGS.items() for arg in ("-d", f"{name}={value}")]
            process = self._processes[key] = subprocess.Popen(
                [self.php, "-n", *settings, str(ENVIRONMENT_FILE)], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
        return process

    def exchange(self, key: str, request: dict, answer: Callable[[dict], Any]) -> dict:
        process = self._process(key)
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            process.stdin.flush()
        except BrokenPipeError:
            return {"fatal": self._ended(key)}
        while True:
            line = process.stdout.readline()
            if not line:
                return {"fatal": self._ended(key)}
            message = json.loads(line)
            if "done" in message:
                return message["done"]
            reply = answer(message)
            process.stdin.write(json.dumps({"answer": reply}, ensure_ascii=False) + "\n")
            process.stdin.flush()

    def _ended(self, key: str) -> str:
        """What a process that stopped answering left on stderr."""
        process = self._processes.pop(key)
        _, err = process.communicate(timeout=10)
        return (err or "").strip() or f"the PHP process ended (exit code {process.returncode})"

    def end(self, key: str) -> None:
        process = self._processes.pop(key, None)
        if process is not None:
            process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            for stream in (process.stdout, process.stderr):
                stream.close()

    def close(self) -> None:
        for key in list(self._processes):
            self.end(key)
