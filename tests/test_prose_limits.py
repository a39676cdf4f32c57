"""The prose limits (VP421) are found by quick scans; they must find exactly what a plain
character-by-character reading finds, written out here as the reference."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from vplan.read import prose
from vplan.read.prose import (MAX_BRACKET_DEPTH, MAX_BRACKETS, MAX_EMPHASIS_RUN, MAX_NESTING, MAX_WORD,
                              long_word, limit_problems)

_EMPHASIS = re.compile(r"[*_~]{%d,}" % (MAX_EMPHASIS_RUN + 1))
_DEEP = re.compile(r"(?m)^[ \t>*+\-0-9.)]{%d,}" % MAX_NESTING)


def reference_long_word(text: str):
    for m in re.finditer(r"\S+", text):
        if m.end() - m.start() > MAX_WORD:
            return m.start()
    return None


def reference_offsets(text: str) -> list[int]:
    """The offsets limit_problems reports, found the slow way."""
    found = []
    if text.count("[") > MAX_BRACKETS:
        found.append([i for i, ch in enumerate(text) if ch == "["][MAX_BRACKETS])
    elif "[" in text:
        depth = 0
        for i, ch in enumerate(text):
            if ch == "[":
                depth += 1
                if depth > MAX_BRACKET_DEPTH:
                    found.append(i)
                    break
            elif ch == "]" and depth:
                depth -= 1
    for m in _EMPHASIS.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        if text[start:end if end >= 0 else len(text)].strip(" *_~-"):
            found.append(m.start())
            break
    for m in _DEEP.finditer(text):
        end = text.find("\n", m.start())
        line = text[m.start():end if end >= 0 else len(text)]
        levels, pos = 0, 0
        while (mark := prose._MARKER.match(line, pos)) and mark.end() != pos:
            levels, pos = levels + 1, mark.end()
        indent = line[:len(line) - len(line.lstrip(" \t"))].replace("\t", "    ")
        if levels + len(indent) // 2 > MAX_NESTING:
            found.append(m.start())
            break
    word = reference_long_word(text)
    if word is not None:
        found.append(word)
    return sorted(found)


PIECES = [" ", "  ", "\t", "\n", "\u2003", "\x1c", "[", "]", "[" * 8, "]" * 3, "*", "**", "***", "_", "~",
          "-", "> ", "- ", "* ", "1. ", "2) ", "+ ", " " * 8, ".", ")", "a", "ord", "å", "a" * 400]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_same_findings_as_reading_every_character(pieces):
    text = "".join(pieces)
    assert long_word(text) == reference_long_word(text)
    assert [offset for _, offset in limit_problems(text)] == reference_offsets(text)


def test_each_limit():
    assert long_word("kort " + "x" * (MAX_WORD + 1)) == 5
    assert long_word(("x" * MAX_WORD + " ") * 5) is None
    deep = "text\n" + "> " * (MAX_NESTING + 1) + "citat"
    assert [o for _, o in limit_problems(deep)] == [5]
    assert [o for _, o in limit_problems("[" * (MAX_BRACKET_DEPTH + 1))] == [MAX_BRACKET_DEPTH]
    assert [o for _, o in limit_problems("ord " + "*" * (MAX_EMPHASIS_RUN + 1) + " ord")] == [4]
    assert limit_problems("*" * (MAX_EMPHASIS_RUN + 1)) == ()  # a line of stars is a rule
