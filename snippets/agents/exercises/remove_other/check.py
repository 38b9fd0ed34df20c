"""Remove another agent: after Cleanup() has run, OldImport() never runs again, and its
agent is gone from the table."""

SAY = {
    "en": {"cleanup": "runs of Cleanup();: {n}; the goal is one, at 12:00",
           "after": "runs of OldImport(); after Cleanup();: {n} (the first at {t}); the goal is none: "
                    "Cleanup() deletes its agent with CAgent::RemoveAgent",
           "left": "at 18:00 the agent OldImport(); is still in the table"},
    "ru": {"cleanup": "запусков Cleanup();: {n}; цель — один, в 12:00",
           "after": "запусков OldImport(); после Cleanup();: {n} (первый — в {t}); цель — ни одного: "
                    "Cleanup() удаляет его агент через CAgent::RemoveAgent",
           "left": "в 18:00 агент OldImport(); всё ещё в таблице"},
}


def check(result, lang):
    say = SAY[lang]
    cleanup = [run for run in result.runs if run.agent == "Cleanup();"]
    failed = []
    if len(cleanup) != 1:
        failed.append(say["cleanup"].format(n=len(cleanup)))
    if cleanup:
        after = [run for run in result.runs if run.agent == "OldImport();" and run.start > cleanup[0].start]
        if after:
            failed.append(say["after"].format(n=len(after), t=f"{after[0].start:%H:%M}"))
    if any(agent["name"] == "OldImport();" for agent in result.agents):
        failed.append(say["left"])
    return failed
