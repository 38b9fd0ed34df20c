"""No catching up after a quiet night: Backup() runs at the first visit, then at most
once an hour, and at least once an hour until 18:00."""

HOUR = 3600
AT_LEAST = 8  # 09:00 to 18:00 with a visitor every 7 minutes: 8 hourly runs or more
SAY = {
    "en": {"close": "the runs at {a} and {b} were {m} min apart: the agent caught up on the night; "
                    "the goal is at least an hour between runs",
           "few": "runs of the agent from 09:00 to 18:00: {n}; the goal is once an hour, {least} or more"},
    "ru": {"close": "запуски в {a} и {b} разделяют {m} мин: агент догонял пропущенные ночью часы; "
                    "цель — не меньше часа между запусками",
           "few": "запусков агента с 09:00 до 18:00: {n}; цель — раз в час, не меньше {least}"},
}


def check(result, lang):
    say = SAY[lang]
    starts = [run.start for run in result.runs if run.agent == "Backup();"]
    failed = []
    for a, b in zip(starts, starts[1:]):
        if (b - a).total_seconds() < HOUR:
            failed.append(say["close"].format(a=f"{a:%H:%M}", b=f"{b:%H:%M}", m=int((b - a).total_seconds() // 60)))
            break
    if len(starts) < AT_LEAST:
        failed.append(say["few"].format(n=len(starts), least=AT_LEAST))
    return failed
