"""The translation-parity check: every kind of drift in tests/parity_fixtures/ is caught, the real pages pass."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from tests.pages import DOCS, LANGUAGES, page_sources
from tests.parity import check, check_pair, pair_pages
from tests.parity.allowlist import load
from tests.parity.config import check_config
from tests.parity.facts import normalise_number, scan_inline
from tests.parity.glossary import compare_glossaries

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "parity_fixtures"
ALLOW = load(FIXTURES / "allowlist.txt")

# fixture directory: (finding kind, line in lesson.ru.md, line in lesson.en.md, text the message contains)
DRIFT = {
    "heading-level": ("heading", 12, 12, "headings differ: h2 #limits (ru) vs h3 #limits (en)"),
    "heading-id": ("heading", 12, 12, "h2 #limits (ru) vs h2 #limit (en)"),
    "heading-missing": ("heading", 11, 12, "only in en: h2 #limits"),
    "code-block-missing": ("code", 40, 36, "code blocks differ: 1 (ru) vs 0 (en)"),
    "snippet-changed": ("snippet", 41, 41, "agents/test_agents.php (ru) vs agents/old_agents.php (en)"),
    "tab-missing": ("tab", 26, 24, "content tabs differ: 2 (ru) vs 1 (en)"),
    "admonition-type": ("admonition", 14, 14, "!!! note (ru) vs !!! warning (en)"),
    "admonition-collapsible": ("admonition", 18, 18, "!!! info (ru) vs ??? info (en)"),
    "table-row": ("table", 30, 30, "3 rows × 2 columns (ru) vs 2 rows × 2 columns (en)"),
    "table-column": ("table", 30, 30, "3 columns"),
    "definition-missing": ("definition", 36, 35, "definition list entries differ: 1 (ru) vs 0 (en)"),
    "image-missing": ("image", 38, 36, "images differ: 1 (ru) vs 0 (en)"),
    "link-missing": ("link", 10, 10, "links differ: 3 (ru) vs 2 (en)"),
    "number-changed": ("numbers", 7, 7, "numbers differ: 60 (ru) vs 6 (en)"),
    "number-in-table": ("numbers", 33, 33, "numbers differ: 60 (ru) vs 180 (en)"),
    "date-changed": ("numbers", 16, 16, "30.10.2022 (ru) vs 31.10.2022 (en)"),
    "decimal-changed": ("numbers", 7, 7, "2.5 (ru) vs 25 (en)"),
    "inline-code-changed": ("inline code", 8, 8, "CAgent::AddAgent (ru) vs CAgent::Add (en)"),
    "path-changed": ("file paths", 8, 8, "/bitrix/php_interface/init.php (ru) vs /bitrix/php_interface/init_agents.php (en)"),
    "api-name-changed": ("API names", 9, 9, "SITE_ID (ru) vs SITE_DIR (en)"),
    "url-changed": ("URLs", 10, 10, "https://example.com/lessons (ru) vs https://example.com/lesson (en)"),
    "front-matter-key": ("front-matter", 1, 1, "front matter keys differ: description (ru) vs title (en)"),
    "cyrillic-in-english": ("untranslated", 24, 24, 'Cyrillic text in the English page: "Текст первого режима"'),
    "cyrillic-in-title": ("untranslated", 18, 18, 'Cyrillic text in the English page: "Подробности"'),
    "english-in-russian": ("untranslated", 28, 28, 'English text in the Russian page: "The text of the second mode"'),
}


def pair(name: str) -> tuple[Path, Path]:
    return FIXTURES / name / "lesson.ru.md", FIXTURES / name / "lesson.en.md"


def test_every_kind_of_drift_has_a_fixture():
    kept = {p.name for p in FIXTURES.iterdir() if (p / "lesson.en.md").is_file()}
    assert kept == set(DRIFT) | {"clean"}


def test_the_clean_fixture_passes():
    """Typography differs (10 000 / 10,000, 2,5 / 2.5, assets/x.ru.svg / x.en.svg), facts do not."""
    assert [str(f) for f in check_pair(*pair("clean"), ALLOW)] == []


@pytest.mark.parametrize("name", sorted(DRIFT))
def test_drift_is_caught_with_both_files_and_lines(name):
    kind, ru_line, en_line, text = DRIFT[name]
    ru, en = pair(name)
    findings = check_pair(ru, en, ALLOW)
    assert findings, f"{name}: the drift went unnoticed"
    shown = [str(f) for f in findings]
    expected = f"tests/parity_fixtures/{name}/lesson.ru.md:{ru_line} ↔ tests/parity_fixtures/{name}/lesson.en.md:{en_line}: "
    assert any(f.kind == kind and str(f).startswith(expected) and text in str(f) for f in findings), shown


def test_a_missing_translation_is_a_finding():
    findings = check(FIXTURES / "missing-translation", snippets=None, config=None, allowlist=None)
    assert [str(f) for f in findings] == [
        "tests/parity_fixtures/missing-translation/lesson.ru.md:1 ↔ tests/parity_fixtures/missing-translation/lesson.en.md: "
        "the en translation of this page is missing"
    ]


def test_allow_listed_text_passes_and_without_the_allow_list_it_does_not():
    assert any("Settings > System Settings > Agents" in str(f) for f in check_pair(*pair("clean")))


def test_english_link_text_of_an_external_source_is_not_untranslated():
    assert not any("Bitrix Framework" in str(f) for f in check_pair(*pair("clean")))


@pytest.mark.parametrize("name, expected", [
    ("concept-only-in-ru", "glossary.ru.md:4 ↔ tests/parity_fixtures/glossary/concept-only-in-ru/glossary.en.md:2: "
                           "glossary: the concept хит (ru) has no English counterpart"),
    ("concept-only-in-en", "glossary.en.md:3: glossary: the concept hit (en) has no Russian counterpart"),
    ("definition-drift", "glossary: API names in the definitions of агент, агента / agent differ: b_agent (ru) vs b_agents (en)"),
])
def test_glossary_drift_is_caught(name, expected):
    folder = FIXTURES / "glossary" / name
    findings = compare_glossaries(folder / "glossary.ru.md", folder / "glossary.en.md", ALLOW, set())
    assert any(expected in str(f) for f in findings), [str(f) for f in findings]


def test_inflected_russian_forms_are_one_concept():
    folder = FIXTURES / "glossary" / "clean"
    assert compare_glossaries(folder / "glossary.ru.md", folder / "glossary.en.md", ALLOW, set()) == []


@pytest.mark.parametrize("variant, line", [("on", 7), ("missing", 5)])
def test_fallback_to_default_must_be_off(variant, line):
    path = FIXTURES / "config" / f"fallback-{variant}.yml"
    assert [str(f) for f in check_config(path, LANGUAGES)] == [
        f"tests/parity_fixtures/config/fallback-{variant}.yml:{line}: i18n fallback_to_default must be false: "
        "a missing translation would silently show the default language"
    ]
    assert check_config(FIXTURES / "config" / "fallback-off.yml", LANGUAGES) == []


def test_an_unused_allow_list_entry_is_reported(tmp_path):
    allow = tmp_path / "allow.txt"
    allow.write_text("[untranslated]\nnever seen anywhere at all  # stale\n", encoding="utf-8")
    findings = check(FIXTURES / "clean", snippets=None, config=None, allowlist=allow)
    assert any(f.kind == "allow-list" and "never seen anywhere at all" in str(f) for f in findings)


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_in_each_typography_normalise_to_one_value(n):
    ru = f"{n:,}".replace(",", "\u00a0")
    en = f"{n:,}"
    assert [f.value for f in scan_inline(f"ровно {ru} раз", "ru").facts] == [str(n)]
    assert [f.value for f in scan_inline(f"exactly {en} times", "en").facts] == [str(n)]


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_different_values_never_normalise_alike(a, b):
    for lang in ("ru", "en"):
        assert (normalise_number(str(a), lang) == normalise_number(str(b), lang)) == (a == b)
    assert normalise_number(f"{a},5", "ru") == f"{a}.5" == normalise_number(f"{a}.5", "en")


def test_the_check_sees_every_page_that_the_site_builds():
    assert pair_pages(DOCS) == page_sources()
    for name, versions in page_sources().items():
        assert set(versions) == set(LANGUAGES), f"docs/{name}: {sorted(versions)}"


def test_the_real_pages_glossaries_and_config_pass():
    findings = check()
    assert not findings, "translation drift:\n" + "\n".join(map(str, findings))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.parity", *args], cwd=ROOT, capture_output=True, text=True)


def test_command_exits_0_on_the_real_pages():
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK:")


def test_command_exits_1_with_findings():
    result = run("--docs", str(FIXTURES / "number-changed"), "--allowlist", str(FIXTURES / "allowlist.txt"))
    assert result.returncode == 1
    assert "lesson.ru.md:7 ↔ tests/parity_fixtures/number-changed/lesson.en.md:7: numbers differ: 60 (ru) vs 6 (en)" in result.stdout


@pytest.mark.parametrize("args", [("--no-such-option",), ("--docs", "/no/such/dir"), ("stray",)])
def test_command_exits_2_on_bad_usage_with_one_line(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_inline_code_translated_on_purpose_passes_only_when_allow_listed(tmp_path):
    """The [code] section: a placeholder inside code may be in the reader's language."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "lesson.ru.md").write_text("# Урок { #lesson }\n\nФайл `/bitrix/modules/<ID модуля>/include.php`.\n",
                                       encoding="utf-8")
    (docs / "lesson.en.md").write_text("# Lesson { #lesson }\n\nThe file `/bitrix/modules/<module ID>/include.php`.\n",
                                       encoding="utf-8")
    allow = tmp_path / "allow.txt"
    allow.write_text("[code]\n<ID модуля> = <module ID>  # a placeholder\n", encoding="utf-8")
    assert check(docs, snippets=None, config=None, allowlist=allow) == []
    findings = [str(f) for f in check(docs, snippets=None, config=None, allowlist=None)]
    assert any("inline code differ" in f and "<ID модуля>" in f for f in findings), findings
    allow.write_text("[code]\n<ID модуля> = <module ID>  # a placeholder\nимя = name  # stale\n", encoding="utf-8")
    findings = [str(f) for f in check(docs, snippets=None, config=None, allowlist=allow)]
    assert any("unused allow-list entry 'имя = name'" in f for f in findings), findings
