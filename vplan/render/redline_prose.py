"""Prose in the marked-up version: the blocks pandoc made of both versions, paired.

Paragraphs (and list items inside lists) are paired as `vplan diff` pairs
them. A paragraph that changed is marked word by word; a new one is underlined
and a removed one struck, in its old place, as a whole. Everything works on the
trees vplan.render.tree.safety has already walked: nothing is parsed again.
"""
from __future__ import annotations

from typing import Callable, Sequence

from vplan.render import redline_marks as marks
from vplan.render.redline_text import align, key, words
from vplan.render.tree import nodes as n

_LINES = ("Para", "Plain")


def mark_blocks(blocks: Sequence[dict], added: bool) -> list[dict]:
    """Blocks wholly added (or removed): the text of every paragraph and list item marked."""
    mark = marks.ins if added else marks.delete
    out: list[dict] = []
    for b in blocks:
        t, c = b["t"], b.get("c")
        if t in _LINES:
            out.append({"t": t, "c": mark(c)})
        elif t == "BulletList":
            out.append({"t": t, "c": [mark_blocks(item, added) for item in c]})
        elif t == "OrderedList":
            out.append({"t": t, "c": [c[0], [mark_blocks(item, added) for item in c[1]]]})
        elif t == "BlockQuote":
            out.append({"t": t, "c": mark_blocks(c, added)})
        elif t == "Div":
            out.append({"t": t, "c": [c[0], mark_blocks(c[1], added)]})
        elif t == "CodeBlock":  # a code block cannot hold marks: shown as code in a paragraph
            out.append(n.para(mark([{"t": "Code", "c": [n.attr(), c[1]]}])))
        elif t == "LineBlock":
            out.append({"t": t, "c": [mark(line) for line in c]})
        else:
            out.append(b)
    return out


def diff_blocks(old: Sequence[dict], new: Sequence[dict]) -> list[dict]:
    """The new blocks with what changed since the old ones marked, removed ones put back struck."""
    plan = unit_plan(old, new)
    out = [b for step in plan[-1] for b in render(step)]
    for j in range(len(new)):
        out += [b for step in plan[j] for b in render(step)]
    return out


Step = tuple  # ("=" | "~" | "+" | "-", old unit or None, new unit or None)


def unit_plan(old: Sequence, new: Sequence, text: Callable = n.stringify) -> dict[int, list[Step]]:
    """new index -> steps to show there (itself, then removed ones after it); -1: before all."""
    plan: dict[int, list[Step]] = {j: [] for j in range(len(new))}
    plan[-1] = []
    last = -1
    for oi, nj in align([text(u) for u in old], [text(u) for u in new]):
        if nj is None:
            plan[last].append(("-", old[oi], None))
            continue
        last = nj
        if oi is None:
            plan[nj].insert(0, ("+", None, new[nj]))
        else:
            plan[nj].insert(0, ("=" if key(old[oi]) == key(new[nj]) else "~", old[oi], new[nj]))
    return plan


def render(step: Step) -> list[dict]:
    op, old, new = step
    if op == "=":
        return [new]
    if op == "+":
        return mark_blocks([new], True)
    if op == "-":
        return mark_blocks([old], False)
    return changed(old, new)


def changed(old: dict, new: dict) -> list[dict]:
    """Two paired blocks: word by word where both are text, item by item where both are lists."""
    t = new["t"]
    if t in _LINES and old["t"] in _LINES:
        return [{"t": t, "c": words(old["c"], new["c"])}]
    if t == old["t"] == "BulletList":
        return [{"t": t, "c": diff_items(old["c"], new["c"])}]
    if t == old["t"] == "OrderedList":
        return [{"t": t, "c": [new["c"][0], diff_items(old["c"][1], new["c"][1])]}]
    if t == old["t"] == "BlockQuote":
        return [{"t": t, "c": diff_blocks(old["c"], new["c"])}]
    return mark_blocks([old], False) + mark_blocks([new], True)


def diff_items(old: Sequence[list], new: Sequence[list]) -> list[list]:
    """List items (each a list of blocks) paired; removed items stay in the list, struck."""
    plan = unit_plan(old, new)
    out: list[list] = []
    for j in [-1, *range(len(new))]:
        for op, o, nw in plan[j]:
            out.append(nw if op == "=" else mark_blocks(nw, True) if op == "+" else
                       mark_blocks(o, False) if op == "-" else diff_blocks(o, nw))
    return out
