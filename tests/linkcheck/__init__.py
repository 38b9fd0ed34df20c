"""The site's link checker: every link of the built HTML, both languages, CSS and sitemaps.

    python -m tests.linkcheck SITE_DIR [--base-path P] [--site-url URL] [--external]
                             [--cache FILE] [--cache-age S] [--timeout S] [--jobs N]

Modules, one job each: `extract` (links and anchors with their lines), `site` (resolve a
link against the files of the site), `external` (HTTP checks and their cache), `core`
(check a whole site), `cli` (arguments and the report).
"""

from .core import Result, check_site
from .site import Broken
from .cli import main

__all__ = ["Broken", "Result", "check_site", "main"]
