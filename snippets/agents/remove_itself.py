# An agent that runs three times: each run returns the code for the next
# one, and the last returns "", so the system deletes the agent.
from agentlab import Kernel, output_lang

LANG = output_lang()  # "en" or "ru", from AGENTLAB_LANG
WORDS = {
    "en": {"before": "Agents before:", "after": "Agents after:",
           "none": "    (none)", "next": "next exec"},
    "ru": {"before": "Агенты до:", "after": "Агенты после:",
           "none": "    (нет)", "next": "следующий запуск"},
}[LANG]

k = Kernel(start="2026-03-02T09:00:00")


@k.agent_function("CountDown")
def count_down(left):
    k.add_message2log(f"CountDown: {left}")  # printed with the call's time
    if left <= 1:
        return ""  # an empty string: the system deletes the agent
    return f"CountDown({left - 1});"  # the code for the next run


def show_agents(title):
    print(title)
    for agent in k.agents:
        print(f"    id {agent.id}  {agent.name}  {WORDS['next']} "
              f"{agent.next_exec}")
    if not k.agents:
        print(WORDS["none"])


k.add_agent("CountDown(3);", period="N", interval=3600)
k.add_hits(start="2026-03-02T09:00:00", end="2026-03-02T18:00:00",
           every=5 * 60)
show_agents(WORDS["before"])
result = k.run(until="2026-03-02T18:00:00")
show_agents(WORDS["after"])
print()
print(result.table(LANG))
