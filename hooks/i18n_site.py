"""What the site needs to know about its languages, in one place for the hooks."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class Languages:
    default: str
    current: str
    # URL prefix of each language's pages inside the site ("" for the default one).
    prefixes: dict[str, str]
    # True while mkdocs-static-i18n is inside the nested build of another language.
    nested: bool

    @property
    def current_prefix(self) -> str:
        return self.prefixes[self.current]


def languages(config: MkDocsConfig) -> Languages:
    i18n = config.plugins["i18n"]
    default = i18n.default_language
    prefixes = {
        lang.locale: "" if lang.locale == default else lang.link.strip("/") + "/"
        for lang in i18n.config.languages
        if lang.build
    }
    return Languages(
        default=default,
        current=i18n.current_language,
        prefixes=prefixes,
        nested=bool(getattr(i18n, "building", False)),
    )
