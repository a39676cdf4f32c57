"""Word tables -> vplan blocks: indikatorer, tabell (numbers, text or status), uppdrag or risker.

classify() looks at the header row(s) and the cells and picks the block; the builders in
vplan.importer.indicators and vplan.importer.numeric make its data. Anything the block cannot
hold is returned as a finding for the report, never dropped quietly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from vplan.importer import numbers
from vplan.importer.grid import Cell, Grid

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_OUTCOME = re.compile(r"(?i)\b(utfall|resultat|utfallet|ufall|bokslut|mätvärde)\b")
_TARGET = re.compile(r"(?i)\b(mål|målnivå|målvärde|målsättning|mål\w*)\b")
_INDICATOR_HEAD = re.compile(r"(?i)indikator|nyckeltal|mått|mätetal|styrtal|målindikator")
_META_COLUMN = {"beslutad_av": re.compile(r"(?i)^beslutad av|^beslutat av|^fastställd av"),
                "källa": re.compile(r"(?i)^källa"), "kommentar": re.compile(r"(?i)^kommentar|^anmärkning"),
                "enhet": re.compile(r"(?i)^enhet$")}
_ASSIGNMENT_HEAD = re.compile(r"(?i)^(uppdrag|uppdraget|uppdrag från)\b")
_ASSIGNMENT_COLUMN = {"beslutad_av": re.compile(r"(?i)^(beslutad av|beslutat av|givet av|från|uppdragsgivare)"),
                      "status": re.compile(r"(?i)^status"),
                      "senast": re.compile(r"(?i)^(senast|klart|klart senast|tidplan|slutdatum|deadline|"
                                           r"ska vara klart|återrapport\w*)"),
                      "periodicitet": re.compile(r"(?i)^(uppföljning|periodicitet|rapportering)"),
                      "riktas_till": re.compile(r"(?i)^(riktas till|ansvarig|ansvar|mottagare)")}
_RISK_HEAD = re.compile(r"(?i)^risk(er)?\b|^risk(område|beskrivning)")


@dataclass
class Column:
    index: int
    rubrik: str
    grupp: str | None = None

    @property
    def label(self) -> str:
        return f"{self.grupp} {self.rubrik}".strip() if self.grupp else self.rubrik

    @property
    def year(self) -> int | None:
        m = _YEAR.search(self.label)
        return int(m.group(1)) if m else None


@dataclass
class Shape:
    """A grid with its header read: what the classifiers look at."""

    grid: Grid
    first: str  # the first column's header
    columns: list[Column]
    body: list[list[Cell]]
    findings: list[str] = field(default_factory=list)


def shape(grid: Grid, header: bool = True) -> Shape:
    """The grid read; header=False: every row is data (a table that is only a header row)."""
    head = list(grid.head) if header else []
    body = list(grid.body) if header else [*grid.head, *grid.body]
    while header and grid.width > 1 and (head or body) and _title_row((head or body)[0], grid.width):
        row = (head or body).pop(0)  # "Resursramar (mnkr)" across the whole table: its caption
        grid.caption = f"{grid.caption} {row[0].text}".strip() if grid.caption else row[0].text
    if header and not head and body and _headerish(body[0], grid.width):
        head.append(body.pop(0))
        if body and head[0] and any(c.colspan > 1 for c in head[0]) and _headerish(body[0], grid.width):
            head.append(body.pop(0))
    while header and head and body and not body[0][0].text and _headerish(body[0], grid.width) and len(head) < 3:
        head.append(body.pop(0))  # "Budget" over "2024": a second header row without a label of its own
    if head:  # Word repeats the header row on each page; a copy in the body is the same row again
        last = [c.text for c in head[-1]]
        body = [r for r in body if [c.text for c in r] != last or not any(last)]
    columns = []
    for k in range(1, grid.width):
        texts = [row[k] for row in head]
        grupp = None
        top = _spanned(head[0], k) if len(head) >= 2 else None
        if top is not None and top.text and top.colspan > 1 and top.rowspan < len(head):
            grupp = _spanned_text(head[0], k)
            rubrik = head[-1][k].text
        else:
            rubrik = " ".join(dict.fromkeys(c.text for c in texts if c.text and c.origin))
        columns.append(Column(k, rubrik or f"Kolumn {k + 1}", grupp))
    first = " ".join(dict.fromkeys(row[0].text for row in head if row[0].text)) if head else ""
    return Shape(grid, first, columns, [r for r in body if any(c.text for c in r) or any(c.fill for c in r)])


def _title_row(row: list[Cell], width: int) -> bool:
    return row[0].origin and row[0].colspan == width and bool(row[0].text)


def _spanned_text(row: list[Cell], k: int) -> str:
    return _spanned(row, k).text


def _spanned(row: list[Cell], k: int) -> Cell:
    """The cell spanning column k of a row: k's own, or the origin to its left that covers it."""
    while k > 0 and not row[k].origin:
        k -= 1
    return row[k]


def _headerish(row: list[Cell], width: int) -> bool:
    """A first row that names columns: text in every filled cell after the first, or all bold."""
    cells = [c for c in row[1:] if c.origin and c.text]
    if not cells:
        return False
    if all(c.bold for c in row if c.origin and c.text):
        return True
    return all(numbers.parse(c.text) is None or numbers.is_year(c.text) for c in cells)


def year_columns(s: Shape, budget_year: int | None) -> dict[int, tuple[str, int]] | None:
    """column index -> ("utfall" | "mål", year) when every column after the first is a year column or
    an indicator's detail (beslutad av, källa, kommentar, enhet); None if some column is neither."""
    out: dict[int, tuple[str, int]] = {}
    for c in s.columns:
        if any(p.match(c.label) for p in _META_COLUMN.values()):
            continue
        year = c.year
        if year is None:  # "Målvärde" without a year: the budget year's target
            if budget_year is not None and _TARGET.fullmatch(c.label.strip()):
                out[c.index] = ("mål", budget_year)
                continue
            return None
        rest = _YEAR.sub("", c.label)
        if _OUTCOME.search(rest):
            out[c.index] = ("utfall", year)
        elif _TARGET.search(rest):
            out[c.index] = ("mål", year)
        elif not re.sub(r"[\s()]+", "", rest) and budget_year is not None:
            out[c.index] = ("utfall" if year < budget_year else "mål", year)
        else:
            return None
    return out


def classify(s: Shape, budget_year: int | None) -> str:
    """indikatorer | uppdrag | risker | tabell."""
    years = year_columns(s, budget_year)
    named = bool(_INDICATOR_HEAD.search(s.first)) or bool(_INDICATOR_HEAD.search(s.grid.caption))
    labels = [c.label for c in s.columns]
    # Without "Indikator" in the header, outcome and target columns must say so: bare years are a budget.
    worded = any(_OUTCOME.search(x) for x in labels) and any(_TARGET.search(_YEAR.sub("", x)) for x in labels)
    if years is not None and (named or worded):
        return "indikatorer"
    if _ASSIGNMENT_HEAD.match(s.first) and all(any(p.match(c.rubrik) for p in _ASSIGNMENT_COLUMN.values())
                                               for c in s.columns):
        return "uppdrag"
    if _RISK_HEAD.match(s.first) and len(s.columns) <= 1 and _all_text(s):
        return "risker"
    return "tabell"


def _all_text(s: Shape) -> bool:
    return all(numbers.parse(r[c.index].text) is None for r in s.body for c in s.columns if r[c.index].text)


def assignment_column(rubrik: str) -> str | None:
    return next((key for key, p in _ASSIGNMENT_COLUMN.items() if p.match(rubrik)), None)


def meta_column(label: str) -> str | None:
    return next((key for key, p in _META_COLUMN.items() if p.match(label)), None)


_GOAL_COLUMN = re.compile(r"(?i)^(delmål|mål|målområde|strategiskt mål|nämndmål|effektmål)$")


def goal_groups(s: Shape) -> list[tuple[str, str, Shape]] | None:
    """A table whose first column names goals and second the indicators ("Delmål | Indikatorer | Utfall 2021 |
    Mål 2023"): (goal kind, goal, the indicator rows as a table of their own) per goal. The goal's cell spans
    its indicators' rows, merged or left blank below."""
    if not _GOAL_COLUMN.match(s.first.strip()) or not s.columns or not _INDICATOR_HEAD.search(s.columns[0].label):
        return None
    from vplan.importer.headings import parse

    word = s.first.strip().lower()
    kind = "målområde" if word == "målområde" else "delmål" if word == "delmål" else "mål"
    out: list[tuple[str, str, Shape]] = []
    for row in s.body:
        if row[0].origin and row[0].text:
            out.append((kind, parse(row[0].text).title, Shape(s.grid, s.columns[0].label,
                        [Column(c.index - 1, c.rubrik, c.grupp) for c in s.columns[1:]], [])))
        if out:
            out[-1][2].body.append(row[1:])
    return out or None
