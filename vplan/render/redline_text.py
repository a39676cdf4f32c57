"""Prose for the marked-up version: paragraphs with their list markers, and word
pieces that can be marked without breaking the Markdown around them.

Everything here works on strings the reader produced (Prose.markdown and the
like); nothing reads a source file.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Sequence

from vplan.diff.match import similarity

_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)(?=\S)")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
_DELIMS = "*_~^$"
_TRAILING = re.compile(r"[.,;:!?]+$")
GLUE = "\x00"  # starts a piece that follows the one before it without a space


@dataclass(frozen=True)
class Unit:
    """One paragraph or list item: its marker as written, its text on one line."""

    prefix: str  # "", "- ", "1. ", "> ", or indentation that keeps it inside a list
    text: str
    sep: str  # what stood before it: "\n" inside a block of lines, "\n\n" between blocks


def units(markdown: str) -> list[Unit]:
    """The paragraphs and list items of a piece of prose, in order."""
    out: list[Unit] = []
    for block in re.split(r"\n[ \t]*\n", markdown.strip("\n")):
        current: list | None = None  # [prefix, lines, separator]
        ordered = False
        for line in filter(str.strip, block.split("\n")):
            item = _ITEM.match(line)
            if item and (current is None or _interrupts(item.group(2), ordered)):
                _close(current, out)
                ordered = item.group(2)[-1] in ".)"
                current = [item.group(0), [line[item.end():]], "\n\n" if current is None else "\n"]
            elif current is None:
                quote = _QUOTE.match(line)
                prefix = quote.group(0) if quote else line[: len(line) - len(line.lstrip())]
                current = [prefix, [line[len(prefix):]], "\n\n"]
            else:
                current[1].append(_QUOTE.sub("", line) if current[0].lstrip().startswith(">") else line)
        _close(current, out)
    return out


def _interrupts(marker: str, in_ordered_list: bool) -> bool:
    """As CommonMark: a bullet, or "1." (any number inside an ordered list), starts an item."""
    return marker in "-*+" or in_ordered_list or marker[:-1] == "1"


def _close(current, out: list[Unit]) -> None:
    if current is not None:
        prefix, lines, sep = current
        out.append(Unit(prefix, " ".join(" ".join(lines).split()), sep))


def join_units(rendered: Sequence[tuple[str, str]]) -> str:
    """(separator, Markdown) pairs back into prose; the first separator is dropped."""
    return "".join(sep + text for sep, text in rendered).lstrip("\n")


# --- pieces of inline Markdown ------------------------------------------------

def pieces(markdown: str) -> list[str] | None:
    """The words of one paragraph, with every inline construct kept whole.

    A piece never ends inside emphasis, a link, a code span or a footnote
    reference, so each piece (and each run of pieces) can be wrapped in a mark.
    None when the markup cannot be read with certainty (say, a lone `*` run);
    the caller then marks the paragraph as a whole.
    """
    text = " ".join(markdown.split())
    out: list[str] = []
    stack: list[str] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
        elif ch == "`":
            i = _code_span(text, i)
        elif ch == " ":
            if not stack:
                out.append(text[start:i])
                start = i + 1
            i += 1
        elif ch == "[" and text[i + 1:i + 2] == "^":  # a footnote reference [^id]
            end = text.find("]", i)
            if end < 0:
                return None
            i = end + 1
        elif ch == "[":
            stack.append("[")
            i += 1
        elif ch == "]":
            if not stack or stack[-1] != "[":
                return None
            stack.pop()
            i += 1
            if text[i:i + 1] == "(":
                i = _destination(text, i)
                if i < 0:
                    return None
        elif ch == "^" and text[i + 1:i + 2] == "[":
            i += 1  # an inline note ^[…]: the bracket carries it
        elif ch in _DELIMS:
            run = len(text[i:]) - len(text[i:].lstrip(ch))
            if not _delimiter(text, i, run, stack):
                return None
            i += run
        else:
            i += 1
    if stack:
        return None
    out.append(text[start:])
    return [q for p in out if p for q in _split_punctuation(p)]


def _split_punctuation(piece: str) -> list[str]:
    """"ledarskap." -> "ledarskap", GLUE + ".": a changed word does not take its full stop along."""
    m = _TRAILING.search(piece)
    if not m or m.start() == 0 or piece[m.start() - 1] == "\\":
        return [piece]
    return [piece[:m.start()], GLUE + m.group(0)]


def join(pieces_: Sequence[str]) -> str:
    """Pieces back into text: spaces between them, none before a glued one (a first one keeps its GLUE)."""
    return "".join(p if not k else p[1:] if p.startswith(GLUE) else " " + p for k, p in enumerate(pieces_))


def _code_span(text: str, i: int) -> int:
    """Index after a code span starting at i, or after its backticks when none closes."""
    run = len(text[i:]) - len(text[i:].lstrip("`"))
    closing = re.compile(r"(?<!`)" + "`" * run + r"(?!`)")
    m = closing.search(text, i + run)
    return m.end() if m else i + run


def _destination(text: str, i: int) -> int:
    """Index after a link destination "( … )" starting at i; -1 when it does not close."""
    depth = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _delimiter(text: str, i: int, run: int, stack: list[str]) -> bool:
    """Open or close emphasis-like markup; False when the run cannot be read with certainty."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + run] if i + run < len(text) else " "
    if ch == "_" and before.isalnum() and after.isalnum():
        return True  # snake_case: pandoc does not read intraword underscores
    opens, closes = not after.isspace(), not before.isspace()
    token = ch * run
    if closes and stack and stack[-1][0] == ch:
        if stack[-1] != token:
            return False  # "***a** b*" and the like: leave the paragraph whole
        stack.pop()
    elif opens:
        if run > 2:
            return False
        stack.append(token)
    return True


# --- aligning two versions ------------------------------------------------------

def align(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pair paragraphs as `vplan diff` does: equal runs, then similar ones in order.

    Pairs come in new order; a removed paragraph comes before the added ones
    that replace it.
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


def word_ops(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, str, str]]:
    """("=", old, new), ("-", old, ""), ("+", "", new) runs of pieces, joined by spaces.

    A run that begins with a glued piece (a full stop) starts with GLUE, so the
    caller knows to put no space before it.

    An unchanged run that is shorter than the changes on both sides of it joins
    them (as diff-match-patch's semantic clean-up does), so a rewritten sentence
    reads as one deletion and one insertion rather than a word salad.
    """
    ops = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes()

    def size(k: int) -> int:
        _tag, i1, i2, j1, j2 = ops[k]
        return max(len(join(old[i1:i2])), len(join(new[j1:j2])))

    merged: list[list] = []  # [changed?, old pieces, new pieces]
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        changed = tag != "equal"
        small = not changed and 0 < k < len(ops) - 1 and size(k) < min(size(k - 1), size(k + 1))
        if (changed or small) and merged and merged[-1][0]:
            merged[-1][1] += old[i1:i2]
            merged[-1][2] += new[j1:j2]
        else:
            merged.append([changed or small, list(old[i1:i2]), list(new[j1:j2])])
    out: list[tuple[str, str, str]] = []
    for changed, a, b in merged:
        if not changed:
            out.append(("=", join(a), join(b)))
            continue
        if a:
            out.append(("-", join(a), ""))
        if b:
            out.append(("+", "", join(b)))
    return out
