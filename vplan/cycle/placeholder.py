"""The one form a "fill in" placeholder takes: ``[fyll i: what to write]``.

Square brackets, not angle brackets: CommonMark reads ``<fyll i: Skriv en text>``
as raw HTML, but ``[fyll i: …]`` with no link definition stays plain text in
prose, in headings and in the short texts of the blocks. The rules find a
placeholder in typed values of the model and in the text of prose trees.
"""
from __future__ import annotations

import re

PREFIX = "[fyll i:"
# The words between "[fyll i:" and "]"; no nested brackets, so a footnote "[^x]" ends it.
_FORM = re.compile(r"\[fyll i:\s*([^\[\]]*?)\s*\]")


def placeholder(what: str) -> str:
    """The placeholder that asks for `what`: placeholder("målvärde 2028") == "[fyll i: målvärde 2028]"."""
    return f"{PREFIX} {what}]"


def found(text: str) -> list[tuple[int, str]]:
    """(offset, what is asked for) of each placeholder in a text that the reader has typed."""
    if PREFIX not in text:
        return []
    return [(m.start(), m.group(1)) for m in _FORM.finditer(text)]


def is_placeholder(value) -> bool:
    """Is a model value (a Text, a str) a placeholder and nothing else?"""
    text = getattr(value, "text", value)
    return isinstance(text, str) and bool(_FORM.fullmatch(text.strip()))
