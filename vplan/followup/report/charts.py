"""Charts of a follow-up report: what each shows (data), and its drawing by matplotlib.

A Chart is plain data built from the model; `draw` turns it into SVG (HTML,
PDF) with matplotlib, and the SVG into PNG (DOCX) with typst, which rasterises
it in milliseconds where matplotlib would draw the chart a second time.
vplan.followup.report.drawing runs `draw` for all of a report's charts.
matplotlib is imported only here, inside `draw`, so only a report that has
charts pays for it. The bytes are deterministic: a fixed hash salt for SVG ids,
no dates or software names in the metadata, text drawn as paths in a font
matplotlib ships (DejaVu Sans), so the same chart is the same file on every
machine with the same matplotlib and typst.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal

from vplan import typography

LINE, BARS = "linje", "stapel"
WIDTH_CM, HEIGHT_CM = 15.0, 6.5
PNG_DPI = 200


@dataclass(frozen=True)
class Series:
    label: str  # "Utfall", "Målnivå", "Utfall RVN", "Budget jan–aug"
    points: tuple[tuple[str, Decimal], ...]  # (x label: a year or a row name, value)
    role: str  # "utfall" | "mål" | "budget"


@dataclass(frozen=True)
class Chart:
    kind: str  # LINE (years along x) or BARS (one group per table row)
    series: tuple[Series, ...]
    unit: str | None
    alt: str  # what the chart shows, in words, for those who do not see it

    @property
    def height_cm(self) -> float:
        """A line chart has a fixed height; a bar chart grows with its rows."""
        return HEIGHT_CM if self.kind == LINE else max(HEIGHT_CM, 2.6 + 0.75 * len(self.categories))

    @property
    def categories(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.series:
            for x, _ in s.points:
                seen.setdefault(x, None)
        return tuple(sorted(seen) if self.kind == LINE else seen)


@dataclass(frozen=True)
class Drawn:
    svg: bytes
    png: bytes | None  # only when a Word file is made


# Outcome solid with round markers, target dashed with diamonds, budget hatched:
# the series differ in line, marker and fill, not in colour alone.
_STYLE = {"utfall": {"linestyle": "-", "marker": "o"}, "mål": {"linestyle": "--", "marker": "D"},
          "budget": {"linestyle": ":", "marker": "s"}}
_EXTRA_MARKERS = ("o", "^", "s", "v")
_TARGET_GREY = "#4a4a4a"


def draw(chart: Chart, colours, png: bool = True) -> Drawn:
    """The chart as SVG (and PNG) bytes, the same bytes for the same chart. The caller
    (vplan.followup.report.drawing) has checked with `require` that matplotlib is there."""
    svg = draw_svg(chart, colours)
    return Drawn(svg, picture(svg, chart.height_cm) if png else None)


def draw_svg(chart: Chart, colours) -> bytes:
    """The chart as SVG, by matplotlib."""
    import matplotlib

    matplotlib.use("Agg", force=False)  # no display; pyplot is never imported
    from matplotlib import rc_context

    settings = {"svg.hashsalt": "vplan", "svg.fonttype": "path", "font.family": "DejaVu Sans", "font.size": 9,
                "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#595959",
                "axes.labelcolor": "#1a1a1a", "xtick.color": "#1a1a1a", "ytick.color": "#1a1a1a",
                "legend.frameon": False}
    with rc_context(settings):
        figure = _figure(chart, colours)
        svg = io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return _compact(svg.getvalue())


def require() -> None:
    """A Swedish UsageError when matplotlib is missing (a check-only install), before any drawing starts."""
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        from vplan.errors import UsageError

        raise UsageError("Diagrammen i uppföljningens rapport ritas med matplotlib, som inte är installerat "
                         "tillsammans med vplan.",
                         'Installera vplan med dokumentmotorerna: pip install "vplan[dokument]".')


_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_SPACE = re.compile(rb"\s*\n\s*")
_PRECISE = re.compile(rb"(\d\d\.\d\d)\d+")  # coordinates from 10 pt up; scale factors keep their digits


def _compact(svg: bytes) -> bytes:
    """matplotlib's SVG without comments, line breaks and digits below 1/100 pt: about half the
    bytes, which every format reads again (pandoc's time for the HTML follows them)."""
    return _PRECISE.sub(rb"\1", _SPACE.sub(b" ", _COMMENT.sub(b"", svg)))


def picture(svg: bytes, height_cm: float) -> bytes:
    """The SVG as pixels for Word, at print resolution, by typst (no files: the SVG is inline)."""
    import tempfile
    from pathlib import Path

    from vplan.render._typst import compile_png
    from vplan.render.engines import typst_string

    source = ("#set page(width: auto, height: auto, margin: 0pt, fill: white)\n"
              f"#image(bytes({typst_string(svg.decode('utf-8'))}), format: \"svg\", width: {WIDTH_CM}cm, "
              f"height: {height_cm}cm)\n")
    return compile_png(source, root=Path(tempfile.gettempdir()), ppi=PNG_DPI,
                       step="typst kunde inte göra en bild av ett diagram")


def _figure(chart: Chart, colours):
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    height = chart.height_cm
    figure = Figure(figsize=(WIDTH_CM / 2.54, height / 2.54))
    ax = figure.subplots()
    _margins(figure, chart, height)
    palette = [colours.primary, _TARGET_GREY, colours.accent, "#7a4e00"]
    values = ax.yaxis if chart.kind == LINE else ax.xaxis
    (_lines if chart.kind == LINE else _bars)(ax, chart, palette)
    if chart.kind == BARS:
        from matplotlib.ticker import MaxNLocator

        values.set_major_locator(MaxNLocator(nbins=5))  # room for "1 500 000" between ticks
    values.set_major_formatter(FuncFormatter(lambda v, _pos: _swedish(v)))
    ax.grid(axis="y" if chart.kind == LINE else "x", color="#d9d9d9", linewidth=0.6)
    ax.set_axisbelow(True)
    if chart.unit:
        values.set_label_text(chart.unit)
    figure.legend(loc="lower center", ncols=len(chart.series), bbox_to_anchor=(0.5, 0.0))  # below the plot
    return figure


# Margins in centimetres, set by hand: matplotlib's constrained layout would measure every
# label again and cost more than drawing the chart. Text is 9 pt DejaVu Sans (a digit about
# 0.17 cm, a letter up to 0.2 cm); the legend takes one line below the axis.
_CHAR_CM, _LABEL_CM, _LEGEND_CM, _AXIS_CM = 0.17, 0.2, 0.75, 0.95  # digits are narrower than letters


def _margins(figure, chart: Chart, height: float) -> None:
    if chart.kind == LINE:
        longest = max(len(_swedish(float(v))) for s in chart.series for _, v in s.points)
        left = 0.45 + _CHAR_CM * max(4, longest) + (0.45 if chart.unit else 0)
    else:
        left = 0.4 + _LABEL_CM * max(len(_short(r)) for r in chart.categories)
    bottom = _LEGEND_CM + _AXIS_CM + (0.45 if chart.unit and chart.kind == BARS else 0)
    figure.subplots_adjust(left=left / WIDTH_CM, right=1 - 0.3 / WIDTH_CM, top=1 - 0.25 / height,
                           bottom=bottom / height)


def _lines(ax, chart: Chart, palette) -> None:
    years = chart.categories
    where = {y: i for i, y in enumerate(years)}
    outcomes = 0
    for s in chart.series:
        style = dict(_STYLE[s.role])
        if s.role == "utfall":
            style["marker"] = _EXTRA_MARKERS[outcomes % len(_EXTRA_MARKERS)]
            colour = palette[0] if outcomes == 0 else palette[2 + (outcomes - 1) % 2]
            outcomes += 1
        else:
            colour = palette[1]
        xs = [where[x] for x, _ in s.points]
        ys = [float(v) for _, v in s.points]
        ax.plot(xs, ys, color=colour, linewidth=1.8, markersize=5, label=s.label, **style)
    ax.set_xticks(range(len(years)), years)
    ax.set_xlim(-0.4, len(years) - 0.6)
    values = [float(v) for s in chart.series for _, v in s.points]
    if all(v == int(v) for v in values):  # counts and whole percentages: no 7,5 on the axis
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if min(values) >= 0 and (min(values) < 0.5 * max(values) or min(values) == max(values)):
        ax.set_ylim(0, None)  # from zero, unless that flattens values that lie close together


def _bars(ax, chart: Chart, palette) -> None:
    rows = chart.categories
    count = len(chart.series)
    height = 0.8 / max(1, count)
    hatches = ("", "//", "..", "xx")
    for k, s in enumerate(chart.series):
        values = dict(s.points)
        ys = [i - 0.4 + height * (k + 0.5) for i in range(len(rows))]
        ax.barh(ys, [float(values.get(r, 0)) for r in rows], height=height * 0.92, label=s.label,
                color=palette[k % len(palette)] if k != 1 else "#ffffff", edgecolor=palette[k % len(palette)],
                hatch=hatches[k % len(hatches)], linewidth=1.0)
    ax.set_yticks(range(len(rows)), [_short(r) for r in rows])
    ax.invert_yaxis()  # the table's first row on top, as in the table


def _short(name: str, limit: int = 34) -> str:
    """A row name short enough for the axis; the table beside the chart has it whole."""
    name = name.replace("**", "").replace("*", "")
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _swedish(value: float) -> str:
    """Axis numbers as Swedish text: 67 100, 2,5, −3."""
    d = Decimal(format(float(value), ".10g")).normalize()
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return typography.number(d, space="\u2009")
