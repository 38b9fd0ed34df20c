"""A heavy neighbour: no dialog waits more than 120 s on hits, and the heavy agent
still runs at least 6 times from 09:00 to 11:00."""

LIMIT = 120
REBUILDS = 6
HEAVY = "RebuildSearchIndex();"
SAY = {
    "en": {"none": "the run has no Open Lines: the code must call k.setup_open_lines(...)",
           "mode": "the Open Lines run in mode {mode!r}; the goal keeps \"hits\"",
           "wait": "a dialog waited {wait} s; the goal is at most {limit}",
           "heavy": "runs of {name}: {n}; the goal is at least {least}, one about every 15 minutes"},
    "ru": {"none": "в запуске нет Открытых линий: код должен вызвать k.setup_open_lines(...)",
           "mode": "Открытые линии работают в режиме {mode!r}; по условию режим — \"hits\"",
           "wait": "диалог ждал {wait} с; цель — не больше {limit}",
           "heavy": "запусков {name}: {n}; цель — не меньше {least}, примерно раз в 15 минут"},
}


def check(result, lang):
    say = SAY[lang]
    lines = result.open_lines
    if lines is None:
        return [say["none"]]
    failed = []
    if lines["mode"] != "hits":
        failed.append(say["mode"].format(mode=lines["mode"]))
    wait = lines["wait"]["max"]
    if wait is None or wait > LIMIT:
        failed.append(say["wait"].format(wait=wait, limit=LIMIT))
    runs = result.count(HEAVY)
    if runs < REBUILDS:
        failed.append(say["heavy"].format(name=HEAVY, n=runs, least=REBUILDS))
    return failed
