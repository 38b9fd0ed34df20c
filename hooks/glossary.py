"""Glossary tooltips in each page's own language, on each term's first use.

The terms differ by language, so each page's Markdown gets the glossary of its own
language, `snippets/glossary.<lang>.md`, as the `glossary` of Python-Markdown's abbr
extension. (Appended to every page as `*[term]: definition` lines, the glossary cost a
pass of every block processor per line and page: a tenth of a 100-lesson build's extra
time over plain Material.)

The abbr extension marks every occurrence: "agent" alone 36 times in the Agents lesson.
A term is explained where it is first used, as in print, so its later occurrences stay
plain text, and so does a heading: a title, where a dotted underline reads as a link
that is not one. That is also 78 fewer tooltips on /en/agents/ for Material to mount and
restyle while the page starts, on a phone the largest share of a lesson's own start-up
work after its code (issue 7). The extension's tree step is replaced by one that marks
only those first uses (`FirstUseAbbreviations`): marking every use and unwrapping most
of them again in the HTML took a seventh of a 100-lesson build's extra time.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from i18n_site import languages

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# A glossary line, as the abbr extension reads one: *[term]: definition
TERM = re.compile(r"^\*\[(?P<term>[^\]]+)\] ?:\s*(?P<definition>.*?)\s*$")


def read_glossary(path: Path) -> dict[str, str]:
    """term -> definition; a line that is neither one nor blank is an error naming it."""
    if not path.is_file():
        raise PluginError(f"{path}: the glossary of this language is missing")
    terms: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = TERM.match(line)
        if match and match["definition"]:
            terms[match["term"].strip()] = match["definition"]
        elif line.strip():
            raise PluginError(f"{path}:{number}: not a glossary line (`*[term]: definition`)")
    return terms


class FirstUseAbbreviations(AbbrTreeprocessor):
    """The abbr extension's tree step, marking a term (in any capitalisation) on its first
    use outside the headings only. The walk goes in reading order (the extension's goes
    backwards), and the pattern drops each term once it is used (looking for all of them
    in every text of the page was most of the glossary's cost), unless the term holds one
    still unused: "non-periodic", used, is still matched whole, so its "periodic" is not
    taken for that term's first use."""

    def run(self, root: Element) -> None:
        self._unused = {term for term, title in self.abbrs.items() if title}
        self._holds = _terms_held(frozenset(self.abbrs))
        self._compile()
        self._mark(root)

    def _compile(self) -> None:
        if not self._unused:
            self.RE = None
            return
        # Used terms, and those without a title (the extension matches them, marking nothing).
        holding = {term for term in set(self.abbrs) - self._unused if self._holds[term] & self._unused}
        # As the extension builds its pattern: the longest term first, whole words.
        terms = sorted(self._unused | holding, key=len, reverse=True)
        self.RE = re.compile(f"\\b(?:{'|'.join(re.escape(term) for term in terms)})\\b")

    def _mark(self, el: Element) -> None:
        if el.tag in HEADINGS:
            return
        el.text, marked = self._first_uses(el.text)
        el[0:0] = marked
        i = len(marked)
        while i < len(el) and self.RE is not None:
            child = el[i]
            self._mark(child)
            child.tail, marked = self._first_uses(child.tail)
            el[i + 1:i + 1] = marked
            i += 1 + len(marked)

    def _first_uses(self, text: str | None) -> tuple[str | None, list[Element]]:
        """The text before the first unused term, and an <abbr> for each unused term with
        the text up to the next one as its tail."""
        if not text or isinstance(text, AtomicString) or self.RE is None:
            return text, []
        marked: list[Element] = []
        before, done = text, 0
        for match in self.RE.finditer(text):
            term = match.group(0)
            if term not in self._unused:  # used before, or a term without a title
                continue
            used = term.casefold()
            self._unused = {other for other in self._unused if other.casefold() != used}
            if marked:
                marked[-1].tail = text[done:match.start()]
            else:
                before = text[:match.start()]
            marked.append(self.create_element(self.abbrs[term], term, None))
            done = match.end()
        if marked:
            marked[-1].tail = text[done:]
            self._compile()
        return before, marked


@functools.lru_cache(maxsize=8)  # a glossary per language, the same for every page
def _terms_held(terms: frozenset[str]) -> dict[str, set[str]]:
    """term -> the other terms it holds as whole words ("non-periodic": {"periodic"})."""
    return {term: {other for other in terms if other != term and re.search(f"\\b{re.escape(other)}\\b", term)}
            for term in terms}


class FirstUseGlossary(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" not in md.treeprocessors:
            raise PluginError("mkdocs.yml: the glossary needs the abbr extension in markdown_extensions, "
                              "before the hooks add theirs")
        md.treeprocessors.register(FirstUseAbbreviations(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)


def on_config(config: MkDocsConfig) -> None:
    # After the configured extensions, so after abbr (each language's build comes here).
    if not any(isinstance(extension, FirstUseGlossary) for extension in config.markdown_extensions):
        config.markdown_extensions.append(FirstUseGlossary())


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Read for every page (a few lines, 15 ms in a 100-lesson build): a glossary edited
    # while serving reaches the next page built.
    glossary = read_glossary(SNIPPETS / f"glossary.{languages(config).current}.md")
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary}
    return markdown
