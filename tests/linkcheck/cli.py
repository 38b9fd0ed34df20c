"""`python -m tests.linkcheck SITE_DIR …`: exit 0 clean, 1 broken links, 2 bad usage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .core import check_site
from .external import CacheError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):           # one line, no usage block, exit 2
        print(f"linkcheck: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m tests.linkcheck",
                     description="Check every link of a built MkDocs site.")
    parser.add_argument("site_dir", metavar="SITE_DIR", help="the built site")
    parser.add_argument("--base-path", help="the sub-path the site is served under (default: "
                        "the path of the site's own address, else /)")
    parser.add_argument("--site-url", help="the site's own address (default: from the home "
                        "page's canonical link or the sitemap)")
    parser.add_argument("--external", action="store_true", help="also check external links")
    parser.add_argument("--cache", metavar="FILE", help="JSON cache of external successes")
    parser.add_argument("--cache-age", type=float, default=86400.0, metavar="SECONDS",
                        help="how long a cached success is trusted (default: 1 day)")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS")
    parser.add_argument("--jobs", type=int, metavar="N", help="parser processes (default: CPUs)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    problem = None
    if not Path(args.site_dir).is_dir():
        problem = f"SITE_DIR {args.site_dir} does not exist or is not a directory"
    elif args.base_path is not None and not args.base_path.startswith("/"):
        problem = f"--base-path {args.base_path!r} must start with /"
    elif args.site_url is not None and not (urlsplit(args.site_url).scheme in ("http", "https")
                                             and urlsplit(args.site_url).netloc):
        problem = f"--site-url {args.site_url!r} is not an http(s) URL"
    elif args.timeout <= 0 or args.cache_age < 0 or (args.jobs is not None and args.jobs < 1):
        problem = "--timeout and --jobs must be positive, --cache-age not negative"
    elif args.cache and not args.external:
        problem = "--cache only applies with --external"
    elif args.cache and Path(args.cache).is_dir():
        problem = f"--cache {args.cache} is a directory"
    if problem:
        print(f"linkcheck: error: {problem}", file=sys.stderr)
        return 2
    try:
        result = check_site(args.site_dir, base_path=args.base_path, site_url=args.site_url,
                            external=args.external, cache=args.cache, cache_age=args.cache_age,
                            timeout=args.timeout, jobs=args.jobs)
    except CacheError as error:
        print(f"linkcheck: error: {error}", file=sys.stderr)
        return 2
    for broken in result.broken:
        print(broken)
    for url, target in sorted(result.redirects.items()):
        print(f"note: {url} redirects to {target}", file=sys.stderr)
    print(result.summary())
    return 1 if result.broken else 0
