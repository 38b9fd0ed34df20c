"""Three runs, then gone: Report() runs exactly three times, the count travelling in
the code each run returns (Report(1); -> Report(2); -> Report(3);), and after the
third run the agent is gone from the table."""

GOAL = 3
CODES = ["Report(1);", "Report(2);", "Report(3);"]
SAY = {
    "en": {"count": "runs of the agent: {n}; the goal is {goal}, then it removes itself",
           "codes": "the runs were {codes}; the goal is {want}: each run returns the code of the next with the "
                    "count in it (a static variable does not survive between requests on a site)",
           "kept": "after its last run ({code}) the agent is still in the table; the goal is that the third run "
                   "removes it"},
    "ru": {"count": "запусков агента: {n}; цель — {goal}, после чего агент удаляет себя",
           "codes": "запуски были такими: {codes}; цель — {want}: каждый запуск возвращает код следующего, и счёт "
                    "идёт в нём (статическая переменная на сайте не переживает запрос)",
           "kept": "после последнего запуска ({code}) агент остался в таблице; цель — чтобы третий запуск его "
                   "удалил"},
}


def check(result, lang):
    say = SAY[lang]
    runs = [run for run in result.runs if run.agent.startswith("Report(")]
    failed = []
    if len(runs) != GOAL:
        failed.append(say["count"].format(n=len(runs), goal=GOAL))
    elif [run.agent for run in runs] != CODES:
        failed.append(say["codes"].format(codes=", ".join(run.agent for run in runs), want=", ".join(CODES)))
    left = [agent["name"] for agent in result.agents if agent["name"].startswith("Report(")]
    if runs and left:
        failed.append(say["kept"].format(code=runs[-1].agent))
    return failed
