"""Worker processes for check and release.

Workers start from a fork server that has imported vplan but never run
typst: a process forked after typst has compiled something inherits a thread
pool that no longer exists, and its next compile waits for ever.
"""
from __future__ import annotations

import multiprocessing
import os
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
    from concurrent.futures import ProcessPoolExecutor

    if fork_is_safe():
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    return pool(jobs)


def fork_is_safe() -> bool:
    """Can this process fork workers? Only without other threads and before typst has been
    loaded: a fork after a compile inherits a thread pool that no longer exists."""
    import threading

    return ("fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
            and "typst" not in sys.modules)


def quit_quietly_on_interrupt() -> None:
    """Worker initializer: Ctrl-C ends the worker at once; the parent says "Avbrutet." once,
    with no traceback from each worker."""
    import signal

    signal.signal(signal.SIGINT, _quit_quietly)


def _quit_quietly(signum, frame) -> None:
    os._exit(130)


def interrupt(pool) -> None:
    """Pass Ctrl-C on to a pool's workers (a terminal does so itself; `kill -INT` does not)."""
    import signal

    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            os.kill(process.pid, signal.SIGINT)
        except (OSError, AttributeError):
            pass
