"""Links and anchors of one HTML page or CSS file, each with its source line.

A single regular-expression scan over the tags: it gives exact line numbers
(selectolax gives none) at a fraction of `html.parser`'s cost, and it copes
with minified HTML (unquoted attributes) and junk without raising.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"                       # comment (an unclosed one runs to the end)
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>"                            # doctype, processing instruction
    r"|<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp"}
_RAW_END = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in _RAW_TEXT}
_VERBATIM = {"pre", "code"}
# url(...) and @import "..." in CSS; comments are removed first (same length, lines kept).
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)

# element -> attributes holding one URL
_URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",),
    "script": ("src",), "source": ("src",), "iframe": ("src",), "embed": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "object": ("data",), "input": ("src",),
}
_SRCSET_TAGS = {"img", "source"}
_INTERESTING = set(_URL_ATTRS) | {"base", "pre", "code", "meta"}
# <meta> that carries a URL: a refresh (redirect pages) and the social preview images.
_META_IMAGES = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"}
_REFRESH = re.compile(r"""^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*?)\1\s*$""", re.I | re.S)
# <link rel=...> values that are hints to a host, not resources of the page
_LINK_HINTS = {"preconnect", "dns-prefetch"}


@dataclass
class Link:
    line: int
    url: str          # as written (entities decoded, whitespace trimmed)
    kind: str         # "a[href]", "img[srcset]", "css url()" …


@dataclass
class Page:
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    base: str | None = None   # the first <base href>


def _attrs(raw: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        name = m.group(1).lower()
        if name in attrs:          # HTML keeps the first occurrence
            continue
        value = m.group(2)
        if value is None:
            value = m.group(3) if m.group(3) is not None else (m.group(4) or "")
        attrs[name] = html.unescape(value) if "&" in value else value
    return attrs


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset: `a.png 1x, b.png 2x`, `a.png 480w`, a URL may hold commas."""
    urls, pos, n = [], 0, len(value)
    while pos < n:
        while pos < n and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < n and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if url.endswith(","):      # a candidate without a descriptor
            url = url.rstrip(",")
        else:                      # skip the descriptor up to the next comma
            while pos < n and value[pos] != ",":
                pos += 1
        if url:
            urls.append(url)
    return urls


EMPTY_IMG = "img[src] (empty)"


def meta_links(attrs: dict[str, str], line: int) -> list[Link]:
    """The URL of a <meta http-equiv="refresh" content="0; url=..."> or of a social
    preview image (og:image, twitter:image), as a link of the page."""
    content = attrs.get("content")
    if content is None:
        return []
    if attrs.get("http-equiv", "").lower() == "refresh":
        m = _REFRESH.match(content)
        url = m.group(2).strip() if m else ""
        return [Link(line, url, "meta[refresh]")] if url else []
    name = (attrs.get("property") or attrs.get("name") or "").lower()
    if name in _META_IMAGES and content.strip():
        return [Link(line, content.strip(), f"meta[{name}]")]
    return []


def css_links(text: str, first_line: int = 1, kind: str = "css url()") -> list[Link]:
    text = _CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    links, line, last = [], first_line, 0
    for m in _CSS_URL.finditer(text):
        url = next((g for g in m.groups() if g is not None), "").strip()
        line += text.count("\n", last, m.start())
        last = m.start()
        if url:
            links.append(Link(line, url, kind))
    return links


def parse_html(text: str) -> Page:
    page = Page()
    links, ids = page.links, page.ids
    verbatim = 0          # depth inside <pre>/<code>: what is there is text, not links
    line, last, pos = 1, 0, 0
    search = _TOKEN.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        pos = m.end()
        tag = m.group(2)
        if tag is None:
            continue
        tag = tag.lower()
        if m.group(1):                                   # end tag
            if tag in _VERBATIM and verbatim:
                verbatim -= 1
            continue
        line += text.count("\n", last, m.start())
        last = m.start()
        raw = m.group(3)
        if not raw or (tag not in _INTERESTING and "id" not in raw and "style" not in raw):
            attrs = {}          # most tags (highlighting spans) hold nothing to check
        else:
            attrs = _attrs(raw)
        self_closing = m.group(3).rstrip().endswith("/") if m.group(3) else False
        if "id" in attrs and attrs["id"]:
            ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            ids.add(attrs["name"])
        if tag in _VERBATIM and not self_closing:
            verbatim += 1
        if tag == "base" and page.base is None and "href" in attrs:
            page.base = attrs["href"].strip()
        if not verbatim:
            names = _URL_ATTRS.get(tag, ())
            if tag == "link":
                rel = set(attrs.get("rel", "").lower().split())
                if rel & _LINK_HINTS:
                    names = ()
            for name in names:
                value = attrs.get(name)
                if value is not None and (value.strip() or name == "href"):
                    links.append(Link(line, value.strip(), f"{tag}[{name}]"))
            if tag == "img" and not (attrs.get("src") or "").strip() and not attrs.get("srcset"):
                links.append(Link(line, attrs.get("src", ""), EMPTY_IMG))  # always a broken image
            if tag == "meta":
                links.extend(meta_links(attrs, line))
            if tag in _SRCSET_TAGS and attrs.get("srcset"):
                for url in srcset_urls(attrs["srcset"]):
                    links.append(Link(line, url, f"{tag}[srcset]"))
            if "style" in attrs and "url(" in attrs["style"].lower():
                links.extend(css_links(attrs["style"], line, f"{tag}[style]"))
        if tag in _RAW_TEXT and not self_closing:
            end = _RAW_END[tag].search(text, pos)
            stop = end.start() if end else len(text)
            if tag == "style" and not verbatim:
                links.extend(css_links(text[pos:stop], line + text.count("\n", last, pos), "style url()"))
            pos = end.end() if end else len(text)
    return page
