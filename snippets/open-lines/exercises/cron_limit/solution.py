# Exercise: dialogs arrive every 5 s for half an hour, and the distribution task gets
# only 5 s a pass. Set up the Open Lines so that each distribution pass may take more
# than 5 s. (See "What the code does in mode 2" in the lesson.)
from agentlab import Kernel, output_lang

# The module's own cron script (Execute as: Cron): 180 s a timed task.
k = Kernel(start="2026-03-02T09:00:00")
lines = k.setup_open_lines("openlines-cron", seconds_per_dialog=0.5)
lines.add_dialogs(start="2026-03-02T09:00:00", end="2026-03-02T09:30:00", every=5)
result = k.run(until="2026-03-02T10:00:00")
limits = sorted({p["limit"] for p in result.open_lines["passes"] if p["task"] == "distribution"})
SAY = {"en": "distribution limits, s: {limits} | longest wait, s: {wait}",
       "ru": "лимиты распределения, с: {limits} | самое долгое ожидание, с: {wait}"}[output_lang()]
print(SAY.format(limits=limits, wait=result.open_lines["wait"]["max"]))
