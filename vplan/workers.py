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


def pool(jobs: int, initializer=None, preload: list[str] = PRELOAD):
    """Workers for building: from the fork server, which never ran typst."""
    from concurrent.futures import ProcessPoolExecutor

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = start_server(preload)
    else:  # Windows and macOS defaults: spawn starts clean too
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_with_ctrl_c,
                               initargs=(initializer,))


def start_server(preload: list[str]):
    """The fork server's context, the server started now unless it runs already. It imports
    `preload` while this process goes on, and forks each worker from there. One server per
    process: a second caller's `preload` counts only if the first server has ended.

    Ctrl-C stays blocked in the server, as the standard library does for its resource tracker:
    one during its imports would print a traceback. This process handles Ctrl-C, and each
    worker unblocks it as it starts (_with_ctrl_c)."""
    import multiprocessing.forkserver
    import signal
    from multiprocessing import resource_tracker

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(preload)
    resource_tracker.ensure_running()  # first: starting it unblocks Ctrl-C, whatever was blocked before
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # a Ctrl-C meanwhile waits, is not lost
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
    return context


def _with_ctrl_c(initializer) -> None:
    """Worker initializer: the pool's own initializer (which may set how Ctrl-C ends the worker),
    then Ctrl-C unblocked (see start_server)."""
    import signal

    if initializer is not None:
        initializer()
    if hasattr(signal, "pthread_sigmask"):  # spawned workers (Windows) never had it blocked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


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
    # Then wait for them: a worker from the fork server may still be reading its queues' names,
    # and those go when this process ends; it would print a traceback (FileNotFoundError).
    for process in processes:
        try:
            process.join(timeout=10)
        except (OSError, AttributeError, AssertionError):
            pass
