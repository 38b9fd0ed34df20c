"""The built site on disk: its files, its pages' anchors, and internal link resolution."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .extract import Page

# schemes that are not fetched and not errors (nothing to check on disk or over HTTP)
SKIPPED_SCHEMES = {"javascript", "data", "about", "blob", "ftp", "ftps", "irc", "ircs", "news",
                   "sms", "callto", "skype", "xmpp", "geo", "magnet", "webcal", "file", "ssh",
                   "git", "sftp", "urn", "chrome", "view-source"}
_EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")
# RFC 3966: digits with visual separators ("-", ".", "(", ")"; spaces and "/" as
# written in the wild), "*" and "#" (percent-encoded in a URI), the pauses "," "p" "w"
# of dial strings; then parameters such as ";ext=", ";isub=", ";phone-context=".
_TEL_NUMBER = re.compile(r"^\+?[0-9*#().\-\s/,pPwW]*[0-9*#][0-9*#().\-\s/,pPwW]*$")
_TEL_PARAM = re.compile(r"^(?:ext=[0-9().\-]+|isub=[\w\-.!~*'()%&=+$,/?:@]+"
                        r"|phone-context=(?:\+[0-9().\-]+|[A-Za-z0-9](?:[A-Za-z0-9\-.]*[A-Za-z0-9])?)"
                        r"|(?!(?:ext|isub|phone-context)=)[A-Za-z0-9\-]+(?:=[\w\-.!~*'()%&+$,/:@\[\]]+)?)$",
                        re.I)
_TEXT_FRAGMENT = ":~:"  # a text fragment directive (#:~:text=..., #id:~:text=...)
HTML_SUFFIXES = (".html", ".htm")
PLACEHOLDER_ORIGIN = "http://site.invalid"


@dataclass(frozen=True)
class Broken:
    page: str      # path in the site
    line: int
    link: str      # as written
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.link} — {self.reason}"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def normalize_base_path(base_path: str) -> str:
    return "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"


class Site:
    """Resolves a link written on one of the site's files to a file of the site."""

    def __init__(self, root: Path, base_path: str, site_origin: str | None, walk: bool = True):
        self.root = root
        self.base_path = normalize_base_path(base_path)
        self.origin = site_origin or PLACEHOLDER_ORIGIN
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        self.pages: dict[str, Page] = {}
        for dirpath, dirnames, filenames in os.walk(root):
            rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
            rel = "" if rel == "." else rel + "/"
            self.dirs.update(rel + d for d in dirnames)
            self.files.update(rel + f for f in filenames)
            if not walk:
                break

    def url_of(self, path: str) -> str:
        """The URL a file of the site is served at."""
        return self.origin + self.base_path + path

    def classify(self, link: str, source: str, base: str | None = None):
        """("skip", reason) | ("external", url) | ("internal", (path, fragment)) | ("broken", reason)."""
        if link.startswith("#") and not base:       # the same page: no URL arithmetic
            return ("internal", (source, link[1:]))
        try:
            scheme = urlsplit(link).scheme.lower()
            if scheme in ("mailto", "tel"):
                return _check_contact(scheme, link)
            if scheme in SKIPPED_SCHEMES:
                return ("skip", scheme)
            if scheme and scheme not in ("http", "https"):
                return ("skip", scheme)
            if scheme and link.split(":", 1)[1].startswith("///"):
                return ("broken", "malformed URL (no host)")
            page_url = self.url_of(source)
            if base:
                page_url = urljoin(page_url, base)
            absolute = urljoin(page_url, link)
            parts = urlsplit(absolute)
            parts.port  # raises on a malformed port
        except ValueError as error:
            return ("broken", f"malformed URL ({error})")
        if not parts.hostname:
            return ("broken", "malformed URL (no host)")
        if origin(absolute) != self.origin:
            return ("external", absolute.split("#", 1)[0] if "#" in absolute else absolute)
        path = parts.path or "/"
        if not path.startswith(self.base_path):
            if path + "/" == self.base_path:
                path = self.base_path
            else:
                return ("broken", f"outside the site's base path {self.base_path}")
        return ("internal", (unquote(path[len(self.base_path):]), parts.fragment))

    def target(self, rel: str) -> tuple[str | None, str]:
        """The file a site path is served from, or None and the file that is missing."""
        if rel == "" or rel.endswith("/"):
            index = rel + "index.html"
            return (index if index in self.files else None, index)
        if rel in self.files:
            return rel, rel
        if rel in self.dirs:                  # `dir` without slash: servers redirect to dir/
            index = rel + "/index.html"
            return (index if index in self.files else None, index)
        return None, rel

    def has_anchor(self, path: str, fragment: str) -> bool:
        if _TEXT_FRAGMENT in fragment:  # a text fragment: only the id before it must exist
            fragment = fragment.split(_TEXT_FRAGMENT, 1)[0]
        if fragment in ("", "top"):
            return True
        ids = self.pages[path].ids
        if fragment in ids:
            return True
        try:
            decoded = unquote(fragment, errors="strict")
        except UnicodeDecodeError:
            return False
        return decoded in ids


def _check_contact(scheme: str, link: str):
    address = unquote(link.split(":", 1)[1].split("?", 1)[0])
    if scheme == "mailto":
        ok = address and all(_EMAIL.match(a.strip()) for a in address.split(","))
        return ("skip", "mailto") if ok else ("broken", "invalid e-mail address")
    return ("skip", "tel") if valid_tel(address) else ("broken", "invalid phone number")


def valid_tel(address: str) -> bool:
    """A tel: URI's subscriber part (after "tel:", before "?", percent-decoded)."""
    number, *params = address.split(";")
    digits = sum(ch.isdigit() for ch in number)
    if not _TEL_NUMBER.match(number) or (digits < 3 and not any(ch in "*#" for ch in number)):
        return False
    return all(_TEL_PARAM.match(param) for param in params)


def check_internal(site: Site, path: str, fragment: str, is_css: bool) -> tuple[str | None, bool]:
    """(reason or None, whether an anchor was checked)."""
    found, wanted = site.target(path)
    if found is None:
        return f"missing file {wanted}", False
    if fragment and not is_css and found.endswith(HTML_SUFFIXES) and found in site.pages:
        if not site.has_anchor(found, fragment):
            return f"missing anchor #{fragment} in {found}", True
        return None, True
    return None, False
