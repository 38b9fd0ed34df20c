"""Scale benchmark of agentlab (a benchmark, never a timed test).

n agents (half periodic, intervals 10 min - 1 day, sort 50-150), hits every 10 s and
the system cron every 60 s (cron mode on) for one simulated day. Prints n, calls,
seconds, calls/s and the cost relative to n log n (normalised to the first row: a
column that does not grow means the cost grows no worse than n log n).

    .venv/bin/python bench/agentlab_scale.py            # 1,000 ... 100,000 agents
    .venv/bin/python bench/agentlab_scale.py 10000      # one size
"""

from __future__ import annotations

import gc
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from agentlab import Kernel  # noqa: E402

INTERVALS = [600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400]
START = "2026-03-02T00:00:00"
UNTIL = "2026-03-03T00:00:00"
TARGET_CALLS_PER_SECOND = 100_000


def build(n: int, seed: int = 1) -> Kernel:
    rng = random.Random(seed)
    k = Kernel(start=START, agents_use_crontab=True, cron_every=60)
    names = [f"BenchAgent({i});" for i in range(n)]

    @k.agent_function("BenchAgent")
    def bench_agent(i: int) -> str:
        return names[i]

    for i, name in enumerate(names):
        k.add_agent(name, module="bench", period=rng.choice("YN"), interval=rng.choice(INTERVALS),
                    next_exec=f"2026-03-02T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00",
                    sort=rng.randrange(50, 151))
    k.add_hits(START, UNTIL, every=10)
    return k


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
        if n == 10_000 and rate < TARGET_CALLS_PER_SECOND:
            ok = False
    if not ok:
        print(f"below the goal of {TARGET_CALLS_PER_SECOND} calls/s at n = 10,000")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
