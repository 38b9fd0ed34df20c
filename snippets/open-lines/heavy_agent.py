# A quiet Open Line, first alone, then beside a heavy agent of another
# module, in each of the three modes.
from agentlab import OPEN_LINES_MODES, OPENLINES_AGENT_NAMES, Kernel, output_lang

LANG = output_lang()  # "en" or "ru", from AGENTLAB_LANG
WORDS = {
    "en": {"flow": "A new dialog every {d} s from 09:00 to 10:00,"
                   " a page hit every {h} s.",
           "heavy": "Heavy agent {name} takes {takes} s a call;"
                    " non-periodic, interval {interval} s, sort {sort}.",
           "modes": ["1. Agents on hits", "2. Agents on cron", "3. Open Lines cron"],
           "head": ["mode", "max wait without the heavy agent, s",
                    "max wait with the heavy agent, s"],
           "rhythm": "{mode}, without the heavy agent: the distribution agent"
                     " from 09:00 (start - end -> next exec):"},
    "ru": {"flow": "Новый диалог каждые {d} с с 09:00 до 10:00,"
                   " хит каждые {h} с.",
           "heavy": "Тяжёлый агент {name} работает {takes} с за вызов;"
                    " непериодический, интервал {interval} с, сортировка {sort}.",
           "modes": ["1. Агенты на хитах", "2. Агенты на cron",
                     "3. Cron Открытых линий"],
           "head": ["режим", "макс. ожидание без тяжёлого агента, с",
                    "макс. ожидание с тяжёлым агентом, с"],
           "rhythm": "{mode}, без тяжёлого агента: агент распределения"
                     " с 09:00 (начало - конец -> следующий запуск):"},
}[LANG]

DIALOG_EVERY = 30  # seconds between new dialogs: a quiet line
HIT_EVERY = 45     # seconds between page hits
HEAVY = "RebuildSearchIndex();"
HEAVY_TAKES = 300  # seconds each call lasts
HEAVY_INTERVAL = 900
HEAVY_SORT = 200   # a higher sort: first in a batch, before the Open Lines agents (100)
DISTRIBUTION = OPENLINES_AGENT_NAMES["distribution"]


def run(mode, with_heavy):
    """One hour of the line in one mode; the result of agentlab."""
    # "agents-cron" runs the module's agents on main's cron: cron mode on.
    k = Kernel(start="2026-03-02T09:00:00",
               agents_use_crontab=(mode == "agents-cron"))
    k.add_hits(start="2026-03-02T09:00:00", end="2026-03-02T11:00:00",
               every=HIT_EVERY)
    if with_heavy:
        # No Python body needed: takes= says how long each call lasts.
        k.add_agent(HEAVY, module="search", interval=HEAVY_INTERVAL,
                    sort=HEAVY_SORT, takes=HEAVY_TAKES)
    open_lines = k.setup_open_lines(mode, seconds_per_dialog=0.5)
    open_lines.add_dialogs(start="2026-03-02T09:00:00",
                           end="2026-03-02T10:00:00", every=DIALOG_EVERY)
    return k.run(until="2026-03-02T11:00:00")


print(WORDS["flow"].format(d=DIALOG_EVERY, h=HIT_EVERY))
print(WORDS["heavy"].format(name=HEAVY, takes=HEAVY_TAKES,
                            interval=HEAVY_INTERVAL, sort=HEAVY_SORT))
print()
table = [WORDS["head"]]
for mode, title in zip(OPEN_LINES_MODES, WORDS["modes"]):
    # The longest wait from a dialog's arrival to its operator, seconds.
    table.append([title, run(mode, False).open_lines["wait"]["max"],
                  run(mode, True).open_lines["wait"]["max"]])
# A plain text table: each column as wide as its widest cell.
widths = [max(len(str(row[i])) for row in table) for i in range(3)]
for row in table:
    cells = [str(cell).ljust(width) for cell, width in zip(row, widths)]
    print("  ".join(cells).rstrip())

# Why mode 2 waits longer than mode 1 on a quiet line: the rhythm of the
# distribution agent, non-periodic, every 60 s counted from the end of a pass.
for mode in ("hits", "agents-cron"):
    title = WORDS["modes"][OPEN_LINES_MODES.index(mode)]
    print()
    print(WORDS["rhythm"].format(mode=title))
    for r in run(mode, False).runs_of(DISTRIBUTION)[:5]:
        print(f"    {r.start:%H:%M:%S} - {r.end:%H:%M:%S} -> {r.next_exec:%H:%M:%S}")
