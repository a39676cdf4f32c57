"""The list of changes at the start of a marked-up version, from vplan.diff.

The sentences are `vplan diff`'s own (vplan.diff.compare); here they are only
grouped by place and given the same marks
as the body where they quote old and new words.
"""
from __future__ import annotations

import re

from vplan.diff.changes import CHANGED, FileDiff, summary as count_line
from vplan.diff.compare import META, diff_plans
from vplan.render.markdown import Md, escape

_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*{1,2}|_{1,2}|~~)(?=\S)(.+?)(?<=\S)\1")


def summary(old, new, marks) -> dict:
    """{"antal": "2 målvärden ändrade, …", "grupper": [{"plats", "andringar"}]} for the template."""
    if old is None:
        return {"antal": None, "grupper": []}
    changes = diff_plans(old, new)
    groups: dict[tuple, list[Md]] = {}
    for change in changes:
        groups.setdefault(change.where, []).append(line(change, marks))
    return {
        "antal": escape(count_line(FileDiff(new.path, CHANGED, tuple(changes)))) if changes else None,
        "grupper": [{"plats": place(where), "andringar": lines} for where, lines in groups.items()],
    }


def place(where: tuple[str, ...]) -> Md:
    """The section's headings, in italics: not as links, which would look like underlined insertions."""
    return Md(f"*{escape(' › '.join(plain(w) for w in where) if where else 'Början av planen')}*")


def line(change, marks) -> Md:
    if change.kind == "meta.changed" and change.where == (META,):
        field = change.subject.get("fält", "")
        old, new = (escape(v) if v is not None else "" for v in (change.old, change.new))
        return Md(f"{escape(field)}: {marks.change(old, new)}")
    text = escape(change.text)
    if not change.words:
        return text
    parts = []
    for op, words in change.words:
        shown = escape(plain(words)) if op != "…" else "…"
        parts.append(marks.delete(shown) if op == "-" else marks.ins(shown) if op == "+" else shown)
    return Md(f"{text} {' '.join(str(p) for p in parts if str(p))}")


def plain(markdown: str) -> str:
    """Quoted Markdown as the reader sees it: no footnote marks, link targets or emphasis signs."""
    text = _FOOTNOTE.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    for _ in range(3):
        text = _EMPHASIS.sub(r"\2", text)
    return text
