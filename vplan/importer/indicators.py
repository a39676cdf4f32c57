"""An indicator table (one row per indicator, year columns of outcomes and targets) -> an indikatorer block."""
from __future__ import annotations

import re

from vplan.importer import inlines, numbers
from vplan.importer.ids import unique_id
from vplan.importer.tables import Shape, meta_column
from vplan.importer.values import read, yaml_value

_CLUSTER = re.compile(r"(?i)^kluster\b\D*(\d+)")
_DETAIL = re.compile(r"(?i)^(källa|kommentar)\s*:\s*(.+)$")
_DIRECTION = re.compile(r"(?i)\((öka|höja|högre|minska|sänka|lägre)\)\s*$")
_NAME_UNIT = re.compile(r",\s*(?P<unit>%|[A-Za-zåäö/²]{1,10})$")


def indicator_block(s: Shape, years: dict, rubrik: str | None, ids: set[str], mark, findings: list[str],
                    context: str = "") -> dict:
    """`context`: the caption and heading, which may say kvalitativ, långsiktiga or kortsiktiga."""
    items = []
    for c in s.columns:
        if c.index in years and c.year is None:
            findings.append(f"kolumnen ”{c.label}” har inget år; värdena lästes som målvärden för {years[c.index][1]}")
    for row in s.body:
        name_cell = row[0]
        if not name_cell.origin or not name_cell.text:
            if any(row[k].origin and row[k].text for k in years):
                findings.append("en rad med värden men utan indikatorns namn kom inte med: "
                                + ", ".join(row[k].text for k in years if row[k].origin and row[k].text))
            continue
        items.append(_indicator(s, row, years, ids, mark, findings, context))
    block = {"rubrik": rubrik} if rubrik else {}
    block["indikatorer"] = items
    return block


def _indicator(s: Shape, row, years: dict, ids: set[str], mark, findings: list[str], context: str) -> dict:
    lines = row[0].lines
    namn = mark(lines[0])
    extra: dict = {}
    rest = []
    for ln in lines[1:]:
        text = inlines.plain(ln)
        if m := _CLUSTER.match(text):
            extra["kluster"] = int(m.group(1))
        elif m := _DETAIL.match(text):
            extra["källa" if m.group(1).lower() == "källa" else "kommentar"] = mark(ln).split(":", 1)[1].strip()
        else:
            rest.append(mark(ln))
    if rest:  # a name over several lines in Word is one name
        namn = " ".join([namn, *rest])
    utfall: dict = {}
    mal: dict = {}
    units = set()
    numeric = False
    for c in s.columns:
        cell = row[c.index]
        key = meta_column(c.label)
        if key:
            if cell.text and key != "enhet":
                extra[key] = mark([x for ln in cell.lines for x in ln + [{"t": "Space"}]])
            elif cell.text:
                extra["enhet"] = cell.text
            continue
        if c.index not in years or not cell.origin:
            continue
        v = read(cell, mark)
        if v is None:
            continue
        if v.dash:
            findings.append(f"strecket ”{v.text}” för {inlines.plain(lines[0])} ({c.label}) lästes som tomt")
            continue
        numeric = numeric or v.numeric
        if v.unit:
            units.add(v.unit)
        kind, year = years[c.index]
        (utfall if kind == "utfall" else mal)[year] = yaml_value(v, min(cell.rowspan, len(s.body)))
    enhet = extra.pop("enhet", None)
    if enhet is None and len(units) == 1:
        enhet = units.pop()
    elif len(units) > 1:
        findings.append(f"indikatorn {inlines.plain(lines[0])} har värden i olika enheter ({', '.join(sorted(units))}); "
                        "enheterna kom inte med")
    if enhet is None and (m := _NAME_UNIT.search(namn)) and m.group("unit").lower() in numbers.UNITS:
        enhet, namn = m.group("unit"), namn[:m.start()]
    sikt = "lång" if re.search(r"(?i)långsiktig", context) else "kort" if re.search(r"(?i)kortsiktig", context) else None
    if re.search(r"(?i)kvalitativ", context):
        typ = "kvalitativ"
    elif numeric or re.search(r"(?i)kvantitativ", context) or sikt == "lång":
        typ = "kvantitativ"
    else:  # words only: an assessment (Ja, Delvis, Nej) when the targets are such, else targets in words
        typ = "kvalitativ" if all(str(v).strip().lower() in ("ja", "delvis", "nej") for v in mal.values()) else "kvantitativ"
    out: dict = {"id": unique_id(inlines.plain(lines[0]), ids), "namn": namn, "typ": typ}
    if sikt:
        out["sikt"] = sikt
    if m := _DIRECTION.search(namn):  # "(öka)", "(minska)" after the name: which way is better
        out["riktning"] = "högre" if m.group(1).lower() in ("öka", "höja", "högre") else "lägre"
    for key in ("beslutad_av",):
        if key in extra:
            out[key] = extra.pop(key)
    if enhet:
        out["enhet"] = enhet
    if "kluster" in extra:
        out["kluster"] = extra.pop("kluster")
    if utfall:
        out["utfall"] = dict(sorted(utfall.items()))
    if mal:
        out["mål"] = dict(sorted(mal.items()))
    for key in ("källa", "kommentar"):
        if key in extra:
            out[key] = extra.pop(key)
    return out
