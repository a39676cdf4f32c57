"""Marks inside blocks: indicators, assignments, risks and appendices, and the
cell and caption helpers the tables share (a mixin for RedlineBuilder).

An item the older plan also had is shown with what changed in it marked; a new
one is underlined, a removed one struck, in its old place among the others.
"""
from __future__ import annotations

import contextlib

from vplan import typography
from vplan.model import AppendixBlock, AssignmentBlock, IndicatorBlock, RiskBlock
from vplan.render.context import _year
from vplan.render.markdown import Md, escape, slug
from vplan.render.redline_text import align


class BlockMarks:
    """Needs self.pairing, self.marks, self.clean_old and _Builder's md/value/words."""

    @contextlib.contextmanager
    def older(self):
        """Inside, self.md and self.value read text from the older plan (its images may be gone)."""
        current = self.clean
        self.clean = self.clean_old
        try:
            yield
        finally:
            self.clean = current

    # --- captions and names -----------------------------------------------------------

    def caption(self, new_text, old_text, fallback, *, added: bool, removed: bool, pos, old_pos) -> tuple[Md, str]:
        """A block caption (marked) and the plain one its id is made from."""
        if removed:
            with self.older():
                old = self.md(old_text, old_pos) if old_text else None
            shown = old or fallback
            return self.marks.delete(shown), str(shown)
        shown = (self.md(new_text, pos) if new_text else None) or fallback
        if added:
            return self.marks.ins(shown), str(shown)
        if old_text != new_text:
            with self.older():
                old = self.md(old_text, old_pos) if old_text else fallback
            return self.marks.words(old, shown), str(shown)
        return shown, str(shown)

    def _lines(self, old_lines, new_lines, *, label: bool = True) -> list[Md]:
        """Two cells' lines: equal lines plain, changed lines word by word, the rest marked."""
        old_lines = [str(x) for x in old_lines if str(x).strip()]
        new_lines = [str(x) for x in new_lines if str(x).strip()]
        if old_lines == new_lines:
            return [Md(x) for x in new_lines] or [Md("")]
        if len(old_lines) == len(new_lines) == 1:
            if _is_number(old_lines[0]) and _is_number(new_lines[0]):
                return [self.marks.change(old_lines[0], new_lines[0], label=label)]
            return [self.marks.words(old_lines[0], new_lines[0])]
        out: list[Md] = []
        for oi, nj in align(old_lines, new_lines):
            if nj is None:
                out.append(self.marks.delete(old_lines[oi], label=label))
            elif oi is None:
                out.append(self.marks.ins(new_lines[nj], label=label))
            else:
                out.append(self.marks.words(old_lines[oi], new_lines[nj]))
        return out or [Md("")]

    def _whole(self, lines, added: bool, *, label: bool) -> list[Md]:
        """Every line inserted (or deleted); empty lines stay empty."""
        mark = self.marks.ins if added else self.marks.delete
        return [mark(x, label=label) if x and str(x).strip() else Md("") for x in lines]

    def cell(self, old_value, new_value, new_pos, old_pos, *, label: bool = True) -> list[Md]:
        if old_value == new_value:
            return self.value(new_value, new_pos)
        with self.older():
            before = self.value(old_value, old_pos) if old_value is not None else []
        after = self.value(new_value, new_pos) if new_value is not None else []
        return self._lines(before, after, label=label)

    # --- indicators ---------------------------------------------------------------------

    def indicators(self, block: IndicatorBlock, *, removed: bool = False) -> dict:
        old_block = None if removed else self.pairing.blocks.get(id(block))
        rows = self._interleave(block, old_block, "indikatorer") if not removed else \
            [(o, None) for o in self.pairing.shown_items(block)]
        shown = [n or o for o, n in rows] + [o for o, n in rows if o is not None and n is not None]
        columns, past, goals, decided = self.indicator_columns(shown)
        whole = removed or (old_block is None and all(o is None for o, _ in rows))
        out_rows = []
        for o, n in rows:
            out_rows.append({"celler": self.indicator_cells(o, n, past, goals, decided, whole=whole)})
        caption, plain = self.caption(
            block.rubrik, old_block.rubrik if old_block else block.rubrik, escape(self.words["indikatorer"]),
            added=whole and not removed, removed=removed, pos=block.pos, old_pos=(old_block or block).pos)
        return {"typ": "indikatorer", "rubrik": caption, "id": slug(f"tbl {plain}", self.ids),
                "kolumner": columns, "rader": out_rows}

    def indicator_cells(self, o, n, past, goals, decided, *, whole: bool) -> list[list[Md]]:
        if n is None or o is None:  # a whole row added or removed: the name carries the label
            ind, added = (n, True) if o is None else (o, False)
            with (contextlib.nullcontext() if added else self.older()):
                cells = [self.indicator_name(ind)]
                if decided:
                    cells.append([self.md(ind.beslutad_av, ind.at("beslutad_av")) or Md("")])
                cells += [self.value(_year(ind.utfall, y), ind.at("utfall")) for y in past]
                cells += [self.value(_year(ind.mal, y), ind.at("mål")) for y in goals]
            first = self._whole(cells[0][:1], added, label=not whole) + self._whole(cells[0][1:], added, label=False)
            return [first] + [self._whole(c, added, label=False) or [Md("")] for c in cells[1:]]
        with self.older():
            old_name = self.indicator_name(o)
            old_by = [self.md(o.beslutad_av, o.at("beslutad_av")) or Md("")]
        cells = [self._lines(old_name, self.indicator_name(n))]
        if decided:
            cells.append(self._lines(old_by, [self.md(n.beslutad_av, n.at("beslutad_av")) or Md("")]))
        cells += [self.cell(_year(o.utfall, y), _year(n.utfall, y), n.at("utfall"), o.at("utfall")) for y in past]
        cells += [self.cell(_year(o.mal, y), _year(n.mal, y), n.at("mål"), o.at("mål")) for y in goals]
        return cells

    def _interleave(self, block, old_block, attr) -> list[tuple]:
        """(old, new) per item in the current order; removed items after the one before them."""
        new_items = list(getattr(block, attr))
        rows: list[tuple] = [(self.pairing.items.get(id(n)), n) for n in new_items]
        if old_block is None:
            return rows
        olds = list(getattr(old_block, attr))
        index = {id(x): k for k, x in enumerate(olds)}
        for removed in self.pairing.removed_items.get(id(old_block), []):
            at = index[id(removed)]
            pos = 0
            for p, (o, _n) in enumerate(rows):
                if o is not None and index.get(id(o), -1) < at:
                    pos = p + 1
            rows.insert(pos, (removed, None))
        return rows

    # --- assignments, risks, appendices --------------------------------------------------

    def assignments(self, block: AssignmentBlock, *, removed: bool = False) -> dict:
        old_block = None if removed else self.pairing.blocks.get(id(block))
        rows = [(o, None) for o in self.pairing.shown_items(block)] if removed else \
            self._interleave(block, old_block, "uppdrag")
        items = [self.assignment(o, n) for o, n in rows]
        src = old_block or block
        out = {"typ": "uppdrag", "uppdrag": items}
        for key in ("rubrik", "inledning"):
            out[key] = self._block_text(getattr(block, key), getattr(src, key), block.pos, src.pos, removed,
                                        added=old_block is None and not removed and all(o is None for o, _ in rows))
        return out

    def _block_text(self, new_text, old_text, pos, old_pos, removed: bool, *, added: bool) -> Md | None:
        if removed:
            with self.older():
                return self.marks.delete(self.md(old_text, old_pos)) if old_text else None
        if not new_text and not old_text:
            return None
        new = self.md(new_text, pos) if new_text else Md("")
        if added:
            return self.marks.ins(new) if new_text else None
        with self.older():
            old = self.md(old_text, old_pos) if old_text else Md("")
        return self.marks.words(old, new) or None

    def assignment_details(self, a) -> dict[str, tuple[Md, Md]]:
        """key -> (label, value), in the order the standard template shows them."""
        w = self.words
        out: dict[str, tuple[Md, Md]] = {}
        for key, value in (("beslutad_av", a.beslutad_av), ("riktas_till", a.riktas_till),
                           ("status", a.status), ("periodicitet", a.periodicitet)):
            if value:
                out[key] = (escape(w[key]), self.md(value, a.at(key)))
        if a.senast is not None:
            out["senast"] = (escape(w["senast"]), escape(typography.deadline(a.senast)))
        return out

    def assignment(self, o, n) -> dict:
        if o is None or n is None:
            a, added = (n, True) if o is None else (o, False)
            with (contextlib.nullcontext() if added else self.older()):
                text = self.md(a.text, a.at("text"))
                lines = [Md(f"{label}: {value}") for label, value in self.assignment_details(a).values()]
            return {"text": self._whole([text], added, label=True)[0],
                    "detaljer": self._whole(lines, added, label=False)}
        with self.older():
            before = self.md(o.text, o.at("text"))
            old_d = self.assignment_details(o)
        new_d = self.assignment_details(n)
        shown = []
        for key in ("beslutad_av", "riktas_till", "status", "periodicitet", "senast"):
            a, b = old_d.get(key), new_d.get(key)
            if b is not None and a == b:
                shown.append(Md(f"{b[0]}: {b[1]}"))
            elif a is not None and b is not None:
                shown.append(Md(f"{b[0]}: {self.marks.change(a[1], b[1])}"))
            elif b is not None:
                shown.append(self.marks.ins(f"{b[0]}: {b[1]}"))
            elif a is not None:
                shown.append(self.marks.delete(f"{a[0]}: {a[1]}"))
        return {"text": self.marks.words(before, self.md(n.text, n.at("text"))), "detaljer": shown}

    def risks(self, block: RiskBlock, *, removed: bool = False) -> dict:
        old_block = None if removed else self.pairing.blocks.get(id(block))
        rows = [(o, None) for o in self.pairing.shown_items(block)] if removed else \
            self._interleave(block, old_block, "risker")
        src = old_block or block
        items = []
        for o, n in rows:
            if o is None or n is None:
                r, added = (n, True) if o is None else (o, False)
                with (contextlib.nullcontext() if added else self.older()):
                    title, text = self.md(r.titel, r.pos), self.md(r.beskrivning, r.pos)
                items.append({"titel": self._whole([title], added, label=True)[0],
                              "beskrivning": self._whole([text], added, label=False)[0] if text else None})
                continue
            with self.older():
                title, text = self.md(o.titel, o.pos), self.md(o.beskrivning, o.pos)
            items.append({"titel": self.marks.words(title, self.md(n.titel, n.pos)),
                          "beskrivning": self._lines([text or ""], [self.md(n.beskrivning, n.pos) or ""])[0] or None})
        rubrik = self._block_text(block.rubrik, src.rubrik, block.pos, src.pos, removed,
                                  added=old_block is None and not removed)
        return {"typ": "risker", "rubrik": rubrik, "risker": items}

    def appendices(self, block: AppendixBlock, *, removed: bool = False) -> dict:
        old_block = None if removed else self.pairing.blocks.get(id(block))
        rows = [(o, None) for o in self.pairing.shown_items(block)] if removed else \
            self._interleave(block, old_block, "bilagor")
        src = old_block or block
        items = []
        for o, n in rows:
            a = n or o
            with (self.older() if n is None else contextlib.nullcontext()):
                new = {"titel": self.md(a.titel, a.at("titel")), "beskrivning": self.md(a.beskrivning, a.at("beskrivning")),
                       "innehall": [self.md(i, a.at("innehåll")) for i in a.innehall]}
            item = {"nummer": a.nummer, "separat": a.separat, "i_beslutsunderlaget": a.i_beslutsunderlaget}
            if o is None or n is None:
                item["titel"] = self._whole([new["titel"]], n is not None, label=True)[0]
                item["beskrivning"] = self._whole([new["beskrivning"]], n is not None, label=False)[0] \
                    if new["beskrivning"] else None
                item["innehall"] = self._whole(new["innehall"], n is not None, label=False) if new["innehall"] else []
            else:
                with self.older():
                    before = {"titel": self.md(o.titel, o.at("titel")),
                              "beskrivning": self.md(o.beskrivning, o.at("beskrivning")),
                              "innehall": [self.md(i, o.at("innehåll")) for i in o.innehall]}
                item["titel"] = self.marks.words(before["titel"], new["titel"])
                item["beskrivning"] = self._lines([before["beskrivning"] or ""], [new["beskrivning"] or ""])[0] or None
                item["innehall"] = self._lines(before["innehall"], new["innehall"]) if (
                    before["innehall"] or new["innehall"]) else []
                if o.nummer != n.nummer:
                    item["nummer"] = self.marks.change(str(o.nummer), str(n.nummer))
            items.append(item)
        rubrik = self._block_text(block.rubrik, src.rubrik, block.pos, src.pos, removed,
                                  added=old_block is None and not removed)
        return {"typ": "bilagor", "rubrik": rubrik, "bilagor": items}


def _is_number(text: str) -> bool:
    """A formatted number ("2 365", "−9,0", "78 %"): old and new are shown whole, side by side."""
    bare = text.replace("\u00a0", "").replace("\u2212", "").replace(" ", "")
    return bool(bare) and all(ch.isdigit() or ch in ",.%+-\\" for ch in bare)
