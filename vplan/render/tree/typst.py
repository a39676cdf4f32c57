"""The document tree as typst needs it: what pandoc's typst writer would change, fixed here.

typst reads `- `, `+ `, `/ `, `= ` and `1.` at the start of a line as
markup, and turns `...`, `-?`, `-1` into an ellipsis, a soft hyphen and a
minus sign; pandoc's typst writer also writes an en dash as `--`, which a
following `-` turns into an em dash. Those characters are written as typst
strings (`#"..."`), so the PDF shows them as typed. A footnote referenced
several times becomes a labelled footnote and `#footnote(<label>)`.

One walk in Python over a copy of the tree: far cheaper than the same work in
a Lua filter, which pays for every node crossing into Lua.
"""
from __future__ import annotations

import re

# Sequences typst would read as shorthand, and a hyphen before a digit (a minus sign).
_SHORTHAND = re.compile(r"\u2013|\u2014|\.\.\.|-\?|-(?=\d)")
_LINE_START = re.compile(r"^(?:[-+/=]|\d+\.)")
_META_TEXT = ("title", "subtitle", "region", "namnd", "diarienummer", "status", "beslut", "datum",
              "utkastmarkering", "upprattad_av")


def raw(code: str) -> dict:
    return {"t": "RawInline", "c": ["typst", code]}


# Status cells (vplan.render.tree.tables): the same colours as html.css, at least 4.5:1 on white.
STATUS_COLOURS = {"grön": "#1a7f37", "gul": "#8a5a00", "orange": "#b04500", "röd": "#b42318",
                  "grå": "#57606a", "blå": "#0b5cad"}
_CONTAINERS = {"Strong", "Emph", "Superscript", "Subscript", "Strikeout", "Underline", "SmallCaps"}
_WITH_ATTR = {"Span", "Link", "Image"}  # [attr, inlines, …]


def for_typst(document: dict) -> dict:
    """A copy of `document` ready for pandoc's typst writer; the original is not changed."""
    meta = dict(document.get("meta", {}))
    for key in _META_TEXT:
        value = meta.get(key)
        if isinstance(value, dict) and value.get("t") == "MetaInlines":
            meta[key] = {"t": "MetaInlines", "c": _inlines(value["c"])}
    return {**document, "blocks": _walk(document["blocks"]), "meta": meta}


def _walk(node):
    if isinstance(node, list):
        return [_walk(x) for x in node]
    if not isinstance(node, dict):
        return node
    t = node.get("t")
    if t in ("Plain", "Para"):
        return {"t": t, "c": _inlines(node["c"])}
    if t == "Header":
        level, attr, inlines = node["c"]
        return {"t": t, "c": [level, attr, _inlines(inlines, False)]}
    if t == "DefinitionList":
        return {"t": t, "c": [[_inlines(term, False), _walk(defs)] for term, defs in node["c"]]}
    if "c" in node:
        return {"t": t, "c": _walk(node["c"])}
    return node


def _inlines(inlines: list, lines: bool = True) -> list:
    """Shorthands written as strings; with `lines`, text at a line start guarded."""
    out: list = []
    start = lines
    for el in inlines:
        t = el.get("t")
        if t == "Str":
            if start and _LINE_START.match(el["c"]):
                out.append(raw("#[]"))  # an empty content block: the text no longer starts the line
            out += _str(el["c"])
        elif t == "Note":
            body, label = _note_body(el["c"])
            out.append({"t": "Note", "c": body})
            if label:
                out.append(raw(f"<{label}>"))
        elif t == "Superscript" and _repeat(el):
            out.append(raw(f"#footnote(<{_repeat(el)}>)"))
        elif t in _CONTAINERS:
            out.append({"t": t, "c": _inlines(el["c"], False)})
        elif t == "Span" and _status_colour(el):
            out += [raw(f'#text(fill: rgb("{_status_colour(el)}"))['), *_inlines(el["c"][1], False), raw("]")]
        elif t in _WITH_ATTR:
            c = el["c"]
            out.append({"t": t, "c": [c[0], _inlines(c[1], False), *c[2:]]})
        elif t == "Quoted":
            out.append({"t": t, "c": [el["c"][0], _inlines(el["c"][1], False)]})
        else:
            out.append(el)
        # a content block the renderer opens itself (redline's "#vplan-ins[") starts markup too
        opens = t == "RawInline" and el["c"][0] == "typst" and el["c"][1].endswith("[")
        start = opens or (lines and t == "LineBreak") or (start and t in ("Space", "SoftBreak"))
    return out


def _status_colour(el: dict) -> str | None:
    classes = el["c"][0][1]
    return next((STATUS_COLOURS[c[7:]] for c in classes if c.startswith("status-") and c[7:] in STATUS_COLOURS),
                None)


def _str(text: str) -> list:
    if not _SHORTHAND.search(text):
        return _breakable(text)
    out, last = [], 0
    for m in _SHORTHAND.finditer(text):
        if m.start() > last:
            out += _breakable(text[last:m.start()])
        out.append(raw('#"' + m.group(0) + '"'))
        last = m.end()
    if last < len(text):
        out += _breakable(text[last:])
    return out


# typst breaks a line only where a word may break: a longer word (a web address, a row of
# characters) would run past the margin and be cut off. An empty box every LONG_WORD characters
# is a place to break that adds no character to the text, so the PDF still holds the word as written.
LONG_WORD = 30


def _breakable(text: str) -> list:
    if len(text) <= LONG_WORD:
        return [{"t": "Str", "c": text}]
    import unicodedata

    out, start = [], 0
    while len(text) - start > LONG_WORD:
        cut = start + LONG_WORD
        # never inside a character: not before a combining mark, a joiner or a variation selector
        while cut < len(text) and (unicodedata.combining(text[cut]) or text[cut] in _JOINING
                                   or text[cut - 1] == "\u200d"):
            cut += 1
        if cut >= len(text):
            break
        out += [{"t": "Str", "c": text[start:cut]}, raw("#box[]")]
        start = cut
    out.append({"t": "Str", "c": text[start:]})
    return out


_JOINING = {"\u200d", "\u034f", *map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0xE0100, 0xE01F0))}


def _note_body(blocks: list) -> tuple[list, str | None]:
    """The note's blocks (walked) without the anchor span of vplan.render.tree.notes, and its id."""
    label = None
    if blocks and blocks[0].get("t") in ("Plain", "Para"):
        first = blocks[0]["c"]
        if first and first[0].get("t") == "Span":
            attr, content = first[0]["c"]
            if attr[0].startswith("fotnot-") and not content:
                label = attr[0]
                blocks = [{"t": blocks[0]["t"], "c": first[1:]}, *blocks[1:]]
    return _walk(blocks), label


def _repeat(el: dict) -> str | None:
    content = el["c"]
    if len(content) == 1 and content[0].get("t") == "Link":
        attr, _, (target, _) = content[0]["c"]
        if "fotnotsreferens" in attr[1] and target.startswith("#"):
            return target[1:]
    return None
