"""Scale benchmark of agentlab (a benchmark, never a timed test).

n agents (half periodic, intervals 10 min - 1 day, sort 50-150), hits every 10 s and
the system cron every 60 s (cron mode on) for one simulated day.

The kernel alone: prints n, calls, seconds, calls/s and the cost relative to n log n
(normalised to the first row: a column that does not grow means the cost grows no
worse than n log n). Goal: 100,000 calls/s at 100,000 agents.

End to end: the same day for 2,000 agents written as a scenario file and run as a
reader runs it, ``python -m agentlab run FILE --format json > FILE.json`` in a new
process (start, import, TOML, the run, the JSON written to the file), median of 11,
with the fastest and the slowest run: on a shared machine one run of the same code
takes from 0.2 to 0.3 s. Goal: 150,000 calls/s by the median.

    .venv/bin/python bench/agentlab_scale.py            # 1,000 ... 100,000 agents, then end to end
    .venv/bin/python bench/agentlab_scale.py 10000      # one size (and end to end)
"""

from __future__ import annotations

import gc
import math
import os
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from agentlab import Kernel  # noqa: E402

INTERVALS = [600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400]
START = "2026-03-02T00:00:00"
UNTIL = "2026-03-03T00:00:00"
KERNEL_GOAL = 100_000  # calls/s of the kernel alone at 100,000 agents
END_TO_END_GOAL = 150_000  # calls/s of `python -m agentlab run --format json`, 2,000 agents
END_TO_END_AGENTS = 2_000


def agents(n: int, seed: int = 1):
    """(name, period, interval, next_exec, sort) of the n agents, the same every time."""
    rng = random.Random(seed)
    for i in range(n):
        yield (f"BenchAgent({i});", rng.choice("YN"), rng.choice(INTERVALS),
               f"2026-03-02T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00", rng.randrange(50, 151))


def build(n: int, seed: int = 1) -> Kernel:
    k = Kernel(start=START, agents_use_crontab=True, cron_every=60)
    names = [f"BenchAgent({i});" for i in range(n)]

    @k.agent_function("BenchAgent")
    def bench_agent(i: int) -> str:
        return names[i]

    for name, period, interval, next_exec, sort in agents(n, seed):
        k.add_agent(name, module="bench", period=period, interval=interval, next_exec=next_exec, sort=sort)
    k.add_hits(START, UNTIL, every=10)
    return k


def scenario(n: int, seed: int = 1) -> str:
    """The same day as a scenario file (scripted agents: each returns its own name)."""
    lines = [f"start = {START}", f"until = {UNTIL}", "", "[kernel]", "agents_use_crontab = true",
             "cron_every = 60", "", "[[hits]]", f"from = {START}", f"to = {UNTIL}", "every = 10"]
    for name, period, interval, next_exec, sort in agents(n, seed):
        lines += ["", "[[agent]]", f'name = "{name}"', 'module = "bench"', f'period = "{period}"',
                  f"interval = {interval}", f"next_exec = {next_exec}", f"sort = {sort}"]
    return "\n".join(lines) + "\n"


def end_to_end(n: int = END_TO_END_AGENTS, runs: int = 11) -> tuple[int, list[float]]:
    """Calls and the wall times of the CLI, in a new process each run, its JSON
    written to a file (``> day.json``, as a reader keeps it)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "day.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(scenario(n))
        cmd = [sys.executable, "-m", "agentlab", "run", path, "--format", "json"]
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
        env = {**os.environ, "PYTHONPATH": root}
        # A reader's second run finds agentlab compiled; PYTHONDONTWRITEBYTECODE (set
        # on some machines) would make every run compile it again.
        subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.join(root, "agentlab")], check=True)
        out_path = os.path.join(tmp, "day.json")
        times = []
        for _ in range(runs):
            with open(out_path, "wb") as out:
                t0 = time.perf_counter()
                subprocess.run(cmd, env=env, check=True, stdout=out)
                times.append(time.perf_counter() - t0)
        with open(out_path, encoding="utf-8") as f:
            calls = len(json.load(f)["runs"])
    return calls, times


def measure(n: int) -> tuple[int, float]:
    k = build(n)
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        k.run(until=UNTIL)
        seconds = time.perf_counter() - t0
    finally:
        gc.enable()
    return len(k._runs), seconds


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1_000, 3_000, 10_000, 30_000, 100_000]
    print(f"{'n':>8} {'calls':>10} {'seconds':>9} {'calls/s':>10} {'cost/(n log n)':>15}")
    base = None
    ok = True
    for n in sizes:
        calls, seconds = measure(n)
        per_nlogn = seconds / (n * math.log2(n))
        base = base or per_nlogn
        rate = calls / seconds
        print(f"{n:>8} {calls:>10} {seconds:>9.3f} {rate:>10.0f} {per_nlogn / base:>15.2f}", flush=True)
        if n == 100_000 and rate < KERNEL_GOAL:
            ok = False
            print(f"kernel: below the goal of {KERNEL_GOAL} calls/s at n = 100,000")
    calls, times = end_to_end()
    seconds = statistics.median(times)
    rate = calls / seconds
    print(f"\nend to end, {END_TO_END_AGENTS} agents, --format json ({len(times)} processes):")
    print(f"{'calls':>10} {'median s':>9} {'calls/s':>10} {'fastest':>10} {'slowest':>10}")
    print(f"{calls:>10} {seconds:>9.3f} {rate:>10.0f} {calls / min(times):>10.0f} {calls / max(times):>10.0f}")
    if rate < END_TO_END_GOAL:
        ok = False
        print(f"end to end: below the goal of {END_TO_END_GOAL} calls/s")
    print("goals: all met" if ok else "goals: NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
