# The lesson's two agents over one emulated day: nobody visits the site at
# night, then a visitor opens a page every 7 minutes from 09:00 to 18:00.
from agentlab import Kernel, output_lang

LANG = output_lang()  # "en" or "ru", from AGENTLAB_LANG
WORDS = {
    "en": {"mode": "Every agent runs on a hit.",
           "log": "Log (AddMessage2Log):",
           "next": "next exec after each call"},
    "ru": {"mode": "Все агенты выполняются на хитах.",
           "log": "Лог (AddMessage2Log):",
           "next": "следующий запуск после каждого вызова"},
}[LANG]

k = Kernel(start="2026-03-02T00:00:00")

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


# Both are due at 00:00 and repeat every hour; only the period differs.
k.add_agent("TestAgentPeriod();", period="Y", interval=3600)
k.add_agent("TestAgentNotPeriod();", period="N", interval=3600)
k.add_hits(start="2026-03-02T09:00:00", end="2026-03-02T18:00:00",
           every=7 * 60)

print("cron_mode:", php(k.cron_mode))
print(WORDS["mode"])
print(WORDS["log"])
result = k.run(until="2026-03-03T00:00:00")

print()
for name in ("TestAgentPeriod();", "TestAgentNotPeriod();"):
    times = [run.next_exec.strftime("%H:%M") for run in result.runs_of(name)]
    print(f"{name} {WORDS['next']}:")
    for i in range(0, len(times), 9):  # nine a line keeps the output narrow
        print("   ", " ".join(times[i:i + 9]))
print(result.svg(LANG))
