# Exercise: a dialog every 30 s from 09:00 to 10:00, and a visitor opens a page only
# every 2 minutes. Choose the set-up under which no dialog waits more than 60 s
# for its operator.
from agentlab import Kernel, output_lang

MODE = "openlines-cron"  # the module's own cron script: every minute, whatever the traffic
HIT_EVERY = 120     # seconds between page hits: the site's traffic, not yours to change

k = Kernel(start="2026-03-02T09:00:00", agents_use_crontab=(MODE == "agents-cron"))
k.add_hits(start="2026-03-02T09:00:00", end="2026-03-02T11:00:00", every=HIT_EVERY)
lines = k.setup_open_lines(MODE, seconds_per_dialog=0.5)
lines.add_dialogs(start="2026-03-02T09:00:00", end="2026-03-02T10:00:00", every=30)
result = k.run(until="2026-03-02T11:00:00")
SAY = {"en": "mode: {mode} | longest wait, s: {wait}",
       "ru": "режим: {mode} | самое долгое ожидание, с: {wait}"}[output_lang()]
print(SAY.format(mode=MODE, wait=result.open_lines["wait"]["max"]))
