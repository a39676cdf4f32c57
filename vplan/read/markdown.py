"""Markdown body -> flat list of headings, prose runs, fenced blocks, footnotes.

A line scanner, not a Markdown parser: we only need what carries structure.
Prose is handed to pandoc verbatim later.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vplan.model.core import made_in_bulk

# Each pattern has one way to match a line: overlapping runs such as [ \t]*(.*?)[ \t]*
# backtrack cubically on a long run of tabs, so trimming is done in Python (see heading()/fence()).
HEADING = re.compile(r"^(#{1,6})[ \t](.*)$")
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
FOOTNOTE_DEF = re.compile(r"^\[\^(?P<id>[^\]\s]+)\]:[ \t]?(?P<text>.*)$")
FOOTNOTE_REF = re.compile(r"\[\^(?P<id>[^\]\s]+)\](?!:)")


@made_in_bulk
@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    column: int


@made_in_bulk
@dataclass(frozen=True)
class Fenced:
    info: str
    body: str
    line: int  # line of the opening fence
    body_line: int  # file line of the first body line
    closed: bool


@made_in_bulk
@dataclass(frozen=True)
class ProseRun:
    text: str
    line: int


@made_in_bulk
@dataclass(frozen=True)
class FootnoteDef:
    id: str
    text: str
    line: int


Event = Heading | Fenced | ProseRun | FootnoteDef


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading; a closing run of # is dropped as CommonMark does."""
    m = HEADING.match(line)
    if not m:
        return None
    text = m.group(2).strip(" \t")
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        closed = closed.rstrip(" \t")
        text = closed or text  # "# ###" keeps its text rather than becoming empty
    return (len(m.group(1)), text) if text else None


def fence(line: str) -> tuple[str, str] | None:
    """(fence, info) of an opening code fence; info has no backticks."""
    m = FENCE.match(line)
    return (m.group("fence"), m.group("info").strip(" \t")) if m else None


def scan(body: str, first_line: int) -> list[Event]:
    """Split the body into events; `first_line` is the file line of body[0]."""
    lines = body.split("\n")
    events: list[Event] = []
    prose: list[str] = []
    prose_start = 0
    i = 0

    def flush():
        nonlocal prose
        text = "\n".join(prose).strip("\n")
        if text.strip():
            lead = 0  # the empty lines before the text
            while not prose[lead]:
                lead += 1
            events.append(ProseRun(text, first_line + prose_start + lead))
        prose = []

    n = len(lines)
    while i < n:
        line = lines[i]
        first = line[:1]
        if first == " ":
            first = line.lstrip(" ")[:1]
        if first not in ("`", "~", "#", "["):  # the common case: a prose line
            if not prose:
                prose_start = i
            prose.append(line)
            i += 1
            continue
        opening = fence(line)
        # An indented fence after prose belongs to that prose (a code block in a
        # list item, as CommonMark reads it): pandoc parses it with the prose.
        if opening and line[:1] == " " and any(p.strip() for p in prose[-50:]):
            opening = None
        if opening:
            flush()
            mark, info = opening
            start = i
            i += 1
            closed = reopened = False
            char = mark[0]
            while i < n:
                if char not in lines[i] or lines[i].lstrip()[:1] != char:  # the common case: a line of the block
                    i += 1
                    continue
                if lines[i].strip().startswith(mark[0] * len(mark)) and not lines[i].strip().strip(mark[0]):
                    closed = True
                    break
                # A forgotten closing fence: the next block's opening fence (```bilagor)
                # ends this one unclosed instead of being swallowed as its YAML.
                inner = fence(lines[i])
                if inner and inner[1] and inner[0][0] == mark[0] and len(inner[0]) >= len(mark):
                    reopened = True
                    break
                i += 1
            body_lines = lines[start + 1:i]
            if not closed:
                # An unclosed block ends at the first heading inside it, so the chapters
                # after it are still read (and not reported missing because of it).
                cut = next((j for j, ln in enumerate(body_lines) if heading(ln)), None)
                if cut is not None:
                    body_lines, i, reopened = body_lines[:cut], start + 1 + cut, True
            events.append(Fenced(info.strip(), "\n".join(body_lines),
                                 first_line + start, first_line + start + 1, closed))
            if not reopened:
                i += 1
            prose_start = i
            continue
        found = heading(line)
        if found:
            flush()
            events.append(Heading(found[0], found[1].strip(), first_line + i, 1))
            i += 1
            prose_start = i
            continue
        fdef = FOOTNOTE_DEF.match(line)
        if fdef:
            flush()
            start = i
            text = [fdef.group("text")]
            i += 1
            # continuation: indented lines, or blank lines followed by indented ones
            while i < len(lines) and (lines[i].startswith(("    ", "\t"))
                                      or (not lines[i].strip() and i + 1 < len(lines)
                                          and lines[i + 1].startswith(("    ", "\t")))):
                # drop the footnote's own indentation only: nested lists keep theirs
                line_i = lines[i]
                text.append(line_i[1:] if line_i.startswith("\t") else line_i[4:] if line_i.startswith("    ") else "")
                i += 1
            events.append(FootnoteDef(fdef.group("id"), "\n".join(text).strip(), first_line + start))
            prose_start = i
            continue
        if not prose:
            prose_start = i
        prose.append(line)
        i += 1
    flush()
    return events


def footnote_refs(text: str, line: int):
    """(id, line, column) for each [^id] in a piece of text starting at `line`."""
    ln, line_start, counted = line, 0, 0  # counted forward once: linear in the text
    for m in FOOTNOTE_REF.finditer(text):
        newlines = text.count("\n", counted, m.start())
        if newlines:
            ln += newlines
            line_start = text.rfind("\n", counted, m.start()) + 1
        counted = m.start()
        yield m.group("id"), ln, m.start() - line_start + 1
