"""Which part of the older plan each part of the current plan continues.

The matching is vplan.diff's: sections top-down then by heading (moves),
items across the whole plan by id, then by name or text (match.pair). This
module only records the result in a form the marked-up context can look up:
by the identity of the new object, and, for what was removed, where in the
current plan it should be shown.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from vplan.diff import compare
from vplan.diff.match import pair
from vplan.diff.tables import _table_text
from vplan.model import (
    AppendixBlock, AssignmentBlock, IndicatorBlock, Plan, Prose, RiskBlock, Section, Table,
)

ROOT = "början"  # the part of the plan before its first heading

# Block type -> (items attribute, stable key, text to match on), as vplan.diff.blocks pairs them.
ITEMS: dict[type, tuple[str, Callable, Callable]] = {
    IndicatorBlock: ("indikatorer", lambda i: i.id, lambda i: i.namn),
    AssignmentBlock: ("uppdrag", lambda a: a.id, lambda a: " ".join(a.text.split())),
    RiskBlock: ("risker", lambda r: None, lambda r: r.titel),
    AppendixBlock: ("bilagor", lambda a: a.nummer, lambda a: a.titel),
}


def own_items(items: Iterable) -> list:
    """A section's own prose and blocks, without its sub-sections."""
    return [i for i in items if not isinstance(i, Section)]


def is_block(item) -> bool:
    return not isinstance(item, (Section, Prose))


class Pairing:
    """Old counterparts of the current plan's sections, blocks and items (by id()).

    `removed_sections[anchor]`: old sections to show as deleted at `anchor`,
    which is ("start", parent key) or ("after", id(new sibling)).
    `removed_items[id(old block)]`: the block's items that nothing continues.
    `orphans[section key]`: old blocks with no counterpart, shown as deleted at
    the end of that section's own content.
    """

    def __init__(self, old: Plan | None, new: Plan):
        self.old, self.new = old, new
        self.sections: dict[int, Section] = {}
        self.blocks: dict[int, object] = {}
        self.items: dict[int, object] = {}
        self.removed_items: dict[int, list] = {}
        self.removed_sections: dict[tuple, list[Section]] = {}
        self.orphans: dict[object, list] = {}
        self.moved_away: set[int] = set()  # old items shown at their new place
        self.continued: set[int] = set()  # old blocks a current block continues
        self._old_to_new: dict[int, Section] = {}
        if old is not None:
            self._sections()
            self._items()
            self._tables()
            self._orphans()

    # --- sections -------------------------------------------------------------

    def _sections(self) -> None:
        triples = compare.sections(self.old, self.new, [])
        self.sections = {id(n): o for o, n, _path in triples}
        self._old_to_new = {id(o): n for o, n, _path in triples}
        parents = {id(s): p for p in self.new.sections() for s in p.sections}
        self._anchor_removed(self.old.chapters, None, parents)

    def _anchor_removed(self, siblings, new_parent, parents) -> None:
        previous = None
        for s in siblings:
            n = self._old_to_new.get(id(s))
            if n is None:
                key = ("after", id(previous)) if previous else ("start", id(new_parent) if new_parent else ROOT)
                self.removed_sections.setdefault(key, []).append(s)
                continue
            if parents.get(id(n)) is new_parent:
                previous = n
            self._anchor_removed(s.sections, n, parents)

    def new_section_of_old(self, old: Section | None) -> Section | None:
        return self._old_to_new.get(id(old)) if old is not None else None

    # --- items and their blocks -------------------------------------------------

    def _items(self) -> None:
        for block_type, (attr, key, text) in ITEMS.items():
            old = [(b, i) for b in self.old.blocks() if isinstance(b, block_type) for i in getattr(b, attr)]
            new = [(b, i) for b in self.new.blocks() if isinstance(b, block_type) for i in getattr(b, attr)]
            votes: Counter = Counter()
            for oi, nj in pair(old, new, key=lambda x: key(x[1]), text=lambda x: text(x[1])):
                if oi is None:
                    continue
                ob, o_item = old[oi]
                if nj is None:
                    self.removed_items.setdefault(id(ob), []).append(o_item)
                    continue
                nb, n_item = new[nj]
                self.items[id(n_item)] = o_item
                votes[(id(nb), id(ob))] += 1
            self._assign_blocks(votes, block_type)

    def _assign_blocks(self, votes: Counter, block_type: type) -> None:
        """Each new block continues the old block most of its items came from (one each)."""
        old_blocks = {id(b): b for b in self.old.blocks() if isinstance(b, block_type)}
        taken: set[int] = set()
        for (nb, ob), _count in votes.most_common():
            if nb not in self.blocks and ob not in taken:
                self.blocks[nb] = old_blocks[ob]
                taken.add(ob)
        # A block whose items are all new continues the block of its kind at the same place.
        old_place = _block_places(self.old)
        new_blocks = {id(b): b for b in self.new.blocks()}
        for nb, (section, k) in _block_places(self.new).items():
            if nb in self.blocks or not isinstance(new_blocks[nb], block_type):
                continue
            old_section = self.sections.get(id(section)) if section is not None else None
            if section is not None and old_section is None:
                continue
            for ob, (place, ok) in old_place.items():
                if ob not in taken and ob in old_blocks and place is old_section and ok == k:
                    self.blocks[nb] = old_blocks[ob]
                    taken.add(ob)
                    break

    def _tables(self) -> None:
        old = [b for b in self.old.blocks() if isinstance(b, Table)]
        new = [b for b in self.new.blocks() if isinstance(b, Table)]
        for oi, nj in pair(old, new, key=lambda t: t.rubrik, text=_table_text):
            if oi is not None and nj is not None:
                self.blocks[id(new[nj])] = old[oi]

    def _orphans(self) -> None:
        """Old blocks nothing continues, placed in the current section that continues theirs."""
        self.continued = {id(b) for b in self.blocks.values()}
        self.moved_away = {id(o) for o in self.items.values()}
        for old_section, block in _placed_blocks(self.old):
            if id(block) in self.continued or not self.shown_items(block):
                continue
            if old_section is None:
                self.orphans.setdefault(ROOT, []).append(block)
                continue
            new_section = self.new_section_of_old(old_section)
            if new_section is not None:
                self.orphans.setdefault(id(new_section), []).append(block)

    def shown_items(self, old_block) -> list:
        """The items of an old block nothing continues that are shown as deleted (all of a table's rows)."""
        if isinstance(old_block, Table):
            return list(old_block.rader)
        attr = ITEMS.get(type(old_block), (None,))[0]
        if attr is None:
            return []
        return [i for i in getattr(old_block, attr) if id(i) not in self.moved_away]


def _placed_blocks(plan: Plan):
    """(section or None, block) for every block, in document order."""
    for item in plan.preamble:
        if is_block(item):
            yield None, item
    for section in plan.sections():
        for item in section.items:
            if is_block(item):
                yield section, item


def _block_places(plan: Plan) -> dict[int, tuple]:
    """id(block) -> (section, ordinal of its kind in that section)."""
    out: dict[int, tuple] = {}
    seen: Counter = Counter()
    for section, block in _placed_blocks(plan):
        k = (id(section), type(block))
        seen[k] += 1
        out[id(block)] = (section, (type(block).__name__, seen[k]))
    return out
