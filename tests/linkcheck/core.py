"""Check a built site: every page's links, the CSS, the sitemaps; optionally external links."""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import external as ext
from .extract import EMPTY_IMG, Link, Page, css_links, parse_html
from .site import Broken, Site, check_internal, origin

_EMPTY_IMG = ("broken", "img with an empty src and no srcset: always a broken image")
PARALLEL_FROM = 400           # pages; below this a process pool costs more than it saves
_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.S)
_SITEMAP_LINK = re.compile(r"<xhtml:link\b[^>]*?\bhref=\"([^\"]*)\"", re.S)
_CANONICAL = re.compile(r"<link\b[^>]*\brel=\"?canonical\"?[^>]*>", re.I)
_HREF = re.compile(r"\bhref=\"?([^\"\s>]+)", re.I)


@dataclass
class Result:
    broken: list[Broken] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    anchors: int = 0
    external: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)
    external_checked: bool = False
    redirects: dict[str, str] = field(default_factory=dict)
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.broken

    def summary(self) -> str:
        text = f"checked {self.pages} pages, {self.links} links, {self.anchors} anchors"
        if self.external_checked:
            text += f"; {len(self.external)} external links checked"
            if self.redirects:
                text += f" ({len(self.redirects)} redirected)"
        else:
            text += f"; {len(self.external)} external links not checked (offline)"
        return text + f"; {len(self.broken)} broken"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


_WORKER_SITE: dict[tuple, Site] = {}


def _scan(job: tuple[str, str, str, str]) -> tuple[set[str], list[tuple]]:
    """Parse one page and classify its links (in a worker process when parallel)."""
    root, path, base_path, site_origin = job
    site = _WORKER_SITE.get((root, base_path, site_origin))
    if site is None:
        site = _WORKER_SITE[(root, base_path, site_origin)] = Site(
            Path(root), base_path, site_origin, walk=False)
    page = parse_html(_read(Path(root) / path))
    classify = site.classify
    return page.ids, [(link.line, link.url, *(_EMPTY_IMG if link.kind == EMPTY_IMG
                                              else classify(link.url, path, page.base)))
                      for link in page.links]


def site_url_of(root: Path) -> str | None:
    """The site's own address: the home page's canonical link, else the sitemap's common prefix."""
    index = root / "index.html"
    if index.is_file():
        for tag in _CANONICAL.findall(_read(index)):
            href = _HREF.search(tag)
            if href and "://" in href.group(1):
                return href.group(1)
    sitemap = root / "sitemap.xml"
    if sitemap.is_file():
        locs = [loc for loc in _LOC.findall(_read(sitemap)) if "://" in loc]
        if locs:
            prefix = os.path.commonprefix(locs)
            return prefix[: prefix.rfind("/") + 1]
    return None


def _scan_pages(site: Site, paths: list[str], jobs: int | None) -> list[tuple]:
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    work = [(str(site.root), p, site.base_path, site.origin) for p in paths]
    if jobs > 1 and len(paths) >= PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(_scan, work, chunksize=max(1, len(paths) // (jobs * 8))))
    return [_scan(job) for job in work]


def _sitemap_links(text: str) -> list[Link]:
    links = []
    for pattern, kind in ((_LOC, "sitemap loc"), (_SITEMAP_LINK, "sitemap hreflang")):
        for m in pattern.finditer(text):
            url = m.group(1).replace("&amp;", "&")
            links.append(Link(text.count("\n", 0, m.start()) + 1, url, kind))
    links.sort(key=lambda link: link.line)
    return links


def check_site(root: Path | str, base_path: str | None = None, site_url: str | None = None,
               external: bool = False, cache: Path | str | None = None,
               cache_age: float = 86400.0, timeout: float = 10.0, jobs: int | None = None,
               checker: ext.Checker | None = None) -> Result:
    """Check every link of the built site under root; see tests/linkcheck/__init__.py."""
    root = Path(root)
    if not root.is_dir():
        raise NotADirectoryError(f"site directory {root} does not exist or is not a directory")
    store = ext.Cache(Path(cache) if cache else None, cache_age) if external else None
    site_url = site_url or site_url_of(root)
    site_origin = origin(site_url) if site_url else None
    if base_path is None:
        from urllib.parse import urlsplit
        base_path = urlsplit(site_url).path if site_url else "/"
    site = Site(root, base_path, site_origin)

    html_paths = sorted(p for p in site.files if p.endswith((".html", ".htm")))
    scanned = _scan_pages(site, html_paths, jobs)
    site.pages = {path: Page(ids=ids) for path, (ids, _) in zip(html_paths, scanned)}
    sources: list[tuple[str, list[tuple], bool]] = [
        (path, links, False) for path, (_, links) in zip(html_paths, scanned)]
    for path in sorted(p for p in site.files if p.endswith(".css")):
        links = css_links(_read(root / path))
        sources.append((path, [(l.line, l.url, *site.classify(l.url, path)) for l in links], True))
    for path in sorted(p for p in site.files if re.search(r"(^|/)sitemap[^/]*\.xml$", p)):
        links = _sitemap_links(_read(root / path))
        sources.append((path, [(l.line, l.url, *site.classify(l.url, path)) for l in links], False))

    result = Result(pages=len(html_paths))
    broken = result.broken
    for source, links, is_css in sources:
        is_sitemap = source.endswith(".xml")
        for line, url, kind, value in links:
            if kind == "skip":
                result.skipped += 1
                continue
            result.links += 1
            if kind == "internal":
                reason, anchor = check_internal(site, value[0], value[1], is_css)
                result.anchors += anchor
                if reason:
                    broken.append(Broken(source, line, url, reason))
            elif kind == "broken":
                broken.append(Broken(source, line, url, value))
            elif is_sitemap:
                broken.append(Broken(source, line, url, "sitemap URL outside the site's address"))
            else:
                result.external.setdefault(value, []).append((source, line, url))

    if store is not None and result.external:
        result.external_checked = True
        checker = checker or ext.Checker(timeout=timeout)
        outcomes = checker.check_all(sorted(result.external), store)
        store.save()
        for url, outcome in outcomes.items():
            if outcome.redirected_to:
                result.redirects[url] = outcome.redirected_to
            if not outcome.ok:
                for source, line, written in result.external[url]:
                    result.broken.append(Broken(source, line, written, outcome.reason))
    elif external:
        result.external_checked = True
    result.broken.sort(key=lambda b: (b.page, b.line, b.link))
    return result
