"""The export's writers by format name: rows -> the bytes of one file.

csv       RFC 4180: comma, point as decimal sign, UTF-8 without BOM, CRLF; for BI tools and scripts.
csv-excel What Excel with Swedish settings opens by double-click: semicolon, decimal comma, UTF-8 with
          BOM (else å, ä and ö are garbled); text that Excel would take for a formula gets a leading '.
json      {"format": "vplan-export", "version": 1, "kolumner": [...], "rader": [{...}, ...]},
          described by schema/export.schema.json; one row a line, so a diff shows changed facts.
xlsx      One sheet per kind of fact with real number cells (vplan.export.xlsx).
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from types import MappingProxyType

from vplan.export.facts import COLUMNS

VERSION = 1


def number_text(value: Decimal, comma: bool = False) -> str:
    """A number as written, never in exponent form: 2.60 stays 2.60; 1E+3 becomes 1000."""
    text = format(value, "f")
    return text.replace(".", ",") if comma else text


def _cell(value, comma: bool, guard: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number_text(value, comma)
    text = str(value)
    # Excel runs a cell that starts like a formula (=, +, -, @) as one: keep it text.
    if guard and isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _csv(rows, *, delimiter: str, comma: bool, bom: bool) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    guard = bom  # the Excel flavour
    writer.writerows([_cell(v, comma, guard) for v in row] for row in rows)
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")


def to_csv(rows, **_) -> bytes:
    return _csv(rows, delimiter=",", comma=False, bom=False)


def to_excel_csv(rows, **_) -> bytes:
    return _csv(rows, delimiter=";", comma=True, bom=True)


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


def to_json(rows, **_) -> bytes:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines = [dumps({k: _json_value(v) for k, v in zip(COLUMNS, row)}) for row in rows]
    head = dumps({"format": "vplan-export", "version": VERSION, "kolumner": list(COLUMNS)})[:-1]
    body = ",\n".join(lines)
    return f'{head},"rader":[\n{body}\n]}}\n'.encode("utf-8") if lines else f'{head},"rader":[]}}\n'.encode("utf-8")


def to_xlsx(rows, *, epoch: int | None = None, **_) -> bytes:
    from vplan.export.xlsx import workbook

    return workbook(rows, epoch=epoch)


# name -> (writer, file ending, may go to standard output)
FORMATS = MappingProxyType({
    "csv": (to_csv, ".csv", True),
    "csv-excel": (to_excel_csv, ".csv", True),
    "json": (to_json, ".json", True),
    "xlsx": (to_xlsx, ".xlsx", False),
})
