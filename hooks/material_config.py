"""Edit the config Material writes into every page (`<script id="__config">`): the
hooks that change where its search looks share this one way to read and write it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from mkdocs.exceptions import PluginError

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def edit_material_config(output: str, where: str, change: Callable[[dict], None]) -> str:
    """`change` edits the parsed config in place; `where` names the page for the error."""
    def rewrite(match: re.Match) -> str:
        material_config = json.loads(match.group(2))
        change(material_config)
        return match.group(1) + json.dumps(material_config, ensure_ascii=False) + match.group(3)

    output, count = CONFIG_SCRIPT.subn(rewrite, output, count=1)
    if count != 1:
        raise PluginError(f"{where}: Material's __config script not found; the theme changed")
    return output
