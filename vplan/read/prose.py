"""Prose (Markdown the official wrote) -> pandoc's document tree, parsed once.

Every run of prose and every footnote body is parsed by pandoc's CommonMark
reader with footnotes, and nothing else: no raw TeX, no raw-format blocks
({=typst}), no attributes, no math, no citations. CommonMark is what `vplan fmt`
assumes too, and its parser is linear in its input, so a hostile text cannot
make it hang. All texts of a run go to one pandoc process: a small Lua reader
parses each text on its own and returns one Div per text.

Footnote references ([^id]) are resolved here as well: each text gets a
placeholder definition for the ids it mentions, so pandoc makes a Note whose
only content is the marker `NOTE_MARK + hex(id)`; the renderer swaps in the parsed
footnote body. The tree still holds raw HTML (CommonMark always parses it);
vplan.render.safety turns it into literal text.
"""
from __future__ import annotations

import functools
import json
import re
from typing import Iterable, Sequence

EXTENSIONS = "commonmark+footnotes"
NOTE_MARK = "vplanfotnot"  # + the id in hex, so no id can become markup
_REF = re.compile(r"\[\^([^\]\s]+)\]")

_LUA_READER = r"""
function Reader(input, opts)
  local data = pandoc.json.decode(tostring(input), false)
  local blocks = {}
  for i, text in ipairs(data.texts) do
    local doc = pandoc.read(text, data.format)
    blocks[#blocks + 1] = pandoc.Div(doc.blocks, {id = "t" .. i})
  end
  return pandoc.Pandoc(blocks)
end
"""

_cache: dict[str, list] = {}
MAX_CACHED = 50_000  # texts

# Limits that keep pandoc and typst in their linear range. CommonMark's link
# resolution grows with the square of the brackets in one text, typst refuses
# deep nesting, and PDF/A refuses a text run over 32 767 characters.
MAX_BRACKETS = 150  # [ in one run of prose
MAX_PLAN_BRACKETS = 3000  # [ in all the prose of a plan
MAX_NESTING = 12  # lists and quotes in each other (typst stops at about 17 quotes)
MAX_BRACKET_DEPTH = 20  # brackets in brackets
MAX_EMPHASIS_RUN = 6  # * or _ in a row inside a line
MAX_WORD = 1000  # characters without a space
WORD_MESSAGE = "Ett ord är längre än 1 000 tecken"
_EMPHASIS_RUN = re.compile(r"[*_~]{%d,}" % (MAX_EMPHASIS_RUN + 1))
# A line that starts with MAX_NESTING list or quote marks: the first line, then each line after
# a newline. A pattern that opens with "\n" is found by a quick scan for it; "(?m)^" is tried
# at every character.
_DEEP_FIRST = re.compile(r"[ \t>*+\-0-9.)]{%d,}" % MAX_NESTING)
_DEEP_AFTER = re.compile(r"\n([ \t>*+\-0-9.)]{%d,})" % MAX_NESTING)
# The start of a word longer than MAX_WORD. The lookbehind lets it start only where a word
# starts, so each character is looked at a bounded number of times: linear.
_LONG_WORD = re.compile(r"(?<!\S)\S{%d}" % (MAX_WORD + 1))
_BRACKET = re.compile(r"[\[\]]")
_MARKER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))")


def long_word(text: str) -> int | None:
    """Offset of a word longer than MAX_WORD characters, or None."""
    if len(text) <= MAX_WORD:  # the common case
        return None
    m = _LONG_WORD.search(text)
    return None if m is None else m.start()


def _deep_lines(text: str):
    """Where each line starting with at least MAX_NESTING list or quote marks starts."""
    if _DEEP_FIRST.match(text):
        yield 0
    for m in _DEEP_AFTER.finditer(text):
        yield m.start(1)


@functools.lru_cache(maxsize=4096)  # rules VP406 and VP421 both ask about the same texts
def limit_problems(text: str) -> tuple[tuple[str, int], ...]:
    """(what is wrong, offset) for each limit a prose text passes, in text order."""
    found: list[tuple[str, int]] = []
    if text.count("[") > MAX_BRACKETS:
        at = -1
        for _ in range(MAX_BRACKETS + 1):
            at = text.index("[", at + 1)
        found.append((f"Texten har fler än {MAX_BRACKETS} hakparenteser utan rubrik eller block emellan", at))
    elif "[" in text:
        depth = 0
        for bracket in _BRACKET.finditer(text):  # only the brackets, not every character
            if bracket.group() == "[":
                depth += 1
                if depth > MAX_BRACKET_DEPTH:
                    found.append((f"Hakparenteserna är nästlade i mer än {MAX_BRACKET_DEPTH} nivåer",
                                  bracket.start()))
                    break
            elif depth:
                depth -= 1
    # A run needs that many of * _ ~ in the text: most texts have fewer, and are not searched.
    runs = _EMPHASIS_RUN.finditer(text) if sum(map(text.count, "*_~")) > MAX_EMPHASIS_RUN else ()
    for m in runs:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        line = text[start:end if end >= 0 else len(text)]
        if line.strip(" *_~-"):  # a line of only stars is a rule, not emphasis
            found.append((f"Fler än {MAX_EMPHASIS_RUN} tecken * eller _ står i rad", m.start()))
            break
    for start in _deep_lines(text):
        end = text.find("\n", start)
        line = text[start:end if end >= 0 else len(text)]
        levels, pos = 0, 0
        while True:
            mark = _MARKER.match(line, pos)
            if not mark or mark.end() == pos:
                break
            levels += 1
            pos = mark.end()
        indent = line[:len(line) - len(line.lstrip(" \t"))].replace("\t", "    ")
        levels += len(indent) // 2  # CommonMark can open a sub-list every 2 spaces
        if levels > MAX_NESTING:
            found.append((f"Listor och citat är nästlade i mer än {MAX_NESTING} nivåer", start))
            break
    word = long_word(text)
    if word is not None:
        found.append((WORD_MESSAGE, word))
    return tuple(sorted(found, key=lambda f: f[1]))


def may_hold_targets(text: str) -> bool:
    """Could this text hold a link, an image or raw HTML? If not, its tree has none."""
    # A text without these cannot make a link, an image or raw HTML in CommonMark: links need
    # "](" or a "]:" definition, autolinks and HTML need "<".
    return "<" in text or "](" in text or "]:" in text


def with_note_placeholders(text: str) -> str:
    """The text plus a placeholder definition for each footnote id it mentions."""
    ids = dict.fromkeys(m.group(1) for m in _REF.finditer(text))
    if not ids:
        return text
    defs = "\n\n".join(f"[^{i}]: {NOTE_MARK}{i.encode().hex()}" for i in ids)
    return f"{text}\n\n{defs}\n"


def note_id(note_blocks: list) -> str | None:
    """The footnote id of a placeholder Note's content, or None for any other note."""
    if len(note_blocks) == 1 and note_blocks[0]["t"] in ("Para", "Plain"):
        inlines = note_blocks[0]["c"]
        if len(inlines) == 1 and inlines[0]["t"] == "Str" and inlines[0]["c"].startswith(NOTE_MARK):
            try:
                return bytes.fromhex(inlines[0]["c"][len(NOTE_MARK):]).decode()
            except ValueError:
                return None
    return None


def parse(texts: Sequence[str]) -> list[list]:
    """Each Markdown text -> its list of pandoc blocks (JSON), in one pandoc run.

    Results are kept for the life of the process, so a build that checked a
    plan does not parse its prose twice.
    """
    wanted = [with_note_placeholders(t) for t in texts]
    missing = list(dict.fromkeys(t for t in wanted if t not in _cache))
    if missing:
        if len(_cache) + len(missing) > MAX_CACHED:  # a long release: keep memory bounded
            _cache.clear()
            missing = list(dict.fromkeys(wanted))
        _cache.update(zip(missing, _run(missing)))
    return [_cache[t] for t in wanted]


def _run(texts: Iterable[str]) -> list[list]:
    import os
    import tempfile

    from vplan.render._pandoc import run_pandoc

    texts = list(texts)
    payload = json.dumps({"format": EXTENSIONS, "texts": texts}, ensure_ascii=False)
    with tempfile.TemporaryDirectory(prefix="vplan-text-") as work:
        reader = os.path.join(work, "texter.lua")
        with open(reader, "w", encoding="utf-8") as f:
            f.write(_LUA_READER)
        out = run_pandoc(["--from", reader, "--to", "json"], stdin=payload, cwd=None,
                         step="pandoc kunde inte läsa planens text")
    blocks = json.loads(out)["blocks"]
    return [div["c"][1] for div in blocks]
