# The two agents of periodic_vs_not.py with cron mode on: the system cron
# runs every minute, day and night; from 09:00 a visitor every 7 minutes.
from agentlab import DEFAULT_CRON_EVERY, Kernel, output_lang

LANG = output_lang()  # "en" or "ru", from AGENTLAB_LANG
WORDS = {
    "en": {"mode": "The system cron checks the non-periodic agents every {s} s,"
                   " hits check only the periodic ones.",
           "log": "Log (AddMessage2Log), 00:00 to 12:00:",
           "count": "{name:<22} hit: {hit:>2}, cron: {cron:>2}"},
    "ru": {"mode": "Системный cron каждые {s} с проверяет непериодические"
                   " агенты, хиты — только периодические.",
           "log": "Лог (AddMessage2Log), с 00:00 до 12:00:",
           "count": "{name:<22} хит: {hit:>2}, cron: {cron:>2}"},
}[LANG]

k = Kernel(start="2026-03-02T00:00:00", bx_crontab_support=True)

# The PHP constants the functions log, as the kernel sets them in the call:
# BX_CRONTAB is defined only when main's cron script runs the agent;
# BX_CRONTAB_SUPPORT comes from dbconn.php or is set to defined('BX_CRONTAB').
def php(value):
    return "true" if value else "false"


@k.agent_function("TestAgentPeriod")
def test_agent_period():
    k.add_message2log("Periodic BX_CRONTAB:" + php(k.constant("BX_CRONTAB"))
                      + " BX_CRONTAB_SUPPORT:" + php(k.constant("BX_CRONTAB_SUPPORT")))
    return "TestAgentPeriod();"


@k.agent_function("TestAgentNotPeriod")
def test_agent_not_period():
    k.add_message2log("Non-periodic BX_CRONTAB:" + php(k.constant("BX_CRONTAB"))
                      + " BX_CRONTAB_SUPPORT:" + php(k.constant("BX_CRONTAB_SUPPORT")))
    return "TestAgentNotPeriod();"


k.add_agent("TestAgentPeriod();", period="Y", interval=3600)
k.add_agent("TestAgentNotPeriod();", period="N", interval=3600)
k.add_hits(start="2026-03-02T09:00:00", end="2026-03-02T18:00:00",
           every=7 * 60)

print("cron_mode:", php(k.cron_mode))
print(WORDS["mode"].format(s=DEFAULT_CRON_EVERY))
print(WORDS["log"])
result = k.run(until="2026-03-02T12:00:00")  # half a day shows it all

print()
# Who ran each agent: the trigger of every run, counted.
for name in ("TestAgentPeriod();", "TestAgentNotPeriod();"):
    hit = result.count(name, trigger="hit")
    cron = result.count(name, trigger="cron")
    print(WORDS["count"].format(name=name, hit=hit, cron=cron))
print(result.svg(LANG))
