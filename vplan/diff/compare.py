"""Two Plans -> the list of changes by meaning, in document order.

Sections are matched top-down (same heading under the same parent, then a
similar heading = a rename), then across the plan (same heading under another
parent = a move). Blocks' items are matched across the whole plan in
blocks.py and tables.py.
"""
from __future__ import annotations

from vplan.diff import blocks, tables
from vplan.diff.changes import Change
from vplan.diff.match import moved, pair, similarity
from vplan.diff.words import paragraphs, short, word_diff
from vplan.model import Plan, Prose, Section

META = "Uppgifter om planen"
FOOTNOTES = "Fotnoter"
DECISION_FIELDS = ("beslutande organ", "beslutsdatum", "paragraf")
KIND_WORD = {"kapitel": "Kapitel", "målområde": "Målområde", "mål": "Mål", "delmål": "Delmål", "avsnitt": "Avsnitt"}


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    out: list[Change] = []
    meta(old, new, out)
    section_pairs = sections(old, new, out)
    prose_changes(old, new, section_pairs, out)
    old_placed, new_placed = placed(old), placed(new)
    blocks.indicators(old_placed, new_placed, out)
    blocks.assignments(old_placed, new_placed, out)
    blocks.intentions(old_placed, new_placed, out)
    tables.tables(old_placed, new_placed, out)
    blocks.risks(old_placed, new_placed, out)
    blocks.appendices(old_placed, new_placed, out)
    blocks.block_headings(old_placed, new_placed, out)
    footnotes(old, new, out)
    return _in_document_order(out, old, new)


def _in_document_order(changes: list[Change], old: Plan, new: Plan) -> list[Change]:
    """Group changes by place: metadata first, then sections as they stand, footnotes last."""
    rank: dict = {(META,): -2, (): -1}
    for plan in (new, old):
        for path in _section_paths(plan):
            rank.setdefault(path, len(rank))
    rank.setdefault((FOOTNOTES,), len(rank) + 1)
    return sorted(changes, key=lambda c: rank.get(c.where, len(rank)))


def _section_paths(plan: Plan):
    def walk(sec: Section, path):
        here = path + (sec.heading,)
        yield here
        for s in sec.sections:
            yield from walk(s, here)

    for chapter in plan.chapters:
        yield from walk(chapter, ())


def placed(plan: Plan) -> list[tuple[tuple[str, ...], object]]:
    """Every block with the headings above it."""
    out = [((), b) for b in plan.preamble if not isinstance(b, (Section, Prose))]

    def walk(sec: Section, path: tuple[str, ...]):
        here = path + (sec.heading,)
        for item in sec.items:
            if isinstance(item, Section):
                walk(item, here)
            elif not isinstance(item, Prose):
                out.append((here, item))

    for chapter in plan.chapters:
        walk(chapter, ())
    return out


# --- metadata -------------------------------------------------------------

def _meta_fields(plan: Plan):
    m, b = plan.meta, plan.meta.beslut
    return (
        ("region", m.region), ("nämnd", m.namnd), ("förvaltning", m.forvaltning),
        ("dokumenttyp", m.dokumenttyp), ("titel", m.titel), ("planperiod", f"{m.fran}–{m.till}"),
        ("budgetår", str(m.budgetar)), ("målår", ", ".join(map(str, m.malar))),
        ("diarienummer", m.diarienummer), ("datum", m.datum), ("status", m.status),
        ("beslutande organ", b.organ if b else None), ("beslutsdatum", b.datum if b else None),
        ("paragraf", b.paragraf if b else None),
        ("upprättad av", m.upprattad_av.line if m.upprattad_av else None),
        ("mall", m.mall), ("profil", m.profil), ("språk", m.sprak),
    )


def _decision(plan: Plan) -> str | None:
    b = plan.meta.beslut
    return ", ".join(str(x) for x in (b.organ, b.datum, b.paragraf) if x) if b else None


def meta(old: Plan, new: Plan, out: list[Change]) -> None:
    whole = (old.meta.beslut is None) != (new.meta.beslut is None)  # a decision added or removed
    for (label, a), (_, b) in zip(_meta_fields(old), _meta_fields(new)):
        a, b = (None if v is None else str(v) for v in (a, b))
        if a == b or whole and label in DECISION_FIELDS:
            continue
        if a is None:
            text = f"{label}: {b} (ny uppgift)."
        elif b is None:
            text = f"{label}: {a} (borttagen)."
        else:
            text = f"{label}: {a} → {b}."
        out.append(Change("meta.changed", (META,), text, subject={"fält": label}, old=a, new=b))
    if whole:
        a, b = _decision(old), _decision(new)
        text = f"beslut: {b} (nytt beslut)" if b else f"beslut: {a} (borttaget)"
        out.append(Change("meta.changed", (META,), text, subject={"fält": "beslut"}, old=a, new=b))


# --- sections -------------------------------------------------------------

def _label(sec: Section) -> str:
    return f"{KIND_WORD.get(sec.kind, 'Avsnitt')} ”{sec.title}”"


def sections(old: Plan, new: Plan, out: list[Change]) -> list[tuple[Section | None, Section, tuple]]:
    """Report added, removed, renamed and moved sections; return matched (old, new, path) triples."""
    matched: list[tuple[Section, Section, tuple]] = []
    lost: list[tuple[Section, tuple]] = []
    fresh: list[tuple[Section, tuple]] = []
    _match_level(list(old.chapters), list(new.chapters), (), (), matched, lost, fresh, out)
    # Same heading under another parent: a move.
    by_heading: dict = {}
    for sec, path in lost:
        by_heading.setdefault((sec.kind, sec.title), []).append((sec, path))
    still_fresh = []
    for sec, path in fresh:
        cands = by_heading.get((sec.kind, sec.title))
        if cands:
            osec, opath = cands.pop(0)
            where = " › ".join(opath) or "översta nivån"
            out.append(Change("section.moved", path, f"{_label(sec)} flyttat från {where}.",
                              subject={"rubrik": sec.heading}, old=list(opath), new=list(path)))
            _match_level(list(osec.sections), list(sec.sections), opath + (osec.heading,),
                         path + (sec.heading,), matched, lost, fresh, out)
            matched.append((osec, sec, path + (sec.heading,)))
        else:
            still_fresh.append((sec, path))
    for sec, path in still_fresh:
        out.append(Change("section.added", path, f"{_label(sec)} tillagt.", subject={"rubrik": sec.heading}))
    for cands in by_heading.values():
        for sec, path in cands:
            out.append(Change("section.removed", path, f"{_label(sec)} borttaget.", subject={"rubrik": sec.heading}))
    return matched


def _match_level(old, new, opath, npath, matched, lost, fresh, out) -> None:
    pairs = pair(old, new, key=lambda s: (s.kind, s.title), text=_section_text)
    order_moved = moved(pairs)
    for oi, nj in pairs:
        if oi is None:
            fresh.append((new[nj], npath))
            continue
        if nj is None:
            lost.append((old[oi], opath))
            continue
        o, n = old[oi], new[nj]
        if o.heading != n.heading:
            out.append(Change("section.renamed", npath, f"{_label(o)} heter nu ”{n.title}”.",
                              subject={"rubrik": n.heading}, old=o.heading, new=n.heading))
        if nj in order_moved:
            out.append(Change("section.moved", npath, f"{_label(n)} har fått en ny plats i ordningen.",
                              subject={"rubrik": n.heading}))
        matched.append((o, n, npath + (n.heading,)))
        _match_level(list(o.sections), list(n.sections), opath + (o.heading,), npath + (n.heading,),
                     matched, lost, fresh, out)


def _section_text(sec: Section) -> str:
    """Title and opening text: a section renamed but otherwise kept still matches."""
    body = " ".join(p for p in _paras(sec.items))[:1500]
    return f"{sec.title} {body}"


# --- prose ------------------------------------------------------------------

def _paras(items) -> list[str]:
    return [p for item in items if isinstance(item, Prose) for p in paragraphs(item.markdown)]


def prose_changes(old: Plan, new: Plan, section_pairs, out: list[Change]) -> None:
    _prose(_paras(old.preamble), _paras(new.preamble), (), out)
    for o, n, path in section_pairs:
        _prose(_paras(o.items), _paras(n.items), path, out)


def _prose(old: list[str], new: list[str], where, out: list[Change]) -> None:
    if old == new:
        return
    import difflib

    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        while olds and news:
            if similarity(olds[0], news[0]) >= 0.5 or len(olds) == len(news) == 1 and _shared(olds[0], news[0]):
                words = word_diff(olds.pop(0), news.pop(0))
                out.append(Change("prose.changed", where, "Stycke ändrat:",
                                  words=words))
            else:
                break
        for p in olds:
            out.append(Change("prose.removed", where, f"Stycke borttaget: ”{short(p)}”", old=p))
        for p in news:
            out.append(Change("prose.added", where, f"Stycke tillagt: ”{short(p)}”", new=p))


def _shared(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) >= 0.5 * min(len(wa), len(wb))


# --- footnotes ----------------------------------------------------------------

def footnotes(old: Plan, new: Plan, out: list[Change]) -> None:
    pairs = pair(old.footnotes, new.footnotes, key=lambda f: f.id, text=lambda f: f.markdown)
    for oi, nj in pairs:
        if oi is None:
            f = new.footnotes[nj]
            out.append(Change("footnote.added", (FOOTNOTES,), f"Fotnot [^{f.id}] tillagd: ”{short(f.markdown)}”",
                              subject={"fotnot": f.id}, new=f.markdown))
        elif nj is None:
            f = old.footnotes[oi]
            out.append(Change("footnote.removed", (FOOTNOTES,), f"Fotnot [^{f.id}] borttagen.",
                              subject={"fotnot": f.id}, old=f.markdown))
        else:
            a, b = old.footnotes[oi], new.footnotes[nj]
            if " ".join(a.markdown.split()) != " ".join(b.markdown.split()):
                words = word_diff(a.markdown, b.markdown)
                out.append(Change("footnote.changed", (FOOTNOTES,), f"Fotnot [^{b.id}] ändrad:",
                                  subject={"fotnot": b.id}, old=a.markdown, new=b.markdown, words=words))
