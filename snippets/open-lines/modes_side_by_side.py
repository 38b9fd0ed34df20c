# One busy hour of Open Lines in each of the lesson's three modes: the same
# dialogs and the same page hits, only the mode differs.
from agentlab import OPEN_LINES_MODES, Kernel, output_lang

LANG = output_lang()  # "en" or "ru", from AGENTLAB_LANG
WORDS = {
    "en": {"flow": "A new dialog every {d} s from 09:00 to 10:00, a page hit"
                   " every {h} s; {per} s to distribute one; counted at {until}.",
           "modes": ["1. Agents on hits", "2. Agents on cron", "3. Open Lines cron"],
           "head": ["mode", "limit, s", "passes", "distributed",
                    "still waiting", "max wait, s", "mean wait, s"]},
    "ru": {"flow": "Новый диалог каждые {d} с с 09:00 до 10:00, хит каждые"
                   " {h} с; {per} с на распределение одного; итоги на {until}.",
           "modes": ["1. Агенты на хитах", "2. Агенты на cron",
                     "3. Cron Открытых линий"],
           "head": ["режим", "лимит, с", "проходов", "распределено",
                    "ещё ждут", "макс. ожидание, с", "среднее ожидание, с"]},
}[LANG]

DIALOG_EVERY = 4  # seconds between new dialogs: 15 a minute
HIT_EVERY = 30    # seconds between page hits
PER_DIALOG = 0.5  # seconds to distribute one dialog
UNTIL = "2026-03-02T10:30:00"

rows = []
for mode, title in zip(OPEN_LINES_MODES, WORDS["modes"]):
    # "agents-cron" runs the module's agents on main's cron: cron mode on.
    k = Kernel(start="2026-03-02T09:00:00",
               agents_use_crontab=(mode == "agents-cron"))
    k.add_hits(start="2026-03-02T09:00:00", end=UNTIL, every=HIT_EVERY)
    open_lines = k.setup_open_lines(mode, seconds_per_dialog=PER_DIALOG)
    open_lines.add_dialogs(start="2026-03-02T09:00:00",
                           end="2026-03-02T10:00:00", every=DIALOG_EVERY)
    result = k.run(until=UNTIL)
    ol = result.open_lines  # the counts, as in the JSON output
    # The limit imopenlines applied to each distribution pass in this mode.
    passes = [p for p in ol["passes"] if p["task"] == "distribution"]
    rows.append([title, ol["distribution_limit"], len(passes), ol["distributed"],
                 ol["waiting"], ol["wait"]["max"], round(ol["wait"]["mean"], 1)])

print(WORDS["flow"].format(d=DIALOG_EVERY, h=HIT_EVERY, per=PER_DIALOG,
                           until=UNTIL[11:16]))
print()
# A plain text table: each column as wide as its widest cell.
table = [WORDS["head"]] + rows
widths = [max(len(str(row[i])) for row in table) for i in range(len(rows[0]))]
for row in table:
    cells = [str(cell).ljust(width) for cell, width in zip(row, widths)]
    print("  ".join(cells).rstrip())
