"""The exercises under CPython and php-cli: for each, in both languages, the starter
fails its check with the expected messages, the solution passes, and a wrong solution
(wrong.<ext>, a fixture beside it) fails naming what is wrong. The check reads the
run's record (agentlab/checks.py), never the printed text."""

from __future__ import annotations

import contextlib
import io
import runpy
import shutil
from pathlib import Path

import pytest

from agentlab import load_scenario_file
from agentlab.checks import recorded_results
from exercises import SNIPPETS, exercise_assets, exercise_files, exercises
from tests.php import needs_php_cli

needs_php_cli()

# What each starter and each wrong solution fails, in both languages.
EXPECTED = {
    ("agents/exercises/three_runs/three_runs.php", "starter"): {
        "en": ["runs of the agent: 9; the goal is 3, then it removes itself",
               "after its last run (Report(9);) the agent is still in the table; the goal is that the third run "
               "removes it"],
        "ru": ["запусков агента: 9; цель — 3, после чего агент удаляет себя",
               "после последнего запуска (Report(9);) агент остался в таблице; цель — чтобы третий запуск его "
               "удалил"]},
    ("agents/exercises/three_runs/three_runs.php", "wrong"): {
        "en": ["runs of the agent: 4; the goal is 3, then it removes itself"],
        "ru": ["запусков агента: 4; цель — 3, после чего агент удаляет себя"]},
    ("agents/exercises/no_catch_up/no_catch_up.php", "starter"): {
        "en": ["the runs at 09:00 and 09:07 were 7 min apart: the agent caught up on the night; the goal is at "
               "least an hour between runs"],
        "ru": ["запуски в 09:00 и 09:07 разделяют 7 мин: агент догонял пропущенные ночью часы; цель — не меньше "
               "часа между запусками"]},
    ("agents/exercises/no_catch_up/no_catch_up.php", "wrong"): {
        "en": ["runs of the agent from 09:00 to 18:00: 1; the goal is once an hour, 8 or more"],
        "ru": ["запусков агента с 09:00 до 18:00: 1; цель — раз в час, не меньше 8"]},
    ("agents/exercises/remove_other/remove_other.php", "starter"): {
        "en": ["runs of OldImport(); after Cleanup();: 11 (the first at 12:30); the goal is none: Cleanup() deletes "
               "its agent with CAgent::RemoveAgent", "at 18:00 the agent OldImport(); is still in the table"],
        "ru": ["запусков OldImport(); после Cleanup();: 11 (первый — в 12:30); цель — ни одного: Cleanup() удаляет "
               "его агент через CAgent::RemoveAgent", "в 18:00 агент OldImport(); всё ещё в таблице"]},
    ("open-lines/exercises/short_wait/short_wait.py", "starter"): {
        "en": ["a dialog waited 90.5 s; the goal is at most 60"],
        "ru": ["диалог ждал 90.5 с; цель — не больше 60"]},
    ("open-lines/exercises/short_wait/short_wait.py", "wrong"): {
        "en": ["a dialog waited 90.5 s; the goal is at most 60"],
        "ru": ["диалог ждал 90.5 с; цель — не больше 60"]},
    ("open-lines/exercises/heavy_neighbour/heavy_neighbour.py", "starter"): {
        "en": ["a dialog waited 375.5 s; the goal is at most 120"],
        "ru": ["диалог ждал 375.5 с; цель — не больше 120"]},
    ("open-lines/exercises/heavy_neighbour/heavy_neighbour.py", "wrong"): {
        "en": ["a dialog waited 300.5 s; the goal is at most 120",
               "runs of RebuildSearchIndex();: 1; the goal is at least 6, one about every 15 minutes"],
        "ru": ["диалог ждал 300.5 с; цель — не больше 120",
               "запусков RebuildSearchIndex();: 1; цель — не меньше 6, примерно раз в 15 минут"]},
    ("open-lines/exercises/cron_limit/cron_limit.py", "starter"): {
        "en": ["31 distribution passes had a limit of 5 s; the goal is more than 5 s a pass"],
        "ru": ["проходов распределения с лимитом 5 с: 31; цель — больше 5 с на проход"]},
    ("open-lines/exercises/cron_limit/cron_limit.py", "wrong"): {
        "en": ["31 distribution passes had a limit of 5 s; the goal is more than 5 s a pass"],
        "ru": ["проходов распределения с лимитом 5 с: 31; цель — больше 5 с на проход"]},
}
# The wrong RemoveAgent name fails exactly as the starter does: the agent is not found.
EXPECTED[("agents/exercises/remove_other/remove_other.php", "wrong")] = \
    EXPECTED[("agents/exercises/remove_other/remove_other.php", "starter")]


def check_run(example: str, variant: str, lang: str, tmp_path: Path, code: str | None = None) -> list[str]:
    """Run the starter, the solution or the wrong fixture (or ``code``) as the starter's
    file (so its scenario runs it), then the exercise's check."""
    source = SNIPPETS / example
    if code is None:
        chosen = {"starter": source, "solution": exercise_files(example)["solution"],
                  "wrong": source.with_name(f"wrong{source.suffix}")}[variant]
        code = chosen.read_text(encoding="utf-8")
    (tmp_path / source.name).write_text(code, encoding="utf-8")
    with recorded_results() as results:
        if source.suffix == ".php":  # its scenario runs it
            shutil.copy(source.with_suffix(".toml"), tmp_path)
            load_scenario_file(str(tmp_path / source.with_suffix(".toml").name)).run()
        else:
            with contextlib.redirect_stdout(io.StringIO()):
                runpy.run_path(str(tmp_path / source.name), run_name="__main__")
    assert results, f"{example} ({variant}) ran no kernel"
    return runpy.run_path(str(exercise_files(example)["check"]))["check"](results[-1], lang)


def test_each_lesson_has_three_exercises():
    found = exercises()
    for lesson in ("agents", "open-lines"):
        assert sum(1 for e in found if e.startswith(lesson + "/")) >= 3, found
    assert {key[0] for key in EXPECTED} == set(found)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("example", exercises())
def test_the_starter_fails_with_the_expected_messages(example, lang, tmp_path):
    assert check_run(example, "starter", lang, tmp_path) == EXPECTED[(example, "starter")][lang]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("example", exercises())
def test_the_solution_passes(example, lang, tmp_path):
    assert check_run(example, "solution", lang, tmp_path) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("example", exercises())
def test_a_wrong_solution_fails_naming_what_is_wrong(example, lang, tmp_path):
    assert check_run(example, "wrong", lang, tmp_path) == EXPECTED[(example, "wrong")][lang]


def test_the_site_serves_check_and_solution_under_their_hash(site):
    for example in exercises():
        for kind, target in exercise_assets(example).items():
            served = site / "assets" / target
            assert served.read_bytes() == exercise_files(example)[kind].read_bytes(), (example, kind)


def _variant(example: str, old: str, new: str) -> str:
    """The solution of ``example`` with one change: another way a reader may write it."""
    code = exercise_files(example)["solution"].read_text(encoding="utf-8")
    assert old in code, (example, old)
    return code.replace(old, new, 1)


def test_three_runs_accepts_remove_agent_and_refuses_a_static_counter(tmp_path):
    example = "agents/exercises/three_runs/three_runs.php"
    removes = _variant(example, 'return "";   // the third run',
                       '{ CAgent::RemoveAgent("Report(3);"); return "Report(4);"; }   //')
    assert check_run(example, "", "en", tmp_path, removes) == []
    # A static count passes in agentlab's shared interpreter, never on a site: refused.
    static = ('<?php\nfunction Report($n)\n{\n   static $count = 0;\n   $count++;\n'
              '   AddMessage2Log("Report: run ".$count);\n   return $count >= 3 ? "" : "Report(1);";\n}\n'
              'CAgent::AddAgent("Report(1);", "", "N", 3600);\n')
    failed = check_run(example, "", "en", tmp_path, static)
    assert failed and failed[0].startswith("the runs were Report(1);, Report(1);, Report(1);")


def test_the_open_lines_checks_keep_what_the_task_fixes(tmp_path):
    heavy = "open-lines/exercises/heavy_neighbour/heavy_neighbour.py"
    faster = _variant(heavy, "takes=300", "takes=60")
    assert "it takes 300 s, as in the task" in " ".join(check_run(heavy, "", "en", tmp_path, faster))
    wait = "open-lines/exercises/short_wait/short_wait.py"
    busier = (SNIPPETS / wait).read_text(encoding="utf-8").replace("HIT_EVERY = 120", "HIT_EVERY = 1")
    assert "the traffic is part of the task" in " ".join(check_run(wait, "", "en", tmp_path, busier))


def test_the_home_page_lists_an_exercise_as_the_build_runs_it(tmp_path, monkeypatch):
    """hooks/run_fences.py is the one reading of a `run check` fence: an exercise in an
    admonition, its words in any order, is listed in the progress as it is run (the list
    once took only unindented fences written `title="…" run check`)."""
    import exercises as hook

    (tmp_path / "lesson.en.md").write_text(
        '# Lesson { #lesson }\n\n### Task one: three runs { #task-one }\n\n'
        '!!! example "Try it"\n\n    ```php run check title="three_runs.php"\n'
        '    --8<-- "agents/exercises/three_runs/three_runs.php"\n    ```\n', encoding="utf-8")
    monkeypatch.setattr(hook, "DOCS", tmp_path)
    assert hook.lesson_exercises("en") == [{"page": "lesson", "lesson": "Lesson", "anchor": "task-one",
                                            "title": "Task one: three runs",
                                            "example": "agents/exercises/three_runs/three_runs.php"}]
    (tmp_path / "lesson.en.md").write_text('# Lesson\n\n```php run check\n--8<-- "a/b.php"\n```\n', encoding="utf-8")
    with pytest.raises(hook.ExerciseError, match=r"lesson.en.md:3: an exercise sits under a ### heading"):
        hook.lesson_exercises("en")
