"""Prose as paragraphs, and word-level differences between two texts."""
from __future__ import annotations

import difflib
import re

_BULLET = re.compile(r"^\s*[-*+]\s+\S")
_ORDERED = re.compile(r"^\s*(\d{1,9})[.)]\s+\S")
CONTEXT = 6  # words kept on each side of a change


def paragraphs(markdown: str) -> list[str]:
    """Paragraphs and list items of a piece of prose, whitespace collapsed."""
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", markdown.strip()):
        current: list[str] = []
        ordered_list = False
        for line in block.split("\n"):
            if current and _starts_item(line, ordered_list):
                out.append(" ".join(" ".join(current).split()))
                current = []
            if not current:
                ordered_list = bool(_ORDERED.match(line))
            current.append(line)
        if current:
            out.append(" ".join(" ".join(current).split()))
    return [p for p in out if p]


def _starts_item(line: str, in_ordered_list: bool) -> bool:
    """As CommonMark: only "1." (or any number inside an ordered list) interrupts a paragraph."""
    if _BULLET.match(line):
        return True
    m = _ORDERED.match(line)
    return bool(m) and (in_ordered_list or m.group(1) == "1")


def word_diff(old: str, new: str, context: int = CONTEXT) -> tuple[tuple[str, str], ...]:
    """Segments ("=", "-", "+", "…") with unchanged runs shortened to `context` words."""
    a, b = old.split(), new.split()
    segments: list[tuple[str, str]] = []
    ops = _opcodes(a, b)
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            words = a[i1:i2]
            first, last = k == 0, k == len(ops) - 1
            if len(words) > 2 * context or (first or last) and len(words) > context:
                head = [] if first else words[:context]
                tail = [] if last else words[-context:]
                if head:
                    segments.append(("=", " ".join(head)))
                segments.append(("…", "…"))
                if tail:
                    segments.append(("=", " ".join(tail)))
            else:
                segments.append(("=", " ".join(words)))
            continue
        if tag in ("delete", "replace"):
            segments.append(("-", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(("+", " ".join(b[j1:j2])))
    return tuple(segments)


MAX_WORD_PAIRS = 1_000_000  # changed words old x new that difflib matches (quadratic) one by one


def common_ends(a: list, b: list) -> tuple[int, int]:
    """How many items the two lists share at the start, and then at the end."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def _opcodes(a: list[str], b: list[str]) -> list[tuple]:
    """difflib's opcodes; when the changed middle is too long to match word by word (a rewritten
    page), the common start and end are kept and the middle is one replacement."""
    if len(a) * len(b) <= MAX_WORD_PAIRS:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    start, end = common_ends(a, b)
    ops = [("equal", 0, start, 0, start)] if start else []
    a_end, b_end = len(a) - end, len(b) - end
    if start < a_end or start < b_end:
        tag = "replace" if start < a_end and start < b_end else ("delete" if start < a_end else "insert")
        ops.append((tag, start, a_end, start, b_end))
    if end:
        ops.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return ops


def plain_markup(segments) -> str:
    """git's --word-diff=plain style: [-old-]{+new+}."""
    parts = []
    for op, text in segments:
        parts.append({"=": text, "…": "…", "-": f"[-{text}-]", "+": f"{{+{text}+}}"}[op])
    return " ".join(parts)


def short(text: str, width: int = 80) -> str:
    """At most `width` characters, cut between words."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
