"""No dialog waits more than 60 s: every dialog of the hour is distributed, and the
longest wait from its arrival to its operator is 60 s or less."""

LIMIT = 60
HITS = 60  # a visitor every 120 s from 09:00 to 11:00: the site's traffic, part of the task
SAY = {
    "en": {"none": "the run has no Open Lines: the code must call k.setup_open_lines(...)",
           "undistributed": "no dialog was distributed; the goal is every dialog within {limit} s",
           "wait": "a dialog waited {wait} s; the goal is at most {limit}",
           "left": "{n} dialogs were still waiting at the end of the run; the goal is none",
           "hits": "the site had {n} page hits; the traffic is part of the task: a visitor every 120 s, {hits} hits"},
    "ru": {"none": "в запуске нет Открытых линий: код должен вызвать k.setup_open_lines(...)",
           "undistributed": "ни один диалог не распределён; цель — каждый за {limit} с или быстрее",
           "wait": "диалог ждал {wait} с; цель — не больше {limit}",
           "left": "диалогов, всё ещё ждущих в конце запуска: {n}; цель — ни одного",
           "hits": "хитов на сайте: {n}; трафик — часть условия: посетитель раз в 120 с, {hits} хитов"},
}


def check(result, lang):
    say = SAY[lang]
    lines = result.open_lines
    if lines is None:
        return [say["none"]]
    failed = []
    wait = lines["wait"]["max"]
    if wait is None:
        failed.append(say["undistributed"].format(limit=LIMIT))
    elif wait > LIMIT:
        failed.append(say["wait"].format(wait=wait, limit=LIMIT))
    if lines["waiting"]:
        failed.append(say["left"].format(n=lines["waiting"]))
    if len(result.hits) != HITS:
        failed.append(say["hits"].format(n=len(result.hits), hits=HITS))
    return failed
