# An agent that fails: the price server it calls is down from 09:00 to 09:03.
# A visitor opens a page every minute.
from datetime import datetime

from agentlab import LEASE_SECONDS, Kernel, output_lang

LANG = output_lang()  # "en" or "ru", from AGENTLAB_LANG
WORDS = {
    "en": {"lease": "LEASE_SECONDS = {s} s ({m} min): how long a failed agent"
                    " stays locked.",
           "after": "The agent's record after the failed call:",
           "error": "Error of the failed call: {error}"},
    "ru": {"lease": "LEASE_SECONDS = {s} с ({m} мин): столько агент остаётся"
                    " заблокированным после ошибки.",
           "after": "Запись агента после неудачного вызова:",
           "error": "Ошибка неудачного вызова: {error}"},
}[LANG]

k = Kernel(start="2026-03-02T09:00:00")
SERVER_BACK = datetime(2026, 3, 2, 9, 3)


@k.agent_function("ImportPrices")
def import_prices():
    if k.now < SERVER_BACK:
        # Any exception fails the call: the kernel catches it and goes on.
        raise ConnectionError("price server does not answer")
    print(k.now.strftime("%H:%M"), "ImportPrices: done")
    return "ImportPrices();"


agent_id = k.add_agent("ImportPrices();", period="N", interval=3600)
k.add_hits(start="2026-03-02T09:00:00", end="2026-03-02T11:00:00", every=60)
print(WORDS["lease"].format(s=LEASE_SECONDS, m=LEASE_SECONDS // 60))

# Stop the clock right after the first call to look at the agent's record.
k.run(until="2026-03-02T09:00:30")
agent = k.agent(agent_id)
print(WORDS["after"])
print("    RUNNING =", "Y" if agent.running else "N",
      "| RETRY_COUNT =", agent.retry_count,
      "| DATE_CHECK =", agent.lease_until.strftime("%H:%M:%S"))

result = k.run(until="2026-03-02T11:00:00")  # go on to 11:00
print()
print(result.table(LANG))
print(WORDS["error"].format(error=result.runs[0].error))
