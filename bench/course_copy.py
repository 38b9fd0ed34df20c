"""A copy of the course grown to n lesson pairs, for the benchmarks (issue 18).

    from bench.course_copy import make_course
    project = make_course(Path(tmp), 100)   # buildable with tests/conftest.py build_site(site, project)

The course keeps its real pages; the real lessons (every page but the home page) are
then copied, in turn, under new slugs (`agents-4`, `lab-6`, ...) until there are n
lesson pairs (n ru + n en pages, the home page not counted). Each copy gets its own
copy of the snippet folders its page includes (`--8<-- "agents/..."` becomes
`--8<-- "agents-4/..."`), so its examples are examples of their own, run and cached
under their own names, and its entry in mkdocs.yml's `nav:`, which both languages
share. node_modules and .cache are shared with the project (symlinks), as
tests/conftest.py copy_project does: a second build of the same copy is warm.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import copy_project  # noqa: E402

LANGUAGES = ("ru", "en")
HOME = "index"
# An include line of a page; group 1 is the snippet folder (a lesson's examples).
_INCLUDE = re.compile(r'^(?P<head>[ \t]*--8<--[ \t]+")(?P<folder>[^"/]+)/', re.M)
# An entry of the nav: its last `- page.md` line is where the copies go.
_NAV_PAGE = re.compile(r"^(?P<indent>[ \t]+)- [\w./-]+\.md[ \t]*$", re.M)


def real_lessons(docs: Path) -> list[str]:
    """The course's lessons (pages with every language, home page aside), in name order."""
    names = sorted({path.name.split(".")[0] for path in docs.glob("*.md")} - {HOME})
    missing = [f"{name}.{lang}.md" for name in names for lang in LANGUAGES if not (docs / f"{name}.{lang}.md").is_file()]
    if missing:
        raise ValueError(f"{docs}: lessons without a translation: {', '.join(missing)}")
    return names


def _copy_lesson(project: Path, lesson: str, slug: str, suffix: str) -> None:
    """docs/<lesson>.<lang>.md as docs/<slug>.<lang>.md, its snippet folders copied with `suffix`."""
    docs, snippets = project / "docs", project / "snippets"
    for lang in LANGUAGES:
        text = (docs / f"{lesson}.{lang}.md").read_text(encoding="utf-8")
        for folder in {match["folder"] for match in _INCLUDE.finditer(text)}:
            copied = snippets / f"{folder}{suffix}"
            if not copied.exists():
                shutil.copytree(snippets / folder, copied)
        text = _INCLUDE.sub(lambda m: f'{m["head"]}{m["folder"]}{suffix}/', text)
        (docs / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")


def _add_to_nav(config: Path, pages: list[str]) -> None:
    text = config.read_text(encoding="utf-8")
    nav = re.search(r"^nav:\n(?:[ \t]+.*\n|\n)+", text, re.M)
    entries = list(_NAV_PAGE.finditer(nav.group(0))) if nav else []
    if not entries:
        raise ValueError(f"{config}: no `nav:` with `- page.md` entries to add the copied lessons to")
    last = entries[-1]
    insert_at = nav.start() + last.end()
    lines = "".join(f"\n{last['indent']}- {page}" for page in pages)
    config.write_text(text[:insert_at] + lines + text[insert_at:], encoding="utf-8")


def make_course(target: Path, n: int) -> Path:
    """The project copied into `target` with n lesson pairs; returns the project folder."""
    project = copy_project(target)  # what a build reads: tests/conftest.py PROJECT_FILES
    lessons = real_lessons(project / "docs")
    if n < len(lessons):
        raise ValueError(f"n={n}: the course already has {len(lessons)} lessons ({', '.join(lessons)})")
    copies = []
    for number in range(len(lessons) + 1, n + 1):
        lesson = lessons[(number - 1) % len(lessons)]
        slug = f"{lesson}-{number}"
        _copy_lesson(project, lesson, slug, f"-{number}")
        copies.append(f"{slug}.md")
    if copies:
        _add_to_nav(project / "mkdocs.yml", copies)
    return project

