"""Two versions of a follow-up -> changes: outcomes, assessments and assignment status.

The follow-up's body (chapters, prose, tables) is compared by compare.diff_plans
like a plan's; this module adds what only a follow-up holds. Items are matched
by id (and organisation), so moving a block to another heading is no change.
"""
from __future__ import annotations

from vplan.diff.changes import Change
from vplan.diff.values import change, data, show

META = "Uppgifter om uppföljningen"


def read(path: str, data_: bytes, schema_dir):
    """(follow-up document and meta, errors) for one version; None when it cannot be read."""
    from vplan.followup.load import document_meta
    from vplan.followup.read import read_text
    from vplan.model import Plan, Severity

    meta, body, diags = read_text(path, data_, schema_dir)
    errors = [d for d in diags if d.severity is Severity.ERROR and not (d.code == "VP003" and "BOM" in d.message)]
    if meta is None or errors:
        return None, errors
    doc = Plan(path, document_meta(meta, None), body.preamble, body.chapters, body.footnotes, body.refs, "")
    return (doc, meta), []


def diff_followups(old, new) -> list[Change]:
    """old and new are (document, FollowupMeta) pairs from read()."""
    from vplan.diff.compare import _in_document_order, diff_plans

    (old_doc, old_meta), (new_doc, new_meta) = old, new
    out = _meta(old_meta, new_meta)
    out += [c for c in diff_plans(old_doc, new_doc) if c.where != ("Uppgifter om planen",)
            or c.subject.get("fält") not in ("planperiod", "budgetår", "målår", "region", "nämnd")]
    out += outcomes(old_doc, new_doc) + assessments(old_doc, new_doc) + statuses(old_doc, new_doc)
    return _in_document_order(out, old_doc, new_doc)


def _meta(a, b) -> list[Change]:
    out = []
    for label, x, y in (("plan", a.plan, b.plan), ("period", str(a.period), str(b.period))):
        if x != y:
            out.append(Change("meta.changed", (META,), f"{label}: {x} → {y}.", subject={"fält": label},
                              old=x, new=y))
    return out


def _items(doc, kind: str, attr: str) -> dict:
    """key -> (headings above the block, item), for one kind of follow-up block."""
    from vplan.diff.compare import placed

    found = {}
    for where, block in placed(doc):
        if getattr(block, "kind", None) == kind:
            for item in getattr(block, attr):
                found.setdefault(_key(item), (where, item))
    return found


def _where(old: dict, new: dict, key) -> tuple[str, ...]:
    """Where the item stands now (or stood, when it is removed)."""
    return (new.get(key) or old.get(key))[0]


def _pairs(old: dict, new: dict, order=None):
    for key in sorted(set(old) | set(new), key=order):
        yield key, _where(old, new, key), old.get(key, (None, None))[1], new.get(key, (None, None))[1]


def _key(item):
    return (item.id, item.organisation) if hasattr(item, "organisation") else getattr(item, "mal", None) or item.id


def _name(key) -> str:
    if isinstance(key, tuple):
        return f"{key[0]} ({key[1]})" if key[1] else key[0]
    return key


def outcomes(old_doc, new_doc) -> list[Change]:
    """One change per indicator, organisation and year whose outcome was added, changed or removed."""
    old, new = _items(old_doc, "utfall", "utfall"), _items(new_doc, "utfall", "utfall")
    out = []
    for key, where, o, n in _pairs(old, new, lambda k: (k[0], k[1] or "")):
        a = {yv.year: yv.value for yv in o.values} if o else {}
        b = {yv.year: yv.value for yv in n.values} if n else {}
        subject = {"indikator": key[0], "organisation": key[1]}
        for year in sorted(set(a) | set(b)):
            x, y = a.get(year), b.get(year)
            if x == y:
                continue
            if x is None:
                text, kind, delta = f"utfall {year}: tillagt ({show(y)})", "outcome.added", None
            elif y is None:
                text, kind, delta = f"utfall {year}: borttaget (var {show(x)})", "outcome.removed", None
            else:
                what, delta = change(x, y)
                text, kind = f"utfall {year}: {what}", "outcome.changed"
            out.append(Change(kind, where, f"Indikator {_name(key)}: {text}.",
                              subject={**subject, "år": year}, old=data(x), new=data(y), delta=delta))
    return out


def assessments(old_doc, new_doc) -> list[Change]:
    old, new = _items(old_doc, "bedömning", "bedomningar"), _items(new_doc, "bedömning", "bedomningar")
    out = []
    for key, where, a, b in _pairs(old, new):
        if a is None:
            out.append(Change("assessment.added", where, f"Mål {key}: bedömt som {b.bedomning}.",
                              subject={"mål": key}, new=b.bedomning))
        elif b is None:
            out.append(Change("assessment.removed", where, f"Mål {key}: bedömningen är borttagen "
                              f"(var {a.bedomning}).", subject={"mål": key}, old=a.bedomning))
        elif a.bedomning != b.bedomning:
            out.append(Change("assessment.changed", where, f"Mål {key}: {a.bedomning} → {b.bedomning}.",
                              subject={"mål": key, "fält": "bedömning"}, old=a.bedomning, new=b.bedomning))
        if a is not None and b is not None and a.text != b.text:
            from vplan.diff.words import word_diff

            out.append(Change("assessment.changed", where, f"Mål {key}: motiveringen ändrad:",
                              subject={"mål": key, "fält": "text"}, old=a.text, new=b.text,
                              words=tuple(word_diff(a.text, b.text))))
    return out


def statuses(old_doc, new_doc) -> list[Change]:
    old, new = _items(old_doc, "uppdragsstatus", "uppdrag"), _items(new_doc, "uppdragsstatus", "uppdrag")
    out = []
    for key, where, a, b in _pairs(old, new):
        if a is None:
            out.append(Change("status.added", where, f"Uppdrag {key}: status {b.status}.",
                              subject={"uppdrag": key}, new=b.status))
        elif b is None:
            out.append(Change("status.removed", where, f"Uppdrag {key}: statusen är borttagen "
                              f"(var {a.status}).", subject={"uppdrag": key}, old=a.status))
        else:
            for label, x, y in (("status", a.status, b.status), ("kommentar", a.kommentar, b.kommentar)):
                if x != y:
                    out.append(Change("status.changed", where,
                                      f"Uppdrag {key}: {label}: {show(x) if x else '(ingen)'} → "
                                      f"{show(y) if y else '(ingen)'}",
                                      subject={"uppdrag": key, "fält": label}, old=x, new=y))
    return out
