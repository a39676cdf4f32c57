"""The follow-up model: frozen data the follow-up reader builds, beside the plan it follows.

A follow-up's body (chapters, prose, tables, footnotes) is held as a `Plan`
(`Followup.document`), so tables, footnotes and prose are read, checked and
rendered by the plan's own machinery; the three follow-up blocks are below.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from vplan.model import Plan, Pos, Signature, YearValue
from vplan.model.plan import _Located

PARTS = {"T1": "tertial 1", "T2": "tertial 2", "T3": "tertial 3", "delår": "delår", "helår": "helår"}
ASSESSMENTS = ("uppfyllt", "delvis", "ej uppfyllt")
STATUSES = ("ej påbörjat", "pågår", "klart", "avbrutet")


@dataclass(frozen=True)
class Period:
    """The period followed up: a tertial, the interim report (delår) or the whole year."""

    year: int
    part: str  # one of PARTS

    @classmethod
    def parse(cls, raw) -> "Period":
        text = str(raw)
        year, _, part = text.partition("-")
        return cls(int(year), part or "helår")

    @property
    def label(self) -> str:
        """"tertial 2 2025", "delåret 2025", "helåret 2025": for sentences."""
        return {"delår": f"delåret {self.year}", "helår": f"helåret {self.year}"}.get(
            self.part, f"{PARTS[self.part]} {self.year}")

    def __str__(self) -> str:
        return str(self.year) if self.part == "helår" else f"{self.year}-{self.part}"


@dataclass(frozen=True)
class FollowupMeta(_Located):
    plan: str  # the plan's path as written, relative to the follow-up
    period: Period
    dokumenttyp: str  # delårsrapport | tertialrapport | årsrapport
    titel: str
    status: str
    datum: str | None
    diarienummer: str | None
    kolada_kommun: str | None
    mall: str | None  # None: the plan's
    upprattad_av: Signature | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ValueSource:
    """Where one outcome came from: a Kolada KPI and the day it was fetched, or words."""

    kolada: str | None
    hamtad: str | None
    text: str | None

    def words(self) -> str:
        """"Kolada N00945, hämtad 2026-12-03", the words the user wrote, or both: the report
        and the export show the same."""
        parts = [p for p in (self.text, f"Kolada {self.kolada}" if self.kolada else None) if p]
        if self.hamtad:
            parts.append(f"hämtad {self.hamtad}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Outcome(_Located):
    id: str  # the plan's indicator id
    values: tuple[YearValue, ...]  # Number, or Text for a qualitative indicator
    organisation: str | None
    sources: Mapping[int, ValueSource]
    kommentar: str | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class OutcomeBlock:
    rubrik: str | None
    utfall: tuple[Outcome, ...]
    pos: Pos
    kind = "utfall"


@dataclass(frozen=True)
class Assessment(_Located):
    mal: str  # a goal or goal-area id (vplan.followup.goals)
    bedomning: str  # one of ASSESSMENTS
    text: str
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class AssessmentBlock:
    rubrik: str | None
    bedomningar: tuple[Assessment, ...]
    pos: Pos
    kind = "bedömning"


@dataclass(frozen=True)
class AssignmentStatus(_Located):
    id: str  # the plan's assignment id
    status: str  # one of STATUSES
    kommentar: str | None
    pos: Pos
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class StatusBlock:
    rubrik: str | None
    uppdrag: tuple[AssignmentStatus, ...]
    pos: Pos
    kind = "uppdragsstatus"


@dataclass(frozen=True)
class Followup:
    """One follow-up file: its front matter, its body as a document, and the plan it follows."""

    path: str
    meta: FollowupMeta
    document: Plan  # the body; its Meta is made from the plan's and the follow-up's
    plan: Plan | None  # None when the plan could not be found or read (a diagnostic says why)
    plan_path: str | None  # the plan as a path the user can open

    def outcomes(self):
        for b in self.document.blocks():
            if isinstance(b, OutcomeBlock):
                yield from b.utfall

    def assessments(self):
        for b in self.document.blocks():
            if isinstance(b, AssessmentBlock):
                yield from b.bedomningar

    def statuses(self):
        for b in self.document.blocks():
            if isinstance(b, StatusBlock):
                yield from b.uppdrag
