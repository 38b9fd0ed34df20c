"""The site's link checker: every link of the built HTML, both languages, CSS and sitemaps.

    python -m tests.linkcheck SITE_DIR [--base-path P] [--site-url URL] [--external]
                             [--cache FILE] [--cache-age S] [--timeout S] [--jobs N]

What counts as a link: every URL attribute (href, src, srcset, poster, data), CSS url()
and @import, sitemap <loc>, a <meta> refresh's URL and the social preview images
(og:image, twitter:image). An <img> with an empty src and no srcset is reported (it is
always a broken image). A fragment must name an id of its page, except the text of a
text fragment (`#:~:text=...`, alone or after an id); mailto: and tel: (RFC 3966, with
pauses and parameters) are checked for their form.

Modules, one job each: `extract` (links and anchors with their lines), `site` (resolve a
link against the files of the site), `external` (HTTP checks and their cache), `core`
(check a whole site), `cli` (arguments and the report).
"""

from .core import Result, check_site
from .site import Broken
from .cli import main

__all__ = ["Broken", "Result", "check_site", "main"]
