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

import json
import re
from typing import Iterable, Sequence

EXTENSIONS = "commonmark+footnotes"
NOTE_MARK = "vplanfotnot"  # + the id in hex, so no id can become markup
_REF = re.compile(r"\[\^([^\]\s]+)\]")

# A text without these characters cannot make a link, an image or raw HTML in
# CommonMark: links need "](" or a "]:" definition, autolinks and HTML need "<".
_ACTIVE = re.compile(r"\]\(|\]:|<")

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


def may_hold_targets(text: str) -> bool:
    """Could this text hold a link, an image or raw HTML? If not, its tree has none."""
    return _ACTIVE.search(text) is not None


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
        for text, blocks in zip(missing, _run(missing)):
            _cache[text] = blocks
        if len(_cache) > 50_000:  # a long release: keep memory bounded
            _cache.clear()
            return [b for b in _run(wanted)]
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
