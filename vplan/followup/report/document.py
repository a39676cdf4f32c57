"""Follow-up (model) -> pandoc's document tree: the report every format is made from.

The follow-up's own chapters, prose and tables come through TreeBuilder as a
plan's do. Its three blocks become: per goal an assessment with its traffic
light; per outcome block a table of indicators (target, outcome, trend, light)
and a chart per indicator with its data table; per status block a table of
assignments. A numeric table with a budget and an outcome column gets a chart
after it. A chart stands in the tree as an Image whose target names it
(vplan-diagram:N); vplan.followup.report.formats makes it concrete per format.
"""
from __future__ import annotations

from decimal import Decimal

from vplan import typography
from vplan.followup import assess
from vplan.followup.goals import goals
from vplan.followup.report.charts import BARS, LINE, Chart, Series
from vplan.model import Number, Section, Text
from vplan.render.tree import nodes as n
from vplan.render.tree.document import TreeBuilder
from vplan.render.tree.tables import _TOTAL_NAME as _TOTAL, INDENT

CHART_SCHEME = "vplan-diagram:"
# level -> (symbol, words, colour class): text and symbol carry the meaning, colour repeats it
LIGHTS = {assess.MET: ("●", "Uppfyllt", "grön"), assess.PARTLY: ("◐", "Delvis uppfyllt", "gul"),
          assess.MISSED: ("○", "Ej uppfyllt", "röd")}
STATUSES = {"klart": ("●", "Klart", "grön"), "pågår": ("◐", "Pågår", "blå"),
            "ej påbörjat": ("○", "Ej påbörjat", "grå"), "avbrutet": ("×", "Avbrutet", "röd")}
TRENDS = {"upp": "↑ Ökar", "ned": "↓ Minskar", "oförändrad": "→ Oförändrad"}
OVERVIEW_CHAPTER = "måluppfyllelse"


def light(symbol: str, words: str, colour: str) -> list[dict]:
    """"● Uppfyllt" in a status span: html.css and the typst walk colour it by its class."""
    text = f"{symbol}\u00a0{words}"  # the symbol never stands alone at a line's end
    return [n.span([n.string(text)], classes=["status", f"status-{colour}", "trafikljus"])]


class ReportBuilder(TreeBuilder):
    def __init__(self, followup, **kwargs):
        super().__init__(followup.document, **kwargs)
        self.followup = followup
        self.year = followup.meta.period.year
        self.goals = goals(followup.plan)
        self.goal_by_id = {g.id: g for g in self.goals}
        self.indicator_by_id = {i.id: i for i in followup.plan.indicators()}
        self.assignment_by_id = {a.id: a for a in followup.plan.assignments() if a.id}
        self.assessed = {a.mal: a for a in followup.assessments()}
        self.all_outcomes = list(followup.outcomes())
        self.charts: list[Chart] = []
        self.section: Section | None = None

    # --- dispatch -----------------------------------------------------------------

    def item(self, item) -> list[dict]:
        if isinstance(item, Section):
            outer, self.section = self.section, item
            out = [self.heading(item)]
            if item.level == 1 and item.title.strip().lower() == OVERVIEW_CHAPTER:
                out += self.overview()
            for child in item.items:
                out += self.item(child)
            self.section = outer
            return out
        kind = getattr(item, "kind", None)
        if kind == "utfall":
            return self.outcomes(item)
        if kind == "bedömning":
            return [b for a in item.bedomningar for b in self.assessment(a)]
        if kind == "uppdragsstatus":
            return self.statuses(item)
        out = super().item(item)
        if kind == "tabell":
            out += self.budget_chart(item)
        return out

    # --- assessments ----------------------------------------------------------------

    def assessment(self, a) -> list[dict]:
        symbol, words, colour = LIGHTS[a.bedomning]
        goal = self.goal_by_id.get(a.mal)
        lead = n.strong(n.text("Bedömning:")) + [n.space()] + light(symbol, words, colour)
        if goal is not None and (self.section is None or self.section.title != goal.title):
            lead = n.strong(self.rich(goal.title)) + n.text(".") + [n.space()] + lead
        return [n.div([n.para(lead)] + self.long_text(a.text), ["bedomning"])]

    def overview(self) -> list[dict]:
        """Every goal area and goal of the plan with its assessment, first in the chapter."""
        body = []
        for g in self.goals:
            if g.kind == "delmål" and g.id not in self.assessed:
                continue
            depth = {"målområde": 0, "mål": 1, "delmål": 2}[g.kind]
            a = self.assessed.get(g.id)
            name = ([n.string(INDENT * depth)] if depth else []) + (
                n.strong(self.rich(g.title)) if g.kind == "målområde" else self.rich(g.title))
            cell = light(*LIGHTS[a.bedomning]) if a else n.text("Inte bedömt")
            body.append(n.row([n.cell([n.plain(name)], align="AlignLeft"), n.cell([n.plain(cell)])]))
        if not body:
            return []
        caption = n.text(f"Måluppfyllelse {self.followup.meta.period.label}")
        return [self.simple_table(caption, ["Målområde och mål", "Bedömning"], body, classes=["oversikt"])]

    # --- outcomes -------------------------------------------------------------------------

    def outcomes(self, block) -> list[dict]:
        year = self.year
        headers = ["Indikator", f"Utfall {year}", f"Målnivå {year}", "Trend", "Bedömning"]
        rows, charts = [], []
        for o in block.utfall:
            ind = self.indicator_by_id.get(o.id)
            if ind is None:
                continue
            mine = [x for x in self.all_outcomes if x.id == o.id and x.organisation == o.organisation]
            v = assess.verdict(ind, mine, year, o.organisation)
            rows.append(n.row([
                n.cell(self.tables.cell_blocks(self.indicator_label(ind, o)), align="AlignLeft"),
                n.cell(self.tables.cell_blocks(self.tables.value(v.outcome, ind.enhet)), align="AlignRight"),
                n.cell(self.tables.cell_blocks(self.tables.value(v.target, ind.enhet)), align="AlignRight"),
                n.cell([n.plain(self.trend(v, ind.enhet))]),
                n.cell([n.plain(light(*LIGHTS[v.level]) if v.level else n.text("–"))]),
            ]))
            if ind.id not in charts:
                charts.append(ind.id)
        caption = self.rich(block.rubrik) or n.text(f"Indikatorer, utfall {self.followup.meta.period.label}")
        out = [self.simple_table(caption, headers, rows, aligns=["AlignLeft", "AlignRight", "AlignRight",
                                                                 "AlignLeft", "AlignLeft"], classes=["utfall"])]
        for ind_id in charts:
            out += self.indicator_chart(self.indicator_by_id[ind_id])
        return out

    def indicator_label(self, ind, o) -> list[list[dict]]:
        """The name (and organisation), then the outcome's comment and its source, each on a line of its own."""
        lines = [self.rich(ind.namn) + ([n.space()] + n.text(f"({o.organisation})") if o.organisation else [])]
        if o.kommentar:
            lines.append(n.emph(n.text(f"{self.words['kommentar']}:") + [n.space()] + self.rich(o.kommentar)))
        source = self.source(o)
        if source:
            lines.append(n.emph(n.text(f"{self.words['källa']}: {source}")))
        return lines

    @staticmethod
    def source(o) -> str:
        """Where the outcomes came from, as the user wrote it: once when every year has the same
        source, else per year ("2024: …; 2025: …"). Plain text, not Markdown: a name of a system
        or a survey reaches the documents as written."""
        given = {year: s.words() for year, s in sorted(o.sources.items()) if s.words()}
        if len(set(given.values())) == 1:
            return next(iter(given.values()))
        return "; ".join(f"{year}: {words}" for year, words in given.items())

    def trend(self, v, unit) -> list[dict]:
        if v.trend is None:
            return n.text("–")
        since = f" från {self.tables.number(v.previous, unit)}"
        return n.text(TRENDS[v.trend] + (since if v.trend != "oförändrad" else ""))

    # --- charts --------------------------------------------------------------------

    def indicator_chart(self, ind) -> list[dict]:
        """The outcome series (per organisation) against the targets, with its data table."""
        if ind.typ != "kvantitativ":
            return []
        orgs = sorted({o.organisation for o in self.all_outcomes if o.id == ind.id}, key=lambda x: x or "")
        series = []
        for org in orgs:
            mine = [x for x in self.all_outcomes if x.id == ind.id and x.organisation == org]
            points = tuple((str(y), v.value) for y, v in assess.series(ind, mine, org).items()
                           if isinstance(v, Number))
            if points:
                series.append(Series(f"Utfall {org}" if org else "Utfall", points, "utfall"))
        targets = tuple((str(t.year), assess.number(t.value)) for t in ind.mal
                        if assess.number(t.value) is not None)
        if targets:
            series.append(Series("Målnivå", targets, "mål"))
        if len({x for s in series for x, _ in s.points}) < 2:
            return []  # one year is a number, not a series: the table above shows it
        name = n.stringify(self.rich(ind.namn)).rstrip(".")
        worded = [f"{t.year}: {t.value.text}" for t in ind.mal if isinstance(t.value, Text)]
        alt = f"Linjediagram: {name}. " + " ".join(
            f"{s.label}: " + ", ".join(f"{x} {typography.number(v)}" for x, v in s.points) + "." for s in series)
        if worded:
            alt += " Målnivå i ord: " + "; ".join(worded) + "."
        chart = Chart(LINE, tuple(series), ind.enhet, alt)
        name = self.rich(ind.namn)
        what = "Utfall och målnivå:" if targets else "Utfall:"
        return [self.figure(chart, n.text(what) + [n.space()] + name),
                self.chart_table(chart, name, worded)]

    def chart_table(self, chart: Chart, name: list, worded: list[str]) -> dict:
        """The chart's numbers as a table: one row per year, one column per series."""
        headers = ["År"] + [s.label for s in chart.series]
        body = []
        for x in chart.categories:
            cells = [n.cell([n.plain(n.text(x))], align="AlignLeft")]
            for s in chart.series:
                value = dict(s.points).get(x)
                text = self.tables.number(Number(value), chart.unit) if value is not None else "–"
                cells.append(n.cell([n.plain(n.text(text))], align="AlignRight"))
            body.append(n.row(cells))
        table = self.simple_table(n.text("Uppgifterna i diagrammet:") + [n.space()] + name, headers, body,
                                  aligns=["AlignLeft"] + ["AlignRight"] * len(chart.series), classes=["diagramdata"])
        return n.div([table] + ([n.para(n.text("Målnivå i ord: " + "; ".join(worded) + "."))] if worded else []),
                     ["diagramdata"])

    def budget_chart(self, table) -> list[dict]:
        """Budget against outcome for a table with a "Budget …" and an "Utfall …" column."""
        numeric = [c for c in table.kolumner if c.typ == "tal" and not c.formel]
        budget = next((c for c in numeric if c.rubrik.strip().lower().startswith("budget")), None)
        outcome = next((c for c in numeric if c.rubrik.strip().lower().startswith("utfall")), None)
        if budget is None or outcome is None:
            return []
        rows = [(r, depth) for r, depth in _rows(table.rader)
                if isinstance(r.varden.get(budget.id), Number) and isinstance(r.varden.get(outcome.id), Number)]
        parts = [(r, depth) for r, depth in rows if not (r.formel or r.rader or _TOTAL.match(r.namn))]
        rows = parts if len(parts) >= 2 else rows  # a total dwarfs its parts; the table has it
        if not rows:
            return []
        names = [n.stringify(self.rich(r.namn)) for r, _ in rows]
        series = tuple(Series(c.rubrik, tuple((name, r.varden[c.id].value) for name, (r, _) in zip(names, rows)),
                              role) for c, role in ((budget, "budget"), (outcome, "utfall")))
        unit = budget.enhet or table.enhet
        title = n.stringify(self.rich(table.rubrik)).rstrip(".") if table.rubrik else "tabellen"
        alt = (f"Stapeldiagram: {budget.rubrik} och {outcome.rubrik} per rad i {title}. " + " ".join(
            f"{name}: {typography.number(r.varden[budget.id].value)} och "
            f"{typography.with_unit(typography.number(r.varden[outcome.id].value), unit)}." for name, (r, _) in
            zip(names, rows)))
        chart = Chart(BARS, series, unit, alt)
        caption = n.text(f"{budget.rubrik} och {outcome.rubrik}") + (
            n.text(":") + [n.space()] + self.rich(table.rubrik) if table.rubrik else [])
        note = n.para(n.emph(n.text("Diagrammet visar siffrorna i tabellen ovan.")))
        return [self.figure(chart, caption), note]

    def figure(self, chart: Chart, caption: list) -> dict:
        self.charts.append(chart)
        image = {"t": "Image", "c": [n.attr("", ["diagram"], [("width", "100%")]), n.text(chart.alt),
                                     [f"{CHART_SCHEME}{len(self.charts) - 1}", ""]]}
        ident = f"diagram-{len(self.charts)}"
        return {"t": "Figure", "c": [n.attr(ident, ["diagram"]), [None, [n.plain(caption)]], [n.plain([image])]]}

    # --- assignments ---------------------------------------------------------------------

    def statuses(self, block) -> list[dict]:
        rows = []
        for s in block.uppdrag:
            a = self.assignment_by_id.get(s.id)
            text = self.rich(a.text) if a else n.text(s.id)
            rows.append(n.row([n.cell([n.plain(text)], align="AlignLeft"),
                               n.cell([n.plain(light(*STATUSES[s.status]))]),
                               n.cell([n.plain(self.rich(s.kommentar))] if s.kommentar else [])]))
        caption = self.rich(block.rubrik) or n.text(f"Uppdragens status {self.followup.meta.period.label}")
        return [self.simple_table(caption, ["Uppdrag", "Status", "Kommentar"], rows, classes=["uppdragsstatus"])]

    # --- helpers ---------------------------------------------------------------------------

    def simple_table(self, caption: list, headers: list[str], body: list, *, aligns: list[str] | None = None,
                     classes=()) -> dict:
        aligns = aligns or ["AlignLeft"] * len(headers)
        head = [n.row([n.cell([n.plain(n.text(h))], align=a) for h, a in zip(headers, aligns)])]
        return n.table(id=self.tables.caption_id(caption), caption=caption, widths=[None] * len(headers),
                       aligns=aligns, head=head, body=body, row_heads=1, classes=list(classes))


def _rows(rows, depth: int = 0):
    """A table's rows and sub-rows with their depth, in order."""
    for r in rows:
        yield r, depth
        yield from _rows(r.rader, depth + 1)


