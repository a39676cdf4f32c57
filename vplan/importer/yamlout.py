"""A small YAML writer for the blocks the importer makes: plain where safe, double-quoted otherwise."""
from __future__ import annotations

import json
import re
from decimal import Decimal

from vplan.importer.numbers import yaml_number

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`\\][^\n]*$")
_LOOKS_TYPED = re.compile(r"^(?:[-+]?[\d.,_ ]+(?:e[-+]?\d+)?|true|false|yes|no|on|off|null|~|y|n|"
                          r"\d{4}-\d\d-\d\d.*|\.(?:inf|nan))$", re.IGNORECASE)


def scalar(value) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return yaml_number(value)
    text = str(value)
    if (_PLAIN.match(text) and not _LOOKS_TYPED.match(text) and ": " not in text and " #" not in text
            and not text.endswith((" ", ":")) and "\t" not in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def dump(data: dict) -> str:
    """The mapping as YAML lines (keys in insertion order)."""
    out: list[str] = []
    _mapping(data, 0, out)
    return "\n".join(out) + "\n"


def _key(key) -> str:
    return str(key) if isinstance(key, int) else scalar(key)


def _mapping(data: dict, indent: int, out: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        lead = first_prefix if (i == 0 and first_prefix is not None) else pad
        _entry(lead + _key(key) + ":", value, indent, out)


def _entry(head: str, value, indent: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append(head + " {}")
            return
        out.append(head)
        _mapping(value, indent + 2, out)
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append(head + " []")
            return
        out.append(head)
        _sequence(value, indent + 2, out)
    else:
        out.append(f"{head} {scalar(value)}")


def _sequence(items, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, first_prefix=pad + "- ")
        elif isinstance(item, (list, tuple)):
            out.append(pad + "-")
            _sequence(item, indent + 2, out)
        else:
            out.append(f"{pad}- {scalar(item)}")
