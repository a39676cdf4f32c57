"""A Word table that is not an indicator table -> a tabell block: number, text and status columns,
varav rows as sub-rows, a bold total row as a sum; the sums checked against the original."""
from __future__ import annotations

import re

from vplan.importer import inlines
from vplan.importer.ids import unique_id
from vplan.importer.sums import infer_sums
from vplan.importer.tables import Shape
from vplan.importer.values import read, yaml_value

_SUB = re.compile(r"(?i)^(varav|därav|därutöver|varav:|därav:)\b")
_DASH_SUB = re.compile(r"^[-–•]\s+")
# Word shading -> the status colours vplan knows (docs/format.md, "Status med färg och text").
_COLOURS = (("grön", (0, 128, 0)), ("grön", (0, 176, 80)), ("grön", (146, 208, 80)), ("grön", (198, 239, 206)),
            ("gul", (255, 255, 0)), ("gul", (255, 192, 0)), ("gul", (255, 235, 156)), ("orange", (255, 153, 0)),
            ("orange", (237, 125, 49)), ("röd", (255, 0, 0)), ("röd", (192, 0, 0)), ("röd", (255, 199, 206)),
            ("grå", (191, 191, 191)), ("grå", (217, 217, 217)), ("blå", (0, 112, 192)), ("blå", (189, 215, 238)))


_UNIT_WORDS = (("mnkr", re.compile(r"(?i)\bmnkr\b|\bmkr\b|miljoner\s+kr(?:onor)?\b")),
               ("tkr", re.compile(r"(?i)\btkr\b|tusen\s+kr(?:onor)?\b|tusental\s+kronor")),
               ("mdkr", re.compile(r"(?i)\bmdkr\b|miljarder\s+kr(?:onor)?\b")))


def _unit_named(text: str) -> str | None:
    found = {unit for unit, pattern in _UNIT_WORDS if pattern.search(text)}
    return found.pop() if len(found) == 1 else None


def colour(fill: str | None) -> str | None:
    if not fill or not re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
        return None
    rgb = tuple(int(fill[i:i + 2], 16) for i in (0, 2, 4))
    name, ref = min(_COLOURS, key=lambda c: sum((a - b) ** 2 for a, b in zip(rgb, c[1])))
    return name if sum((a - b) ** 2 for a, b in zip(rgb, ref)) < 60 ** 2 * 3 else None


def table_block(s: Shape, rubrik: str | None, mark, findings: list[str]) -> dict:
    col_ids: set[str] = set()
    values = {(i, c.index): read(row[c.index], mark) if row[c.index].origin else None
              for i, row in enumerate(s.body) for c in s.columns}
    kinds = {c.index: _column_kind(s, c, values, findings) for c in s.columns}
    block: dict = {"rubrik": rubrik} if rubrik else {}
    if s.first:
        block["radrubrik"] = s.first
    unit = _unit_named(" ".join([s.first, s.grid.caption, *(c.label for c in s.columns if kinds[c.index] == "tal")]))
    if unit and any(k == "tal" for k in kinds.values()):
        block["enhet"] = unit  # "Resursramar, miljoner kr", "(tkr)", a column "Mnkr"
    scale = _scale(s, kinds)
    if scale:
        block["skala"] = [{"kod": code, "text": text, "färg": farg} for code, (text, farg) in scale.items()]
    cols = []
    ids = {}
    units = _column_units(s, kinds, values)
    for c in s.columns:
        ident = unique_id(f"k {c.label}" if c.label[:1].isdigit() else c.label, col_ids, f"k{c.index}")
        ids[c.index] = ident
        col = {"id": ident, "rubrik": c.rubrik}
        if kinds[c.index] != "tal":
            col["typ"] = kinds[c.index]
        if c.grupp:
            col["grupp"] = c.grupp
        if kinds[c.index] == "tal" and c.year:
            col["år"] = c.year
        if units.get(c.index):
            col["enhet"] = units[c.index]
        cols.append(col)
    if cols:
        block["kolumner"] = cols
    rows = _rows(s, kinds, ids, values, scale, mark, findings)
    before = len(findings)
    tolerance = infer_sums(rows, [ids[c.index] for c in s.columns if kinds[c.index] == "tal"], findings)
    for k in range(before, len(findings)):  # name the columns as Word shows them
        for c in s.columns:
            findings[k] = findings[k].replace(f"kolumnen {ids[c.index]},", f"kolumnen ”{c.label}”,").replace(
                f"kolumnen {ids[c.index]} ", f"kolumnen ”{c.label}” ")
    if tolerance:
        block["tolerans"] = tolerance
    block["rader"] = [_clean(r) for r in rows]
    return block


def _column_kind(s: Shape, c, values, findings) -> str:
    cells = [values[(i, c.index)] for i in range(len(s.body)) if values[(i, c.index)] is not None]
    fills = [row[c.index] for row in s.body if row[c.index].origin and colour(row[c.index].fill)]
    if fills and len(fills) * 2 >= len(s.body) and all(len(v.text or "") <= 30 for v in cells if not v.numeric):
        return "status"
    real = [v for v in cells if not v.dash]
    if real and all(v.numeric and v.per_org is None for v in real):
        return "tal"
    if real and any(v.numeric for v in real) and any(not v.numeric for v in real):
        words = next(v.text for v in real if not v.numeric)
        findings.append(f"kolumnen ”{c.label}” har både tal och text (till exempel ”{words}”) och lästes som text")
    return "text"


def _column_units(s: Shape, kinds, values) -> dict[int, str]:
    out = {}
    for c in s.columns:
        if kinds[c.index] != "tal":
            continue
        units = {values[(i, c.index)].unit for i in range(len(s.body))
                 if values[(i, c.index)] is not None and not values[(i, c.index)].dash}
        if len(units) == 1 and None not in units:
            out[c.index] = units.pop()
    return out


def _scale(s: Shape, kinds) -> dict[str, tuple[str, str]]:
    scale: dict[str, tuple[str, str]] = {}
    for c in s.columns:
        if kinds[c.index] != "status":
            continue
        for row in s.body:
            cell = row[c.index]
            farg = colour(cell.fill)
            if cell.origin and farg:
                code = cell.text or farg
                scale.setdefault(code, (cell.text or farg.capitalize(), farg))
    return scale


def _rows(s: Shape, kinds, ids, values, scale, mark, findings) -> list[dict]:
    indented = any(row[0].indent for row in s.body)
    top: list[dict] = []
    stack: list[tuple[int, dict]] = []
    last_name = ""
    for i, row in enumerate(s.body):
        cell = row[0]
        name_lines = cell.lines if cell.origin else []
        name = mark(inlines.strip_marks([x for ln in name_lines for x in ln + [{"t": "Space"}]])) if name_lines else ""
        if not cell.origin and last_name:
            name = last_name  # a label merged over several rows names each of them
        last_name = name or last_name
        plain = inlines.plain([x for ln in name_lines for x in ln])
        sub = bool(_SUB.match(_DASH_SUB.sub("", plain)) or _DASH_SUB.match(plain))  # "varav …", "- varav …", "– …"
        level = cell.indent if indented else 0
        if not indented and sub and stack:
            parent_level = next((lv for lv, r in reversed(stack) if not r.get("_sub")), None)
            level = parent_level + 1 if parent_level is not None else 0  # "Varav" rows with no row above them
        if _DASH_SUB.match(name):
            name = _DASH_SUB.sub("", name)
        out: dict = {"namn": name or "(utan namn)", "_bold": cell.bold, "_sub": sub, "_row": i}
        if not name:
            findings.append(f"rad {i + 1} har värden men inget namn; den fick namnet ”(utan namn)”")
        vals = {}
        for c in s.columns:
            v = values[(i, c.index)]
            cell_c = row[c.index]
            if kinds[c.index] == "status":
                farg = colour(cell_c.fill) if cell_c.origin else None
                if farg or (v is not None and v.text):
                    vals[ids[c.index]] = (cell_c.text or farg) if farg else v.text
                continue
            if v is None:
                continue
            if v.dash:
                if kinds[c.index] == "text":
                    vals[ids[c.index]] = v.text
                continue
            if cell_c.colspan > 1:
                findings.append(f"cellen ”{cell_c.text}” på raden ”{inlines.plain(name_lines[0]) if name_lines else i + 1}” "
                                f"var sammanslagen över {cell_c.colspan} kolumner; värdet står i kolumnen "
                                f"”{next(col.label for col in s.columns if col.index == c.index)}”")
            if kinds[c.index] == "tal":
                vals[ids[c.index]] = yaml_value(v, _span(cell_c, i, s))
            else:
                text = list(v.lines) if len(v.lines) > 1 else (v.text if v.text is not None else cell_c.text)
                vals[ids[c.index]] = text
        if vals:
            out["värden"] = vals
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].setdefault("rader", []) if stack else top).append(out)
        stack.append((level, out))
    return top


def _span(cell, i: int, s: Shape) -> int:
    return max(1, min(cell.rowspan, len(s.body) - i))


def _clean(row: dict) -> dict:
    out = {"id": row["id"]} if "id" in row else {}
    out.update((k, v) for k, v in row.items() if not k.startswith("_") and k not in ("rader", "id"))
    if row.get("rader"):
        out["rader"] = [_clean(r) for r in row["rader"]]
    return out

