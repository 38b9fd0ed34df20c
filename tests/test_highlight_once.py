"""hooks/highlight_once.py: a page's code is highlighted once for all its languages, and
a reused block's HTML is what pymdownx.highlight makes for it without the hook."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pygments
import pymdownx.highlight
import pytest
from mkdocs.exceptions import PluginError

import highlight_once

PAGE = ('```php title="agent.php"\n<?php\nfunction Agent() { return "Agent();"; }\n```\n\nText with `#!php $agent`.\n\n'
        '```toml hl_lines="2"\n[agent]\nperiod = 60\n```\n')
EXTENSIONS = ["pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite"]
PYGMENTS_HIGHLIGHT = pygments.highlight


def convert(text: str, **highlight: object) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"pymdownx.highlight": highlight}).convert(text)


def without_hook(text: str, **highlight: object) -> str:
    hooked = pymdownx.highlight.highlight
    pymdownx.highlight.highlight = PYGMENTS_HIGHLIGHT
    try:
        return convert(text, **highlight)
    finally:
        pymdownx.highlight.highlight = hooked


@pytest.fixture
def calls(monkeypatch):
    """The hook in place, as on_config puts it, and the highlighting pygments really does."""
    done = []

    def counted(src, lexer, formatter, outfile=None):
        done.append(src)
        return PYGMENTS_HIGHLIGHT(src, lexer, formatter)

    monkeypatch.setattr(highlight_once, "_done", {})
    monkeypatch.setattr(pymdownx.highlight, "highlight", pygments.highlight)
    highlight_once.on_config(None)
    monkeypatch.setattr(pygments, "highlight", counted)
    return done


def test_a_page_in_its_other_language_reuses_its_highlighted_code(calls, monkeypatch):
    monkeypatch.setattr(highlight_once, "_page", highlight_once.page_key("agents.ru.md", "ru"))
    convert(PAGE)
    assert len(calls) == 3  # two blocks and the inline code
    monkeypatch.setattr(highlight_once, "_page", highlight_once.page_key("agents.en.md", "en"))
    translated = PAGE.replace("Text with", "Texte avec")
    reused = convert(translated)
    assert len(calls) == 3  # all reused
    assert reused == without_hook(translated)


# Settings that change a block's HTML, in an order where each reuses what the one before left.
SETTINGS = [{}, {"linenums": True}, {"linenums": True, "linenums_style": "inline"},
            {"linenums": True, "linenums_style": "pymdownx-inline"}, {"linenums": True, "anchor_linenums": True},
            {"line_spans": "__span"}, {"pygments_lang_class": True}, {"auto_title": True}]


def test_a_reused_block_is_what_pymdownx_makes_without_the_hook(calls, monkeypatch):
    monkeypatch.setattr(highlight_once, "_page", "agents")
    for settings in SETTINGS:
        convert(PAGE, **settings)
        assert convert(PAGE, **settings) == without_hook(PAGE, **settings), settings


def test_another_page_or_other_options_highlight_again(calls, monkeypatch):
    monkeypatch.setattr(highlight_once, "_page", "agents")
    convert(PAGE)
    monkeypatch.setattr(highlight_once, "_page", "lab")
    convert(PAGE)
    assert len(calls) == 6
    # Same page and code, another formatter option (marked lines): highlighted again, and shows it.
    html = convert(PAGE.replace('title="agent.php"', 'title="agent.php" hl_lines="2"'))
    assert len(calls) == 7
    assert html.count('<span class="hll">') == 2


def config_building(lang: str, nested: bool) -> SimpleNamespace:
    """What hooks/i18n_site.py reads of mkdocs-static-i18n, ru the default language."""
    languages = [SimpleNamespace(locale="ru", link="/", build=True), SimpleNamespace(locale="en", link="/en/", build=True)]
    i18n = SimpleNamespace(default_language="ru", current_language=lang, building=nested,
                           config=SimpleNamespace(languages=languages))
    return SimpleNamespace(plugins={"i18n": i18n})


def test_the_memo_lives_from_a_build_through_its_other_language_only(monkeypatch):
    monkeypatch.setattr(highlight_once, "_done", {"block": "<pre>"})
    page = SimpleNamespace(file=SimpleNamespace(src_path="lessons/cron.en.md"))
    highlight_once.on_page_markdown("", page, config_building("en", nested=True), None)
    assert highlight_once._page == "lessons/cron"
    highlight_once.on_pre_build(config_building("en", nested=True))
    highlight_once.on_post_build(config_building("en", nested=True))
    assert highlight_once._done  # the other language's build keeps it
    highlight_once.on_post_build(config_building("ru", nested=False))
    assert not highlight_once._done  # not kept between builds
    highlight_once._done["block"] = "<pre>"
    highlight_once.on_pre_build(config_building("ru", nested=False))
    assert not highlight_once._done


def test_the_page_key_drops_the_language_only():
    assert highlight_once.page_key("agents.ru.md", "ru") == "agents"
    assert highlight_once.page_key("lessons/cron.en.md", "en") == "lessons/cron"
    assert highlight_once.page_key("agents.en.md", "ru") == "agents.en.md"


def test_the_build_stops_if_pymdownx_no_longer_calls_pygments_by_that_name(monkeypatch):
    monkeypatch.setattr(pymdownx.highlight, "highlight", lambda *args: "")
    with pytest.raises(PluginError, match="highlight_once.py"):
        highlight_once.on_config(None)
