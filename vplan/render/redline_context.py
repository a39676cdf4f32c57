"""The marked-up version's body: the current plan's template nodes, with what
changed since the older plan marked and what was removed put back, struck.

The nodes have the same types and fields as vplan.render.context makes, so
the house style's templates render them unchanged; only the Markdown inside
carries marks (vplan.render.redline_marks). Everything is read from the two
models and the pairing between them (vplan.render.redline_pairs); blocks
are marked in redline_blocks and redline_tables.
"""
from __future__ import annotations

from typing import Callable

from vplan.model import AppendixBlock, AssignmentBlock, IndicatorBlock, Prose, RiskBlock, Section, Table
from vplan.render.context import _Builder
from vplan.render.markdown import Md, escape, heading_text
from vplan.render.redline_blocks import BlockMarks
from vplan.render.redline_marks import Marks
from vplan.render.redline_pairs import ROOT, Pairing, is_block, own_items
from vplan.render.redline_tables import TableMarks
from vplan.render.redline_text import align, join_units, units

KIND_WORDS = {"målområde": "Målområde", "mål": "Mål", "delmål": "Delmål"}


class RedlineBuilder(TableMarks, BlockMarks, _Builder):
    """_Builder for the current plan that also knows the older one."""

    def __init__(self, plan, clean, words, *, pairing: Pairing, marks: Marks, clean_old: Callable):
        super().__init__(plan, clean, words)
        self.pairing, self.marks, self.clean_old = pairing, marks, clean_old

    # --- structure --------------------------------------------------------------

    def nodes(self) -> list[dict]:
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
        node = self.heading(s)
        title = heading_text(self.clean(s.title, s.pos))
        if old is None:
            node["titel"] = self.marks.ins(title)
        elif old.title != s.title:
            with self.older():
                before = heading_text(self.clean(old.title, old.pos))
            node["titel"] = self.marks.words(before, title)
        out = [node]
        out += self.own_content(own_items(s.items), own_items(old.items) if old else [], id(s))
        out += self.children(s.sections, id(s))
        return out

    def deleted_sections(self, anchor) -> list[dict]:
        return [n for s in self.pairing.removed_sections.get(anchor, ()) for n in self.deleted_section(s)]

    def deleted_section(self, s: Section) -> list[dict]:
        """A removed section as struck text, not a heading: the numbering stays the official one."""
        with self.older():
            title = self.clean(s.title, s.pos)
        kind = self.words.get(s.kind, KIND_WORDS.get(s.kind))
        label = f"{escape(kind)}{' ' + escape(s.number) if s.number else ''}: {title}" if kind else title
        out = [{"typ": "text", "markdown": Md(f"**{self.marks.delete(label)}**")}]
        out += self.own_content([], own_items(s.items), None)
        for sub in s.sections:
            if self.pairing.new_section_of_old(sub) is None:
                out += self.deleted_section(sub)
        return out

    # --- a section's own prose and blocks ------------------------------------------

    def own_content(self, new_items, old_items, key) -> list[dict]:
        """Prose paragraph by paragraph against the older section's, then blocks, then removed blocks."""
        new_units = [(k, u) for k, item in enumerate(new_items) if isinstance(item, Prose)
                     for u in units(item.markdown)]
        old_units = [u for item in old_items if isinstance(item, Prose) for u in units(item.markdown)]
        pos_of = {k: item.pos for k, item in enumerate(new_items) if isinstance(item, Prose)}
        plan = self._unit_plan(old_units, [u for _, u in new_units])
        by_item: dict[int, list] = {}
        lead = plan.pop(-1, [])  # removed before the first current paragraph
        for j, (k, unit) in enumerate(new_units):
            by_item.setdefault(k, []).extend(plan[j])
        out: list[dict] = []
        if lead and not new_units:
            out.append(self._text([self._render_unit(step, None) for step in lead]))
            lead = []
        for k, item in enumerate(new_items):
            if isinstance(item, Prose):
                steps = lead + by_item.get(k, [])
                lead = []
                if all(step[0] == "=" for step in steps):
                    out.append({"typ": "text", "markdown": Md(self.clean(item.markdown, item.pos))})
                else:
                    out.append(self._text([self._render_unit(step, pos_of[k]) for step in steps]))
            elif is_block(item):
                out += self.item(item)
        if key is None:  # a removed section: its blocks are removed too
            out += [n for b in old_items if is_block(b) and id(b) not in self.pairing.continued
                    for n in self.deleted_block(b)]
        else:
            out += [n for b in self.pairing.orphans.get(key, ()) for n in self.deleted_block(b)]
        return out

    def _unit_plan(self, old_units, new_units) -> dict[int, list]:
        """new unit index -> steps to render there (itself, then removed ones after it); -1: before all."""
        plan: dict[int, list] = {j: [] for j in range(len(new_units))}
        plan[-1] = []
        last = -1
        for oi, nj in align([u.text for u in old_units], [u.text for u in new_units]):
            if nj is None:
                plan[last].append(("-", old_units[oi], None))
                continue
            last = nj
            if oi is None:
                plan[nj].insert(0, ("+", None, new_units[nj]))
            else:
                same = old_units[oi].text == new_units[nj].text
                plan[nj].insert(0, ("=" if same else "~", old_units[oi], new_units[nj]))
        return plan

    def _render_unit(self, step, pos) -> tuple[str, str]:
        op, old, new = step
        if op == "-":
            with self.older():
                text = self.clean(old.text, self.plan.meta.pos)
            return old.sep, old.prefix + self.marks.delete(text)
        text = self.clean(new.text, pos)
        if op == "+":
            return new.sep, new.prefix + self.marks.ins(text)
        if op == "~":
            with self.older():
                before = self.clean(old.text, self.plan.meta.pos)
            return new.sep, new.prefix + self.marks.words(before, text)
        return new.sep, new.prefix + text

    @staticmethod
    def _text(rendered) -> dict:
        return {"typ": "text", "markdown": Md(join_units(rendered))}

    def deleted_block(self, block) -> list[dict]:
        """An old block nothing continues, with the items nobody took, all struck."""
        build = {IndicatorBlock: self.indicators, Table: self.table, AssignmentBlock: self.assignments,
                 RiskBlock: self.risks, AppendixBlock: self.appendices}.get(type(block))
        if build is None or not self.pairing.shown_items(block):
            return []
        return [build(block, removed=True)]

    # --- footnotes -------------------------------------------------------------------------

    def footnotes(self) -> list[dict]:
        old = {f.id: f for f in self.pairing.old.footnotes} if self.pairing.old else {}
        out = []
        for f in self.plan.footnotes:
            text = self.clean(f.markdown, f.pos)
            before = old.get(f.id)
            if before is None:
                text = self._rewrite(units(text), lambda u: ("+", None, u))
            elif " ".join(before.markdown.split()) != " ".join(f.markdown.split()):
                with self.older():
                    old_text = self.clean(before.markdown, before.pos)
                steps = self._unit_plan(units(old_text), units(text))
                ordered = steps.pop(-1) + [s for j in sorted(steps) for s in steps[j]]
                text = join_units([self._render_cleaned(s) for s in ordered])
            out.append({"id": Md(f.id), "markdown": Md(text)})
        return out

    def _rewrite(self, parts, step) -> str:
        return join_units([self._render_cleaned(step(u)) for u in parts])

    def _render_cleaned(self, step) -> tuple[str, str]:
        """As _render_unit, for text that is already clean (footnotes)."""
        op, old, new = step
        if op == "-":
            return old.sep, old.prefix + self.marks.delete(old.text)
        if op == "+":
            return new.sep, new.prefix + self.marks.ins(new.text)
        if op == "~":
            return new.sep, new.prefix + self.marks.words(old.text, new.text)
        return new.sep, new.prefix + new.text
