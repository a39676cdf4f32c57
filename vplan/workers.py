"""Worker processes for check and release.

Workers start from a fork server that has imported vplan but never run
typst: a process forked after typst has compiled something inherits a thread
pool that no longer exists, and its next compile waits for ever.
"""
from __future__ import annotations

import multiprocessing
import sys

PRELOAD = ["vplan.api", "vplan.rules", "vplan.render.build", "vplan.render.engines", "vplan.render.tree"]


def pool(jobs: int, initializer=None):
    """Workers for building: from the fork server, which never ran typst."""
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
    else:  # Windows and macOS defaults: spawn starts clean too
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=initializer)


def reading_pool(jobs: int):
    """Workers for check: forked from this process, which has read plans but never rendered.

    A fork starts in a millisecond with every module and compiled pattern already loaded;
    the fork server would start a new interpreter and import vplan again. Forking is only
    safe without other threads (and without typst having run), so otherwise: the fork server.
    """
    import threading
    from concurrent.futures import ProcessPoolExecutor

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 \
            and "typst" not in sys.modules:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    return pool(jobs)
