"""Charts of a follow-up report: what each shows (data), and its drawing by matplotlib.

A Chart is plain data built from the model; `draw` turns it into SVG (HTML,
PDF) and PNG (DOCX) bytes. matplotlib is imported only here, inside `draw`,
so only a report that has charts pays for it. The bytes are deterministic:
a fixed hash salt for SVG ids, no dates or software names in the metadata,
text drawn as paths in a font matplotlib ships (DejaVu Sans), so the same
chart is the same file on every machine with the same matplotlib.
"""
from __future__ import annotations

import io
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
    def categories(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.series:
            for x, _ in s.points:
                seen.setdefault(x, None)
        return tuple(sorted(seen) if self.kind == LINE else seen)


@dataclass(frozen=True)
class Drawn:
    svg: bytes
    png: bytes


# Outcome solid with round markers, target dashed with diamonds, budget hatched:
# the series differ in line, marker and fill, not in colour alone.
_STYLE = {"utfall": {"linestyle": "-", "marker": "o"}, "mål": {"linestyle": "--", "marker": "D"},
          "budget": {"linestyle": ":", "marker": "s"}}
_EXTRA_MARKERS = ("o", "^", "s", "v")
_TARGET_GREY = "#4a4a4a"


def draw(chart: Chart, colours) -> Drawn:
    """The chart as SVG and PNG bytes, the same bytes for the same chart."""
    import matplotlib

    matplotlib.use("Agg", force=False)  # no display; pyplot is never imported
    from matplotlib import rc_context

    settings = {"svg.hashsalt": "vplan", "svg.fonttype": "path", "font.family": "DejaVu Sans", "font.size": 9,
                "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#595959",
                "axes.labelcolor": "#1a1a1a", "xtick.color": "#1a1a1a", "ytick.color": "#1a1a1a",
                "legend.frameon": False}
    with rc_context(settings):
        figure = _figure(chart, colours)
        svg, png = io.BytesIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return Drawn(svg.getvalue(), png.getvalue())


def _figure(chart: Chart, colours):
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    height = HEIGHT_CM if chart.kind == LINE else max(HEIGHT_CM, 2.6 + 0.75 * len(chart.categories))
    figure = Figure(figsize=(WIDTH_CM / 2.54, height / 2.54), layout="constrained")
    ax = figure.subplots()
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
    figure.legend(loc="outside lower center", ncols=len(chart.series))  # below: the plot keeps the width
    return figure


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
