"""php-cli as the host of PHP agents (the build, the tests, a reader's terminal).

Each interpreter is one ``php bitrix.php OUT IN`` process: JSON lines out on file
descriptor OUT and in on IN, two pipes of their own, so nothing the reader's code does
with stdin, stdout or stderr can break the conversation (stdout and stderr go to a
file, read when the process ends). Not for Pyodide: it starts processes; the browser
gives its own host.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any, Callable

from .bridge import PHP_INI

ENVIRONMENT_FILE = Path(__file__).with_name("bitrix.php")
class PhpUnavailable(RuntimeError):
    """No PHP interpreter on this machine."""


class _Process:
    """One php-cli interpreter and its two pipes."""

    def __init__(self, php: str) -> None:
        out_read, out_write = os.pipe()  # PHP -> host
        in_read, in_write = os.pipe()  # host -> PHP
        self.output: IO[bytes] = tempfile.TemporaryFile()  # the reader's stdout and stderr
        settings = [arg for name, value in PHP_INI.items() for arg in ("-d", f"{name}={value}")]
        self.popen = subprocess.Popen(
            [php, "-n", *settings, str(ENVIRONMENT_FILE), str(out_write), str(in_read)],
            stdin=subprocess.DEVNULL, stdout=self.output, stderr=self.output, pass_fds=(out_write, in_read))
        os.close(out_write)
        os.close(in_read)
        self.messages = os.fdopen(out_read, "r", encoding="utf-8")
        self.requests = os.fdopen(in_write, "w", encoding="utf-8")

    def send(self, message: dict) -> None:
        self.requests.write(json.dumps(message, ensure_ascii=False) + "\n")
        self.requests.flush()

    def end(self) -> str:
        """Stop the process; what it wrote on stdout and stderr."""
        for stream in (self.requests, self.messages):
            try:
                stream.close()
            except OSError:  # a pipe the process already closed
                pass
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
        self.output.seek(0)
        written = self.output.read().decode("utf-8", "replace")
        self.output.close()
        return written


class PhpCliHost:
    """Interpreters as php-cli processes, one per key, started on first use."""

    def __init__(self, php: str | None = None) -> None:
        found = php or shutil.which("php")
        if not found:
            raise PhpUnavailable("PHP agents need a PHP interpreter: install php-cli "
                                 "(Debian: apt-get install -y php-cli)")
        self.php = found
        self._processes: dict[str, _Process] = {}

    def ready(self, key: str) -> None:
        """php-cli starts an interpreter at once, when it is first used."""

    async def prepare(self, key: str) -> None:
        """Never needed: ``ready`` never says no."""

    def exchange(self, key: str, request: dict, answer: Callable[[dict], Any]) -> dict:
        process = self._processes.get(key)
        if process is None:
            process = self._processes[key] = _Process(self.php)
        try:
            process.send(request)
            while True:
                line = process.messages.readline()
                if not line:
                    return {"fatal": self._ended(key)}
                message = json.loads(line)
                if "done" in message:
                    return message["done"]
                process.send({"answer": answer(message)})
        except BrokenPipeError:
            return {"fatal": self._ended(key)}
        except BaseException:
            # The kernel failed while PHP waits for its answer: this conversation
            # cannot go on, so the interpreter ends with it.
            self.end(key)
            raise

    def _ended(self, key: str) -> str:
        """The message of a process that stopped answering."""
        process = self._processes.pop(key)
        written = process.end().strip()
        return written or f"the PHP process ended (exit code {process.popen.returncode})"

    def end(self, key: str) -> None:
        process = self._processes.pop(key, None)
        if process is not None:
            process.end()

    def close(self) -> None:
        for key in list(self._processes):
            self.end(key)

    @property
    def running(self) -> int:
        """How many interpreters are alive (the tests check that a run leaves none)."""
        return sum(1 for p in self._processes.values() if p.popen.poll() is None)
