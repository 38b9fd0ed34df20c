"""Give Material's search dialog an accessible name.

Material renders the search as `<div class="md-search" role="dialog">` with no name
(Lighthouse: aria-dialog-name). The dialog takes the name its own search field already
has, in the page's language, so nothing is translated twice.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from every_html_page import every_html_page

DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
FIELD_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]+)"')


def _name_the_dialog(output: str, where: str, config: MkDocsConfig) -> str:
    label = FIELD_LABEL.search(output)
    if DIALOG not in output or label is None:
        raise PluginError(f"{where}: Material's search dialog markup changed; see hooks/search_dialog_label.py")
    return output.replace(DIALOG, DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)


on_post_page, on_post_template = every_html_page(_name_the_dialog)
