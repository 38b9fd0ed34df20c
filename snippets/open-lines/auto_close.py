# 1,000 dialogs are due for automatic closing; the Open Lines cron script
# closes them in portions, one portion a run.
from agentlab import ITEMS_PER_CALL, OPENLINES_CRON_EVERY, Kernel, output_lang

LANG = output_lang()  # "en" or "ru", from AGENTLAB_LANG
WORDS = {
    "en": {"intro": "Dialogs to close: {n}. At most {per} a call;"
                    " the script runs every {every} s.",
           "pass": "{time}  closed {items:>3}, total {total:>4},"
                   " left {left:>4}  ({why})",
           "limit": "stopped by the item limit", "empty": "nothing left",
           "total": "Dialogs closed: {closed}; passes: {passes}."},
    "ru": {"intro": "Диалогов к закрытию: {n}. Не больше {per} за вызов;"
                    " скрипт запускается каждые {every} с.",
           "pass": "{time}  закрыто {items:>3}, всего {total:>4},"
                   " осталось {left:>4}  ({why})",
           "limit": "остановлен лимитом элементов",
           "empty": "больше нечего закрывать",
           "total": "Закрыто диалогов: {closed}; проходов: {passes}."},
}[LANG]

TO_CLOSE = 1000

k = Kernel(start="2026-03-02T09:00:00")
k.setup_open_lines("openlines-cron", to_close=TO_CLOSE)
result = k.run(until="2026-03-02T09:15:00")

print(WORDS["intro"].format(n=TO_CLOSE, per=ITEMS_PER_CALL,
                            every=OPENLINES_CRON_EVERY))
# Every pass of every task is recorded. Keep the closing passes that closed
# something: the script still calls the task each minute once all are closed.
closing = [p for p in result.open_lines["passes"]
           if p["task"] == "close" and p["items"] > 0]
total = 0
for p in closing:
    total += p["items"]
    time = p["start"][11:16]  # "2026-03-02T09:00:00" -> "09:00"
    print(WORDS["pass"].format(time=time, items=p["items"], total=total,
                               left=TO_CLOSE - total,
                               why=WORDS[p["stopped_by"]]))
print(WORDS["total"].format(closed=result.open_lines["closed"],
                            passes=len(closing)))
