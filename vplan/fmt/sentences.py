"""Split Swedish running text into sentences for one-sentence-per-line prose.

A wrong split or a missed one never changes what a plan means (a line break
inside a paragraph is only a soft break), so the rules lean towards not
splitting when in doubt: after abbreviations, initials, short numbers
("7 kap. 1 §", "punkt 2."), and wherever the next line would start with
something Markdown reads as a new block (a list marker, a heading).
"""
from __future__ import annotations

import re

# Lower-cased abbreviations that end in a period but rarely end a sentence.
ABBREVIATIONS = frozenset("""
t.ex. bl.a. m.m. s.k. d.v.s. dvs. o.s.v. osv. p.g.a. pga. m.fl. f.d. fr.o.m. t.o.m. t.v.
kap. nr. resp. ca. jfr. enl. inkl. exkl. st. tel. prop. ang. avd. ev. forts. max. min.
kl. s. sid. ff. f. fig. tab. bil. ref. ex. etc. obs. vs. dir.
jan. feb. mar. apr. jun. jul. aug. sep. sept. okt. nov. dec. e.d. o.d. i.st.f. mfl. tf.
""".split())

# Sentence end: . ! ? … optionally followed by closing quotes, brackets,
# emphasis markers and footnote references, then whitespace.
# (Only from the start of a run of marks, and possessive: a page of dots must not be tried
# once from each of its dots.)
_END = re.compile(r"""(?<![.!?…])[.!?…]++(?:[”"'’)\]*_]|\[\^[^\]\s]+\])*+(?=\s)""")
# What may begin a sentence: a capital, a digit, an opening quote, bracket or emphasis.
_START = re.compile(r"""[\s]+(?=[*_”"'(\[]*[A-ZÅÄÖÉÜ0-9])""")
# A line must not start with what Markdown (or the plan reader) reads as a block.
_BLOCK_START = re.compile(r"""(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|\#|>|\[\^[^\]]+\]:|`{3}|~{3}|[=\-_*]{3,}\s*$|<|\|)""")
LONGEST_WORD = 100  # characters before a full stop looked at: abbreviations and initials are short


def split(text: str) -> list[str]:
    """Sentences of `text` (one line, single spaces) in order; joined by ' ' they give it back."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        gap = _START.match(text, m.end())
        if not gap or not _is_boundary(text, start, m):
            continue
        if _BLOCK_START.match(text, gap.end()):  # at the position: slicing the rest is quadratic
            continue
        out.append(text[start:m.end()])
        start = gap.end()
    out.append(text[start:])
    return [s for s in out if s]


def _is_boundary(text: str, start: int, m: re.Match) -> bool:
    if text[m.start()] != ".":
        return True  # ! ? … always end a sentence
    first = max(start, m.start() + 1 - LONGEST_WORD, text.rfind(" ", start, m.start() + 1) + 1)
    core = text[first:m.start() + 1].lstrip("*_(\"”'[")
    bare = core.rstrip(".")
    if core.lower() in ABBREVIATIONS:
        return False
    if re.fullmatch(r"[A-ZÅÄÖ]", bare):
        return False  # an initial: "A. Svensson"
    if re.fullmatch(r"\d{1,2}", bare):
        return False  # an ordinal or a numbered item: "punkt 2.", "1."
    if re.search(r"\w\.\w", bare) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", bare):
        return False  # dotted words: "skr.se", "bl.a" written without the last dot, "1.2"
    return True
