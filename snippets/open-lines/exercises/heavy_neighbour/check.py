"""A heavy neighbour: no dialog waits more than 120 s on hits, and the heavy agent
still runs at least 6 times from 09:00 to 11:00."""

LIMIT = 120
REBUILDS = 6
HEAVY = "RebuildSearchIndex();"
TAKES = 300  # seconds a call of the heavy agent lasts: part of the task, not to change
SAY = {
    "en": {"none": "the run has no Open Lines: the code must call k.setup_open_lines(...)",
           "mode": "the Open Lines run in mode {mode!r}; the goal keeps \"hits\"",
           "wait": "a dialog waited {wait} s; the goal is at most {limit}",
           "heavy": "runs of {name}: {n}; the goal is at least {least}, one about every 15 minutes",
           "takes": "a call of {name} took {took} s; it takes {takes} s, as in the task: change how it is "
                    "registered, not what it does"},
    "ru": {"none": "в запуске нет Открытых линий: код должен вызвать k.setup_open_lines(...)",
           "mode": "Открытые линии работают в режиме «{mode}»; по условию режим — «hits»",
           "wait": "диалог ждал {wait} с; цель — не больше {limit}",
           "heavy": "запусков {name}: {n}; цель — не меньше {least}, примерно раз в 15 минут",
           "takes": "вызов {name} длился {took} с; по условию он длится {takes} с: меняйте то, как агент "
                    "зарегистрирован, а не то, что он делает"},
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
    runs = result.runs_of(HEAVY)
    if len(runs) < REBUILDS:
        failed.append(say["heavy"].format(name=HEAVY, n=len(runs), least=REBUILDS))
    short = [run for run in runs if (run.end - run.start).total_seconds() != TAKES]
    if short:
        took = (short[0].end - short[0].start).total_seconds()
        failed.append(say["takes"].format(name=HEAVY, took=f"{took:g}", takes=TAKES))
    return failed
