"""More than 5 s a pass: every pass of the distribution task may take more than the
5 s imopenlines gives an agent on a hit."""

HIT_LIMIT = 5
SAY = {
    "en": {"none": "the run has no Open Lines: the code must call k.setup_open_lines(...)",
           "no_pass": "the distribution task never ran; the goal is passes of more than {hit} s",
           "limit": "{n} distribution passes had a limit of {limit} s; the goal is more than {hit} s a pass"},
    "ru": {"none": "в запуске нет Открытых линий: код должен вызвать k.setup_open_lines(...)",
           "no_pass": "задание распределения ни разу не выполнилось; цель — проходы дольше {hit} с",
           "limit": "проходов распределения с лимитом {limit} с: {n}; цель — больше {hit} с на проход"},
}


def check(result, lang):
    say = SAY[lang]
    lines = result.open_lines
    if lines is None:
        return [say["none"]]
    passes = [p for p in lines["passes"] if p["task"] == "distribution"]
    if not passes:
        return [say["no_pass"].format(hit=HIT_LIMIT)]
    short = [p for p in passes if p["limit"] <= HIT_LIMIT]
    if short:
        return [say["limit"].format(n=len(short), limit=short[0]["limit"], hit=HIT_LIMIT)]
    return []
