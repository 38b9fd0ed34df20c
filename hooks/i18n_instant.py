"""Language switch and instant navigation.

mkdocs-static-i18n warns that Material's language menu keeps the first page's
links after instant navigation. docs/assets/js/language-switch.js fixes that: it
points the menu at the current page's hreflang alternates and makes the switch a
full page load, so the other language's search index and UI strings load too.
The warning describes a problem that no longer exists here, and under
`strict: true` it would fail the build, so this one message is dropped.
"""

import logging

STALE_WARNING = "language switcher contextual link is not compatible with theme.features = navigation.instant"


class _DropStaleWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return STALE_WARNING not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_DropStaleWarning())
