"""A report's charts drawn while pandoc writes the documents.

None of pandoc's work needs the pictures: the HTML and the typst source carry a
token per chart, the Word file a stand-in picture (vplan.followup.report.formats).
So the formats start first, in their threads (which mostly wait for pandoc), and
this thread draws meanwhile: every chart's SVG by pygal (a few milliseconds
each), then the PNGs for Word by typst, all in one compile (a page each), while
typst compiles the PDF from the SVGs in another thread (a compiler of its own,
vplan.render._typst). Only the
last steps wait for the pictures: filling in the tokens, compiling the PDF,
swapping the stand-ins in the Word file.
"""
from __future__ import annotations

import threading

from vplan.followup.report.charts import Chart, Drawn, Look, draw_svg, pictures, require


class Drawing:
    """The charts of one report, being drawn. `run` draws them (call it once); `result` waits
    for them from any thread."""

    def __init__(self, charts: list[Chart], look: Look, *, png: bool):
        if charts:
            require()  # before anything starts: a missing library is the user's to fix, not a crash
            _load(png)
        self._charts, self._look, self._png = charts, look, png
        self._svgs_done, self._done = threading.Event(), threading.Event()
        self._svgs: list[bytes] | None = None
        self._drawn: list[Drawn] | None = None
        self._failed: BaseException | None = None

    def run(self) -> list[Drawn]:
        try:
            svgs = [_svg(number, chart, self._look) for number, chart in enumerate(self._charts, 1)]
            self._svgs = svgs
            self._svgs_done.set()  # the HTML and the PDF may go on
            pngs = (pictures(svgs, [c.height_cm for c in self._charts], self._look.font_dirs) if self._png
                    else [None] * len(svgs))
            self._drawn = [Drawn(svg, png) for svg, png in zip(svgs, pngs)]
            return self._drawn
        except BaseException as err:
            self._failed = err
            raise
        finally:
            self._svgs_done.set()
            self._done.set()

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

            if isinstance(self._failed, RenderError):
                raise self._failed
            raise RenderError("diagrammen kunde inte ritas", str(self._failed) or type(self._failed).__name__)
        return self._drawn


def _svg(number: int, chart: Chart, look: Look) -> bytes:
    """One chart's SVG; pygal's own failure on odd data as the build's Swedish error, naming the chart."""
    try:
        return draw_svg(chart, look)
    except (ArithmeticError, ValueError, TypeError, IndexError, KeyError) as err:
        from vplan.render.errors import RenderError

        raise RenderError("diagrammen kunde inte ritas",
                          f"pygal kunde inte rita diagram {number} ({chart.alt[:80]}): {type(err).__name__}: {err}. "
                          "Kontrollera siffrorna i indikatorn eller tabellen som diagrammet visar") from None


def _load(png: bool) -> None:
    """Import here, before the threads start, what drawing needs. Ctrl-C lands in this thread; if
    it struck while this thread was importing and the others were too, Python's import lock could
    be left held and the build would hang (seen with Python 3.11). While the threads run, this
    thread imports nothing."""
    import pygal  # noqa: F401
    import pygal.etree  # noqa: F401
    import pygal.style  # noqa: F401

    if png:
        import typst  # noqa: F401

        import vplan.render._typst  # noqa: F401
        import vplan.render.engines  # noqa: F401
