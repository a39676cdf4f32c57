"""Changes inside blocks: indicators, assignments, intentions, risks and appendices.

Items are matched across the whole plan (by id, else by name or text), so an
item that moved to another section is a move, not a removal plus an addition.
Tables live in tables.py.
"""
from __future__ import annotations

from vplan.diff.changes import Change
from vplan.diff.match import moved, pair
from vplan.diff.values import change, data, show
from vplan.diff.words import short, word_diff
from vplan.model import AppendixBlock, AssignmentBlock, IndicatorBlock, IntentionBlock, RiskBlock
from vplan.model.spans import indicator_cover

INDICATOR_FIELDS = (("namn", "namn"), ("typ", "typ"), ("sikt", "sikt"), ("beslutad_av", "beslutad av"),
                    ("enhet", "enhet"), ("kalla", "källa"), ("kolada", "Kolada-id"),
                    ("kluster", "kluster"), ("kommentar", "kommentar"))
ASSIGNMENT_FIELDS = (("status", "status"), ("senast", "senast"), ("beslutad_av", "beslutad av"),
                     ("periodicitet", "periodicitet"), ("riktas_till", "riktas till"))
SERIES = (("utfall", "outcome", "utfall"), ("mal", "target", "mål"))


def items(placed, block_type, attr):
    return [(where, item) for where, block in placed if isinstance(block, block_type)
            for item in getattr(block, attr)]


def _where_text(where) -> str:
    return " › ".join(where) if where else "början av planen"


def _moves(kind, label, old_items, new_items, pairs, out, moved_word="flyttad"):
    """A matched item in another section, or out of order, is reported as moved."""
    order_moved = moved(pairs)
    for oi, nj in pairs:
        if oi is None or nj is None:
            continue
        (ow, _), (nw, _) = old_items[oi], new_items[nj]
        if ow != nw:
            out.append(Change(f"{kind}.moved", nw, f"{label(new_items[nj][1])} {moved_word} från {_where_text(ow)}.",
                              subject=_subject(kind, new_items[nj][1]), old=list(ow), new=list(nw)))
        elif nj in order_moved:
            text = f"{label(new_items[nj][1])} har fått en ny plats i ordningen."
            out.append(Change(f"{kind}.moved", nw, text, subject=_subject(kind, new_items[nj][1])))


def _subject(kind, item) -> dict:
    if kind == "indicator":
        return {"indikator": item.id, "namn": item.namn}
    if kind == "assignment":
        return {"uppdrag": item.id, "text": short(item.text, 80)}
    if kind == "intention":
        return {"avsikt": item.id, "text": short(item.text, 80)}
    return {}


# --- indicators -------------------------------------------------------------

def _ind_label(ind) -> str:
    return f"Indikator ”{short(ind.namn, 90)}”"


def _covered(placed) -> dict:
    """id(indicator) -> {(series attr, year): the YearValue that spans it from an indicator above}."""
    out: dict = {}
    for _where, block in placed:
        if isinstance(block, IndicatorBlock):
            for (j, attr, year), (_i, yv) in indicator_cover(block).items():
                out.setdefault(id(block.indikatorer[j]), {})[(attr, year)] = yv
    return out


def indicators(old_placed, new_placed, out: list[Change]) -> None:
    old, new = items(old_placed, IndicatorBlock, "indikatorer"), items(new_placed, IndicatorBlock, "indikatorer")
    old_cov, new_cov = _covered(old_placed), _covered(new_placed)
    pairs = pair(old, new, key=lambda x: x[1].id, text=lambda x: x[1].namn)
    _moves("indicator", _ind_label, old, new, pairs, out)
    for oi, nj in pairs:
        if oi is None:
            w, ind = new[nj]
            out.append(Change("indicator.added", w, f"{_ind_label(ind)} tillagd{_targets(ind)}.",
                              subject=_subject("indicator", ind)))
        elif nj is None:
            w, ind = old[oi]
            out.append(Change("indicator.removed", w, f"{_ind_label(ind)} borttagen.",
                              subject=_subject("indicator", ind)))
        else:
            o, n = old[oi][1], new[nj][1]
            _indicator(o, new[nj], old_cov.get(id(o), {}), new_cov.get(id(n), {}), out)


def _additions(old, new, ind, what, kind, field, where, out) -> None:
    """A changed note, or a value now written once for several indicators (or no longer)."""
    (oy, o_own), (ny, n_own) = old, new
    if oy.note != ny.note:
        out.append(Change(f"{kind}.changed", where, f"{_ind_label(ind)}: {what}: not: {_plain(oy.note)} → "
                          f"{_plain(ny.note)}.", subject={**field, "fält": "not"}, old=oy.note, new=ny.note))
    if o_own and n_own and oy.rowspan != ny.rowspan:  # a value now written here kept its meaning
        out.append(Change("indicator.changed", where, f"{_ind_label(ind)}: {what} gäller nu {_rows(ny.rowspan)} "
                          f"(var {_rows(oy.rowspan)}).", subject={**field, "fält": "radspann"},
                          old=oy.rowspan, new=ny.rowspan))


def _rows(n: int) -> str:
    return "1 indikator" if n == 1 else f"{n} indikatorer"


def _targets(ind) -> str:
    if not ind.mal:
        return ""
    return " med mål " + ", ".join(f"{yv.year}: {show(yv.value, ind.enhet)}" for yv in ind.mal)


def _series(ind, attr, covered) -> dict:
    """year -> (YearValue, written here?): the indicator's own values and those spanning it."""
    own = {yv.year: (yv, True) for yv in getattr(ind, attr)}
    return {**{y: (yv, False) for (a, y), yv in covered.items() if a == attr}, **own}


def _indicator(o, placed_new, old_cov, new_cov, out) -> None:
    where, n = placed_new
    subject = _subject("indicator", n)
    for attr, label in INDICATOR_FIELDS:
        a, b = getattr(o, attr), getattr(n, attr)
        if a != b:
            out.append(Change("indicator.changed", where, f"{_ind_label(n)}: {label}: {show(a)} → {show(b)}.",
                              subject={**subject, "fält": label}, old=a, new=b))
    for attr, kind, label in SERIES:
        old_series, new_series = _series(o, attr, old_cov), _series(n, attr, new_cov)
        for year in sorted(set(old_series) | set(new_series)):
            oy, ny = old_series.get(year), new_series.get(year)
            field = {**subject, "serie": label, "år": year}
            if oy and ny:
                _additions(oy, ny, n, f"{label} {year}", kind, field, where, out)
            a, b = oy and oy[0].value, ny and ny[0].value
            if a == b:
                continue
            if a is None:
                text, k = f"{label} {year}: tillagt ({show(b, n.enhet)})", "added"
                delta = None
            elif b is None:
                text, k = f"{label} {year}: borttaget (var {show(a, o.enhet)})", "removed"
                delta = None
            else:
                what, delta = change(a, b, n.enhet)
                text, k = f"{label} {year}: {what}", "changed"
            out.append(Change(f"{kind}.{k}", where, f"{_ind_label(n)}: {text}.", subject=field,
                              old=data(a), new=data(b), delta=delta, unit=n.enhet))


# --- assignments --------------------------------------------------------------

def _asg_label(a) -> str:
    return f"Uppdrag ”{short(a.text, 60)}”"


def assignments(old_placed, new_placed, out: list[Change]) -> None:
    old, new = items(old_placed, AssignmentBlock, "uppdrag"), items(new_placed, AssignmentBlock, "uppdrag")
    pairs = pair(old, new, key=lambda x: x[1].id, text=lambda x: " ".join(x[1].text.split()))
    _moves("assignment", _asg_label, old, new, pairs, out, "flyttat")
    for oi, nj in pairs:
        if oi is None:
            w, a = new[nj]
            when = f" (senast {a.senast})" if a.senast is not None else ""
            out.append(Change("assignment.added", w, f"Uppdrag tillagt: ”{short(a.text, 100)}”{when}.",
                              subject=_subject("assignment", a), new=a.text))
        elif nj is None:
            w, a = old[oi]
            out.append(Change("assignment.removed", w, f"Uppdrag borttaget: ”{short(a.text, 100)}”.",
                              subject=_subject("assignment", a), old=a.text))
        else:
            _assignment(old[oi][1], new[nj], out)


def _assignment(o, placed_new, out) -> None:
    where, n = placed_new
    subject = _subject("assignment", n)
    if " ".join(o.text.split()) != " ".join(n.text.split()):
        words = word_diff(o.text, n.text)
        out.append(Change("assignment.changed", where, f"{_asg_label(n)}: texten ändrad:",
                          subject={**subject, "fält": "text"}, old=o.text, new=n.text, words=words))
    for attr, label in ASSIGNMENT_FIELDS:
        a, b = getattr(o, attr), getattr(n, attr)
        if a != b:
            out.append(Change("assignment.changed", where, f"{_asg_label(n)}: {label}: {_plain(a)} → {_plain(b)}.",
                              subject={**subject, "fält": label}, old=a, new=b))


def _plain(v) -> str:
    return "(inget)" if v is None else str(v)


# --- intentions ------------------------------------------------------------------

def _int_label(a) -> str:
    return f"Avsikt ”{short(a.text, 60)}”"


def intentions(old_placed, new_placed, out: list[Change]) -> None:
    old, new = items(old_placed, IntentionBlock, "avsikter"), items(new_placed, IntentionBlock, "avsikter")
    pairs = pair(old, new, key=lambda x: x[1].id, text=lambda x: " ".join(x[1].text.split()))
    _moves("intention", _int_label, old, new, pairs, out)
    for oi, nj in pairs:
        if oi is None:
            w, a = new[nj]
            out.append(Change("intention.added", w, f"Avsikt tillagd: ”{short(a.text, 100)}”.",
                              subject=_subject("intention", a), new=a.text))
        elif nj is None:
            w, a = old[oi]
            out.append(Change("intention.removed", w, f"Avsikt borttagen: ”{short(a.text, 100)}”.",
                              subject=_subject("intention", a), old=a.text))
        else:
            (_, o), (w, n) = old[oi], new[nj]
            if " ".join(o.text.split()) != " ".join(n.text.split()):
                out.append(Change("intention.changed", w, f"{_int_label(n)}: texten ändrad:",
                                  subject={**_subject("intention", n), "fält": "text"}, old=o.text, new=n.text,
                                  words=word_diff(o.text, n.text)))
            if o.id != n.id:
                out.append(Change("intention.changed", w, f"{_int_label(n)}: id: {_plain(o.id)} → {_plain(n.id)}.",
                                  subject={**_subject("intention", n), "fält": "id"}, old=o.id, new=n.id))


# --- risks and appendices -------------------------------------------------------

def risks(old_placed, new_placed, out: list[Change]) -> None:
    old, new = items(old_placed, RiskBlock, "risker"), items(new_placed, RiskBlock, "risker")
    for oi, nj in pair(old, new, key=lambda x: None, text=lambda x: _risk_name(x[1])):
        if oi is None:
            w, r = new[nj]
            out.append(Change("risk.added", w, f"Risk tillagd: ”{_risk_name(r)}”.", subject={"titel": r.titel}))
        elif nj is None:
            w, r = old[oi]
            out.append(Change("risk.removed", w, f"Risk borttagen: ”{_risk_name(r)}”.", subject={"titel": r.titel}))
        else:
            (_, o), (w, n) = old[oi], new[nj]
            if o.titel != n.titel:
                text = (f"Risk ”{o.titel}” heter nu ”{n.titel}”." if o.titel and n.titel else
                        f"Risk ”{_risk_name(n)}”: titel: {_plain(o.titel)} → {_plain(n.titel)}.")
                out.append(Change("risk.changed", w, text,
                                  subject={"titel": n.titel, "fält": "titel"}, old=o.titel, new=n.titel))
            if " ".join((o.beskrivning or "").split()) != " ".join((n.beskrivning or "").split()):
                words = word_diff(o.beskrivning or "", n.beskrivning or "")
                out.append(Change("risk.changed", w, f"Risk ”{_risk_name(n)}”: beskrivningen ändrad:",
                                  subject={"titel": n.titel, "fält": "beskrivning"}, old=o.beskrivning,
                                  new=n.beskrivning, words=words))


def _risk_name(r) -> str:
    """A risk's title, or the start of its description when it has no title."""
    return r.titel or short(r.beskrivning or "", 60)


APPENDIX_FIELDS = (("titel", "titel"), ("beskrivning", "beskrivning"), ("innehall", "innehåll"),
                   ("separat", "separat dokument"), ("i_beslutsunderlaget", "i beslutsunderlaget"))


def appendices(old_placed, new_placed, out: list[Change]) -> None:
    old, new = items(old_placed, AppendixBlock, "bilagor"), items(new_placed, AppendixBlock, "bilagor")
    for oi, nj in pair(old, new, key=lambda x: x[1].nummer, text=lambda x: x[1].titel):
        if oi is None:
            w, a = new[nj]
            out.append(Change("appendix.added", w, f"Bilaga {a.nummer} tillagd: ”{a.titel}”.",
                              subject={"nummer": a.nummer, "titel": a.titel}))
        elif nj is None:
            w, a = old[oi]
            out.append(Change("appendix.removed", w, f"Bilaga {a.nummer} borttagen: ”{a.titel}”.",
                              subject={"nummer": a.nummer, "titel": a.titel}))
        else:
            (_, o), (w, n) = old[oi], new[nj]
            if o.nummer != n.nummer:
                out.append(Change("appendix.changed", w, f"Bilaga ”{n.titel}” har nu nummer {n.nummer} (var {o.nummer}).",
                                  subject={"nummer": n.nummer, "fält": "nummer"}, old=o.nummer, new=n.nummer))
            for attr, label in APPENDIX_FIELDS:
                a, b = getattr(o, attr), getattr(n, attr)
                if a != b:
                    out.append(Change("appendix.changed", w, f"Bilaga {n.nummer}: {label}: {show(a)} → {show(b)}.",
                                      subject={"nummer": n.nummer, "fält": label}, old=data(a), new=data(b)))


def block_headings(old_placed, new_placed, out: list[Change]) -> None:
    """Headings and lead-ins of blocks that stand at the same place in both versions."""
    def keyed(placed):
        seen: dict = {}
        result = {}
        for where, block in placed:
            kind = getattr(block, "kind", "")
            n = seen[(where, kind)] = seen.get((where, kind), 0) + 1
            result[(where, kind, n)] = block
        return result

    old, new = keyed(old_placed), keyed(new_placed)
    for key, nb in new.items():
        ob = old.get(key)
        if ob is None or key[1] == "tabell":
            continue
        for attr, label in (("rubrik", "rubrik"), ("inledning", "inledning")):
            a, b = getattr(ob, attr, None), getattr(nb, attr, None)
            if a != b:
                out.append(Change("block.changed", key[0], f"Blocket {key[1]}: {label}: {_plain(a)} → {_plain(b)}.",
                                  subject={"block": key[1], "fält": label}, old=a, new=b))
