"""hooks/highlight_once.py: a page's code is highlighted once for all its languages, and
its HTML is what pymdownx.highlight makes without it."""

from __future__ import annotations

import markdown
import pygments
import pymdownx.highlight
import pytest
from mkdocs.exceptions import PluginError

import highlight_once

PAGE = '```php title="agent.php"\n<?php\nfunction Agent() { return "Agent();"; }\n```\n\nText.\n\n```toml\n[agent]\nperiod = 60\n```\n'
EXTENSIONS = ["pymdownx.highlight", "pymdownx.superfences"]
PYGMENTS_HIGHLIGHT = pygments.highlight


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


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
    without = markdown.Markdown(extensions=EXTENSIONS)
    monkeypatch.setattr(highlight_once, "_page", highlight_once.page_key("agents.ru.md", "ru"))
    first = convert(PAGE)
    assert len(calls) == 2
    monkeypatch.setattr(highlight_once, "_page", highlight_once.page_key("agents.en.md", "en"))
    second = convert(PAGE.replace("Text.", "Texte."))
    assert len(calls) == 2  # both blocks reused
    assert second == first.replace("Text.", "Texte.")
    monkeypatch.setattr(pymdownx.highlight, "highlight", PYGMENTS_HIGHLIGHT)
    assert first == without.convert(PAGE)  # the same HTML as pymdownx alone


def test_another_page_or_other_options_highlight_again(calls, monkeypatch):
    monkeypatch.setattr(highlight_once, "_page", "agents")
    convert(PAGE)
    monkeypatch.setattr(highlight_once, "_page", "lab")
    convert(PAGE)
    assert len(calls) == 4
    # Same page and code, another formatter option (marked lines): highlighted again, and shows it.
    html = convert(PAGE.replace('title="agent.php"', 'title="agent.php" hl_lines="2"'))
    assert len(calls) == 5
    assert '<span class="hll">' in html


def test_the_page_key_drops_the_language_only():
    assert highlight_once.page_key("agents.ru.md", "ru") == "agents"
    assert highlight_once.page_key("lessons/cron.en.md", "en") == "lessons/cron"
    assert highlight_once.page_key("agents.en.md", "ru") == "agents.en.md"


def test_the_build_stops_if_pymdownx_no_longer_calls_pygments_by_that_name(monkeypatch):
    monkeypatch.setattr(pymdownx.highlight, "highlight", lambda *args: "")
    with pytest.raises(PluginError, match="highlight_once.py"):
        highlight_once.on_config(None)
