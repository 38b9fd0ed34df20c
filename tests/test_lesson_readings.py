"""The lessons read their outputs: after every example a "What to notice" block, and every
number a reading quotes from an output is marked and found in that output.

A number is marked `<span class="from-output">10:03</span>`: it comes from the output of
the example just before the block, or, with `data-example="periodic_vs_not.py"`, from
that example on the same page (the answers of "Check yourself"). The outputs are the
build-time ones in the page's language, so a changed output and an unchanged text fail here.
"""

from __future__ import annotations

import re

import pytest

from tests.pages import built_path, parse

LESSONS = ("agents", "open-lines-cron")
NOTICE = {"ru": "На что обратить внимание", "en": "What to notice"}


def number_in(number: str, output: str) -> bool:
    """``number`` as a whole token of ``output`` (10:03 is not found in 10:03:30's 0:03)."""
    value = number.strip().replace("\u00a0", " ")
    if re.fullmatch(r"\d+,\d+", value):  # a Russian decimal comma against the output's dot
        value = value.replace(",", ".")
    return re.search(r"(?<![\d.:])" + re.escape(value) + r"(?!\d|[.:]\d)", output) is not None


def _tab_set(node):
    """The content-tab set an example is in (its PHP and Python tabs share one reading)."""
    while node is not None:
        if "tabbed-set" in (node.attributes.get("class") or "").split():
            return node
        node = node.parent
    return None


def readings(site, page: str, lang: str):
    """(span text, its example's file name, that example's output) for every marked number,
    and the examples with the notice blocks that follow each (the examples of one tab
    set share the block after the set)."""
    article = parse(built_path(site, page, lang)).css_first("article")
    outputs: dict[str, str] = {}
    notices: dict[str, int] = {}
    marks: list[tuple[str, str]] = []
    current = None
    group: list[str] = []
    group_set = None
    for node in article.traverse():
        classes = (node.attributes.get("class") or "").split() if node.tag != "-text" else []
        if "agentlab-example" in classes and "data-check" in node.attributes:
            current = None  # an exercise: its check's verdict is its reading
            group = []
        elif "agentlab-example" in classes:
            current = node.attributes["data-file"]
            outputs[current] = "\n".join(pre.text() for pre in node.css("pre.agentlab-output__text"))
            notices.setdefault(current, 0)
            tabs = _tab_set(node)
            if tabs is None or group_set is None or tabs.html != group_set.html:
                group = []
            group.append(current)
            group_set = tabs
        elif "admonition" in classes and current is not None:
            title = node.css_first(".admonition-title")
            if title is not None and title.text(strip=True) == NOTICE[lang]:
                for example in group:
                    notices[example] += 1
        elif node.tag == "span" and "from-output" in classes:
            marks.append((node.text(), node.attributes.get("data-example") or current))
    return [(text, example, outputs.get(example)) for text, example in marks], notices


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("page", LESSONS)
def test_every_example_is_read_after_it(site, page, lang):
    _, notices = readings(site, page, lang)
    assert notices, f"{page} ({lang}) has no examples"
    unread = [example for example, count in notices.items() if count != 1]
    assert not unread, f"{page} ({lang}): examples without one '{NOTICE[lang]}' block right after them: {unread}"


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("page", LESSONS)
def test_numbers_of_the_readings_come_from_the_outputs(site, page, lang):
    marks, notices = readings(site, page, lang)
    assert len(marks) >= 2 * len(notices), f"{page} ({lang}): too few marked numbers for {len(notices)} examples"
    wrong = []
    for text, example, output in marks:
        if output is None:
            wrong.append(f"{text!r}: no example {example!r} on the page")
        elif not number_in(text, output):
            wrong.append(f"{text!r} is not in the output of {example}")
    assert not wrong, f"{page} ({lang}): " + "; ".join(wrong)


@pytest.mark.parametrize("number, output, found", [
    ("10:03", "09:56 Periodic\n10:03 Periodic", True),
    ("10:03", "10:03:30 Periodic", False),  # a time is not a part of a longer one
    ("0:03", "10:03 Periodic", False),
    ("56.5", "3. Open Lines cron  180  900  0  56.5  28.0", True),
    ("56,5", "56.5", True),
    ("5", "56.5", False),
    ("600", "LEASE_SECONDS = 600 s", True),
    ("600", "LEASE_SECONDS = 6000 s", False),
])
def test_a_number_matches_only_as_a_whole_token(number, output, found):
    assert number_in(number, output) is found
