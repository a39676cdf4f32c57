"""Follow-up source text -> front matter and body, with the plan reader's machinery.

Only this module (and vplan.read) looks at a follow-up's text. The body is
read by vplan.read.plan.read_body with the follow-up's three block kinds added
to the plan's, so tables, prose and footnotes behave exactly as in a plan.
"""
from __future__ import annotations

from types import MappingProxyType

from vplan.followup.model import (
    Assessment, AssessmentBlock, AssignmentStatus, FollowupMeta, Outcome, OutcomeBlock, Period, StatusBlock,
    ValueSource,
)
from vplan.model import Diagnostic, Pos, Severity, Signature
from vplan.read import limits
from vplan.read.blocks import _fields, _years
from vplan.read.plan import PLAN_KINDS, Body, _problem_diag, read_body, split_front_matter
from vplan.read.schemas import validate
from vplan.read.source import read_source
from vplan.read.yamlload import Located, YamlProblem, load_yaml

FOLDER = "uppfoljning"


def looks_like_followup(parts: tuple[str, ...], data: bytes) -> bool:
    """A file in uppfoljning/, or one whose front matter names a plan and a period."""
    if FOLDER in parts[:-1]:
        return True
    head = data[:8192].decode("utf-8", "replace").replace("\r\n", "\n")
    if not head.startswith("---\n"):
        return False
    end = head.find("\n---", 3)
    front = head[4:end if end > 0 else None]
    return _starts_a_line(front, "plan:") and _starts_a_line(front, "period:")


def _starts_a_line(text: str, key: str) -> bool:
    """Does a line of the text start with key? Substring scans: cheap enough to ask of every file."""
    return text.startswith(key) or f"\n{key}" in text


def outcomes(loc: Located) -> OutcomeBlock:
    items = []
    for i, raw in enumerate(loc.data["utfall"]):
        p = ("utfall", i)
        sources = {int(y): ValueSource(s.get("kolada"), s.get("hämtad"), s.get("text"))
                   for y, s in (raw.get("källa") or {}).items()}
        items.append(Outcome(raw["id"], _years(loc, p + ("värden",), raw["värden"]), raw.get("organisation"),
                             MappingProxyType(sources), raw.get("kommentar"), loc.pos(p), _fields(loc, p, raw)))
    return OutcomeBlock(loc.data.get("rubrik"), tuple(items), loc.pos(()))


def assessments(loc: Located) -> AssessmentBlock:
    items = tuple(Assessment(raw["mål"], raw["bedömning"], raw["text"], loc.pos(("bedömningar", i)),
                             _fields(loc, ("bedömningar", i), raw))
                  for i, raw in enumerate(loc.data["bedömningar"]))
    return AssessmentBlock(loc.data.get("rubrik"), items, loc.pos(()))


def statuses(loc: Located) -> StatusBlock:
    items = tuple(AssignmentStatus(raw["id"], raw["status"], raw.get("kommentar"), loc.pos(("uppdrag", i)),
                                   _fields(loc, ("uppdrag", i), raw))
                  for i, raw in enumerate(loc.data["uppdrag"]))
    return StatusBlock(loc.data.get("rubrik"), items, loc.pos(()))


# A follow-up holds the plan's blocks (a table of the economy, say) and its own three.
KINDS = MappingProxyType({**PLAN_KINDS, "utfall": ("utfall", outcomes),
                          "bedömning": ("bedomning", assessments),
                          "uppdragsstatus": ("uppdragsstatus", statuses)})


def read_text(path: str, data: bytes, schema_dir: str | None = None) -> tuple[FollowupMeta | None, Body | None,
                                                                              list[Diagnostic]]:
    """(front matter, body, diagnostics); None for what could not be read."""
    src, diags = read_source(path, data)
    if src is None:
        return None, None, diags
    fm_text, body_start, problems = split_front_matter(src)
    if problems:
        return None, None, diags + problems
    too_long = limits.front_matter(fm_text, src.path)
    if too_long:
        return None, None, diags + [too_long]
    try:
        fm = load_yaml(fm_text, src.path, 2)
    except YamlProblem as p:
        return None, None, diags + [_problem_diag(p, src.path, 2)]
    if not isinstance(fm.data, dict):
        return None, None, diags + [Diagnostic(
            "VP002", Severity.ERROR, "Uppföljningens uppgifter ska vara nycklar med värden.", Pos(src.path, 2, 1),
            "Skriv till exempel plan: ../plans/region-2025.md och period: 2025-delår.")]
    meta_diags = validate("uppfoljning", fm, schema_dir)
    body = read_body(src, body_start, schema_dir, KINDS)
    diags += meta_diags + list(body.diagnostics)
    if meta_diags or body.aborted:
        return None, None, diags
    return _meta(fm, src.path), body, diags


def _meta(fm: Located, file: str) -> FollowupMeta:
    d = fm.data
    signed = d.get("upprättad_av")
    return FollowupMeta(
        plan=d["plan"], period=Period.parse(d["period"]), dokumenttyp=d["dokumenttyp"], titel=d["titel"],
        status=d["status"], datum=d.get("datum"), diarienummer=d.get("diarienummer"),
        kolada_kommun=d.get("kolada_kommun"), mall=d.get("mall"),
        upprattad_av=Signature(signed["namn"], signed.get("titel"), fm.pos(("upprättad_av",), key=True))
        if signed else None,
        pos=Pos(file, 1, 1),
        field_pos={k: fm.pos((k,), key=isinstance(v, (dict, list))) for k, v in d.items()})
