"""Every fact of the original lessons is on both language versions of the built page."""

from __future__ import annotations

import pytest

from tests.pages import article_text, built_path, parse

AGENTS_URL = "https://training.bitrix24.com/support/training/course/?COURSE_ID=68&LESSON_ID=5954"
OPEN_LINES_URL = "https://dev.1c-bitrix.ru/learning/course/index.php?COURSE_ID=48&LESSON_ID=9219"

# Facts written the same way in both languages: numbers, paths, API names, dates.
AGENTS_COMMON = [
    "20.5.0", "OnPageStart", "CAgent::AddAgent", "CAgent::RemoveAgent", "/bitrix/php_interface/init.php",
    "AddMessage2Log", "BX_CRONTAB:", "BX_CRONTAB_SUPPORT", "TestAgentPeriod();", "TestAgentNotPeriod();",
    "Settings > System Settings > Agents", "$USER", "CUser", "Authorize", "SITE_ID", "MySQL",
    "2–3", "24", "31.10.2022",
]
AGENTS = {
    "ru": [
        "/bitrix/modules/<ID модуля>/include.php",
        "с заданной периодичностью", "какой код выполнить", "когда его выполнить",
        "с какой периодичностью", "строго периодический или непериодический",
        "в конце загрузки каждой страницы, после того как содержимое отдано браузеру",
        "в начале загрузки каждой страницы", "фоновые задания",
        "плотности посещаемости", "утилитой cron", "ресурсоёмкие операции", "в фоне по cron",
        "подключается в прологе", "должна вернуть PHP-код",
        "«повторяющимися» и «неповторяющимися»",
        "ранее назначенное время запуска агента + интервал",
        "время окончания последнего запуска (когда функция-агент вернула результат) + интервал",
        "очистки старых почтовых событий", "отчётом о посещаемости", "пересчёта рейтингов",
        "большинство агентов — непериодические",
        "недоступна переменная $USER", "нельзя авторизовать", "административного раздела",
        "многоязычных сайтах", "в однопоточном режиме с блокировкой в MySQL на 10 минут",
        "соединение с ней разорвётся", "Десятиминутное ожидание",
    ],
    "en": [
        "/bitrix/modules/<module ID>/include.php",
        "at a set frequency", "which code to run", "when to run it", "how often to run it",
        "strictly periodic or a non-periodic",
        "at the end of each page load, after the content has been sent to the browser",
        "as each page started loading", "background jobs",
        "steady and dense", "cron utility", "resource-intensive operations", "in the background by cron",
        "included automatically in the prolog", "must return PHP code",
        '"recurring" and "non-recurring"',
        "the previously scheduled time of the agent + interval",
        "the time the last run finished (when the agent function returned) + interval",
        "cleans up old mail events", "daily report on site visits", "recalculates ratings",
        "vast majority of agents are non-periodic",
        "$USER variable is not available", "Authorize method", "admin section",
        "multilingual sites", "single thread, with a lock in MySQL for 10 minutes",
        "connection to the database breaks", "ten-minute wait",
    ],
}

OPEN_LINES_COMMON = ["/bitrix/tools/imopenlines/agents.php", "Cron"]
OPEN_LINES = {
    "ru": [
        "распределения диалогов по операторам", "отправки почтовых сообщений",
        "автоматического закрытия диалогов", "сообщения о недоступности операторов",
        "по классической схеме агентов",
        "на агентах Битрикса — запуск на хитах", "на агентах Битрикса — запуск на cron",
        "на специальном cron Открытых линий", "в поле Режим работы должно быть выбрано значение Агент",
        "Крайне не рекомендуемый режим", "Допустимый, но также не рекомендуемый режим", "Рекомендуемый режим",
        "5 секунд", "60 секунд", "180 секунд", "раз в 60 секунд",
        "сначала выполняются агенты", "затем код портала", "значительные задержки распределения",
        "конкурируют с другими агентами", "задержка распределения, так и его остановка",
        "равен лимиту времени задания распределения диалогов", "по 100 элементов за раз",
    ],
    "en": [
        "distributes dialogs to operators", "sends mail messages", "closes dialogs automatically",
        '"operators unavailable" message to the dialog', "the classic way, as agents",
        "on Bitrix agents, run on hits", "on Bitrix agents, run by cron", "on the special Open Lines cron",
        "Execute as: Agent",
        "Strongly discouraged", "Acceptable, but not recommended either", "Recommended",
        "5 seconds", "60 seconds", "180 seconds", "every 60 seconds",
        "the agents run first", "then the portal's code", "delayed considerably",
        "compete with the other agents", "delay distribution or even stop it",
        "same time limit as the dialog distribution task", "100 items at a time",
    ],
}
# The original pages' chrome is not content.
CHROME = ["Навигация", "Views:", "Last Modified", "Start the course", "Chapter contents", "Оглавление курса", "previce"]


def _facts(common, per_language):
    return [(lang, fact) for lang in ("ru", "en") for fact in [*common, *per_language[lang]]]


@pytest.mark.parametrize("lang,fact", _facts(AGENTS_COMMON, AGENTS))
def test_agents_fact(site, lang, fact):
    assert fact in article_text(parse(built_path(site, "agents", lang)))


@pytest.mark.parametrize("lang,fact", _facts(OPEN_LINES_COMMON, OPEN_LINES))
def test_open_lines_fact(site, lang, fact):
    assert fact in article_text(parse(built_path(site, "open-lines-cron", lang)))


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("page", ["agents", "open-lines-cron"])
def test_original_chrome_is_gone(site, page, lang):
    text = article_text(parse(built_path(site, page, lang)))
    assert [word for word in CHROME if word in text] == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_agents_structure(site, lang):
    tree = parse(built_path(site, "agents", lang))
    details = tree.css("article details.info")
    assert len(details) == 1, "the pre-20.5.0 block is one collapsed details block"
    assert "20.5.0" in details[0].css_first("summary").text()
    assert "open" not in details[0].attributes
    assert "OnPageStart" in details[0].text()
    code = next(block for block in tree.css("article .highlight") if "function TestAgentPeriod()" in block.text())
    assert code.css_first(".filename").text().strip() == "test_agents.php", "the PHP example has a title"
    source = tree.css_first("article .admonition.quote")
    assert {a.attributes["href"] for a in source.css("a")} == {AGENTS_URL}
    assert "31.10.2022" in source.text()
    assert [h.attributes["id"] for h in tree.css("article h2")] == [
        "register", "periodic", "cron", "limits", "key-points", "check-yourself", "exercises"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_open_lines_structure(site, lang):
    tree = parse(built_path(site, "open-lines-cron", lang))
    tabs = tree.css("article .tabbed-set > .tabbed-labels > label")
    assert [label.text().strip()[:2] for label in tabs] == ["1.", "2.", "3."]
    verdicts = [block.css_first(".admonition").attributes["class"].split()[1]
                for block in tree.css("article .tabbed-block")]
    assert verdicts == ["danger", "warning", "success"]
    table = tree.css_first("article table")
    assert len(table.css("thead th")) == 4
    rows = [[cell.text().strip() for cell in row.css("td")] for row in table.css("tbody tr")]
    assert len(rows) == 3 and all(len(row) == 4 for row in rows)
    assert [row[2].split()[0] for row in rows] == ["5", "60", "180"]
    images = tree.css("article img")
    assert len(images) == 2
    for image in images:
        assert len(image.attributes.get("alt") or "") > 20, "real alt text"
    source = tree.css_first("article .admonition.quote")
    assert {a.attributes["href"] for a in source.css("a")} == {OPEN_LINES_URL}
    assert [h.attributes["id"] for h in tree.css("article h2")] == [
        "tasks-and-modes", "modes", "setup", "key-points", "check-yourself", "exercises"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_settings_drawings_are_in_the_page_language(site, lang):
    prefix = "" if lang == "ru" else "en/"
    for name, value in (("ol-set-agent", {"ru": "Агент", "en": "Agent"}[lang]), ("ol-set-cron", "Cron")):
        svg = (site / prefix / "assets" / f"{name}.svg").read_text(encoding="utf-8")
        assert "<title" in svg and "<desc" in svg
        label = {"ru": "Режим работы:", "en": "Execute as:"}[lang]
        assert label in svg and f">{value}</text>" in svg


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("page", ["agents", "open-lines-cron"])
def test_a_lesson_ends_with_key_points_and_questions_to_check_yourself(site, page, lang):
    """5 to 7 key points, then 4 to 6 questions whose answers are collapsed <details>
    (native HTML: they open without JavaScript), each saying why; then, last, the
    exercises if the lesson has them yet."""
    tree = parse(built_path(site, page, lang))
    article = tree.css_first("article")
    ids = [h.attributes["id"] for h in article.css("h2")]
    if ids[-1] == "exercises":
        ids.pop()
    assert ids[-2:] == ["key-points", "check-yourself"]
    points = article.css("h2#key-points ~ ul")[0].css("li")
    assert 5 <= len(points) <= 7, f"{page} ({lang}): {len(points)} key points"
    questions = article.css("h2#check-yourself ~ details.question")
    assert 4 <= len(questions) <= 6, f"{page} ({lang}): {len(questions)} questions"
    for question in questions:
        assert "open" not in question.attributes, "an answer starts collapsed"
        summary = question.css_first("summary").text(strip=True)
        answer = question.text(strip=True)[len(summary):]
        assert summary.endswith("?") and len(answer) > 80, (page, lang, summary)
