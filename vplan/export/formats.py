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

VALUE = COLUMNS.index("värde")

VERSION = 1


def number_text(value: Decimal, comma: bool = False) -> str:
    """A number as written, never in exponent form: 2.60 stays 2.60; 1E+3 becomes 1000."""
    text = format(value, "f")
    return text.replace(".", ",") if comma else text


# Excel runs a cell that starts like a formula as one: such text gets a leading ' in csv-excel.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv(rows, *, delimiter: str, comma: bool, bom: bool) -> bytes:
    """Only the value column holds numbers (Decimal); the csv module writes None as an empty field
    and the years and lines as digits, so each row needs one conversion, not twenty."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        if bom:  # the Excel flavour; numbers are Decimal here, so a negative one stays a number
            row = ["'" + v if v.__class__ is str and v.startswith(_FORMULA_START) else v for v in row]
        value = row[VALUE]
        if isinstance(value, Decimal):
            row = (*row[:VALUE], number_text(value, comma), *row[VALUE + 1:])
        writer.writerow(row)
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")


def to_csv(rows, **_) -> bytes:
    return _csv(rows, delimiter=",", comma=False, bom=False)


def to_excel_csv(rows, **_) -> bytes:
    return _csv(rows, delimiter=";", comma=True, bom=True)


def json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)


def to_json(rows, **_) -> bytes:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines = []
    for row in rows:
        obj = dict(zip(COLUMNS, row))
        if isinstance(row[VALUE], Decimal):
            obj["värde"] = json_number(row[VALUE])
        lines.append(dumps(obj))
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
