"""Marks inside blocks: assignments, risks and appendices, and the line and
caption helpers the tables share (a mixin for RedlineBuilder).

An item the older plan also had is shown with what changed in it marked; a new
one is underlined, a removed one struck, in its old place among the others.
Every text is made into inline nodes by the tree builder (vplan.read.inline)
before it is compared, so it reaches the document literally.
"""
from __future__ import annotations

from vplan.model import AppendixBlock, AssignmentBlock, RiskBlock
from vplan.render import redline_marks as marks
from vplan.render.redline_text import align, key, words
from vplan.render.tree import nodes as n

DETAILS = ("beslutad_av", "riktas_till", "status", "periodicitet", "senast")


class BlockMarks:
    """Needs self.pairing and TreeBuilder's rich, paragraphs, assignment_item, risk_list, appendix."""

    # --- lines, captions ---------------------------------------------------------------

    def caption(self, new_text, old_text, fallback: list, *, added: bool, removed: bool) -> tuple[list, list]:
        """A block caption (marked) and the plain one its id is made from."""
        if removed:
            shown = self.rich(old_text) or fallback
            return marks.delete(shown), shown
        shown = self.rich(new_text) or fallback
        if added:
            return marks.ins(shown), shown
        if old_text != new_text:
            return words(self.rich(old_text) or fallback, shown), shown
        return shown, shown

    @staticmethod
    def lines(old_lines, new_lines, *, label: bool = True) -> list[list]:
        """Two cells' lines: equal lines plain, changed lines word by word, the rest marked."""
        old_lines, new_lines = [x for x in old_lines if x], [x for x in new_lines if x]
        if [key(x) for x in old_lines] == [key(x) for x in new_lines]:
            return new_lines
        if len(old_lines) == len(new_lines) == 1:
            a, b = old_lines[0], new_lines[0]
            if _is_number(n.stringify(a)) and _is_number(n.stringify(b)):
                return [marks.change(a, b, label=label)]
            return [words(a, b)]
        out: list[list] = []
        for oi, nj in align([n.stringify(x) for x in old_lines], [n.stringify(x) for x in new_lines]):
            if nj is None:
                out.append(marks.delete(old_lines[oi], label=label))
            elif oi is None:
                out.append(marks.ins(new_lines[nj], label=label))
            else:
                out.append(words(old_lines[oi], new_lines[nj]))
        return out

    @staticmethod
    def whole(lines, added: bool, *, label: bool) -> list[list]:
        """Every line inserted (or deleted); empty lines stay empty."""
        mark = marks.ins if added else marks.delete
        return [mark(x, label=label) if x else [] for x in lines]

    def interleave(self, block, old_block, attr) -> list[tuple]:
        """(old, new) per item in the current order; removed items after the one before them."""
        rows: list[tuple] = [(self.pairing.items.get(id(x)), x) for x in getattr(block, attr)]
        if old_block is None:
            return rows
        index = {id(x): k for k, x in enumerate(getattr(old_block, attr))}
        for removed in self.pairing.removed_items.get(id(old_block), []):
            at = index[id(removed)]
            pos = 0
            for p, (o, _new) in enumerate(rows):
                if o is not None and index.get(id(o), -1) < at:
                    pos = p + 1
            rows.insert(pos, (removed, None))
        return rows

    def paired_items(self, block, attr: str, removed: bool) -> tuple[object, list[tuple]]:
        """The older block this one continues, and its items paired (all old ones for a removed block)."""
        if removed:
            return None, [(o, None) for o in self.pairing.shown_items(block)]
        old_block = self.pairing.blocks.get(id(block))
        return old_block, self.interleave(block, old_block, attr)

    def block_text(self, new_text, old_text, *, removed: bool, added: bool) -> list:
        if removed:
            return marks.delete(self.rich(old_text))
        if added:
            return marks.ins(self.rich(new_text))
        return words(self.rich(old_text), self.rich(new_text))

    def block_lead(self, block, src, *, removed: bool, added: bool, intro: bool = False) -> list[dict]:
        """The block's bold title and lead-in paragraphs, marked."""
        title = self.block_text(block.rubrik, src.rubrik, removed=removed, added=added)
        out = [n.para(n.strong(title))] if title else []
        if intro:
            old, new = self.paragraphs(src.inledning), self.paragraphs(block.inledning)
            shown = self.whole(old, False, label=True) if removed else \
                self.whole(new, True, label=True) if added else self.lines(old, new)
            out += [n.para(p) for p in shown if p]
        return out

    # --- assignments, risks, appendices --------------------------------------------------

    def assignments(self, block: AssignmentBlock, *, removed: bool = False) -> list[dict]:
        old_block, rows = self.paired_items(block, "uppdrag", removed)
        added = old_block is None and not removed and all(o is None for o, _ in rows)
        items = [self.assignment_pair(o, new) for o, new in rows]
        lead = self.block_lead(block, old_block or block, removed=removed, added=added, intro=True)
        return lead + ([n.bullet_list(items)] if items else [])

    def assignment_pair(self, o, new) -> list[dict]:
        if o is None or new is None:
            a, added = (new, True) if o is None else (o, False)
            details = [self.labelled(*d) for d in self.assignment_details(a).values()]
            return self.assignment_item(marks.ins(self.rich(a.text)) if added else marks.delete(self.rich(a.text)),
                                        self.whole(details, added, label=False))
        old_d, new_d = self.assignment_details(o), self.assignment_details(new)
        shown = []
        for k in DETAILS:
            a, b = old_d.get(k), new_d.get(k)
            if a is not None and b is not None:
                same = key(a[1]) == key(b[1])
                shown.append(self.labelled(b[0], b[1] if same else marks.change(a[1], b[1])))
            elif b is not None:
                shown.append(marks.ins(self.labelled(*b)))
            elif a is not None:
                shown.append(marks.delete(self.labelled(*a)))
        return self.assignment_item(words(self.rich(o.text), self.rich(new.text)), shown)

    def risks(self, block: RiskBlock, *, removed: bool = False) -> list[dict]:
        old_block, rows = self.paired_items(block, "risker", removed)
        entries = []
        for o, new in rows:
            if o is None or new is None:
                r, added = (new, True) if o is None else (o, False)
                title = self.whole([self.rich(r.titel)], added, label=True)[0]
                text = self.whole(self.paragraphs(r.beskrivning), added, label=not title)
            else:
                title = words(self.rich(o.titel), self.rich(new.titel))
                text = self.lines(self.paragraphs(o.beskrivning), self.paragraphs(new.beskrivning))
            entries.append((title, [n.para(p) for p in text if p]))
        lead = self.block_lead(block, old_block or block, removed=removed, added=old_block is None and not removed)
        return lead + self.risk_list(entries)

    def appendices(self, block: AppendixBlock, *, removed: bool = False) -> list[dict]:
        old_block, rows = self.paired_items(block, "bilagor", removed)
        entries = []
        for o, new in rows:
            a = new or o
            if o is None or new is None:
                added = new is not None
                number = n.text(str(a.nummer))
                title = self.whole([self.rich(a.titel)], added, label=True)[0]
                description = self.whole(self.paragraphs(a.beskrivning), added, label=False)
                contents = self.whole([self.rich(i) for i in a.innehall], added, label=False)
            else:
                number = n.text(str(a.nummer)) if o.nummer == new.nummer else \
                    marks.change(n.text(str(o.nummer)), n.text(str(new.nummer)))
                title = words(self.rich(o.titel), self.rich(new.titel))
                description = self.lines(self.paragraphs(o.beskrivning), self.paragraphs(new.beskrivning))
                contents = self.lines([self.rich(i) for i in o.innehall], [self.rich(i) for i in new.innehall])
            entries.append(self.appendix(a, number, title, [n.para(p) for p in description if p],
                                         [c for c in contents if c]))
        lead = self.block_lead(block, old_block or block, removed=removed, added=old_block is None and not removed)
        return lead + ([n.definition_list(entries)] if entries else [])


def _is_number(text: str) -> bool:
    """A formatted number ("2 365", "−9,0", "78 %"): old and new are shown whole, side by side."""
    bare = text.replace("\u00a0", "").replace("\u2212", "").replace(" ", "")
    return bool(bare) and all(ch.isdigit() or ch in ",.%+-" for ch in bare)
