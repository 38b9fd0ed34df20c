"""A 404 page in each language, and the one GitHub Pages serves choosing between them.

mkdocs-static-i18n renders the theme's 404.html once per language into the same file,
so the last language built won. Here the default language keeps `404.html` and every
other one gets `<lang>/404.html`, each with its own words (`extra.not_found` of
mkdocs.yml), its own home, its search index and a language menu pointing at the homes.

GitHub Pages serves only the root 404.html of the whole Pages site: the production
site's, also for a miss under a PR preview (pr.yml deploys them to
`pr-preview/pr-<N>/` of the same branch). So every 404 page carries a small script
(overrides/partials/not-found-language.html) that reads the missed address and, when
it belongs to another language or to a preview, shows that site's 404 page for that
language instead, keeping the address. Without JavaScript the page links to each
other language's home in that language.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from urllib.parse import quote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from i18n_site import languages

TEMPLATE = "404.html"
WORDS = ("title", "text", "home", "search", "other_languages")
# pr.yml: umbrella-dir of the previews; the action deploys each to <umbrella-dir>/pr-<N>/.
PREVIEWS = "pr-preview"


def _words(config: MkDocsConfig) -> dict:
    langs = languages(config)
    words = config.extra.get("not_found") or {}
    missing = [key for key in WORDS if not words.get(key)]
    others = [lang for lang in langs.prefixes if lang != langs.current]
    missing += [f"other_languages.{lang}" for lang in others
                if not isinstance(words.get("other_languages"), dict) or not words["other_languages"].get(lang)]
    if missing:
        raise PluginError(f"mkdocs.yml: extra.not_found ({langs.current}) lacks {', '.join(missing)}; "
                          "the 404 page needs them")
    return words


def site_path(config: MkDocsConfig) -> str:
    """The path the site is served under ("/repo/"), as the browser's location.pathname spells it."""
    path = urlsplit(config.site_url or "/").path
    return quote(path.rstrip("/") + "/", safe="/%")


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name != TEMPLATE:
        return context
    langs = languages(config)
    words = _words(config)
    base = site_path(config)
    alternates = config.plugins["i18n"].extra_alternate  # none when one language is built
    if alternates:
        # The language menu and hreflang links: the language homes, not the last page's
        # translations. mkdocs-static-i18n sets them per page as an attribute (which Jinja
        # reads first), so here too.
        config.extra.alternate = deepcopy(alternates)
    context["not_found"] = {
        "words": words,
        "home": base + langs.current_prefix,
        "others": [{"lang": lang, "home": base + prefix, "text": words["other_languages"][lang]}
                   for lang, prefix in langs.prefixes.items() if lang != langs.current],
        # What the script needs to find the missed address's site and language.
        "site": {
            "base": base,
            "prefix": langs.current_prefix,
            "prefixes": sorted(prefix for prefix in langs.prefixes.values() if prefix),
            "previews": PREVIEWS + "/pr-",
        },
    }
    return context


@event_priority(-100)  # after the hooks that change every page's HTML (every_html_page.py): the copy has their changes
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != TEMPLATE:
        return output
    prefix = languages(config).current_prefix
    if not prefix:
        return output
    target = Path(config.site_dir) / prefix / TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    # Its search base is already the language's own (hooks/search_per_language.py).
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes nothing to the root 404.html then ("generated empty output")
