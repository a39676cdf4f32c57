"""Charts of a follow-up report: what each shows (data), and its drawing by pygal.

A Chart is plain data built from the model; `draw_svg` turns it into SVG with
pygal (HTML and PDF), and `pictures` a report's SVGs into PNGs with typst (DOCX),
all in one compile.
vplan.followup.report.drawing runs them for all of a report's charts. pygal is
imported only here, inside `draw_svg`, so only a report that has charts pays
for it (some 0.1 s). The bytes are deterministic: the chart's id is a digest
of its data, and what pygal adds that varies or runs (a dated comment, the
script for its tooltips, the tooltips' data) is taken out of the tree before
it is written. The text stays text: the HTML shows it in the page's own font,
typst in the PDF's font, and a reader can search it and enlarge it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from vplan import typography

LINE, BARS = "linje", "stapel"
WIDTH_CM, HEIGHT_CM = 15.0, 6.5
PNG_DPI = 150
_PX_PER_CM = 96 / 2.54  # pygal draws in CSS pixels; 9 pt text is 12 px


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
class Look:
    """What a house style gives a chart: two colours and the fonts. The PDF's font comes first,
    so typst draws the text as the PDF's; a browser without it takes the page's own."""

    primary: str
    accent: str
    font: str  # a CSS font-family list
    font_dirs: tuple = ()  # the style's typsnitt/ folders, for typst's PNG

    @classmethod
    def of(cls, style) -> Look:
        return cls(style.colours.primary, style.colours.accent, f'"{style.fonts.pdf}", {style.fonts.html}',
                   tuple(style.font_dirs))


@dataclass(frozen=True)
class Drawn:
    svg: bytes
    png: bytes | None  # only when a Word file is made


_TARGET_GREY, _TEXT, _GRID, _AXIS = "#4a4a4a", "#1a1a1a", "#d9d9d9", "#595959"
# Series differ in line, dots and fill, not in colour alone: the outcome solid with filled dots,
# the target dashed with hollow dots, other outcomes (one per organisation) dotted or dash-dotted;
# bars solid, then hatched. The legend's boxes repeat each series' form.
_DASHES = {"mål": "7,4", "utfall": ("", "2,3", "9,3,2,3", "4,4", "12,3", "1,4", "9,3,2,3,2,3", "2,7")}
_HATCH_ANGLES = (45, -45, 0, 90)


def draw_svg(chart: Chart, look: Look) -> bytes:
    """The chart as SVG, by pygal."""
    import pygal
    from pygal.etree import etree
    from pygal.style import Style

    etree.to_etree()  # the standard library's writer, with or without lxml: the same bytes everywhere
    # what the chart shows and how it looks, not where the style's fonts lie on this machine
    key = hashlib.sha256(repr((chart, look.primary, look.accent, look.font)).encode("utf-8")).hexdigest()[:16]
    uid = f"chart-{key}"  # pygal's id for the chart's root: the CSS below is scoped to it
    colours = _colours(chart, look)
    style = Style(font_family=look.font, background="white", plot_background="white", foreground=_TEXT,
                  foreground_strong=_TEXT, foreground_subtle=_AXIS, colors=colours, opacity="1",
                  opacity_hover="1", transition="0s", label_font_size=12, major_label_font_size=12,
                  legend_font_size=12, title_font_size=12, value_font_size=12, guide_stroke_color=_GRID,
                  major_guide_stroke_color=_GRID, guide_stroke_dasharray="none",
                  major_guide_stroke_dasharray="none", stroke_width=2)
    common = dict(width=round(WIDTH_CM * _PX_PER_CM), height=round(chart.height_cm * _PX_PER_CM), style=style,
                  explicit_size=True, js=[], disable_xml_declaration=True, legend_at_bottom=True,
                  legend_at_bottom_columns=len(chart.series), legend_box_size=12, truncate_label=-1,
                  truncate_legend=-1, margin=8, spacing=8, value_formatter=_swedish, max_scale=6,
                  defs=_hatches(chart, uid, colours),
                  css=["file://style.css", "file://graph.css", f"inline:{_forms(chart, uid, colours)}"])
    if chart.kind == LINE:
        graph = _lines(pygal, chart, common)
    else:
        graph = _bars(pygal, chart, common)
    graph.uuid = key
    graph.add_xml_filter(lambda root: _plain(root, chart.alt))
    return graph.render(is_unicode=True).encode("utf-8")


def require() -> None:
    """A Swedish UsageError when pygal is missing (a check-only install), before any drawing starts."""
    import importlib.util

    if importlib.util.find_spec("pygal") is None:
        from vplan.errors import UsageError

        raise UsageError("Diagrammen i uppföljningens rapport ritas med pygal, som inte är installerat "
                         "tillsammans med vplan.",
                         'Installera vplan med dokumentmotorerna: pip install "vplan[dokument]".')


def picture(svg: bytes, height_cm: float, font_dirs=()) -> bytes:
    """The SVG as pixels for Word, at print resolution, by typst."""
    return pictures([svg], [height_cm], font_dirs)[0]


def pictures(svgs: list[bytes], heights_cm: list[float], font_dirs=()) -> list[bytes]:
    """Each SVG as pixels for Word, at print resolution: one typst compile, a page per chart (no
    files: the SVGs are inline). The pages are the same pixels as one compile each would give."""
    import tempfile
    from pathlib import Path

    from vplan.render._typst import compile_pngs
    from vplan.render.engines import typst_string
    from vplan.render.errors import RenderError

    if not svgs:
        return []
    step = "typst kunde inte göra bilder av diagrammen"
    pages = "#pagebreak()\n".join(
        f"#image(bytes({typst_string(svg.decode('utf-8'))}), format: \"svg\", width: {WIDTH_CM}cm, "
        f"height: {height}cm)\n" for svg, height in zip(svgs, heights_cm, strict=True))
    pngs = compile_pngs("#set page(width: auto, height: auto, margin: 0pt, fill: white)\n" + pages,
                        root=Path(tempfile.gettempdir()), ppi=PNG_DPI, font_dirs=font_dirs, step=step)
    if len(pngs) != len(svgs):
        raise RenderError(step, f"typst gav {len(pngs)} bilder för {len(svgs)} diagram")
    return pngs


def _colours(chart: Chart, look: Look) -> tuple[str, ...]:
    if chart.kind == BARS:
        return tuple((look.primary, _TARGET_GREY, look.accent, "#7a4e00")[k % 4] for k in range(len(chart.series)))
    others = (look.accent, "#7a4e00")
    out, outcomes = [], 0
    for s in chart.series:
        if s.role == "utfall":
            out.append(look.primary if outcomes == 0 else others[(outcomes - 1) % 2])
            outcomes += 1
        else:
            out.append(_TARGET_GREY)
    return tuple(out)


def _dash(chart: Chart, index: int) -> str:
    s = chart.series[index]
    if s.role == "utfall":
        nth = sum(1 for x in chart.series[:index] if x.role == "utfall")
        return _DASHES["utfall"][nth % len(_DASHES["utfall"])]
    return _DASHES["mål"]


def _forms(chart: Chart, uid: str, colours) -> str:
    """CSS that gives each series its form (see _DASHES) in the plot and in the legend."""
    rules = [f"#{uid} .axis .line{{stroke:{_AXIS}}}"]
    for k, colour in enumerate(colours):
        legend = f"#{uid} #activate-serie-{k} rect"
        if chart.kind == BARS:
            if k:
                rules.append(f"#{uid} .serie-{k} .rect,{legend}{{fill:url(#{uid}-hatch-{k});stroke:{colour};"
                             f"stroke-width:1}}")
            continue
        dash = _dash(chart, k)
        if dash:
            rules.append(f"#{uid} .serie-{k} .line{{stroke-dasharray:{dash}}}")
        if chart.series[k].role == "mål":
            rules.append(f"#{uid} .serie-{k} .dot{{fill:white;stroke:{colour};stroke-width:2}}")
        if dash or chart.series[k].role == "mål":  # a hollow box, its edge dashed as the line
            rules.append(f"{legend}{{fill:white;stroke:{colour};stroke-width:2;stroke-dasharray:{dash or 'none'}}}")
    return "".join(rules)


def _hatches(chart: Chart, uid: str, colours) -> list[str]:
    """SVG patterns for the bars of the second series on: stripes at their own angle."""
    if chart.kind != BARS:
        return []
    return [f'<pattern id="{uid}-hatch-{k}" width="6" height="6" '
            f'patternUnits="userSpaceOnUse" patternTransform="rotate({_HATCH_ANGLES[(k - 1) % 4]})">'
            f'<rect width="6" height="6" fill="white"/><rect width="2.5" height="6" fill="{colour}"/></pattern>'
            for k, colour in enumerate(colours) if k]


def _lines(pygal, chart: Chart, common: dict):
    years = chart.categories
    values = [float(v) for s in chart.series for _, v in s.points]
    whole = all(v == int(v) for v in values)  # counts and whole percentages: no 7,5 on the axis
    from_zero = min(values) >= 0 and (min(values) < 0.5 * max(values) or min(values) == max(values))
    graph = pygal.Line(show_x_guides=False, show_y_guides=True, dots_size=3.5, y_title=chart.unit or None,
                       include_x_axis=from_zero, order_min=0 if whole else None, allow_interruptions=False,
                       **common)
    graph.x_labels = list(years)
    for s in chart.series:
        by_year = {x: float(v) for x, v in s.points}
        graph.add(s.label, [by_year.get(y) for y in years], stroke_style={"width": 2})
    return graph


def _bars(pygal, chart: Chart, common: dict):
    rows = chart.categories
    # margin_bottom: pygal puts the legend of a bar chart on the bottom edge, cutting g and j
    graph = pygal.HorizontalBar(show_x_guides=True, show_y_guides=False, x_title=chart.unit or None,
                                include_x_axis=True, **{**common, "margin_bottom": 16})
    # pygal puts the first row at the bottom: reversed, the table's first row is on top, as in the table
    graph.x_labels = [_short(r) for r in reversed(rows)]
    for s in chart.series:
        values = dict(s.points)
        graph.add(s.label, [float(values.get(r, 0)) for r in reversed(rows)])
    return graph


_DROP = {"script", "desc", "title"}  # pygal's tooltip script, and the values and names it shows on hover
_DROP_CLASSES = {"tooltip-overlay", "tooltip"}


def _plain(root, alt: str):
    """pygal's tree without what would vary between runs or run in a browser: comments (one is
    dated), scripts, the tooltips and their data. The chart is a picture, not a program. Its
    title is the alt text, for whoever opens the SVG on its own."""
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            name = tag.rsplit("}", 1)[-1]
            classes = set((child.get("class") or "").split())
            if not tag or name in _DROP or classes & _DROP_CLASSES:
                parent.remove(child)
    from pygal.etree import etree

    title = etree.Element("title")
    title.text = alt
    root.insert(0, title)
    return root


def _short(name: str, limit: int = 34) -> str:
    """A row name short enough for the axis; the table beside the chart has it whole."""
    name = name.replace("**", "").replace("*", "")
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _swedish(value: float) -> str:
    """Axis numbers as Swedish text: 67 100, 2,5, −3."""
    d = Decimal(format(float(value), ".15g")).normalize()  # 15 digits: what a float holds exactly
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return typography.number(d, space="\u2009")
