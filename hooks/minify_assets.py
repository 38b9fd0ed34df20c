"""The course's own scripts and styles, minified in the built site by esbuild (npm, pinned;
the editor's bundler). docs/ keeps them readable; the reader downloads a lesson page's
scripts and styles at about half their gzip size, which keeps a lesson under its budget
of 150 KB before any Run or Edit (bench/pages.py).

Only the files docs/assets/ holds: the theme's files are minified already, and the
editor's bundle (hooks/code_editor) is made minified. esbuild changes no name a file
shares with another (top-level names of classic scripts stay), and the same sources give
the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from code_editor import ROOT, run_esbuild
from i18n_site import languages

SOURCES = ROOT / "docs" / "assets"
KINDS = ("js", "css")


def own_assets() -> list[Path]:
    """The scripts and styles of docs/assets/, relative to it."""
    return sorted(path.relative_to(SOURCES) for kind in KINDS for path in SOURCES.rglob(f"*.{kind}"))


@event_priority(-300)  # last: after every hook that writes into assets/
def on_post_build(config: MkDocsConfig) -> None:
    if languages(config).nested:  # once, into the site's root assets/
        return
    assets = Path(config.site_dir) / "assets"
    built = [assets / path for path in own_assets()]
    missing = [str(path) for path in built if not path.is_file()]
    if missing:
        raise PluginError(f"not in the site, to minify: {', '.join(missing)}")
    run_esbuild([*map(str, built), "--allow-overwrite", f"--outbase={assets}", f"--outdir={assets}"],
                "minify the course's assets")
