"""Run one example of the course under CPython, as a reader would.

An example is a file in snippets/: `python FILE` for a script, `python -m agentlab
run FILE --format report` for a scenario, and for a PHP agent file `python -m agentlab
run SCENARIO --format report`, where SCENARIO is the .toml of the same name beside it
(`php = "FILE"`: its traffic and time span; php-cli runs the PHP). The page's language goes in through
AGENTLAB_LANG. The build, the tests and (through the page's data-argv) the browser
runner use the same command. Build results are cached by the hash of the example,
of agentlab/ and of the command, so an unchanged example does not run again.

Standalone on purpose (no imports from the other hooks): the tests import it too.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
AGENTLAB = ROOT / "agentlab"
CACHE_DIR = ROOT / ".cache" / "examples"
# Far above any example's run time: only a runaway example reaches it.
TIMEOUT_SECONDS = 60

# What follows `python` for each kind of example; {file} is the example's file name,
# run from its own folder (the browser runner does the same in Pyodide's file system).
COMMANDS = {
    ".py": ["{file}"],
    ".toml": ["-m", "agentlab", "run", "{file}", "--format", "report"],
    ".php": ["-m", "agentlab", "run", "{scenario}", "--format", "report"],
}


class ExampleError(Exception):
    """An example that cannot run or that failed: the message names it."""


def command_for(example: str) -> list[str]:
    """The command (after `python`) of an example, with {file} left in."""
    suffix = Path(example).suffix
    if suffix not in COMMANDS:
        raise ExampleError(f"{example}: an example is a {' or '.join(COMMANDS)} file")
    return list(COMMANDS[suffix])


def scenario_of(example: str) -> str:
    """The scenario beside a PHP example (lesson/name.php -> lesson/name.toml)."""
    return str(Path(example).with_suffix(".toml").as_posix())


def examples_in(snippets: Path) -> list[str]:
    """Every runnable example under snippets/: scripts, scenarios, and the PHP files
    that have a scenario (which is then part of the PHP example, not one of its own)."""
    found = []
    for path in sorted(snippets.rglob("*")):
        if path.suffix not in COMMANDS:
            continue
        example = path.relative_to(snippets).as_posix()
        if path.suffix == ".php" and not path.with_suffix(".toml").is_file():
            continue  # a Bitrix original that does not run
        if (path.parent / "check.py").is_file() and path.stem != path.parent.name:
            continue  # an exercise's check, solution or wrong fixture: only its starter runs
        if path.suffix == ".toml" and path.with_suffix(".php").is_file():
            continue
        found.append(example)
    return found


def agentlab_sources() -> list[Path]:
    """agentlab's files as the examples use them: its Python and its PHP environment
    (what the digest hashes and what the browser's archive holds)."""
    return sorted(p for p in AGENTLAB.rglob("*") if p.suffix in (".py", ".php"))


def agentlab_digest() -> str:
    """Hash of the emulator's sources (Python and its PHP environment): a change
    there reruns every example."""
    digest = hashlib.sha256()
    for path in agentlab_sources():
        digest.update(path.relative_to(AGENTLAB).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def php_version() -> str:
    """The build's PHP (its version is part of a PHP example's cache key)."""
    try:
        return subprocess.run(["php", "-r", "echo PHP_VERSION;"], capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS).stdout
    except OSError:
        raise ExampleError("PHP examples need php-cli (Debian: apt-get install -y php-cli)") from None


def _cache_key(example: str, lang: str, argv: list[str], source: bytes, agentlab: str) -> str:
    parts = [example, lang, argv, hashlib.sha256(source).hexdigest(), agentlab, list(sys.version_info[:2])]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _invocation(example: str) -> tuple[Path, list[str], bytes]:
    """The example's file, its command after `python`, and every byte its output depends on
    besides agentlab: the file, and for PHP its scenario and the PHP version."""
    path = SNIPPETS / example
    if not path.is_file():
        raise ExampleError(f"{example}: no such file in {SNIPPETS}")
    argv = [arg.replace("{file}", path.name) for arg in command_for(example)]
    source = path.read_bytes()
    if path.suffix == ".php":
        scenario = SNIPPETS / scenario_of(example)
        if not scenario.is_file():
            raise ExampleError(f"{example}: a PHP example runs with its scenario, {scenario_of(example)}; "
                               "there is no such file")
        argv = [arg.replace("{scenario}", scenario.name) for arg in argv]
        source += b"\0" + scenario.read_bytes() + b"\0" + php_version().encode()
    return path, argv, source


def _cache_file(example: str, lang: str, agentlab: str | None) -> tuple[Path, list[str], Path]:
    path, argv, source = _invocation(example)
    key = _cache_key(example, lang, argv, source, agentlab or agentlab_digest())
    return path, argv, CACHE_DIR / f"{key}.txt"


def cached_output(example: str, lang: str, *, agentlab: str | None = None) -> str | None:
    """The example's stdout in `lang` from the cache, or None if it has to run.
    `agentlab`: agentlab_digest(), when the caller has it already (the build: once per build)."""
    cached = _cache_file(example, lang, agentlab)[2]
    try:
        return cached.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def run_example(example: str, lang: str, *, use_cache: bool = True, agentlab: str | None = None) -> str:
    """The example's stdout in `lang`. Raises ExampleError if the file is missing, the
    run fails, writes to stderr (the page would hide it) or passes the time limit."""
    path, argv, cached = _cache_file(example, lang, agentlab)
    if use_cache and cached.is_file():
        return cached.read_text(encoding="utf-8")

    env = dict(os.environ, AGENTLAB_LANG=lang, PYTHONIOENCODING="utf-8", PYTHONUTF8="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    try:
        proc = subprocess.run([sys.executable, *argv], cwd=path.parent, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise ExampleError(f"{example} ({lang}): still running after {TIMEOUT_SECONDS} s") from None
    if proc.returncode != 0 or proc.stderr:
        what = f"exit code {proc.returncode}" if proc.returncode else "wrote to stderr"
        raise ExampleError(f"{example} ({lang}): {what}\n{proc.stderr.rstrip()[-3000:]}")

    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(proc.stdout, encoding="utf-8")
    partial.replace(cached)  # atomic: a parallel build never reads half a file
    return proc.stdout
