"""Timing helpers the benchmarks share: medians of wall time, and of the child processes' CPU time."""
from __future__ import annotations

import resource
import statistics
import time


def median(fn, runs: int) -> float:
    """Median wall time of `runs` calls of fn."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold(fn, runs: int) -> tuple[float, float]:
    """Median wall time and CPU time (user + system) of the child processes fn starts; the machine is
    shared, so CPU time is the steadier figure."""
    walls, cpus = [], []
    for _ in range(runs):
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        fn()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(time.perf_counter() - start)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)
