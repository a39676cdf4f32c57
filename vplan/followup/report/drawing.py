"""A report's charts drawn while pandoc writes the documents.

None of pandoc's work needs the pictures: the HTML and the typst source carry a
token per chart, the Word file a stand-in picture (vplan.followup.report.formats).
So the formats start first, in their threads (which mostly wait for pandoc), and
this thread draws meanwhile: every chart's SVG by pygal (a few milliseconds
each), then the PNGs for Word by typst, all in one compile (a page each), while
typst compiles the PDF from the SVGs in another thread (a compiler of its own,
vplan.render._typst). Only the
last steps wait for the pictures: filling in the tokens, compiling the PDF,
swapping the stand-ins in the Word file. A chart drawn by an earlier build
comes from the cache (vplan.followup.report.cache) and is not drawn again;
when all are there, pygal is not even imported.
"""
from __future__ import annotations

import threading

from vplan.followup.report.cache import ChartCache
from vplan.followup.report.charts import Chart, Drawn, Look, draw_svg, pictures, require


class Drawing:
    """The charts of one report, being drawn. `run` draws them (call it once); `result` waits
    for them from any thread."""

    def __init__(self, charts: list[Chart], look: Look, *, png: bool, cache: ChartCache | None = None):
        self._charts, self._look, self._png, self._cache = charts, look, png, cache
        self._keys = [cache.key(c, look) for c in charts] if cache else []
        self._kept = [cache.get(k, png) for k in self._keys] if cache else [None] * len(charts)
        if any(k is None for k in self._kept):
            require()  # before anything starts: a missing library is the user's to fix, not a crash
        self._svgs_done, self._done = threading.Event(), threading.Event()
        self._svgs: list[bytes] | None = None
        self._drawn: list[Drawn] | None = None
        self._failed: BaseException | None = None

    def run(self) -> list[Drawn]:
        """Draw the charts the cache does not hold: the SVGs, then all their PNGs in one compile."""
        try:
            new = [i for i, kept in enumerate(self._kept) if kept is None]
            if new:
                _load()
            svgs = [kept.svg if kept else None for kept in self._kept]
            for i in new:
                svgs[i] = _svg(i + 1, self._charts[i], self._look)
            self._svgs = svgs
            self._svgs_done.set()  # the HTML and the PDF may go on
            pngs = [kept.png if kept else None for kept in self._kept]
            if self._png and new:
                drawn = pictures([svgs[i] for i in new], [self._charts[i].height_cm for i in new],
                                 self._look.font_dirs)
                for i, png in zip(new, drawn):
                    pngs[i] = png
            self._drawn = [Drawn(svg, png if self._png else None) for svg, png in zip(svgs, pngs)]
            self._keep(new)
            return self._drawn
        except BaseException as err:
            self._failed = err
            raise
        finally:
            self._svgs_done.set()
            self._done.set()

    def _keep(self, new: list[int]) -> None:
        if self._cache is None or not new:
            return
        for i in new:
            self._cache.put(self._keys[i], self._drawn[i])
        self._cache.prune()

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


def _load() -> None:
    """pygal, imported while pandoc works (some 0.05-0.08 s). Ctrl-C lands in this thread; had it
    struck while this thread and a format's thread were both importing, Python's import lock could
    be left held and the build hang (seen with Python 3.11). So the formats' threads import
    nothing: what they need is imported before they start (`ready_formats`)."""
    import pygal  # noqa: F401
    import pygal.etree  # noqa: F401
    import pygal.style  # noqa: F401


def ready_formats(formats) -> None:
    """Import, before the formats' threads start, all that they import (tests/followup/
    test_report_drawing.py proves they import nothing more)."""
    import vplan.render.engines  # noqa: F401
    import vplan.render.safety  # noqa: F401
    import vplan.render.tree.html  # noqa: F401
    import vplan.render.tree.typst  # noqa: F401

    if "docx" in formats:
        import vplan.render._docx  # noqa: F401
        import vplan.render._docx_logo  # noqa: F401
    if "pdf" in formats or "docx" in formats:
        import vplan.render._typst

        if vplan.render._typst.available():
            import typst  # noqa: F401
