"""A report's charts drawn while pandoc writes the documents, on every core when that is safe.

Drawing is most of a follow-up report's time (matplotlib takes some 50 ms a
chart, typst's PNG for Word another 15), and none of pandoc's work needs the
pictures: the HTML and the typst source carry a token per chart, the Word file a
stand-in picture (vplan.followup.report.formats). So when worker processes can
be forked from this one, the formats start first and the charts are drawn
meanwhile; only the last steps wait for the pictures: filling in the tokens,
compiling the PDF, swapping the stand-ins in the Word file. Otherwise the
charts are drawn first, here: matplotlib in one thread would hold the GIL the
threads feeding pandoc need, and the whole would take longer than one after
the other.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading

from vplan.followup.report.charts import Chart, Drawn, draw, require

# Below this many charts, starting workers (and matplotlib in each) costs more than it saves.
PARALLEL_FROM = 6


class Drawing:
    """The charts of one report, being drawn. `run` draws them, or collects them from the
    workers (call it once, in the main thread); `result` waits for them from any thread."""

    def __init__(self, charts: list[Chart], colours, *, png: bool, jobs: int | None = None):
        require()  # before any worker starts: a missing library is the user's to fix, not a crash
        self._work = [(c, colours, png) for c in charts]
        self._done = threading.Event()
        self._drawn: list[Drawn] | None = None
        self._failed: BaseException | None = None
        self._pool = None
        self._futures = []
        jobs = min(jobs or os.cpu_count() or 1, len(charts))
        if len(charts) >= PARALLEL_FROM and jobs > 1 and _may_fork():
            from concurrent.futures import ProcessPoolExecutor

            import matplotlib.figure  # noqa: F401  (once here: every worker starts with it loaded)

            from vplan.workers import quit_quietly_on_interrupt

            for stream in (sys.stdout, sys.stderr):  # or each worker prints what this process had buffered
                stream.flush()
            self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                             initializer=quit_quietly_on_interrupt)
            # submitting forks every worker now, while this process has no other thread yet
            self._futures = [self._pool.submit(draw, *w) for w in self._work]

    @property
    def in_workers(self) -> bool:
        return self._pool is not None

    def run(self) -> list[Drawn]:
        try:
            if self._futures:
                self._drawn = [f.result() for f in self._futures]
            else:
                self._drawn = [draw(*w) for w in self._work]
            return self._drawn
        except BaseException as err:
            self._failed = err
            if self._pool is not None and isinstance(err, KeyboardInterrupt):
                from vplan.workers import interrupt

                interrupt(self._pool)
            raise
        finally:
            self._done.set()
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)

    def result(self) -> list[Drawn]:
        self._done.wait()
        if self._drawn is None:
            from vplan.render.errors import RenderError

            raise RenderError("diagrammen kunde inte ritas", str(self._failed) or type(self._failed).__name__)
        return self._drawn


def _may_fork() -> bool:
    """Not from a worker: release already keeps every core busy with one document each."""
    from vplan.workers import fork_is_safe

    return multiprocessing.parent_process() is None and fork_is_safe()
