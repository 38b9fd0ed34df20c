"""Three runs, then gone: the agent Report() runs exactly three times and its third
run removes it (an empty string)."""

GOAL = 3
SAY = {
    "en": {"count": "runs of the agent: {n}; the goal is {goal}, then it removes itself",
           "kept": "after its last run ({code}) the agent is still in the table: that run returned "
                   "the next code instead of an empty string"},
    "ru": {"count": "запусков агента: {n}; цель — {goal}, после чего агент удаляет себя",
           "kept": "после последнего запуска ({code}) агент остался в таблице: этот запуск вернул "
                   "код следующего вместо пустой строки"},
}


def check(result, lang):
    say = SAY[lang]
    runs = [run for run in result.runs if run.agent.startswith("Report(")]
    failed = []
    if len(runs) != GOAL:
        failed.append(say["count"].format(n=len(runs), goal=GOAL))
    if runs and runs[-1].result != "removed":
        failed.append(say["kept"].format(code=runs[-1].agent))
    return failed
