"""Plan (model) -> the plain data the Markdown templates see.

Everything here is a dict, a list, a str or `Md` (Markdown that went through
vplan.render.safety). Numbers, dates and units are formatted the Swedish way
with vplan.typography; the templates only arrange and label.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping

from vplan import typography
from vplan.model import (
    AppendixBlock, AssignmentBlock, BadBlock, Indicator, IndicatorBlock, Number, PerOrg, Plan,
    Pos, Prose, RiskBlock, Row, Section, Table, Text,
)
from vplan.render.markdown import Md, escape, heading_text, inline, slug

Clean = Callable[[str, Pos], str]  # Markdown from the plan -> safe Markdown

# Words a house style can change in its _ord.md.j2; these are the defaults.
WORDS: Mapping[str, str] = {
    "indikator": "Indikator",
    "indikatorer": "Indikatorer",
    "utfall": "Utfall",
    "mål_år": "Målnivå",
    "beslutad_av": "Beslutad av",
    "kluster": "Kluster med {n} parametrar",
    "källa": "Källa",
    "kommentar": "Kommentar",
    "tabell": "Tabell",
    "post": "Post",
    "senast": "Senast",
    "status": "Status",
    "periodicitet": "Uppföljning",
    "riktas_till": "Riktas till",
    "block_med_fel": "Blocket ”{typ}” har fel och visas inte.",
}
_TOTAL_NAME = re.compile(r"^(summa|total|totalt|totala)\b", re.IGNORECASE)
_UNIT_WORDS = {
    "mnkr": ("mnkr", "mkr", "miljoner kr", "miljoner kronor"),
    "tkr": ("tkr", "tusen kr", "tusen kronor", "tusental kronor"),
    "%": ("%", "procent"),
}


def document_context(plan: Plan, *, clean: Clean, words: Mapping[str, str] | None = None,
                     draft_errors: bool = False, builder: Callable | None = None) -> dict:
    """The whole document: cover facts, body nodes in source order, footnotes.

    `builder(plan, clean, words)` may replace the node builder (the marked-up
    version of vplan.render.redline uses one that knows the older plan).
    """
    merged = {**WORDS, **(words or {})}
    nodes = (builder or _Builder)(plan, clean, merged)
    meta = plan.meta
    return {
        "ord": merged,
        "titel": escape(meta.titel),
        "region": escape(meta.region),
        "namnd": escape(meta.namnd),
        "planperiod": typography.period(meta.fran, meta.till),
        "utkast_med_fel": draft_errors,
        "noder": nodes.nodes(),
        "fotnoter": nodes.footnotes(),
    }


class _Builder:
    def __init__(self, plan: Plan, clean: Clean, words: Mapping[str, str]):
        self.plan, self.clean, self.words = plan, clean, words
        self.ids: set[str] = set()

    def md(self, text: str | None, pos: Pos) -> Md | None:
        return None if text is None else inline(self.clean(str(text), pos))

    def footnotes(self) -> list[dict]:
        return [{"id": Md(f.id), "markdown": Md(self.clean(f.markdown, f.pos))} for f in self.plan.footnotes]

    def nodes(self) -> list[dict]:
        out: list[dict] = []
        for item in self.plan.preamble:
            out += self.item(item)
        for chapter in self.plan.chapters:
            out += self.item(chapter)
        return out

    def item(self, item) -> list[dict]:
        if isinstance(item, Section):
            return [self.heading(item), *(n for i in item.items for n in self.item(i))]
        if isinstance(item, Prose):
            return [{"typ": "text", "markdown": Md(self.clean(item.markdown, item.pos))}]
        build = {
            IndicatorBlock: self.indicators, Table: self.table, AssignmentBlock: self.assignments,
            RiskBlock: self.risks, AppendixBlock: self.appendices,
        }.get(type(item))
        if build is None:  # a block with errors, only seen in drafts
            kind = item.kind if isinstance(item, BadBlock) else "?"
            return [{"typ": "fel", "text": escape(self.words["block_med_fel"].replace("{typ}", kind))}]
        return [build(item)]

    def heading(self, s: Section) -> dict:
        clean = self.clean(s.title, s.pos)
        anchor = slug(s.heading, self.ids)
        return {
            "typ": "rubrik", "niva": s.level, "markering": Md("#" * s.level),
            "id": anchor, "ankare": Md("{#" + anchor + "}"), "slag": s.kind,
            "nummer": s.number, "titel": heading_text(clean),
        }

    # --- indicators ---------------------------------------------------------

    def indicators(self, block: IndicatorBlock) -> dict:
        w = self.words
        items = block.indikatorer
        columns, past, goals, decided = self.indicator_columns(items)
        rows = []
        for ind in items:
            cells = [self.indicator_name(ind)]
            if decided:
                cells.append([self.md(ind.beslutad_av, ind.at("beslutad_av")) or ""])
            cells += [self.value(_year(ind.utfall, y), ind.at("utfall")) for y in past]
            cells += [self.value(_year(ind.mal, y), ind.at("mål")) for y in goals]
            rows.append({"celler": cells})
        caption = self.md(block.rubrik, block.pos) or escape(w["indikatorer"])
        return {"typ": "indikatorer", "rubrik": caption, "id": slug(f"tbl {caption}", self.ids),
                "kolumner": columns, "rader": rows}

    def indicator_columns(self, items) -> tuple[list[dict], list[int], list[int], bool]:
        """Columns for these indicators: name, decided by (if any), one per outcome and target year."""
        w = self.words
        past = sorted({v.year for i in items for v in i.utfall})
        goals = sorted({v.year for i in items for v in i.mal})
        decided = any(i.beslutad_av for i in items)
        columns = [_col(escape(w["indikator"]))]
        if decided:
            columns.append(_col(escape(w["beslutad_av"])))
        columns += [_col(escape(f"{w['utfall']} {y}"), True) for y in past]
        columns += [_col(escape(f"{w['mål_år']} {y}"), True) for y in goals]
        return columns, past, goals, decided

    def indicator_name(self, ind: Indicator) -> list[Md]:
        name = self.md(ind.namn, ind.at("namn"))
        if ind.enhet:
            name = Md(f"{name}, {escape(ind.enhet)}")
        lines = [name]
        if ind.kluster:
            lines.append(escape(self.words["kluster"].replace("{n}", str(ind.kluster))))
        for key, value in (("källa", ind.kalla), ("kommentar", ind.kommentar)):
            if value:
                lines.append(Md(f"{escape(self.words[key])}: {self.md(value, ind.at(key))}"))
        return lines

    def value(self, value, pos: Pos) -> list[Md]:
        """A cell's lines: a number, a text, or one line per organisation."""
        if value is None:
            return [Md("")]
        if isinstance(value, Number):
            return [escape(typography.number(value.value))]
        if isinstance(value, Text):
            return [self.md(value.text, pos)]
        if isinstance(value, PerOrg):
            return [Md(f"{escape(org)} {escape(typography.number(n.value))}") for org, n in value.values]
        return [self.md(line, pos) for line in value]  # a list cell: one line each

    # --- numeric and text tables ---------------------------------------------

    def table(self, table: Table) -> dict:
        w = self.words
        columns, first = self.table_columns(table)
        rows = list(self.rows(table, table.rader, 0))
        caption = self.md(table.rubrik, table.at("rubrik")) or first or escape(w["tabell"])
        return {"typ": "tabell", "rubrik": caption, "id": slug(f"tbl {caption}", self.ids),
                "kolumner": columns, "rader": rows}

    def table_columns(self, table: Table) -> tuple[list[dict], Md]:
        """The header row (units added where the headers do not name them) and the first header."""
        w = self.words
        numeric = [c for c in table.kolumner if c.typ != "text"]
        first = self.md(table.radrubrik, table.at("radrubrik")) or escape(w["post"])
        headers = [str(first)] + [str(self.md(c.rubrik, c.at("rubrik"))) for c in table.kolumner]
        units = {c.id: c.enhet or table.enhet for c in numeric}
        shared = set(units.values())
        if len(shared) == 1 and None not in shared and numeric:
            unit = shared.pop()
            if not any(_mentions(h, unit) for h in headers):
                headers[0] = f"{headers[0]} ({escape(unit)})"
        else:
            for k, c in enumerate(table.kolumner, start=1):
                unit = units.get(c.id)
                if unit and not _mentions(headers[k], unit) and not _mentions(headers[0], unit):
                    headers[k] = f"{headers[k]} ({escape(unit)})"
        columns = [_col(Md(headers[0]))] + [
            _col(Md(h), c.typ != "text") for h, c in zip(headers[1:], table.kolumner)]
        return columns, first

    def rows(self, table: Table, rows: Iterable[Row], depth: int):
        for row in rows:
            bold = row.formel is not None or bool(_TOTAL_NAME.match(row.namn))
            name = self.md(row.namn, row.pos)
            if row.summarad:
                yield self.row(table, name, {}, depth, bold=True)
                yield from self.rows(table, row.rader, depth + 1)
                yield self.row(table, self.md(row.summarad, row.at("summarad")), row.varden, depth, bold=True)
                continue
            group = not row.varden and bool(row.rader)
            yield self.row(table, name, row.varden, depth, bold=bold or group, pos=row)
            yield from self.rows(table, row.rader, depth + 1)

    def row(self, table: Table, name: Md, values, depth: int, *, bold: bool, pos: Row | None = None) -> dict:
        cells = [[_indent(_strong(name, bold), depth)]]
        for c in table.kolumner:
            where = pos.cell_pos(c.id) if pos else table.pos
            lines = self.value(values.get(c.id), where)
            cells.append([_strong(line, bold) for line in lines])
        return {"celler": cells, "niva": depth, "fet": bold}

    # --- assignments, risks, appendices --------------------------------------

    def assignments(self, block: AssignmentBlock) -> dict:
        w = self.words
        items = []
        for a in block.uppdrag:
            details = []
            for key, value in (("beslutad_av", a.beslutad_av), ("riktas_till", a.riktas_till),
                               ("status", a.status), ("periodicitet", a.periodicitet)):
                if value:
                    details.append(Md(f"{escape(w[key])}: {self.md(value, a.at(key))}"))
            if a.senast is not None:
                details.append(Md(f"{escape(w['senast'])}: {escape(typography.deadline(a.senast))}"))
            items.append({"text": self.md(a.text, a.at("text")), "detaljer": details})
        return {"typ": "uppdrag", "rubrik": self.md(block.rubrik, block.pos),
                "inledning": self.md(block.inledning, block.pos), "uppdrag": items}

    def risks(self, block: RiskBlock) -> dict:
        return {"typ": "risker", "rubrik": self.md(block.rubrik, block.pos), "risker": [
            {"titel": self.md(r.titel, r.pos), "beskrivning": self.md(r.beskrivning, r.pos)}
            for r in block.risker]}

    def appendices(self, block: AppendixBlock) -> dict:
        return {"typ": "bilagor", "rubrik": self.md(block.rubrik, block.pos), "bilagor": [
            {"nummer": a.nummer, "titel": self.md(a.titel, a.at("titel")),
             "beskrivning": self.md(a.beskrivning, a.at("beskrivning")),
             "innehall": [self.md(i, a.at("innehåll")) for i in a.innehall],
             "separat": a.separat, "i_beslutsunderlaget": a.i_beslutsunderlaget}
            for a in block.bilagor]}


def _col(header: Md, number: bool = False) -> dict:
    return {"rubrik": header, "tal": number}


def _year(values, year: int):
    return next((v.value for v in values if v.year == year), None)


def _strong(text: Md, bold: bool) -> Md:
    return Md(f"**{text}**") if bold and str(text).strip() else text


INDENT = "\u00a0" * 4  # one level of sub-rows (varav, därav)


def _indent(text: Md, depth: int) -> Md:
    # No-break spaces: pandoc keeps them (it trims only ASCII spaces), every font
    # has them, and no format breaks a line after them (an em space may break).
    return Md(INDENT * depth + str(text))


def _mentions(header: str, unit: str) -> bool:
    low = header.lower()
    return any(word in low for word in _UNIT_WORDS.get(unit, (unit.lower(),)))
