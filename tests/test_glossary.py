"""hooks/glossary.py: each term gets its tooltip on its first use only, outside headings."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.exceptions import PluginError

from glossary import FirstUseGlossary

GLOSSARY = {"agent": "A PHP function", "agents": "PHP functions", "Agents": "PHP functions", "cron": "The Unix scheduler",
            "Open Lines": "A Bitrix24 module", "hit": "", "periodic": "Runs on schedule",
            "non-periodic": "Runs once late"}


def render(text: str) -> str:
    md = markdown.Markdown(extensions=["abbr", "attr_list", FirstUseGlossary()],
                           extension_configs={"abbr": {"glossary": GLOSSARY}})
    return md.convert(text)


def test_each_term_is_explained_on_its_first_use_only():
    html = render("# The agent and cron\n\n"
                  "An **agent** runs; another agent waits. Agents, agents and `agent` in code.\n\n"
                  "- cron starts it\n- then cron again\n\n*[Open Lines]: A Bitrix24 module\n\nOpen Lines and a hit.")
    assert html == (
        '<h1>The agent and cron</h1>\n'
        '<p>An <strong><abbr title="A PHP function">agent</abbr></strong> runs; another agent waits. '
        '<abbr title="PHP functions">Agents</abbr>, agents and <code>agent</code> in code.</p>\n'
        '<ul>\n<li><abbr title="The Unix scheduler">cron</abbr> starts it</li>\n<li>then cron again</li>\n</ul>\n'
        '<p><abbr title="A Bitrix24 module">Open Lines</abbr> and a hit.</p>')


def test_several_first_uses_in_one_text_keep_the_text_between_them():
    html = render("cron, then an agent, then agents and an agent. Done.")
    assert html == ('<p><abbr title="The Unix scheduler">cron</abbr>, then an <abbr title="A PHP function">agent'
                    '</abbr>, then <abbr title="PHP functions">agents</abbr> and an agent. Done.</p>')


def test_a_used_term_still_hides_the_shorter_term_it_holds():
    html = render("A non-periodic agent.\n\nAnother non-periodic one.\n\nNow periodic.")
    assert html == ('<p>A <abbr title="Runs once late">non-periodic</abbr> <abbr title="A PHP function">agent</abbr>.'
                    '</p>\n<p>Another non-periodic one.</p>\n<p>Now <abbr title="Runs on schedule">periodic</abbr>.</p>')


def test_code_is_not_a_use():
    assert render("`cron` first, then cron.") == (
        '<p><code>cron</code> first, then <abbr title="The Unix scheduler">cron</abbr>.</p>')


def test_the_glossary_needs_the_abbr_extension():
    with pytest.raises(PluginError, match="needs the abbr extension"):
        markdown.Markdown(extensions=[FirstUseGlossary()])
