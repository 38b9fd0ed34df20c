"""Facts written the same way in every language, found in a page's prose.

Inline code spans, URLs (and bare domain names), file paths, API names and
digit-written numbers: a translation changes the words around them, never them.
Each fact keeps the offset it was found at, so a finding can name its line.
Links and images are found here too (they are inline), as the targets they point to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?P<code>.+?)(?<!`)\1(?!`)", re.S)
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
REFERENCE_LINK = re.compile(r"(?<![!\]])\[(?P<text>[^\]]+)\]\[(?P<label>[^\]]*)\]")
AUTOLINK = re.compile(r"<(?P<target>(?:https?|ftp|mailto):[^>\s]+)>")
URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\"'«»]+[^\s<>()\"'«».,;:!?]")
ATTR_LIST = re.compile(r"\{:?\s*(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))(?:\s+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*\s*\}")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
DOMAIN = re.compile(r"(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:com|ru|org|net|io|dev|info|edu|gov|de|uk|by|kz|ua)(?![\w-])")
PATH = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?:~|\.{1,2})?/[A-Za-z0-9_.<>~-]+(?:/[A-Za-z0-9_.<>~-]+)*/?"  # /absolute, ./relative, ~/home
    r"|[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+){2,}/?"  # a/b/c
    r"|(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.(?:php|md|py|toml|txt|json|ya?ml|js|css|svg|png|jpe?g|gif|html?|sh|ini|log|xml|sql|csv)"
    r")(?![\w/])"
)
API_NAME = re.compile(
    r"(?<![\w$])(?:"
    r"\$[A-Za-z_][A-Za-z0-9_]*"  # $VARIABLE
    r"|[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)+(?:\(\))?"  # Class::method
    r"|[A-Za-z_][A-Za-z0-9_]*\(\)"  # function()
    r"|[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9]"  # snake_case, CONSTANT_NAME
    r"|[A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*"
    r"|[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*"  # camelCase, PascalCase, MySQL
    r")(?![\w])"
)
# Digit groups split by a (narrow, thin or ordinary) space are one number in Russian typography,
# by a no-break or thin space in English; the grouped form comes first so it wins.
GROUPED = {"ru": "[\u00a0\u202f\u2009 ]", "en": "[\u00a0\u202f\u2009]"}
NUMBER = {
    lang: re.compile(rf"(?<![\w.,:])(?:\d{{1,3}}(?:{space}\d{{3}})+(?![\d.,])|\d+(?:[.,:]\d+)*)")
    for lang, space in GROUPED.items()
}
LANGUAGE_SUFFIX = re.compile(r"\.(?:ru|en)(?=\.\w+(?:[#?].*)?$)")

KINDS = ("numbers", "inline code", "file paths", "API names", "URLs")


@dataclass(frozen=True)
class Fact:
    kind: str  # one of KINDS, or "link"/"image" for inline structure
    value: str
    offset: int


def normalise_number(token: str, lang: str) -> str:
    """The value of a digit-written number, whatever the language's typography.

    "10 000" (ru) and "10,000" (en) are both 10000; "1,5" (ru) and "1.5" (en) are both 1.5;
    dates, versions and times ("31.10.2022", "20.5.0", "09:30") are kept as written.
    """
    token = re.sub(r"[\u00a0\u202f\u2009 ]", "", token)
    separators = re.findall(r"[.,:]", token)
    if len(separators) != 1:
        if lang == "en" and separators and set(separators) == {","} and re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
            return token.replace(",", "")
        return token
    if separators == [","]:
        if lang == "en" and re.fullmatch(r"\d{1,3},\d{3}", token):
            return token.replace(",", "")
        return token.replace(",", ".")
    return token


def normalise_target(target: str) -> str:
    """A link or image target with any language suffix dropped: assets/x.ru.svg is assets/x.svg."""
    return LANGUAGE_SUFFIX.sub("", target)


def mask(text: str, start: int, end: int) -> str:
    """Blank out text[start:end], keeping its length and newlines so offsets and lines stay."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


@dataclass
class Inline:
    facts: list[Fact]
    prose: str  # the text with code, URLs, targets, markup, paths and API names blanked out
    external_link_text: list[tuple[int, int]]  # spans of link text pointing to another site


def scan_inline(text: str, lang: str) -> Inline:
    facts: list[Fact] = []
    external: list[tuple[int, int]] = []

    for m in CODE_SPAN.finditer(text):
        facts.append(Fact("inline code", re.sub(r"\s+", " ", m.group("code").strip()), m.start()))
        text = mask(text, m.start(), m.end())
    for m in IMAGE.finditer(text):
        facts.append(Fact("image", normalise_target(m.group("target")), m.start()))
        text = mask(text, m.start("target") - 2, m.end())
        text = mask(text, m.start(), m.start() + 2)
    for m in LINK.finditer(text):
        target = m.group("target")
        facts.append(Fact("link", normalise_target(target), m.start()))
        if URL.fullmatch(target):
            facts.append(Fact("URLs", target, m.start()))
            external.append((m.start("text"), m.end("text")))
        text = mask(text, m.start("target") - 2, m.end())
        text = mask(text, m.start(), m.start() + 1)
    for m in REFERENCE_LINK.finditer(text):
        facts.append(Fact("link", f"[{m.group('label') or m.group('text')}]", m.start()))
        text = mask(text, m.end("text"), m.end())
        text = mask(text, m.start(), m.start() + 1)
    for m in AUTOLINK.finditer(text):
        facts.append(Fact("link", m.group("target"), m.start()))
        facts.append(Fact("URLs", m.group("target"), m.start()))
        text = mask(text, m.start(), m.end())
    for m in URL.finditer(text):
        facts.append(Fact("URLs", m.group(), m.start()))
        text = mask(text, m.start(), m.end())
    for pattern in (ATTR_LIST, HTML_TAG):
        for m in pattern.finditer(text):
            text = mask(text, m.start(), m.end())
    for kind, pattern in (("URLs", DOMAIN), ("file paths", PATH), ("API names", API_NAME)):
        for m in pattern.finditer(text):
            facts.append(Fact(kind, m.group(), m.start()))
            text = mask(text, m.start(), m.end())
    for m in NUMBER[lang].finditer(text):
        facts.append(Fact("numbers", normalise_number(m.group(), lang), m.start()))
    facts.sort(key=lambda f: f.offset)
    return Inline(facts, text, external)
