# Exercise: Open Lines on hits (mode "hits"), beside a heavy agent of the search
# module that takes 5 minutes a call. Change the heavy agent's registration so that
# no dialog waits more than 120 s, and the index is still rebuilt every 15 minutes
# or so (at least 6 times from 09:00 to 11:00). The mode and the traffic stay.
from agentlab import Kernel, output_lang

k = Kernel(start="2026-03-02T09:00:00")
k.add_hits(start="2026-03-02T09:00:00", end="2026-03-02T11:00:00", every=45)
# The heavy agent: a higher sort runs first in a batch (the Open Lines agents have 100).
k.add_agent("RebuildSearchIndex();", module="search", interval=86400, sort=200, takes=300)  # wrong: once a day
lines = k.setup_open_lines("hits", seconds_per_dialog=0.5)
lines.add_dialogs(start="2026-03-02T09:00:00", end="2026-03-02T10:00:00", every=30)
result = k.run(until="2026-03-02T11:00:00")
SAY = {"en": "longest wait, s: {wait} | index rebuilds: {n}",
       "ru": "самое долгое ожидание, с: {wait} | перестроений индекса: {n}"}[output_lang()]
print(SAY.format(wait=result.open_lines["wait"]["max"], n=result.count("RebuildSearchIndex();")))
