"""The marked-up version's body: the current plan's document tree, with what
changed since the older plan marked and what was removed put back, struck.

RedlineBuilder is the ordinary TreeBuilder (vplan.render.tree) that also knows
the older plan and the pairing between the two (vplan.render.redline_pairs).
Sections and prose are marked here, blocks in redline_blocks and
redline_tables. Marks are format-free Spans (vplan.render.redline_marks) until
vplan.render.redline makes them concrete for each format.
"""
from __future__ import annotations

from vplan.model import AppendixBlock, AssignmentBlock, IndicatorBlock, Prose, RiskBlock, Section, Table
from vplan.read import inline
from vplan.render import redline_marks as marks
from vplan.render.redline_blocks import BlockMarks
from vplan.render.redline_pairs import ROOT, Pairing, is_block, own_items
from vplan.render.redline_prose import diff_blocks, mark_blocks, render, unit_plan
from vplan.render.redline_tables import RedlineTables
from vplan.render.redline_text import words
from vplan.render.tree import nodes as n
from vplan.render.tree.document import TreeBuilder, parsed_prose
from vplan.render.tree.notes import Notes

INTRO_ID = "andringsmarkering"


class RedlineBuilder(BlockMarks, TreeBuilder):
    """TreeBuilder for the current plan that also knows the older one."""

    def __init__(self, plan, *, pairing: Pairing, **kwargs):
        super().__init__(plan, **kwargs)
        self.pairing = pairing
        self.ids.add(INTRO_ID)
        # The older plan's prose, walked by its own inspector: its findings (an image gone since) are not ours.
        self.old_prose = parsed_prose(pairing.old, kwargs["root"], kwargs["base_dir"])[1] if pairing.old else {}
        self.notes = Notes(self.footnote_bodies())
        self.tables = RedlineTables(self)

    # --- structure --------------------------------------------------------------

    def body(self) -> list[dict]:
        old = self.pairing.old
        out = self.own_content(own_items(self.plan.preamble), own_items(old.preamble) if old else [], ROOT)
        return out + self.children(self.plan.chapters, ROOT)

    def children(self, sections, parent_key) -> list[dict]:
        out = self.deleted_sections(("start", parent_key))
        for s in sections:
            out += self.section(s)
            out += self.deleted_sections(("after", id(s)))
        return out

    def section(self, s: Section) -> list[dict]:
        old = self.pairing.sections.get(id(s))
        title = None
        if old is None:
            title = marks.ins(inline.parse(s.title))
        elif old.title != s.title:
            title = words(inline.parse(old.title), inline.parse(s.title))
        out = [self.heading(s, title)]
        out += self.own_content(own_items(s.items), own_items(old.items) if old else [], id(s))
        return out + self.children(s.sections, id(s))

    def deleted_sections(self, anchor) -> list[dict]:
        return [b for s in self.pairing.removed_sections.get(anchor, ()) for b in self.deleted_section(s)]

    def deleted_section(self, s: Section) -> list[dict]:
        """A removed section as struck text, not a heading: the numbering stays the official one."""
        out = [n.para(n.strong(marks.delete(self.goal_label(s) + inline.parse(s.title))))]
        out += self.own_content([], own_items(s.items), None)
        for sub in s.sections:
            if self.pairing.new_section_of_old(sub) is None:
                out += self.deleted_section(sub)
        return out

    # --- a section's own prose and blocks ------------------------------------------

    def own_content(self, new_items, old_items, key) -> list[dict]:
        """Prose block by block against the older section's, then blocks, then removed blocks."""
        new_units = [(k, b) for k, item in enumerate(new_items) if isinstance(item, Prose)
                     for b in self.prose[(item.markdown, item.pos)]]
        old_units = [b for item in old_items if isinstance(item, Prose) for b in self.old_prose[(item.markdown, item.pos)]]
        plan = unit_plan(old_units, [b for _, b in new_units])
        lead = plan.pop(-1)  # removed before the first current paragraph
        by_item: dict[int, list] = {}
        for j, (k, _b) in enumerate(new_units):
            by_item.setdefault(k, []).extend(plan[j])
        out: list[dict] = []
        if lead and not new_units:
            out += [b for step in lead for b in render(step)]
            lead = []
        for k, item in enumerate(new_items):
            if isinstance(item, Prose):
                out += [b for step in lead + by_item.get(k, []) for b in render(step)]
                lead = []
            elif is_block(item):
                out += self.item(item)
        if key is None:  # a removed section: its blocks are removed too
            olds = [b for b in old_items if is_block(b) and id(b) not in self.pairing.continued]
        else:
            olds = self.pairing.orphans.get(key, ())
        return out + [b for block in olds for b in self.deleted_block(block)]

    def deleted_block(self, block) -> list[dict]:
        """An old block nothing continues, with the items nobody took, all struck."""
        build = {IndicatorBlock: self.tables.indicators, Table: self.tables.table, AssignmentBlock: self.assignments,
                 RiskBlock: self.risks, AppendixBlock: self.appendices}.get(type(block))
        if build is None or not self.pairing.shown_items(block):
            return []
        return build(block, removed=True)

    # --- footnotes -------------------------------------------------------------------------

    def footnote_bodies(self) -> dict[str, list]:
        """Each footnote's body marked against the older one; a removed footnote struck."""
        old = {f.id: self.old_prose[(f.markdown, f.pos)] for f in self.pairing.old.footnotes} \
            if self.pairing.old else {}
        out = {}
        for f in self.plan.footnotes:
            body = self.prose[(f.markdown, f.pos)]
            out[f.id] = mark_blocks(body, True) if f.id not in old else diff_blocks(old[f.id], body)
        for ident, body in old.items():
            out.setdefault(ident, mark_blocks(body, False))
        return out
