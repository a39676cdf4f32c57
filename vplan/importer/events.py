"""Pandoc's block list -> a flat run of events: headings (from Word's heading styles), tables, other blocks.

Word's style names vary ("Heading 2", "Rubrik 2", "Rubrik2", a region's own style with an
outline level); pandoc keeps the name of any style it does not know (docx+styles), and
vplan.importer.source maps names to levels. The table of contents and the cover's styled
paragraphs are told apart here too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from vplan.importer import inlines, typed

_TOC_STYLE = re.compile(r"(?i)^(toc|innehåll|innehållsförteckning|table of contents)\b|^(toc ?heading|innehållsförteckningsrubrik)$")
_COVER_STYLE = re.compile(r"(?i)^(title|titel|subtitle|underrubrik|author|författare|date|datum|abstract|"
                          r"abstract ?title|sammanfattning|rubrik|försättsblad.*|cover.*)$")
_TOC_TITLE = re.compile(r"(?i)^(innehåll|innehållsförteckning|innehållsförteckning och läsanvisning)$")


@dataclass
class Event:
    kind: str  # heading | block | table | cover | toc
    node: dict | None = None
    level: int = 0
    content: list = field(default_factory=list)  # a heading's inline nodes
    style: str | None = None
    number: int = 0  # paragraph or table number in the Word file, for the report


def flatten(blocks: list, levels: dict[str, int], tabbed: list[list[str]] = ()) -> list[Event]:
    """`tabbed`: the Word file's paragraphs split at typed tabs, where a file without styles keeps tables."""
    out: list[Event] = []
    counter = {"stycke": 0, "tabell": 0}
    _walk(blocks, levels, out, counter, None)
    _mark_toc(out)
    entries = typed.mark_toc(out)
    if sum(1 for ev in out if ev.kind == "heading") < 2:
        out = typed.tab_tables(out, tabbed)
    out = _join_lists(_typed_bullets(out))
    _bold_headings(out)
    if sum(1 for ev in out if ev.kind == "heading") < 2:  # no styles, no bold: headings typed as text
        typed.mark_headings(out, entries)
    return out


_BULLET = re.compile(r"^\s*[•·▪◦○●■–—*-]\s+")
_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+\S")
_GOAL_WORD = re.compile(r"(?i)^(målområde|mål|delmål)\b")


def _typed_bullets(events: list[Event]) -> list[Event]:
    """Paragraphs that begin with a typed bullet ("• ", "– "): one Word list, as if Word had made it."""
    out: list[Event] = []
    for ev in events:
        node = ev.node or {}
        if ev.kind == "block" and node.get("t") in ("Para", "Plain") and node["c"] and \
                node["c"][0].get("t") == "Str" and _BULLET.match(inlines.plain(node["c"])):
            item = [{"t": "Plain", "c": _drop_bullet(node["c"])}]
            last = out[-1] if out else None
            if last is not None and last.kind == "block" and last.node.get("t") == "BulletList" and last.style == "typed":
                last.node["c"].append(item)
                continue
            out.append(Event("block", {"t": "BulletList", "c": [item]}, style="typed", number=ev.number))
            continue
        out.append(ev)
    return out


def _join_lists(events: list[Event]) -> list[Event]:
    """Lists that follow each other directly as one list: an editor that saved every item with
    its own list id (LibreOffice does) must not split an assignment list into one-item lists."""
    out: list[Event] = []
    for ev in events:
        last = out[-1] if out else None
        node, prev = ev.node or {}, (last.node or {}) if last is not None else {}
        if ev.kind == "block" and last is not None and last.kind == "block" and _continues(prev, node):
            merged = dict(prev)
            if node["t"] == "BulletList":
                merged["c"] = [*prev["c"], *node["c"]]
            else:
                merged["c"] = [prev["c"][0], [*prev["c"][1], *node["c"][1]]]
            out[-1] = Event(last.kind, merged, style=last.style, number=last.number)
            continue
        out.append(ev)
    return out


def _continues(prev: dict, node: dict) -> bool:
    """Is `node` the same list as `prev` carried on? Bullets always; numbers when they go on counting."""
    t = node.get("t")
    if t != prev.get("t") or t not in ("BulletList", "OrderedList"):
        return False
    if t == "BulletList":
        return True
    (start, style, delim), (next_start, next_style, next_delim) = prev["c"][0], node["c"][0]
    return (style, delim) == (next_style, next_delim) and next_start == start + len(prev["c"][1])


def _drop_bullet(nodes: list) -> list:
    first = dict(nodes[0])
    rest = re.sub(r"^\s*[•·▪◦○●■–—*-]\s*", "", first["c"])
    tail = nodes[1:]
    if not rest:
        while tail and tail[0].get("t") == "Space":
            tail = tail[1:]
        return tail
    return [{"t": "Str", "c": rest}, *tail]


def _bold_headings(events: list[Event]) -> None:
    """A Word file without heading styles: short paragraphs in bold are its headings, at the depth of a typed
    number ("2.1 Ekonomiska ramar" is level 2). Goal lines ("Mål 1: …") are left to the goal recogniser."""
    if sum(1 for ev in events if ev.kind == "heading") >= 2:
        return
    for ev in events:
        node = ev.node or {}
        if ev.kind != "block" or node.get("t") not in ("Para", "Plain"):
            continue
        text = inlines.plain(node["c"])
        if not text or len(text) > 120 or text.endswith((".", ":", ",")) or _GOAL_WORD.match(text) or \
                not inlines.is_bold(node["c"]):
            continue
        m = _NUMBERED.match(text)
        ev.kind, ev.content = "heading", node["c"]
        ev.level = m.group(1).count(".") + 1 if m else 1


def _walk(blocks, levels, out, counter, style) -> None:
    for b in blocks:
        t = b.get("t")
        if t == "Div":
            attrs = dict(b["c"][0][2])
            name = attrs.get("custom-style")
            if name is None:  # pandoc's own divs (definitions, sections): their content is the text
                _walk(b["c"][1], levels, out, counter, style)
                continue
            if name in levels:
                for inner in b["c"][1]:
                    if inner.get("t") in ("Para", "Plain") and inlines.plain(inner["c"]):
                        counter["stycke"] += 1
                        out.append(Event("heading", inner, levels[name], inner["c"], name, counter["stycke"]))
                    else:
                        _walk([inner], levels, out, counter, name)
                continue
            _walk(b["c"][1], levels, out, counter, name)
        elif t == "Header":
            counter["stycke"] += 1
            out.append(Event("heading", b, b["c"][0], b["c"][2], style, counter["stycke"]))
        elif t == "Table":
            counter["tabell"] += 1
            out.append(Event("table", b, number=counter["tabell"], style=style))
        else:
            counter["stycke"] += 1
            kind = "toc" if style and _TOC_STYLE.match(style) else "cover" if style and _COVER_STYLE.match(style) else "block"
            out.append(Event(kind, b, style=style, number=counter["stycke"]))


def _mark_toc(events: list[Event]) -> None:
    """A table of contents without its styles: "Innehåll" and then lines that only link inside the file.
    Its title may be a heading (Word's "TOC Heading" is based on "Heading 1")."""
    for i, ev in enumerate(events):
        if ev.kind == "heading" and _TOC_TITLE.match(inlines.plain(ev.content)) and i + 1 < len(events) and (
                events[i + 1].kind == "toc" or _toc_line(events[i + 1])):
            ev.kind = "toc"
            continue
        if ev.kind == "block" and ev.node.get("t") in ("Para", "Plain") and _TOC_TITLE.match(
                inlines.plain(ev.node["c"])):
            j = i + 1
            while j < len(events) and (events[j].kind == "toc" or _toc_line(events[j])):
                events[j].kind = "toc"
                j += 1
            if j > i + 1:
                ev.kind = "toc"
        elif ev.kind == "block" and _toc_line(ev) and _only_links(ev.node["c"], "#_Toc"):
            ev.kind = "toc"


def _toc_line(ev: Event) -> bool:
    return ev.kind == "block" and ev.node.get("t") in ("Para", "Plain") and _only_links(ev.node["c"], "#")


def _only_links(nodes, prefix: str) -> bool:
    visible = [x for x in nodes if x.get("t") not in ("Space", "SoftBreak", "LineBreak")]
    return bool(visible) and all(x.get("t") == "Link" and x["c"][2][0].startswith(prefix) for x in visible)
