"""The example editor (CodeMirror 6, npm, pinned in package-lock.json), bundled at build
time by esbuild into files the site serves itself: one entry per language (python.js,
php.js, toml.js, plain.js: the .mjs files here beside editor.mjs, their common core),
which runner.js imports on the reader's first Edit of that language; a page that is
only read never loads any of it.

The bundle is cached under .cache/editor/, keyed by what makes it (editor.mjs and the
lock file, which pins esbuild too): a warm build copies it, and the same sources give
the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORE = "editor.mjs"  # imported by the entries, never loaded alone
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
LOCK = ROOT / "package-lock.json"
CACHE = ROOT / ".cache" / "editor"
# Where runner.js finds it: beside itself (assets/js/runner/), like worker.js; with the
# licences of the packages in it (MIT: their notices go with the copy).
SITE_DIR = Path("js") / "runner" / "editor"
LICENSES = "LICENSES.txt"


def _entries() -> list[Path]:
    return sorted(p for p in HERE.glob("*.mjs") if p.name != CORE)


def _key() -> str:
    digest = hashlib.sha256()
    for path in (*sorted(HERE.glob("*.mjs")), LOCK):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _licenses(metafile: Path) -> str:
    """Each bundled package's name, version and LICENSE file, from esbuild's metafile."""
    packages = set()
    for source in json.loads(metafile.read_text(encoding="utf-8"))["inputs"]:
        parts = Path(source).parts
        if "node_modules" in parts:
            at = parts.index("node_modules") + 1
            name_parts = parts[at:at + 2] if parts[at].startswith("@") else parts[at:at + 1]
            packages.add(ROOT / "node_modules" / Path(*name_parts))
    texts = []
    for folder in sorted(packages):
        manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        licence = next((p for p in sorted(folder.iterdir()) if p.name.upper().startswith(("LICENSE", "LICENCE"))), None)
        if licence is None:
            raise PluginError(f"{folder.relative_to(ROOT)} has no LICENSE file to ship with the editor's bundle")
        texts.append(f"{manifest['name']} {manifest['version']} ({manifest.get('license', '?')})\n\n"
                     + licence.read_text(encoding="utf-8").strip() + "\n")
    return ("The example editor (the files beside this one) bundles these packages:\n\n"
            + "\n" + ("\n" + "-" * 72 + "\n\n").join(texts))


def run_esbuild(args: list[str], what: str) -> None:
    """esbuild (npm, pinned) with `args`, from the project's root; `what` it does, for the error."""
    if not ESBUILD.is_file():
        raise PluginError(f"{ESBUILD} is missing: run `make install` (npm ci installs the pinned esbuild)")
    proc = subprocess.run([str(ESBUILD), *args, "--minify", "--legal-comments=none", "--log-level=warning"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise PluginError(f"esbuild could not {what}:\n{proc.stderr.strip()[-3000:]}")


def _bundle() -> Path:
    """The bundle's folder for the current sources (with its licences), made once and cached."""
    key = _key()
    cached = CACHE / key
    if cached.is_dir():
        return cached
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = CACHE / f"{key}.{os.getpid()}.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    metafile = CACHE / f"{key}.{os.getpid()}.meta.json"
    try:
        run_esbuild([*map(str, _entries()), "--bundle", "--splitting", "--format=esm", "--target=es2020",
                     "--entry-names=[name]", "--chunk-names=[name]-[hash]",
                     f"--metafile={metafile}", f"--outdir={partial}"], f"bundle {HERE.relative_to(ROOT)}")
        (partial / LICENSES).write_text(_licenses(metafile), encoding="utf-8")
        # Atomic: a parallel build never reads half a bundle; if one was first, its bundle is the same.
        with contextlib.suppress(OSError):
            partial.rename(cached)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
        metafile.unlink(missing_ok=True)
    return cached


def write_editor_bundle(assets: Path) -> None:
    """Put the editor's bundle into the site's assets/."""
    target = assets / SITE_DIR
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(_bundle(), target)
