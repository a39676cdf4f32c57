"""Plan, sections and the typed blocks an official writes in fenced YAML."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping, Union

from vplan.model.core import Pos, made_in_bulk

_NO_POS: Mapping[str, Pos] = {}


class _once:
    """functools.cached_property without its lock (Python 3.11 takes one at each first access,
    and rules make hundreds a plan): a value worked out from a frozen object, kept in the
    object's __dict__ the first time it is asked for."""

    def __init__(self, fn):
        self.fn, self.name = fn, fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class _Located:
    """Mixin: `at(key)` gives the position of a key's value, else the object's."""

    pos: Pos
    field_pos: Mapping[str, Pos]

    def at(self, key: str) -> Pos:
        return self.field_pos.get(key, self.pos)


# --- values ---------------------------------------------------------------

@made_in_bulk
@dataclass(frozen=True)
class Number:
    """A number as written: Decimal keeps the decimals the source shows."""

    value: Decimal

    @property
    def decimals(self) -> int:
        exp = self.value.as_tuple().exponent
        return -exp if isinstance(exp, int) and exp < 0 else 0


@made_in_bulk
@dataclass(frozen=True)
class Text:
    """A value given in words: "Bibehålla/öka", "Ny indikator 2024", "Ja"."""

    text: str


@made_in_bulk
@dataclass(frozen=True)
class PerOrg:
    """One number per organisation, as in "RVN 72, RLF 69"."""

    values: tuple[tuple[str, Number], ...]


Value = Union[Number, Text, PerOrg]


@made_in_bulk
@dataclass(frozen=True)
class YearValue:
    year: int
    value: Value
    pos: Pos  # the year key
    value_pos: Pos | None = None  # the value, for diagnostics about the value itself
    rowspan: int = 1  # this indicator and the next rowspan-1 in the block share the value
    note: str | None = None  # a note or marker shown with the value: "(feb-22)", "***"


# --- metadata -------------------------------------------------------------

@dataclass(frozen=True)
class Decision(_Located):
    organ: str
    datum: str  # ISO date, validated by a rule
    paragraf: str | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Signature:
    """Who compiled the plan, shown as a signature line: "Anna Berg, regiondirektör"."""

    namn: str
    titel: str | None
    pos: Pos

    @property
    def line(self) -> str:
        return f"{self.namn}, {self.titel}" if self.titel else self.namn


@dataclass(frozen=True)
class Meta(_Located):
    region: str
    namnd: str
    dokumenttyp: str
    titel: str
    fran: int
    till: int
    budgetar: int
    diarienummer: str | None
    status: str
    beslut: Decision | None
    mall: str
    profil: str
    sprak: str
    malar: tuple[int, ...]  # plan years that must carry a target
    datum: str | None
    forvaltning: str | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)
    upprattad_av: Signature | None = None
    # the plan's own choice of rules: {"kontrollera": (...), "ignorera": (...)}
    kontroller: Mapping[str, tuple[str, ...]] | None = field(default=None, compare=False)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.fran, self.till + 1))


# --- prose and footnotes ----------------------------------------------------

@made_in_bulk
@dataclass(frozen=True)
class Prose:
    """A run of Markdown between headings and blocks, passed on verbatim."""

    markdown: str
    pos: Pos


@made_in_bulk
@dataclass(frozen=True)
class Footnote:
    id: str
    markdown: str
    pos: Pos


@made_in_bulk
@dataclass(frozen=True)
class FootnoteRef:
    id: str
    pos: Pos


# --- blocks -----------------------------------------------------------------

@made_in_bulk
@dataclass(frozen=True)
class Indicator(_Located):
    id: str
    namn: str
    typ: str  # kvantitativ | kvalitativ
    sikt: str | None  # lång | kort
    beslutad_av: str | None
    enhet: str | None
    kalla: str | None
    kluster: int | None
    utfall: tuple[YearValue, ...]
    mal: tuple[YearValue, ...]
    kommentar: str | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)
    riktning: str | None = None  # "högre" or "lägre" is better; None: follow-ups infer it
    kolada: str | None = None  # the KPI's id in Kolada ("N00945"), for vplan kolada


@made_in_bulk
@dataclass(frozen=True)
class IndicatorBlock:
    rubrik: str | None
    indikatorer: tuple[Indicator, ...]
    pos: Pos
    kind = "indikatorer"


@made_in_bulk
@dataclass(frozen=True)
class Assignment(_Located):
    id: str | None
    text: str
    beslutad_av: str | None
    status: str | None
    periodicitet: str | None
    senast: int | str | None  # a year or an ISO date
    riktas_till: str | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)


@made_in_bulk
@dataclass(frozen=True)
class AssignmentBlock:
    rubrik: str | None
    inledning: str | None  # the lead-in the list stands under
    uppdrag: tuple[Assignment, ...]
    pos: Pos
    kind = "uppdrag"


@made_in_bulk
@dataclass(frozen=True)
class Intention(_Located):
    """Something the board itself intends to do; an assignment is given to it by others."""

    text: str
    id: str | None
    pos: Pos  # the item; a plain-text item's text starts here too
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)  # "text", "id" of a mapping item


@dataclass(frozen=True)
class IntentionBlock(_Located):
    rubrik: str | None
    inledning: str | None  # "Under planperioden avser nämnden att:"
    avsikter: tuple[Intention, ...]
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)
    kind = "avsikter"


@made_in_bulk
@dataclass(frozen=True)
class Column(_Located):
    id: str
    rubrik: str
    typ: str  # tal | text | status (codes from the table's skala)
    enhet: str | None
    ar: int | None
    formel: str | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)
    # Adjacent columns with the same grupp share one header cell above their own.
    grupp: str | None = None


Cell = Union[Value, tuple[str, ...]]


@made_in_bulk
@dataclass(frozen=True)
class Row(_Located):
    id: str | None
    namn: str
    varden: Mapping[str, Cell]
    rader: tuple["Row", ...]
    formel: str | None
    summarad: str | None  # label of a trailing subtotal row
    delsumma: bool | None  # do the sub-rows sum to this row?
    undantag: tuple[str, ...]  # rule codes accepted for this row
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)
    value_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)
    enhet: str | None = None  # overrides the column's and the table's unit for this row
    # column id -> number of rows the cell covers (this and the next siblings); only spans > 1
    rowspans: Mapping[str, int] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)  # column id -> note or marker

    def cell_pos(self, column_id: str) -> Pos:
        return self.value_pos.get(column_id, self.pos)


@made_in_bulk
@dataclass(frozen=True)
class Table(_Located):
    rubrik: str | None
    radrubrik: str | None
    enhet: str | None
    tolerans: Decimal
    kolumner: tuple[Column, ...]  # empty: a list of row labels only
    rader: tuple[Row, ...]
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)
    skala: tuple["ScaleStep", ...] = ()  # the codes of the status columns
    kind = "tabell"

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.kolumner if c.id == column_id), None)

    def unit(self, row: Row, column: Column) -> str | None:
        """The unit of one number cell: the row's (a sub-row inherits its parent row's),
        else the column's, else the table's. None for text and status columns."""
        if column.typ != "tal":
            return None
        return self._row_units.get(id(row)) or column.enhet or self.enhet

    @_once
    def all_rows(self) -> tuple[tuple["Row", int], ...]:
        """Every row with its depth (0 for a top row), each sub-row after its row; made once,
        as many rules walk them."""
        out: list = []
        _rows_of(self.rader, 0, out)
        return tuple(out)

    @_once
    def _row_units(self) -> dict[int, str]:
        out: dict[int, str] = {}
        _units_of(self.rader, None, out)
        return out

    def step(self, value) -> "ScaleStep | None":
        """The scale step a status cell's code stands for, or None."""
        key = status_code(value)
        return next((s for s in self.skala if s.kod == key), None)


# The walks below are module functions, not closures that call themselves: such a closure is a
# reference cycle, and it would keep the whole plan alive until the next garbage collection.
def _prose_of(items, out: list) -> None:
    for item in items:
        kind = type(item)
        if kind is Prose:
            out.append((item.markdown, item.pos))
        elif kind is Section:
            _prose_of(item.items, out)


def _rows_of(rows, depth: int, out: list) -> None:
    for r in rows:
        out.append((r, depth))
        _rows_of(r.rader, depth + 1, out)


def _units_of(rows, inherited, out: dict) -> None:
    for r in rows:
        unit = r.enhet or inherited
        if unit:
            out[id(r)] = unit
        _units_of(r.rader, unit, out)


COLOURS = ("grön", "gul", "orange", "röd", "grå", "blå")


@dataclass(frozen=True)
class ScaleStep:
    """One code of a status scale: 4 = "Full effekt uppnådd", shown green."""

    kod: str  # as written, integers as digits: 4 -> "4"
    text: str
    farg: str  # one of COLOURS
    pos: Pos


def status_code(value) -> str | None:
    """A status cell's or scale step's code as text: 4 and "4" are the same code."""
    if isinstance(value, Number):
        v = value.value
        return str(int(v)) if v == v.to_integral_value() else str(v)
    if isinstance(value, Text):
        return value.text.strip()
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return None


@made_in_bulk
@dataclass(frozen=True)
class Risk(_Located):
    titel: str | None  # a risk has a title, a description or both
    beskrivning: str | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class RiskBlock:
    rubrik: str | None
    risker: tuple[Risk, ...]
    pos: Pos
    kind = "risker"


@made_in_bulk
@dataclass(frozen=True)
class Appendix(_Located):
    nummer: int
    titel: str
    beskrivning: str | None
    innehall: tuple[str, ...]
    separat: bool
    i_beslutsunderlaget: bool | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class AppendixBlock:
    rubrik: str | None
    bilagor: tuple[Appendix, ...]
    pos: Pos
    kind = "bilagor"


@dataclass(frozen=True)
class BadBlock:
    """A block that did not pass its schema; kept so structure rules still see it."""

    kind: str
    pos: Pos


Block = Union[IndicatorBlock, AssignmentBlock, IntentionBlock, Table, RiskBlock, AppendixBlock, BadBlock]
Item = Union["Section", Prose, Block]


# --- structure --------------------------------------------------------------

@made_in_bulk
@dataclass(frozen=True)
class Section:
    """A heading and everything under it up to the next heading of its level."""

    level: int
    title: str  # without the kind prefix ("Mål: ")
    kind: str  # kapitel | målområde | mål | delmål | avsnitt
    number: str | None  # number given in the prefix, e.g. "1" in "Mål 1."
    heading: str  # the heading text as written
    items: tuple[Item, ...]
    pos: Pos

    # Rules and walks ask again and again; a section never changes, so each is made once.
    @_once
    def sections(self) -> tuple["Section", ...]:
        return tuple(i for i in self.items if isinstance(i, Section))

    @_once
    def blocks(self) -> tuple[Block, ...]:
        return tuple(i for i in self.items if not isinstance(i, (Section, Prose)))

    def walk(self):
        """This section and all below it, depth first, in source order."""
        yield self
        for s in self.sections:
            yield from s.walk()


@dataclass(frozen=True)
class Plan:
    path: str
    meta: Meta
    preamble: tuple[Item, ...]  # prose/blocks before the first heading
    chapters: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]
    footnote_refs: tuple[FootnoteRef, ...]
    source_sha256: str
    # (character, Pos) of each character the PDF's own fonts cannot show, first place only (VP422)
    odd_chars: tuple = ()

    def sections(self):
        return iter(self._sections)

    def blocks(self):
        return iter(self._blocks)

    # Rules walk the tree many times; the walks are computed once per plan.
    @_once
    def _sections(self) -> tuple[Section, ...]:
        return tuple(s for c in self.chapters for s in c.walk())

    @_once
    def _blocks(self) -> tuple[Block, ...]:
        head = tuple(b for b in self.preamble if not isinstance(b, (Section, Prose)))
        return head + tuple(b for s in self._sections for b in s.blocks)

    @_once
    def prose_runs(self) -> tuple[tuple[str, Pos], ...]:
        """(markdown, pos) of every prose run and footnote body, in document order; several
        rules read them all."""
        out: list = []
        _prose_of(self.preamble, out)
        _prose_of(self.chapters, out)
        out.extend((f.markdown, f.pos) for f in self.footnotes)
        return tuple(out)

    def indicators(self):
        for b in self.blocks():
            if isinstance(b, IndicatorBlock):
                yield from b.indikatorer

    def assignments(self):
        for b in self.blocks():
            if isinstance(b, AssignmentBlock):
                yield from b.uppdrag

    def intentions(self):
        for b in self.blocks():
            if isinstance(b, IntentionBlock):
                yield from b.avsikter

    def tables(self):
        return (b for b in self.blocks() if isinstance(b, Table))

    def appendices(self):
        for b in self.blocks():
            if isinstance(b, AppendixBlock):
                yield from b.bilagor

    def risks(self):
        for b in self.blocks():
            if isinstance(b, RiskBlock):
                yield from b.risker
