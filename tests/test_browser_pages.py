"""Every page in a real Chromium, in both languages: accessibility (axe-core, in the
light and the dark palette, also with the example runner in use), text alternatives,
the runner with the keyboard only, no request to another origin, a phone-wide
layout without sideways scrolling, and the lessons' text without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser import REVEAL, RUNNER_FINISHED, RUNNER_RUN, RUNNER_STATUS, own_origin_tab, require_chromium
from tests.editor import editor_code, wait_for_editor
from tests.pages import LANGUAGES, ROOT, page_sources, page_url

require_chromium()

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = sorted(page_sources())
LESSONS = ["agents", "open-lines-cron", "lab"]
# prefers-color-scheme -> the scheme Material's media-query palette picks for it.
SCHEMES = {"light": "default", "dark": "slate"}

EDIT = ".agentlab-toolbar__edit"
OUTPUT = ".agentlab-output__body"
RUN_TIMEOUT = 60_000

# An element as a selector-like name in a message: tag#id.class.class
NAME = """el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
  + (typeof el.className === "string" && el.className.trim()
     ? "." + el.className.trim().split(/\\s+/).join(".") : "")"""

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# A best practice, outside the WCAG tags: Material's search is a role=dialog.
DIALOG_NAMES = {"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}}
AXE_RUN = """options => axe.run(document, options).then(result => result.violations.map(violation => ({
  id: violation.id,
  impact: violation.impact,
  help: violation.help,
  nodes: violation.nodes.map(node => ({
    target: node.target.map(part => [].concat(part).join(" >>> ")).join(" >>> "),
    why: [].concat(node.any, node.all, node.none).map(check => check.message)[0] || "",
  })),
})))"""



def test_the_pages_are_the_expected_ones():
    """The parameters below follow the site: a new page gets these tests too."""
    assert set(LESSONS) < set(PAGES)
    assert all(set(page_sources()[name]) == set(LANGUAGES) for name in PAGES)


# ---------------------------------------------------------------- shared tabs




@pytest.fixture(scope="module", params=sorted(SCHEMES))
def scheme(request):
    return request.param


DESKTOP = {"width": 1280, "height": 900}
NARROW = 375  # a phone, in CSS pixels
# Kinds of tab; the tests of a kind share one context (and its cache).
CONTEXTS = {
    "desktop": {"viewport": DESKTOP},
    "narrow": {"viewport": {"width": NARROW, "height": 800}},
    "no_js": {"viewport": DESKTOP, "java_script_enabled": False},
    **{scheme: {"viewport": DESKTOP, "color_scheme": scheme} for scheme in SCHEMES},
}


@pytest.fixture(scope="module")
def contexts(browser):
    """contexts(kind): the module's one context of that kind, opened on first use."""
    opened = {}

    def get(kind: str):
        if kind not in opened:
            opened[kind] = browser.new_context(**CONTEXTS[kind])
        return opened[kind]

    yield get
    for context in opened.values():
        context.close()


def _tab_of(kind: str | None = None):
    """A fixture: a fresh tab in the shared context of a kind (None: the palette's)."""

    @pytest.fixture
    def tab(request, contexts, site_url):
        context = contexts(kind or request.getfixturevalue("scheme"))
        with own_origin_tab(context, site_url) as page:
            yield page

    return tab


scheme_page = _tab_of()
desktop_page = _tab_of("desktop")
narrow_page = _tab_of("narrow")
no_js_page = _tab_of("no_js")


def _open_in_palette(page, url: str, scheme: str) -> None:
    page.goto(url, wait_until="networkidle")
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    assert shown == SCHEMES[scheme], f"{url}: prefers-color-scheme {scheme} shows the {shown!r} palette"


# Colours are measured once the page is still: every finite CSS transition or
# animation (a button's hover colour, the header after a scroll) has ended.
SETTLE = """async () => {
  for (let round = 0; round < 20; round++) {
    const moving = document.getAnimations().filter(animation => animation.playState === "running"
      && animation.effect && animation.effect.getComputedTiming().endTime !== Infinity);
    if (moving.length === 0) return;
    await Promise.all(moving.map(animation => animation.finished.catch(() => null)));
    await new Promise(resolve => requestAnimationFrame(() => resolve()));
  }
}"""


def _axe_violations(page, options: dict = WCAG) -> list[dict]:
    page.evaluate(SETTLE)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, options)


def _report(where: str, violations: list[dict], targets: int = 4) -> str:
    lines = [f"{where}: {len(violations)} axe violation(s)"]
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{len(nodes)} node(s)]")
        lines.extend(f"    {node['target']}  -- {node['why']}" for node in nodes[:targets])
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_violations(scheme_page, site_url, scheme, name, lang):
    url = page_url(site_url, name, lang)
    _open_in_palette(scheme_page, url, scheme)
    violations = _axe_violations(scheme_page)
    assert not violations, _report(f"{name} ({lang}, {scheme} palette)", violations)


def _first_example(page, runtime: str = "python"):
    example = page.query_selector(f".agentlab-example[data-runtime={runtime}]")
    assert example is not None, f"the lesson has no {runtime} example"
    example.evaluate(REVEAL)  # a PHP example's tab is not the one selected
    assert example.query_selector(RUNNER_RUN) is not None, "the runner added no Run button"
    return example


@pytest.mark.parametrize("runtime", ["python", "php"])
@pytest.mark.parametrize("lang", ["en"])
@pytest.mark.parametrize("name", ["agents"])
def test_axe_after_a_run(scheme_page, site_url, scheme, name, lang, runtime):
    _open_in_palette(scheme_page, page_url(site_url, name, lang), scheme)
    example = _first_example(scheme_page, runtime)
    example.query_selector(RUNNER_RUN).click()
    scheme_page.wait_for_function(RUNNER_FINISHED, arg=example, timeout=RUN_TIMEOUT)
    violations = _axe_violations(scheme_page)
    assert not violations, _report(f"{name} ({lang}, {scheme} palette) after a {runtime} Run", violations)


@pytest.mark.parametrize("lang", ["ru"])
def test_axe_after_a_check_with_its_verdict_and_solution(scheme_page, site_url, scheme, lang):
    """An exercise checked three times without a pass: the verdict, its list and the
    Show the solution button; then the solution shown."""
    _open_in_palette(scheme_page, page_url(site_url, "agents", lang), scheme)
    example = scheme_page.query_selector(".agentlab-example[data-check]")
    example.evaluate(REVEAL)
    for _ in range(3):
        example.query_selector(".agentlab-toolbar__check").click()
        scheme_page.wait_for_function(RUNNER_FINISHED, arg=example, timeout=RUN_TIMEOUT)
    assert example.query_selector(".agentlab-verdict li") is not None
    violations = _axe_violations(scheme_page)
    assert not violations, _report(f"agents ({lang}, {scheme} palette) after three checks", violations)
    example.query_selector(".agentlab-verdict__solution").click()
    scheme_page.wait_for_function("el => el.querySelector('.agentlab-solution pre')", arg=example, timeout=10_000)
    violations = _axe_violations(scheme_page)
    assert not violations, _report(f"agents ({lang}, {scheme} palette) with the solution shown", violations)


@pytest.mark.parametrize("lang", ["en"])
@pytest.mark.parametrize("name", ["agents"])
def test_axe_with_the_editor_open(scheme_page, site_url, scheme, name, lang):
    _open_in_palette(scheme_page, page_url(site_url, name, lang), scheme)
    example = _first_example(scheme_page)
    example.query_selector(EDIT).click()
    assert wait_for_editor(example) is not None, "Edit opened no editor"
    violations = _axe_violations(scheme_page)
    assert not violations, _report(f"{name} ({lang}, {scheme} palette) with the editor open", violations)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_dialogs_have_accessible_names(desktop_page, site_url, name, lang):
    desktop_page.goto(page_url(site_url, name, lang))
    desktop_page.click("input.md-search__input")  # the search dialog open, as a reader opens it
    violations = _axe_violations(desktop_page, DIALOG_NAMES)
    assert not violations, _report(f"{name} ({lang}) with the search open", violations)


# ---------------------------------------------------------------- 2. text alternatives

# Each <img> and outermost <svg> of the article that a screen reader meets without
# a text alternative (an svg hidden by aria-hidden, its own or an ancestor's, is fine).
MISSING_ALTERNATIVES = """() => {
  const describe = el => el.outerHTML.slice(0, 160);
  const named = svg => {
    if ((svg.getAttribute("aria-label") || "").trim()) return true;
    const ids = (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    return ids.length > 0 && ids.every(id => {
      const label = document.getElementById(id);
      return label !== null && label.textContent.trim() !== "";
    });
  };
  const images = Array.from(document.querySelectorAll("article img"))
    .filter(img => !(img.getAttribute("alt") || "").trim())
    .map(img => "img without alt: " + describe(img));
  const svgs = Array.from(document.querySelectorAll("article svg"))
    .filter(svg => !svg.parentElement.closest("svg"))
    .filter(svg => !svg.closest('[aria-hidden="true"]'))
    .filter(svg => !(svg.getAttribute("role") === "img" && named(svg)))
    .map(svg => "svg neither aria-hidden nor a named role=img: " + describe(svg));
  return images.concat(svgs);
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_images_have_text_alternatives(desktop_page, site_url, name, lang):
    desktop_page.goto(page_url(site_url, name, lang))
    missing = desktop_page.evaluate(MISSING_ALTERNATIVES)
    assert not missing, f"{name} ({lang}):\n" + "\n".join(missing)


# ---------------------------------------------------------------- 3. keyboard

FOCUSED = """() => {
  const el = document.activeElement, name = """ + NAME + """;
  return !el || el === document.body ? "body" : name(el) + " " + JSON.stringify(el.textContent.trim().slice(0, 30));
}"""


def _tab_to(page, element, presses: int) -> int:
    """Press Tab until element has the focus; the number of presses, or fail."""
    for count in range(1, presses + 1):
        page.keyboard.press("Tab")
        if element.evaluate("el => el === document.activeElement"):
            return count
    pytest.fail(f"{presses} Tab presses never reached {element.evaluate('el => el.outerHTML.slice(0, 120)')};"
                f" the focus is on {page.evaluate(FOCUSED)}")


def test_the_runner_works_with_the_keyboard_only(page, site_url):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(page_url(site_url, "agents", "en"))
    example = _first_example(page)
    run, edit = example.query_selector(RUNNER_RUN), example.query_selector(EDIT)
    _tab_to(page, run, 400)
    page.keyboard.press("Enter")
    page.wait_for_function(RUNNER_FINISHED, arg=example, timeout=RUN_TIMEOUT)
    assert example.query_selector(OUTPUT).text_content().strip(), "Enter on Run gave no output"
    _tab_to(page, edit, 5)
    page.keyboard.press("Enter")
    editor = wait_for_editor(example)
    assert editor is not None, "Enter on Edit opened no editor"
    assert editor.evaluate("el => el === document.activeElement"), \
        f"the editor did not take the focus, {page.evaluate(FOCUSED)} has it"
    page.keyboard.press("Control+A")
    page.keyboard.type('print("kb")')
    assert editor_code(example) == 'print("kb")', "typing did not replace the code"
    page.keyboard.press("Control+Enter")
    try:
        page.wait_for_function("el => el.textContent.trim() === 'kb'", arg=example.query_selector(OUTPUT),
                               timeout=RUN_TIMEOUT)
    except PlaywrightTimeout:
        pytest.fail(f"Control+Enter: the output reads {example.query_selector(OUTPUT).text_content()!r},"
                    f" the status {example.query_selector(RUNNER_STATUS).text_content()!r}")
    page.wait_for_function(RUNNER_FINISHED, arg=example, timeout=RUN_TIMEOUT)
    assert example.query_selector(OUTPUT).text_content() == "kb"


# ---------------------------------------------------------------- 4. privacy

# Scroll through the whole page a screen at a time, as a reader would, so that
# anything loaded lazily is requested; then let the observers fire.
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await frame();
  }
  scrollTo(0, document.documentElement.scrollHeight);
  await frame();
  await frame();
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_request_leaves_the_sites_origin(page, site_url, name, lang):
    requests = []
    page.context.on("request", lambda request: requests.append(request.url))
    url = page_url(site_url, name, lang)
    page.goto(url, wait_until="networkidle")
    page.evaluate(SCROLL_THROUGH)
    page.wait_for_function("() => Array.from(document.images).every(img => img.complete)")
    assert url in requests, f"{name} ({lang}): the page's own request was not seen: {requests[:5]}"
    foreign = [request for request in requests if not request.startswith(site_url)]
    assert len(foreign) == 0, f"{name} ({lang}): {len(foreign)} of {len(requests)} requests left the origin: {foreign}"


# ---------------------------------------------------------------- 5. a phone-wide layout


# Where the page's overflow starts: elements that stick out to the right of the
# viewport while their parent does not (content scrolled inside a box is no culprit).
STICKING_OUT = """width => {
  const out = el => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > width + 0.5;
  const clipped = el => {
    // The root's overflow goes to the viewport: it clips nothing that the page could not scroll to.
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible" && !out(box)) return true;
    }
    return false;
  };
  const name = """ + NAME + """;
  return Array.from(document.querySelectorAll("body *"))
    .filter(el => out(el) && !(el.parentElement && out(el.parentElement)) && !clipped(el))
    .slice(0, 5)
    .map(el => name(el) + " right=" + Math.round(el.getBoundingClientRect().right));
}"""

# Each shown <pre> and table wrapper of the article that neither fits the viewport
# nor scrolls sideways inside itself (or inside Material's wrappers).
NOT_SCROLLING = """width => {
  const shown = el => el.getClientRects().length > 0;
  const fits = el => {
    const box = el.getBoundingClientRect();
    return box.left >= -0.5 && box.right <= width + 0.5 && el.scrollWidth <= el.clientWidth;
  };
  const scrolls = el => el !== null && ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const name = """ + NAME + """;
  const describe = el => name(el) + " (" + Math.round(el.getBoundingClientRect().width) + " px box, "
    + el.scrollWidth + " px content): "
    + JSON.stringify(el.textContent.trim().slice(0, 50));
  const pres = Array.from(document.querySelectorAll("article pre")).filter(shown)
    .filter(pre => !fits(pre))
    .filter(pre => ![pre, pre.closest(".md-typeset__scrollwrap"), pre.closest(".md-typeset__table")].some(scrolls));
  const tables = Array.from(document.querySelectorAll("article table")).filter(shown)
    .map(table => table.closest(".md-typeset__scrollwrap") || table.closest(".md-typeset__table")
      || table.parentElement)
    .filter(wrapper => !fits(wrapper))
    .filter(wrapper => ![wrapper, wrapper.querySelector(".md-typeset__table"), wrapper.querySelector("table")]
      .some(scrolls));
  return pres.concat(tables).map(describe);
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scroll_at_375_px(narrow_page, site_url, name, lang):
    """The page itself never scrolls sideways; wide code and tables scroll inside themselves."""
    narrow_page.goto(page_url(site_url, name, lang))
    problems = []
    width = narrow_page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW:
        problems.append(f"the page is {width} px wide; sticking out: {narrow_page.evaluate(STICKING_OUT, NARROW)}")
    problems += narrow_page.evaluate(NOT_SCROLLING, NARROW)
    assert not problems, f"{name} ({lang}) at {NARROW} px:\n" + "\n".join(problems)


# Every timeline's text labels, as drawn: font size times the picture's scale, and
# whether the picture's box scrolls sideways where it does not fit.
# Each timeline is first shown as a reader shows it (its tab selected: a PHP report).
TIMELINE_LABELS = """() => Array.from(document.querySelectorAll("article .agentlab-output__svg svg")).map(svg => {
  (""" + REVEAL + """)(svg);
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = Array.from(svg.querySelectorAll("text")).map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const box = svg.parentElement;
  return {smallest: Math.min(...sizes), labels: sizes.length, scrolls: box.scrollWidth > box.clientWidth,
          scrollable: ["auto", "scroll"].includes(getComputedStyle(box).overflowX), focusable: box.tabIndex === 0};
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["desktop", "narrow"])
def test_timeline_labels_are_at_least_12_px(contexts, site_url, kind, lang):
    """At the desktop column width and at 375 px, every label of a timeline is drawn at
    12 CSS px or more; at 375 px the picture keeps that size and its box scrolls sideways
    (and can be reached from the keyboard to do so)."""
    with own_origin_tab(contexts(kind), site_url) as tab:
        for name in ("agents", "lab"):
            tab.goto(page_url(site_url, name, lang))
            timelines = tab.evaluate(TIMELINE_LABELS)
            assert timelines, f"{name} ({lang}): no timeline"
            for i, timeline in enumerate(timelines):
                where = f"{name} ({lang}) at {kind}, timeline {i + 1}"
                assert timeline["labels"] >= 5, where
                assert timeline["smallest"] >= 12 - 0.01, f"{where}: a label of {timeline['smallest']:.1f} px"
                assert timeline["scrollable"] and timeline["focusable"], where
                if kind == "narrow":
                    assert timeline["scrolls"], f"{where}: squeezed into the phone's width instead of scrolling"


# ---------------------------------------------------------------- 6. without JavaScript


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LESSONS)
def test_a_lesson_reads_without_javascript(no_js_page, site_url, name, lang):
    no_js_page.goto(page_url(site_url, name, lang))
    heading = no_js_page.query_selector("article h1")
    assert heading is not None and heading.is_visible() and heading.inner_text().strip(), \
        f"{name} ({lang}): no visible h1 without JavaScript"
    text = no_js_page.inner_text("article")
    assert len(text) > 1000, f"{name} ({lang}): the article shows only {len(text)} characters without JavaScript"
    examples = no_js_page.query_selector_all(".agentlab-example")
    assert examples, f"{name} ({lang}): no examples"
    empty = [example.get_attribute("data-example") for example in examples
             if not example.query_selector(OUTPUT) or not example.query_selector(OUTPUT).text_content().strip()]
    assert not empty, f"{name} ({lang}): examples without their output without JavaScript: {empty}"


# ---------------------------------------------------------------- 7. code out of view

# course.css lets the browser skip the styling of a code block out of view
# (content-visibility) and gives it meanwhile the height of its lines, counted by
# hooks/code_size.py. Whether the browser skips a block's lines now:
SKIPPED = """code => code.firstElementChild !== null
  && !code.firstElementChild.checkVisibility({contentVisibilityAuto: true})"""

# Each shown block: is it skipped, its height now, its height drawn.
CODE_HEIGHTS = """() => Array.from(document.querySelectorAll("article .highlight pre > code"))
  .filter(code => code.getClientRects().length > 0)
  .map(code => {
    const skipped = (""" + SKIPPED + """)(code);
    const reserved = code.getBoundingClientRect().height;
    code.style.contentVisibility = "visible";
    const drawn = code.getBoundingClientRect().height;
    code.style.contentVisibility = "";
    return {lines: code.style.getPropertyValue("--code-lines").trim(), skipped, reserved, drawn};
  })"""


@pytest.mark.parametrize("kind", ["desktop", "narrow"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LESSONS)
def test_code_out_of_view_keeps_its_drawn_height(request, site_url, kind, name, lang):
    """Nothing moves when the reader scrolls to a code block the browser skipped: the
    height it keeps meanwhile is the drawn one (within 2 px of rounding over 60 lines)."""
    page = request.getfixturevalue(f"{kind}_page")
    page.goto(page_url(site_url, name, lang))
    blocks = page.evaluate(CODE_HEIGHTS)
    assert blocks and all(block["lines"] for block in blocks), f"{name} ({lang}): blocks without a line count: {blocks}"
    assert any(block["skipped"] for block in blocks), f"{name} ({lang}): no code block out of view was skipped"
    moved = [block for block in blocks if abs(block["reserved"] - block["drawn"]) > 2]
    assert not moved, f"{name} ({lang}) {kind}: kept height differs from the drawn one: {moved}"


# Each highlighted block: skipped now, focusable now; then, once drawn, whether it scrolls
# sideways and whether it is focusable.
FOCUS_BEFORE_AND_AFTER_DRAWING = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const found = [];
  for (const code of document.querySelectorAll("article .highlight pre > code")) {
    const details = code.closest("details");  // a closed block is opened, as a reader opens it
    if (details) details.open = true;
    if (code.getClientRects().length === 0) continue;
    const before = {skipped: (""" + SKIPPED + """)(code),
                    focusable: code.getAttribute("tabindex") === "0"};
    code.scrollIntoView();
    await frame();
    found.push({id: code.parentElement.id, before, scrolls: code.scrollWidth > code.clientWidth,
                focusable: code.getAttribute("tabindex") === "0"});
  }
  return found;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LESSONS)
def test_code_that_scrolls_sideways_is_focusable_once_drawn(desktop_page, site_url, name, lang):
    """Material's rule (on a device that hovers, a block that scrolls sideways takes the
    focus, so the keyboard can scroll it) holds for blocks the browser skipped at first:
    focusable while skipped, then exactly when they scroll once drawn."""
    desktop_page.goto(page_url(site_url, name, lang), wait_until="networkidle")
    blocks = desktop_page.evaluate(FOCUS_BEFORE_AND_AFTER_DRAWING)
    skipped = [block for block in blocks if block["before"]["skipped"]]
    assert skipped, f"{name} ({lang}): no block was skipped at first"
    assert all(block["before"]["focusable"] for block in skipped), f"{name} ({lang}): {skipped}"
    wrong = [block for block in blocks if block["focusable"] != block["scrolls"]]
    assert not wrong, f"{name} ({lang}): focusable is not 'scrolls sideways': {wrong}"
