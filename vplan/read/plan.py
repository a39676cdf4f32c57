"""Source text -> Plan: front matter, headings, prose, blocks, footnotes."""
from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Callable, Mapping

from vplan.model import (
    BadBlock, Decision, Diagnostic, Footnote, FootnoteRef, Meta, Plan, Pos, Prose,
    Section, Severity, Signature,
)
from vplan.read import blocks as block_builders
from vplan.read import limits
from vplan.read.markdown import Fenced, FootnoteDef, Heading, ProseRun, footnote_refs, scan
from vplan.read.schemas import BLOCK_TYPES, validate
from vplan.read.source import Source
from vplan.read.yamlload import Located, YamlProblem, load_yaml

GOAL_PREFIX = re.compile(r"^(?P<kind>Målområde|Mål|Delmål)(?:\s+(?P<num>\d+))?\s*[:.]\s+(?P<title>.+)$")
KINDS = {"Målområde": "målområde", "Mål": "mål", "Delmål": "delmål"}
# A plan's block kinds: info string -> (schema name, builder of the model object).
PLAN_KINDS: Mapping[str, tuple[str, Callable]] = MappingProxyType(
    {kind: (kind, block_builders.BUILDERS[kind]) for kind in BLOCK_TYPES})


def _problem_diag(problem: YamlProblem, file: str, line_offset: int) -> Diagnostic:
    return Diagnostic(problem.code, Severity.ERROR, problem.message,
                      Pos(file, line_offset + problem.line, problem.column + 1), problem.hint)


def split_front_matter(src: Source) -> tuple[str | None, int, list[Diagnostic]]:
    """The YAML text and the index of the body's first line, or a diagnostic."""
    text = src.text
    end = text.find("\n")  # line by line from the top: the body may be long, the front matter is not
    if text[:end if end >= 0 else len(text)].rstrip() != "---":
        return None, 0, [Diagnostic(
            "VP002", Severity.ERROR, "Planen saknar uppgifter (front matter) överst.",
            Pos(src.path, 1, 1), "Börja filen med en rad ---, planens uppgifter och en rad --- till.")]
    i, start = 0, end + 1
    while end >= 0:
        i, at = i + 1, end + 1
        end = text.find("\n", at)
        if text[at:end if end >= 0 else len(text)].rstrip() in ("---", "..."):
            return text[start:at - 1], i + 1, []
    return None, 0, [Diagnostic(
        "VP002", Severity.ERROR, "Planens uppgifter (front matter) avslutas aldrig.",
        Pos(src.path, 1, 1), "Lägg till en rad med --- efter uppgifterna, före planens första rubrik.")]


def read(src: Source, schema_dir: str | None = None) -> tuple[Plan | None, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    fm_text, body_start, problems = split_front_matter(src)
    if problems:
        return None, problems
    too_long = limits.front_matter(fm_text, src.path)
    if too_long:
        return None, [too_long]
    try:
        fm = load_yaml(fm_text, src.path, 2)
    except YamlProblem as p:
        return None, [_problem_diag(p, src.path, 2)]
    if not isinstance(fm.data, dict):
        return None, [Diagnostic("VP002", Severity.ERROR, "Planens uppgifter ska vara nycklar med värden.",
                                 Pos(src.path, 2, 1), "Skriv till exempel region: Region Västernorrland.")]
    meta_diags = validate("framsida", fm, schema_dir)
    diags += meta_diags
    meta = _meta(fm, src.path) if not meta_diags else None

    found = read_body(src, body_start, schema_dir)
    diags += found.diagnostics
    if found.aborted or meta is None:
        return None, diags
    plan = Plan(src.path, meta, found.preamble, found.chapters, found.footnotes, found.refs, src.sha256,
                odd_chars=found.odd_chars)
    return plan, diags


@dataclass(frozen=True)
class Body:
    """What the Markdown after the front matter holds: the section tree, blocks and footnotes."""

    preamble: tuple
    chapters: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]
    refs: tuple[FootnoteRef, ...]
    diagnostics: tuple[Diagnostic, ...]
    aborted: bool = False  # too many headings: nothing after the front matter can be used
    odd_chars: tuple = ()  # (character, Pos): what the PDF's own fonts cannot show (vplan.glyphs)


def read_body(src: Source, body_start: int, schema_dir: str | None = None,
              kinds: Mapping[str, tuple[str, Callable]] | None = None) -> Body:
    """Headings, prose, blocks and footnotes after the front matter. `kinds` maps a block's
    info string to (schema name, builder); a follow-up adds its own kinds to the plan's."""
    kinds = kinds or PLAN_KINDS
    diags: list[Diagnostic] = []
    body = _from_line(src.text, body_start)
    events = scan(body, body_start + 1)
    preamble, chapters, footnotes, refs = [], [], [], []
    stack: list[tuple[Heading, list, str, str | None, str]] = []
    budget = limits.Budget()  # what the blocks so far have used of the plan's limits

    def close_to(level: int):
        while stack and stack[-1][0].level >= level:
            h, items, kind, num, title = stack.pop()
            sec = Section(h.level, title, kind, num, h.text, tuple(items), Pos(src.path, h.line, 1))
            (stack[-1][1] if stack else chapters).append(sec)

    def note_refs(text: str, line: int):
        room = limits.MAX_FOOTNOTE_REFS + 1 - len(refs)  # one more than allowed, to notice the excess
        if room > 0 and "[^" in text:
            refs.extend(FootnoteRef(i, Pos(src.path, ln, col))
                        for i, ln, col in itertools.islice(footnote_refs(text, line), room))

    def add(item):
        (stack[-1][1] if stack else preamble).append(item)

    headings = 0
    for ev in events:
        if isinstance(ev, Heading):
            headings += 1
            if headings > limits.MAX_HEADINGS:  # the rules look at every heading: stop here, cheaply
                return Body((), (), (), (), tuple(diags + [limits.too_many_headings(Pos(src.path, ev.line, 1))]),
                            aborted=True)
            close_to(ev.level)
            kind, num, title = "kapitel" if ev.level == 1 else "avsnitt", None, ev.text
            m = GOAL_PREFIX.match(ev.text)
            if m and ev.level > 1:
                kind, num, title = KINDS[m.group("kind")], m.group("num"), m.group("title").strip()
            note_refs(ev.text, ev.line)
            stack.append((ev, [], kind, num, title))
        elif isinstance(ev, ProseRun):
            add(Prose(ev.text, Pos(src.path, ev.line, 1)))
            if marked := limits.prose(ev.text, budget, Pos(src.path, ev.line, 1)):
                diags.append(marked)
            note_refs(ev.text, ev.line)
        elif isinstance(ev, FootnoteDef):
            footnotes.append(Footnote(ev.id, ev.text, Pos(src.path, ev.line, 1)))
            if marked := limits.prose(ev.text, budget, Pos(src.path, ev.line, 1)):
                diags.append(marked)
            note_refs(ev.text, ev.line)
        elif isinstance(ev, Fenced):
            item, bdiags, brefs = _block(ev, src.path, schema_dir, budget, kinds)
            diags += bdiags
            refs += brefs
            if item is not None:
                add(item)
    close_to(1)
    if len(refs) > limits.MAX_FOOTNOTE_REFS:
        diags.append(limits.too_many_refs(refs[limits.MAX_FOOTNOTE_REFS].pos))
        refs = refs[:limits.MAX_FOOTNOTE_REFS]

    return Body(tuple(preamble), tuple(chapters), tuple(footnotes), tuple(refs), tuple(diags),
                odd_chars=_odd_chars(src, diags))


def _odd_chars(src: Source, diags: list[Diagnostic]) -> tuple:
    """The whole file, front matter too: its title and names reach the PDF as well. A control
    character the YAML reader has already reported (VP001) is not reported twice."""
    from vplan.glyphs import odd_chars

    reported = {d.pos for d in diags if d.code == "VP001"}
    found = ((ch, Pos(src.path, line, col)) for ch, line, col in odd_chars(src.text))
    return tuple((ch, pos) for ch, pos in found if pos not in reported)


def _from_line(text: str, n: int) -> str:
    """The text from its line n (0-based) on: "\n".join(text.split("\n")[n:]) without splitting it all."""
    at = 0
    for _ in range(n):
        at = text.find("\n", at) + 1
        if not at:
            return ""
    return text[at:]


def _block(ev: Fenced, file: str, schema_dir, budget: limits.Budget | None = None, kinds=None):
    kinds = kinds or PLAN_KINDS
    kind = ev.info.split()[0].lower() if ev.info else ""
    pos = Pos(file, ev.line, 1)
    if kind not in kinds:
        close = difflib.get_close_matches(kind, list(kinds), n=1, cutoff=0.7) if kind else []
        if close:
            return None, [Diagnostic("VP013", Severity.ERROR, f"Okänd blocktyp ”{kind}”.", pos,
                                     f"Menade du ”{close[0]}”?")], []
        return Prose(f"{'```'}{ev.info}\n{ev.body}\n{'```'}", pos), [], []
    # A block that cannot be read still uses its footnotes: no follow-on "unused" (VP404).
    raw_refs = ([FootnoteRef(i, Pos(file, ln, col)) for i, ln, col in  # at most what a plan may hold
                 itertools.islice(footnote_refs(ev.body, ev.body_line), limits.MAX_FOOTNOTE_REFS + 1)]
                if "[^" in ev.body else [])
    if not ev.closed:
        return BadBlock(kind, pos), [Diagnostic(
            "VP013", Severity.ERROR, f"Blocket ”{kind}” avslutas aldrig.", pos,
            "Avsluta blocket med en rad med tre bakåtfnuttar (```).")], raw_refs
    budget = budget or limits.Budget()
    too_long = limits.block_size(kind, ev.body, budget, pos)
    if too_long:
        return BadBlock(kind, pos), [too_long], raw_refs
    try:
        loc = load_yaml(ev.body, file, ev.body_line)
    except YamlProblem as p:
        return BadBlock(kind, pos), [_problem_diag(p, file, ev.body_line)], raw_refs
    if not isinstance(loc.data, dict):
        return BadBlock(kind, pos), [Diagnostic(
            "VP011", Severity.ERROR, f"Blocket ”{kind}” ska innehålla nycklar med värden.", pos,
            f"Se exemplet för {kind} i docs/format.md.")], raw_refs
    too_many = limits.block_items(kind, loc.data, budget, pos)
    if too_many:
        return BadBlock(kind, pos), [too_many], raw_refs
    refs = list(_string_refs(loc)) if "[^" in ev.body else []
    schema, builder = kinds[kind]
    diags = validate(schema, loc, schema_dir)
    if diags:
        return BadBlock(kind, pos), diags, refs
    return builder(loc), [], refs


def _string_refs(loc: Located):
    return _refs_in(loc, loc.data, ())


def _refs_in(loc: Located, value, path: tuple):
    # recursive as a module function: a closure calling itself would be a reference cycle that
    # keeps the block's data and positions alive until the next garbage collection
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _refs_in(loc, v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _refs_in(loc, v, path + (i,))
    elif isinstance(value, str) and "[^" in value:
        p = loc.pos(path)
        for fid, _ln, col in footnote_refs(value, p.line):
            yield FootnoteRef(fid, Pos(p.file, p.line, p.column + col - 1))


def _meta(fm: Located, file: str) -> Meta:
    d = fm.data
    beslut = None
    if d.get("beslut"):
        b = d["beslut"]
        beslut = Decision(b["organ"], str(b["datum"]), str(b["paragraf"]) if b.get("paragraf") is not None else None,
                          fm.pos(("beslut",)), {k: fm.pos(("beslut", k)) for k in b})
    fran, till = d["planperiod"]["från"], d["planperiod"]["till"]
    return Meta(
        region=d["region"], namnd=d["nämnd"], dokumenttyp=d["dokumenttyp"], titel=d["titel"],
        fran=fran, till=till, budgetar=d["budgetår"], diarienummer=d.get("diarienummer"),
        status=d["status"], beslut=beslut, mall=d.get("mall", "standard"),
        profil=d.get("profil", "standard"), sprak=d.get("språk", "sv"),
        malar=tuple(d.get("målår") or range(fran, till + 1)), datum=d.get("datum"),
        forvaltning=d.get("förvaltning"), pos=Pos(file, 1, 1),
        field_pos={**{k: fm.pos((k,), key=isinstance(v, (dict, list))) for k, v in d.items()},
                   **{f"planperiod.{k}": fm.pos(("planperiod", k)) for k in d["planperiod"]},
                   **{f"kontroller.{k}.{i}": fm.pos(("kontroller", k, i))
                      for k, codes in (d.get("kontroller") or {}).items() for i in range(len(codes))}},
        upprattad_av=_signature(fm),
        kontroller={k: tuple(v) for k, v in d["kontroller"].items()} if d.get("kontroller") else None)


def _signature(fm: Located) -> Signature | None:
    s = fm.data.get("upprättad_av")
    return Signature(s["namn"], s.get("titel"), fm.pos(("upprättad_av",), key=True)) if s else None


def valid_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False
