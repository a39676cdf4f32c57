"""A report's charts drawn while pandoc writes the documents, on every core when that is safe.

Drawing is most of a follow-up report's time (matplotlib takes some 50 ms a
chart, typst's PNG for Word another 15), and none of pandoc's work needs the
pictures: the HTML and the typst source carry a token per chart, the Word file a
stand-in picture (vplan.followup.report.formats). So when this process may
start workers, the formats start first and the charts are drawn meanwhile;
only the last steps wait for the pictures: filling in the tokens, compiling the
PDF, swapping the stand-ins in the Word file. Otherwise the charts are drawn
first, here: matplotlib in one thread would hold the GIL the threads feeding
pandoc need, and the whole would take longer than one after the other.

The workers come from a fork server (vplan.workers.start_server) that
`start_early` starts as soon as a build knows it has a follow-up: the server
imports matplotlib (a third of a second and more) and draws a first chart
while this process reads, checks and lays out the report, on a core that would
otherwise wait, and each worker forked from it starts with all of that done.
The server never runs typst, so its workers may, and this process forks
nothing itself: the threads feeding pandoc may already run when the workers start.
"""
from __future__ import annotations

import multiprocessing
import os
import threading

from vplan.followup.report.charts import Chart, Drawn, draw, draw_svg, picture, require

# What the fork server imports before it forks a worker (the module draws a first chart on import).
PRELOAD = ["vplan.followup.report.warm"]


def start_early(jobs: int | None) -> None:
    """Start the workers' fork server now if a report's charts will be drawn in workers, so that
    it has loaded matplotlib by the time the charts are known (vplan.followup.report.build.get_ready)."""
    import importlib.util

    if _may_use_workers(jobs) and importlib.util.find_spec("matplotlib") is not None:
        from vplan.workers import start_server

        start_server(PRELOAD)


class Drawing:
    """The charts of one report, being drawn. `run` draws them, or has the workers draw them
    (call it once, in the main thread); `result` waits for them from any thread.

    The workers draw every chart's SVG before any PNG: the PDF and the HTML need only the
    SVGs, so typst compiles the PDF here while the workers make the pictures for Word."""

    def __init__(self, charts: list[Chart], colours, *, png: bool, jobs: int | None = None):
        require()  # before any worker starts: a missing library is the user's to fix, not a crash
        self._charts, self._colours, self._png = charts, colours, png
        self._svgs_done, self._done = threading.Event(), threading.Event()
        self._svgs: list[bytes] | None = None
        self._drawn: list[Drawn] | None = None
        self._failed: BaseException | None = None
        self._jobs = min(jobs or os.cpu_count() or 1, len(charts)) if charts and _may_use_workers(jobs) else 0

    @property
    def in_workers(self) -> bool:
        return self._jobs > 0

    def run(self) -> list[Drawn]:
        pool = None
        try:
            if self.in_workers:
                from vplan.workers import pool as worker_pool
                from vplan.workers import quit_quietly_on_interrupt

                _server_ready()
                pool = worker_pool(self._jobs, initializer=quit_quietly_on_interrupt, preload=PRELOAD)
                svgs = [pool.submit(draw_svg, c, self._colours) for c in self._charts]
                pngs = [pool.submit(picture, f.result(), c.height_cm) if self._png else None
                        for c, f in zip(self._charts, svgs)]  # each queued behind the SVGs still to draw
                self._svgs = [f.result() for f in svgs]
                self._svgs_done.set()
                self._drawn = [Drawn(svg, f.result() if f else None) for svg, f in zip(self._svgs, pngs)]
            else:
                self._drawn = [draw(c, self._colours, self._png) for c in self._charts]
                self._svgs = [d.svg for d in self._drawn]
            return self._drawn
        except BaseException as err:
            self._failed = err
            if pool is not None and isinstance(err, KeyboardInterrupt):
                from vplan.workers import interrupt

                interrupt(pool)
            raise
        finally:
            self._svgs_done.set()
            self._done.set()
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def give_up(self, err: BaseException) -> None:
        """The build stops before `run` has begun or ended: whoever waits in `result` stops too."""
        if not self._done.is_set():
            self._failed = err
            self._svgs_done.set()
            self._done.set()

    def result(self, *, pictures: bool = True) -> list[Drawn]:
        """The drawn charts; without `pictures` as soon as the SVGs are there (their png is None)."""
        if not pictures:
            self._svgs_done.wait()
            if self._svgs is not None:
                return [Drawn(svg, None) for svg in self._svgs]
        self._done.wait()
        if self._drawn is None:
            from vplan.render.errors import RenderError

            raise RenderError("diagrammen kunde inte ritas", str(self._failed) or type(self._failed).__name__)
        return self._drawn


def _server_ready() -> None:
    """Wait until the fork server has loaded matplotlib (start_early), by starting a process that
    does nothing. A pool's first worker would wait as long, but Ctrl-C meanwhile would leave it to
    start after this process has ended, without its queues, and print a traceback."""
    from vplan.workers import start_server

    probe = start_server(PRELOAD).Process(target=int, daemon=True)
    probe.start()
    probe.join()


def _may_use_workers(jobs: int | None) -> bool:
    """Not with --jobs 1 or one core, nor from a worker (release already keeps every core busy with
    one document each), nor where there is no fork server (Windows)."""
    return ((jobs or os.cpu_count() or 1) > 1 and multiprocessing.parent_process() is None
            and "forkserver" in multiprocessing.get_all_start_methods())
