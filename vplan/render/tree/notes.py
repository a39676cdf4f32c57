"""Footnotes: each printed once, at its first reference; later references point at it.

The reader leaves a placeholder Note for every [^id] (vplan.read.prose). The
first placeholder of an id becomes a real Note holding the footnote's body and
an anchor; a later one becomes its number, superscript, linked to that anchor.
Every writer numbers notes in document order, so the number is the same in
HTML, DOCX and PDF.
"""
from __future__ import annotations

import copy
from typing import Mapping

from vplan.read.prose import note_id
from vplan.render.tree import nodes as n
from vplan.render.tree.words import slug


class Notes:
    def __init__(self, bodies: Mapping[str, list]):
        self.bodies = bodies
        self.numbers: dict[str, int] = {}
        self.anchors: dict[str, str] = {}
        self.count = 0
        self.taken: set[str] = set()

    def resolve(self, tree):
        if isinstance(tree, list):
            return [self.resolve(x) for x in tree]
        if isinstance(tree, dict):
            if tree.get("t") == "Note":
                return self.note(tree)
            if "c" in tree:
                return {**tree, "c": self.resolve(tree["c"])}
        return tree

    def note(self, node: dict) -> dict:
        ident = note_id(node["c"])
        if ident is None:  # a note written inside the text itself
            self.count += 1
            return {"t": "Note", "c": self._flat(node["c"])}
        if ident not in self.bodies:  # undefined: check reports it; a draft shows the mark
            return {"t": "Str", "c": f"[^{ident}]"}
        if ident in self.numbers:
            label = [{"t": "Str", "c": str(self.numbers[ident])}]
            return n.superscript([n.link(label, "#" + self.anchors[ident], ["fotnotsreferens"])])
        self.count += 1
        self.numbers[ident] = self.count
        anchor = slug(ident, self.taken, "fotnot-")
        self.anchors[ident] = anchor
        body = self._flat(copy.deepcopy(self.bodies[ident])) or [n.para([])]
        first = body[0]
        if first["t"] in ("Para", "Plain"):
            first["c"] = [n.span([], id=anchor)] + first["c"]
        else:
            body.insert(0, n.plain([n.span([], id=anchor)]))
        return {"t": "Note", "c": body}

    def _flat(self, blocks):
        """A footnote inside a footnote cannot be printed: show its mark instead."""
        def walk(x):
            if isinstance(x, list):
                return [walk(i) for i in x]
            if isinstance(x, dict):
                if x.get("t") == "Note":
                    ident = note_id(x["c"])
                    return {"t": "Str", "c": f"[^{ident}]" if ident else ""}
                if "c" in x:
                    return {**x, "c": walk(x["c"])}
            return x
        return walk(blocks)
