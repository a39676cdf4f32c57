"""Worker processes for check and release.

Workers start from a fork server that has imported vplan but never run
typst: a process forked after typst has compiled something inherits a thread
pool that no longer exists, and its next compile waits for ever.
"""
from __future__ import annotations

import multiprocessing

PRELOAD = ["vplan.api", "vplan.rules", "vplan.render.build", "vplan.render.engines", "vplan.render.tree"]


def pool(jobs: int, initializer=None):
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
    else:  # Windows and macOS defaults: spawn starts clean too
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=initializer)
