"""Ship what the browser runner loads on the reader's first Run, from the site itself:
the pinned Pyodide (npm package `pyodide`, package-lock.json), an archive of agentlab/
and a memory snapshot of Pyodide with agentlab imported (hooks/pyodide_snapshot.mjs,
made with Node at build time and cached); for the first PHP Run, PHP 8.3 compiled to
WebAssembly (npm package `php-wasm`: its web loader and the one binary it names); for the
first Edit, the code editor (hooks/code_editor). Pyodide's, PHP's and agentlab's names carry
a version or a hash, so a browser never mixes a cached old copy with a new page.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from code_editor import write_editor_bundle
from example_run import AGENTLAB, agentlab_digest, agentlab_sources
from exercises import write_exercise_assets
from i18n_site import languages

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
SNAPSHOT_SCRIPT = Path(__file__).resolve().parent / "pyodide_snapshot.mjs"
SNAPSHOT_CACHE = ROOT / ".cache" / "pyodide-snapshot"
# Where agentlab lives inside Pyodide's file system: the snapshot imported it from
# there, so the worker unpacks the archive to the same place.
PYODIDE_LIB_DIR = "/home/pyodide/lib"
# What loadPyodide() fetches for the standard library alone (no extra packages).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PHP_WASM_PACKAGE = ROOT / "node_modules" / "php-wasm"
PHP_WASM_VERSION = "8.3"  # the PHP of the browser (php-cli at build time is Debian's 8.x)
# PhpWeb's modules and the licence; the binary is the one the loader names.
PHP_WASM_FILES = ("PhpWeb.mjs", "PhpBase.mjs", "webTransactions.mjs", "OutputBuffer.mjs", "_Event.mjs",
                  "fsOps.mjs", "resolveDependencies.mjs", f"php{PHP_WASM_VERSION}-web.mjs", "LICENSE", "NOTICE")
# A fixed date keeps the archive byte-identical between builds of the same sources.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def pyodide_version() -> str:
    manifest = PYODIDE_PACKAGE / "package.json"
    if not manifest.is_file():
        raise PluginError(f"{manifest} is missing: run `make install` (npm ci installs the pinned Pyodide)")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def pyodide_dir() -> str:
    """Pyodide's folder, relative to the site's assets/ (ends with a slash)."""
    return f"pyodide/{pyodide_version()}/"


def agentlab_zip() -> bytes:
    """agentlab/ as the browser imports it: the same files agentlab_digest() hashes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in agentlab_sources():
            info = zipfile.ZipInfo(f"agentlab/{path.relative_to(AGENTLAB).as_posix()}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def php_wasm_dir() -> str:
    """php-wasm's folder, relative to the site's assets/ (ends with a slash)."""
    manifest = PHP_WASM_PACKAGE / "package.json"
    if not manifest.is_file():
        raise PluginError(f"{manifest} is missing: run `make install` (npm ci installs the pinned php-wasm)")
    return f"php-wasm/{json.loads(manifest.read_text(encoding='utf-8'))['version']}/"


def php_wasm_files() -> list[str]:
    """The files the worker's PHP loads: PHP_WASM_FILES and the binary the loader names."""
    loader = (PHP_WASM_PACKAGE / f"php{PHP_WASM_VERSION}-web.mjs").read_text(encoding="utf-8")
    binaries = sorted(set(re.findall(r"[0-9a-f]{40}\.wasm", loader)))
    if len(binaries) != 1:
        raise PluginError(f"php{PHP_WASM_VERSION}-web.mjs names {len(binaries)} binaries, not one: "
                          "the pinned php-wasm changed; see package.json")
    return [*PHP_WASM_FILES, binaries[0]]


def agentlab_archive() -> str:
    """The archive's path, relative to the site's assets/; named by its sources' hash,
    so pages can name it without building it (that happens once, after the build)."""
    return f"agentlab/agentlab-{agentlab_digest()[:12]}.zip"


def _snapshot_key() -> str:
    parts = [pyodide_version(), agentlab_digest(),
             hashlib.sha256(SNAPSHOT_SCRIPT.read_bytes()).hexdigest(), PYODIDE_LIB_DIR]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


def snapshot_file() -> str:
    """The snapshot's path, relative to the site's assets/; named by what made it."""
    return f"agentlab/pyodide-{_snapshot_key()}.snapshot.gz"


def _snapshot(archive: Path) -> Path:
    """The snapshot for the current Pyodide and agentlab (archive: the site's copy of
    agentlab), made once and cached."""
    cached = SNAPSHOT_CACHE / f"{_snapshot_key()}.gz"
    if cached.is_file():
        return cached
    node = shutil.which("node")
    if node is None:
        raise PluginError("node is missing: the build makes Pyodide's snapshot with Node.js (make install)")
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    try:
        proc = subprocess.run([node, str(SNAPSHOT_SCRIPT), str(PYODIDE_PACKAGE), str(archive), PYODIDE_LIB_DIR,
                               str(partial)], capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            raise PluginError(f"{SNAPSHOT_SCRIPT.name} failed (exit code {proc.returncode}):\n"
                              f"{proc.stderr.strip()[-3000:]}")
        partial.replace(cached)  # atomic: a parallel build never reads half a file
    finally:
        partial.unlink(missing_ok=True)
    return cached


def on_post_build(config: MkDocsConfig) -> None:
    if languages(config).nested:  # once, into the site's root assets/
        return
    assets = Path(config.site_dir) / "assets"
    target = assets / pyodide_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = PYODIDE_PACKAGE / name
        if not source.is_file():
            raise PluginError(f"{source} is missing: the pinned Pyodide package changed; see package.json")
        shutil.copyfile(source, target / name)
    php_target = assets / php_wasm_dir()
    php_target.mkdir(parents=True, exist_ok=True)
    for name in php_wasm_files():
        shutil.copyfile(PHP_WASM_PACKAGE / name, php_target / name)
    write_exercise_assets(assets)
    write_editor_bundle(assets)
    archive = assets / agentlab_archive()
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_bytes(agentlab_zip())
    shutil.copyfile(_snapshot(archive), assets / snapshot_file())
