"""The follow-up's text with Kolada's values added: only the utfall blocks that change are rewritten.

Each changed block is loaded as data (fmt's fast path, or ruamel's round trip where it
has comments, which keeps them), the values and their source are added, and the block
is written in vplan fmt's canonical form; every other line stays as it was. Where a
block stands is decided by the reader's own scanner. A value goes into the indicator's
existing entry (without organisation); an indicator without one gets a new entry in the
utfall block under its goal's heading, else in the file's last utfall block.
"""
from __future__ import annotations

import datetime
from decimal import Decimal

from vplan.cycle.yamldata import Doc, dump, load, number, put_sorted
from vplan.errors import UsageError


def target_blocks(followup, want, additions) -> tuple[dict[str, int], list[str]]:
    """indicator id -> the body line of the utfall block its values go into; ids with no block."""
    from vplan.followup.model import OutcomeBlock

    blocks = []  # (body line, section title or None)
    for section in followup.document.sections():
        blocks += [(b.pos.line, section.title) for b in section.blocks if isinstance(b, OutcomeBlock)]
    blocks += [(b.pos.line, None) for b in followup.document.preamble if isinstance(b, OutcomeBlock)]
    entry_block = {}
    for line, _ in blocks:
        for o in _outcomes_at(followup, line):
            if o.organisation is None:
                entry_block.setdefault(o.id, line)
    goal_of = {w.indicator: w.goal for w in want}
    out, nowhere = {}, []
    for ind in additions:
        if ind in entry_block:
            out[ind] = entry_block[ind]
            continue
        under_goal = [line for line, title in blocks if title is not None and title == goal_of.get(ind)]
        chosen = under_goal[0] if under_goal else max((line for line, _ in blocks), default=None)
        if chosen is None:
            nowhere.append(ind)
        else:
            out[ind] = chosen
    return out, nowhere


def _outcomes_at(followup, line: int):
    from vplan.followup.model import OutcomeBlock

    for b in followup.document.blocks():
        if isinstance(b, OutcomeBlock) and b.pos.line == line:
            return b.utfall
    return ()


def edited_text(text: str, *, name: str, additions: dict, blocks: dict[str, int], fetched_on: str,
                schema_dir) -> str:
    """`text` with each indicator's values (year -> (value, kpi)) added to the block chosen for it."""
    from vplan.fmt.document import FOLLOWUP_SCHEMAS, block_kind, clean, split
    from vplan.read.markdown import Fenced, scan

    text = clean(text)
    parts = split(text)
    lines = text.split("\n")
    by_block: dict[int, list[str]] = {}
    for ind, line in blocks.items():
        by_block.setdefault(line, []).append(ind)
    edits = {}
    for ev in scan(parts.body, parts.body_line):
        if not (isinstance(ev, Fenced) and ev.closed) or block_kind(ev.info, FOLLOWUP_SCHEMAS) != "utfall":
            continue
        inds = by_block.get(ev.body_line)
        if not inds:
            continue
        doc = load(ev.body, "utfall", schema_dir, f"{name}:{ev.body_line}")
        for ind in inds:
            _add(doc, ind, additions[ind], fetched_on)
        edits[ev.body_line - 1] = (len(ev.body.split("\n")) if ev.body else 0, dump(doc, "utfall", schema_dir))
    missing = set(by_block) - {at + 1 for at in edits}
    if missing:  # the reader and the scanner disagree about a block: a bug, never the user's fault
        raise RuntimeError(f"utfall blocks at lines {sorted(missing)} not found in {name}")
    for at in sorted(edits, reverse=True):
        count, new = edits[at]
        lines[at:at + count] = new.rstrip("\n").split("\n")
    return "\n".join(lines)


def _add(doc: Doc, ind: str, values: dict[int, tuple[Decimal, str]], fetched_on: str) -> None:
    items = doc.data.get("utfall") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        raise UsageError("Ett block utfall i uppföljningen saknar listan utfall.",
                         "Kör vplan check på uppföljningen och rätta felen först.")
    entry = next((e for e in items if isinstance(e, dict) and e.get("id") == ind and not e.get("organisation")),
                 None)
    if entry is None:
        entry = {"id": ind, "värden": {}}
        items.append(entry)
    yearly = entry.setdefault("värden", {})
    sources = entry.get("källa")
    if not isinstance(sources, dict):
        sources = entry["källa"] = {}
    for year, (value, kpi) in sorted(values.items()):
        if any(number(k) == year for k in yearly):  # never overwrite what a person wrote
            continue
        put_sorted(yearly, year, _number(value, doc.fast))
        if not any(number(k) == year for k in sources):
            put_sorted(sources, year, {"kolada": kpi, "hämtad": _date(fetched_on, doc.fast)})


def _number(value: Decimal, fast: bool):
    from vplan.fmt.fastyaml import Plain

    if fast:
        return Plain(format(value, "f"))
    return int(value) if value == value.to_integral_value() else float(value)


def _date(iso: str, fast: bool):
    from vplan.fmt.fastyaml import Plain

    return Plain(iso) if fast else datetime.date.fromisoformat(iso)
