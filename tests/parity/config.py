"""mkdocs.yml: the i18n plugin must never fall back to the default language."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .findings import Finding, Place


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's custom tags (!ENV, !relative, python/name) as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def i18n_options(config: dict) -> dict | None:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"] or {}
        if plugin == "i18n":
            return {}
    return None


def line_of(text: str, pattern: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return number
    return 1


def check_config(path: Path, languages: tuple[str, ...]) -> list[Finding]:
    text = Path(path).read_text(encoding="utf-8")
    options = i18n_options(yaml.load(text, Loader=_Loader) or {})
    if options is None:
        return [Finding("config", "the i18n plugin is not configured", other=Place(path, line_of(text, r"^plugins:")))]
    findings = []
    if options.get("fallback_to_default", True) is not False:  # mkdocs-static-i18n's default is true
        line = line_of(text, r"fallback_to_default") if "fallback_to_default" in text else line_of(text, r"-\s*i18n\b")
        findings.append(Finding("config", "i18n fallback_to_default must be false: a missing translation "
                                "would silently show the default language", other=Place(path, line)))
    configured = tuple(entry.get("locale") for entry in options.get("languages") or [] if isinstance(entry, dict))
    if sorted(configured) != sorted(languages):
        findings.append(Finding("config", f"i18n languages are {', '.join(configured) or 'none'}, "
                                f"the check expects {', '.join(languages)}",
                                other=Place(path, line_of(text, r"^\s*languages:"))))
    return findings
