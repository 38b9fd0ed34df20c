# A quiet Open Line, first alone, then beside a heavy agent of another
# module, in each of the three modes.
from agentlab import OPEN_LINES_MODES, Kernel, output_lang

LANG = output_lang()  # "en" or "ru", from AGENTLAB_LANG
WORDS = {
    "en": {"flow": "A new dialog every {d} s from 09:00 to 10:00,"
                   " a page hit every {h} s.",
           "heavy": "Heavy agent {name} takes {takes} s a call;"
                    " non-periodic, interval {interval} s.",
           "head": ["mode", "max wait without the heavy agent, s",
                    "max wait with the heavy agent, s"]},
    "ru": {"flow": "Новый диалог каждые {d} с с 09:00 до 10:00,"
                   " хит каждые {h} с.",
           "heavy": "Тяжёлый агент {name} работает {takes} с за вызов;"
                    " непериодический, интервал {interval} с.",
           "head": ["режим", "макс. ожидание без тяжёлого агента, с",
                    "макс. ожидание с тяжёлым агентом, с"]},
}[LANG]

DIALOG_EVERY = 30  # seconds between new dialogs: a quiet line
HIT_EVERY = 45     # seconds between page hits
HEAVY = "RebuildSearchIndex();"
HEAVY_TAKES = 300  # seconds each call lasts
HEAVY_INTERVAL = 900


def max_wait(mode, with_heavy):
    """The longest wait from a dialog's arrival to its operator, seconds."""
    # "agents-cron" runs the module's agents on main's cron: cron mode on.
    k = Kernel(start="2026-03-02T09:00:00",
               agents_use_crontab=(mode == "agents-cron"))
    k.add_hits(start="2026-03-02T09:00:00", end="2026-03-02T11:00:00",
               every=HIT_EVERY)
    if with_heavy:
        # No Python body needed: takes= says how long each call lasts.
        k.add_agent(HEAVY, module="search", interval=HEAVY_INTERVAL,
                    takes=HEAVY_TAKES)
    open_lines = k.setup_open_lines(mode, seconds_per_dialog=0.5)
    open_lines.add_dialogs(start="2026-03-02T09:00:00",
                           end="2026-03-02T10:00:00", every=DIALOG_EVERY)
    result = k.run(until="2026-03-02T11:00:00")
    return result.open_lines["wait"]["max"]


print(WORDS["flow"].format(d=DIALOG_EVERY, h=HIT_EVERY))
print(WORDS["heavy"].format(name=HEAVY, takes=HEAVY_TAKES,
                            interval=HEAVY_INTERVAL))
print()
table = [WORDS["head"]]
for mode in OPEN_LINES_MODES:
    table.append([mode, max_wait(mode, False), max_wait(mode, True)])
# A plain text table: each column as wide as its widest cell.
widths = [max(len(str(row[i])) for row in table) for i in range(3)]
for row in table:
    cells = [str(cell).ljust(width) for cell, width in zip(row, widths)]
    print("  ".join(cells).rstrip())
