"""Word by word differences between two texts given as inline nodes.

A text is cut into pieces, one per word, with every construct that cannot be
cut (a link, a code span, a footnote, an image) kept whole inside its word, and
bold or italic text cut into words that each keep their bold or italics. Pieces
are compared by their nodes, so a word that became bold is a change; the result
is the new text with the changed runs wrapped in marks (vplan.render.redline_marks).
The plan's text stays in the nodes the reader made of it: nothing here reads
or writes Markdown.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Sequence

from vplan.diff.match import similarity
from vplan.render import redline_marks as marks
from vplan.render.tree import nodes as n

_TRAILING = re.compile(r"[.,;:!?]+$")
_WRAPPERS = ("Strong", "Emph", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps")
_BREAKS = ("Space", "SoftBreak")


@dataclass(frozen=True)
class Piece:
    """One word: its nodes, and whether it follows the one before it without a space."""

    nodes: tuple
    glued: bool = False

    @property
    def key(self) -> str:
        return json.dumps(self.nodes, sort_keys=True, ensure_ascii=False)

    @property
    def text(self) -> str:
        return n.stringify(list(self.nodes))


def pieces(inlines: Sequence[dict]) -> list[Piece]:
    """The words of a text, in order."""
    words: list[list] = []  # [nodes, glued]
    _cut(list(inlines), words, lambda x: x, gap=[True])
    out: list[Piece] = []
    for nodes, glued in words:
        if nodes:
            out += _split_punctuation(Piece(tuple(nodes), glued))
    return out


def _cut(inlines: list, words: list, wrap, gap: list) -> None:
    """Append the words of `inlines` to `words`; `gap[0]`: a space stands before the next node."""
    for node in inlines:
        t = node["t"]
        if t in _BREAKS:
            gap[0] = True
        elif t == "LineBreak":
            words.append([[node], not gap[0]])
            words.append([[], True])  # what follows is glued to the break
            gap[0] = False
        elif t in _WRAPPERS:
            _cut(node["c"], words, lambda x, t=t, outer=wrap: outer({"t": t, "c": [x]}), gap)
        else:
            if gap[0] or not words:
                words.append([[], not gap[0] and bool(words)])
            words[-1][0].append(wrap(node))
            gap[0] = False


def _split_punctuation(piece: Piece) -> list[Piece]:
    """"ledarskap." -> "ledarskap", then "." glued: a changed word does not take its full stop along."""
    last = piece.nodes[-1]
    if last["t"] != "Str":
        return [piece]
    m = _TRAILING.search(last["c"])
    if not m or (m.start() == 0 and len(piece.nodes) == 1):
        return [piece]
    head = piece.nodes[:-1] + ((n.string(last["c"][:m.start()]),) if m.start() else ())
    return [Piece(head, piece.glued), Piece((n.string(m.group(0)),), True)]


def join(pieces_: Sequence[Piece]) -> list[dict]:
    """Pieces back into inline nodes, a space between them except before a glued one."""
    out: list[dict] = []
    for k, p in enumerate(pieces_):
        if k and not p.glued:
            out.append(n.space())
        out += [dict(x) for x in p.nodes]
    return out


# --- the difference ----------------------------------------------------------------

def words(old: Sequence[dict], new: Sequence[dict]) -> list[dict]:
    """The new text with what differs from the old marked, word by word."""
    a, b = pieces(old), pieces(new)
    if [p.key for p in a] == [p.key for p in b]:
        return [dict(x) for x in new]
    out: list[dict] = []
    for op, run in word_ops(a, b):
        shown = join(run)
        if op == "-":
            shown = marks.delete(shown)
        elif op == "+":
            shown = marks.ins(shown)
        if out and not run[0].glued:
            out.append(n.space())
        out += shown
    return out


def word_ops(old: Sequence[Piece], new: Sequence[Piece]) -> list[tuple[str, list[Piece]]]:
    """("=", new pieces), ("-", old pieces), ("+", new pieces) runs.

    An unchanged run that is shorter than the changes on both sides of it joins
    them (as diff-match-patch's semantic clean-up does), so a rewritten sentence
    reads as one deletion and one insertion rather than a word salad.
    """
    ops = difflib.SequenceMatcher(None, [p.key for p in old], [p.key for p in new], autojunk=False).get_opcodes()

    def size(k: int) -> int:
        _tag, i1, i2, j1, j2 = ops[k]
        return max(_length(old[i1:i2]), _length(new[j1:j2]))

    merged: list[list] = []  # [changed?, old pieces, new pieces]
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        changed = tag != "equal"
        small = not changed and 0 < k < len(ops) - 1 and size(k) < min(size(k - 1), size(k + 1))
        if (changed or small) and merged and merged[-1][0]:
            merged[-1][1] += old[i1:i2]
            merged[-1][2] += new[j1:j2]
        else:
            merged.append([changed or small, list(old[i1:i2]), list(new[j1:j2])])
    out: list[tuple[str, list[Piece]]] = []
    for changed, a, b in merged:
        if not changed:
            out.append(("=", b))
            continue
        if a:
            out.append(("-", a))
        if b:
            out.append(("+", b))
    return out


def _length(run: Sequence[Piece]) -> int:
    return sum(len(p.text) + (0 if p.glued else 1) for p in run)


# --- aligning two versions ------------------------------------------------------------

def align(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pair paragraphs (or lines) as `vplan diff` does: equal runs, then similar ones in order.

    Pairs come in new order; a removed one comes before the added ones that replace it.
    """
    out: list[tuple[int | None, int | None]] = []
    sm = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out += zip(range(i1, i2), range(j1, j2))
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        while olds and news and _alike(old[olds[0]], new[news[0]], len(olds) == len(news) == 1):
            out.append((olds.pop(0), news.pop(0)))
        out += [(i, None) for i in olds] + [(None, j) for j in news]
    return out


def _alike(a: str, b: str, only_pair: bool) -> bool:
    if similarity(a, b) >= 0.5:
        return True
    wa, wb = set(a.split()), set(b.split())
    return only_pair and len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def key(nodes) -> str:
    """Equal nodes, equal key: what `align` compares when texts must match exactly."""
    return json.dumps(nodes, sort_keys=True, ensure_ascii=False)
