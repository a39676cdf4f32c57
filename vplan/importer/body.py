"""Walk the Word file's events in order and make the plan: headings placed, tables and lists turned
into blocks, running text kept; every step that needs a person's look leaves a finding."""
from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field

from vplan.importer import headings as hd
from vplan.importer import inlines, lists
from vplan.importer.events import Event
from vplan.importer.grid import build as build_grid
from vplan.importer.outline import Heading
from vplan.importer.prose import Cleaner
from vplan.importer.report import Finding, place
from vplan.importer.tables import classify, goal_groups, shape, year_columns



@dataclass
class Body:
    blocks: list = field(default_factory=list)  # pandoc blocks; data blocks as placeholders
    data: list[tuple[str, dict]] = field(default_factory=list)  # (kind, block) per placeholder
    findings: list[Finding] = field(default_factory=list)
    target_years: set[int] = field(default_factory=set)
    structural: set[str] = field(default_factory=set)  # header texts that became keys, not text


_TOKEN = "VPLANBLOCK" + secrets.token_hex(6).upper()  # no Word text can hold it by chance


def placeholder(n: int) -> str:
    """The paragraph that stands where data block n goes, until the plan's text is written."""
    return f"{_TOKEN}X{n:05d}"


class Walker:
    """Makes the plan's blocks from the events, in order, with the headings Outline placed."""

    def __init__(self, events: list[Event], profile, budget_year: int, tables_facts: list, cleaner: Cleaner, mark,
                 indicator_ids: set[str]):
        self.events, self.profile, self.budget_year = events, profile, budget_year
        self.facts, self.cleaner, self.mark, self.ids = tables_facts, cleaner, mark, indicator_ids
        self.body = Body()
        self.heading = None  # the current heading's text, for the report
        self.chapter = None  # the current chapter's profile name
        self.section_start = 0  # index in body.blocks where the current section's content starts
        self.in_goal = False  # inside the profile's goal chapter
        self.level = 0  # the current heading's level
        self.appendix = None  # the appendix whose description the text under its heading is

    # --- headings -----------------------------------------------------------------

    # --- content ------------------------------------------------------------------

    def walk(self, start: int, heads: dict[int, Heading], synthetic: dict[int, Heading]) -> Body:
        """The plan's blocks from event `start` on; `synthetic`: chapter headings to put before an event."""
        for i in range(start, len(self.events)):
            ev = self.events[i]
            if i in synthetic:
                self.emit_heading(None, synthetic[i])
            if i in heads:
                line = lists.appendix_line(heads[i].text) if heads[i].level > 1 and self._in_appendix_chapter() else None
                if line:  # "Bilaga 1: …" as a heading under Bilagor: an appendix, its text the description
                    self.appendix_line(*line)
                    self.appendix = self.body.data[-1][1]["bilagor"][-1]
                    continue
                self.appendix = None
                self.emit_heading(ev, heads[i])
            elif ev.kind == "toc":
                continue
            elif ev.kind == "table":
                self.appendix = None
                self.table(ev)
            else:
                self.block(ev)
        return self.body

    def where(self, kind: str, number: int | None) -> str:
        return place(kind, number, self.heading)

    def emit_heading(self, ev: Event, h: Heading) -> None:
        notes = _notes(ev.content) if ev is not None else []
        self.cleaner.place = f"under rubriken ”{h.text}”"
        content = inlines.from_text(h.text) + self.cleaner.inlines(notes)
        self.body.blocks.append({"t": "Header", "c": [h.level, ["", [], []], content]})
        self.heading = h.text
        self.level = h.level
        if h.level == 1:
            self.chapter = h.chapter
            self.in_goal = any(sp.namn == h.chapter and sp.mal for sp in self.profile.kapitel)
        self.section_start = len(self.body.blocks)

    def add_data(self, kind: str, block: dict) -> None:
        self.body.data.append((kind, block))
        self.body.blocks.append({"t": "Para", "c": [{"t": "Str", "c": placeholder(len(self.body.data))}]})

    def table(self, ev: Event) -> None:
        facts = self.facts[ev.number - 1] if 0 < ev.number <= len(self.facts) else None  # 0: typed with tabs
        grid = build_grid(ev.node, facts)
        s = shape(grid)
        where = self.where("tabell", ev.number)
        pictures = inlines.count_images(ev.node["c"][4:])
        if pictures:
            self.body.findings.append(Finding(where, f"{pictures} bild{'er' if pictures > 1 else ''} i tabellens "
                                                     "celler kom inte med; lägg in dem under tabellen"))
        if not s.body and not s.columns and not s.first:
            return
        if not s.body:
            s = shape(grid, header=False)
            self.body.findings.append(Finding(where, "tabellen har bara en rubrikrad; raden står som en vanlig "
                                                     "rad under kolumnerna ”Kolumn 2” och så vidare"))
        rubrik = self.mark(inlines.from_text(grid.caption)) if grid.caption else self._title_before()
        try:
            self.recognised(s, rubrik, where)
        except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError):
            if os.environ.get("VPLAN_DEBUG"):
                raise
            # A layout the recognisers did not foresee: the table as text, so nothing is lost.
            self.body.findings.append(Finding(where, "tabellen kunde inte tolkas och står som en tabell med bara "
                                                     "text; gör om den till rätt block för hand"))
            self.add_data("tabell", _text_table(s.grid, rubrik))

    def recognised(self, s, rubrik, where) -> None:
        if self.in_goal and (groups := goal_groups(s)):
            for kind_word, title, part in groups:  # "Delmål | Indikator | Utfall | Mål": a heading per goal
                self.body.blocks.append({"t": "Header", "c": [self.level + 1, ["", [], []], inlines.from_text(
                    hd.goal_heading(kind_word, None, title))]})
                self.classified(part, rubrik, where)
            return
        self.classified(s, rubrik, where)

    def classified(self, s, rubrik, where) -> None:
        found: list[str] = []
        grid = s.grid
        kind = classify(s, self.budget_year)
        if kind == "indikatorer":
            from vplan.importer.indicators import indicator_block

            block = indicator_block(s, year_columns(s, self.budget_year), rubrik, self.ids, self.mark, found,
                                    context=f"{grid.caption} {self.heading or ''}")
            self.body.target_years |= {y for ind in block["indikatorer"] for y in ind.get("mål", {})}
        elif kind == "uppdrag":
            block = self.assignment_table(s, rubrik, found)
        elif kind == "risker":
            block = {"rubrik": rubrik} if rubrik else {}
            block["risker"] = [_risk(self.mark, r) for r in s.body if r[0].text or (s.columns and r[1].text)]
        else:
            from vplan.importer.numeric import table_block

            block = table_block(s, rubrik, self.mark, found)
            if not block.get("kolumner") and not block["rader"]:
                return
        self.body.findings += [Finding(where, f) for f in found]
        if kind != "tabell":  # the header's words became the block's structure ("Klart senast" is senast:)
            self.body.structural |= {s.first, *(c.rubrik for c in s.columns), *(c.grupp for c in s.columns if c.grupp)}
        self.add_data(kind, block)

    def assignment_table(self, s, rubrik, found) -> dict:
        from vplan.importer.tables import assignment_column

        out = []
        for row in s.body:
            if not row[0].text:
                continue
            entry = {"text": self.mark([x for ln in row[0].lines for x in ln + [{"t": "Space"}]])}
            for c in s.columns:
                key, text = assignment_column(c.rubrik), row[c.index].text
                if not text or not row[c.index].origin:
                    continue
                value = lists._deadline(text) if key == "senast" else lists._STATUS.get(text.lower()) \
                    if key == "status" else text
                if value is None:
                    found.append(f"”{text}” i kolumnen ”{c.rubrik}” kunde inte läsas och kom inte med")
                    continue
                entry[key] = value
            out.append(entry)
        block = {"rubrik": rubrik} if rubrik else {}
        block["uppdrag"] = out
        return block

    def block(self, ev: Event) -> None:
        node = ev.node
        t = node.get("t")
        self.cleaner.place = self.where("stycke", ev.number)
        if self.appendix is not None and t in ("Para", "Plain", "BulletList", "OrderedList") and not (
                t in ("Para", "Plain") and lists.appendix_line(inlines.plain(node["c"]))):
            self.appendix_text(node)
            return
        if t in ("BulletList", "OrderedList"):
            if self.list_block(node):
                return
        if t == "DefinitionList":
            if self.definition_block(node):
                return
        if t in ("Para", "Plain") and self._in_appendix_chapter():
            line = lists.appendix_line(inlines.plain(node["c"]))
            if line:
                self.appendix_line(*line)
                self.appendix = self.body.data[-1][1]["bilagor"][-1]
                return
        self.body.blocks += self.cleaner.blocks([node])

    def appendix_text(self, node: dict) -> None:
        """Text under an appendix: its description, its contents (a list) and vplan's own notes on it."""
        entry = self.appendix
        if node["t"] in ("BulletList", "OrderedList"):
            entry.setdefault("innehåll", []).extend(
                " ".join(self.mark(ln) for ln in inlines.lines(item)) for item in lists.items(node))
            return
        plain = inlines.plain(node["c"])
        if plain.rstrip(":").lower() == "innehåll":
            return  # the label vplan writes above the contents
        if not lists.flags_only(plain, entry):
            text = self.mark(node["c"])
            entry["beskrivning"] = "\n\n".join(filter(None, [entry.get("beskrivning"), text]))

    def _in_appendix_chapter(self) -> bool:
        return bool(self.chapter) and any(s.namn == self.chapter and hd.synonym_of(s, "bilagor")
                                          for s in self.profile.kapitel)

    def _in_risk_chapter(self) -> bool:
        return bool(self.chapter) and any(s.namn == self.chapter and hd.synonym_of(s, "risker")
                                          for s in self.profile.kapitel) or bool(
            self.heading and re.search(r"(?i)\brisk", self.heading))

    def appendix_line(self, number: int, title: str) -> None:
        if self.body.data and self.body.data[-1][0] == "bilagor" and self.body.blocks and \
                self.body.blocks[-1]["c"][0]["c"] == placeholder(len(self.body.data)):
            self.body.data[-1][1]["bilagor"].append({"nummer": number, "titel": self.mark(inlines.from_text(title))})
            return
        self.add_data("bilagor", {"bilagor": [{"nummer": number, "titel": self.mark(inlines.from_text(title))}]})

    def _lead(self) -> str | None:
        """The paragraph just before a list in the same section, when it ends with a colon: the list's lead-in."""
        if len(self.body.blocks) <= self.section_start:
            return None
        last = self.body.blocks[-1]
        if last["t"] != "Para" or not inlines.plain(last["c"]).endswith(":"):
            return None
        return inlines.plain(last["c"])

    def list_block(self, node: dict) -> bool:
        lead = self._lead()
        heading = self.heading or ""
        found: list[str] = []
        last = lists.last_sentence(lead) if lead else ""
        if lists.has_details(node) or (lead and lists.LEAD_ASSIGNMENT.search(last)) or (
                self.in_goal and lists.LEAD_GOAL_ASSIGNMENT.search(last)) or (
                re.search(r"(?i)^uppdrag\b", heading) and not lead):
            block = self._titled(lists.assignment_block(node, self._take_lead(lead), self.mark, found))
            kind = "uppdrag"
        elif lead and lists.LEAD_INTENTION.search(lists.last_sentence(lead)):
            block = self._titled(lists.intention_block(node, self._take_lead(lead), self.mark))
            kind = "avsikter"
        elif self._in_risk_chapter() and not lead:
            block = lists.risk_block_from_list(node, self.mark)
            kind = "risker"
        else:
            return False
        self.body.findings += [Finding(self.cleaner.place, f) for f in found]
        self.add_data(kind, block)
        return True

    def _take_lead(self, lead: str | None) -> str | None:
        if lead is None:
            return None
        para = self.body.blocks.pop()
        return self.mark(para["c"])

    def _titled(self, block: dict) -> dict:
        title = self._title_before()
        return {"rubrik": title, **block} if title else block

    def _title_before(self) -> str | None:
        """A short bold line just before a table or list in the same section: its title (vplan writes a
        block's rubrik so), taken out of the text."""
        if len(self.body.blocks) <= self.section_start:
            return None
        last = self.body.blocks[-1]
        text = inlines.plain(last["c"]) if last["t"] == "Para" else ""
        if not text or len(text) > 100 or text.endswith((".", ":")) or not inlines.is_bold(last["c"]):
            return None
        self.body.blocks.pop()
        return self.mark(inlines.strip_marks(last["c"]))

    def definition_block(self, node: dict) -> bool:
        block = lists.appendix_block(node, self.mark)
        if block:
            if self.body.data and self.body.data[-1][0] == "bilagor" and self.body.blocks and \
                    self.body.blocks[-1]["c"][0]["c"] == placeholder(len(self.body.data)):
                self.body.data[-1][1]["bilagor"] += block["bilagor"]  # Word breaks the list at each contents list
            else:
                self.add_data("bilagor", block)
            self.appendix = self.body.data[-1][1]["bilagor"][-1]
            return True
        if self._in_risk_chapter():
            self.add_data("risker", lists.risk_block_from_definitions(node, self.mark))
            return True
        return False


def _text_table(grid, rubrik) -> dict:
    """Every cell as text under columns "Kolumn 2", …: the safe form of any table."""
    rows = [r for r in [*grid.head, *grid.body] if any(c.text for c in r)]
    block: dict = {"rubrik": rubrik} if rubrik else {}
    if grid.width > 1:
        block["kolumner"] = [{"id": f"k{k + 1}", "rubrik": f"Kolumn {k + 1}", "typ": "text"} for k in range(1, grid.width)]
    block["rader"] = [{"namn": inlines.escape(r[0].text) or "(utan namn)",
                       **({"värden": v} if (v := {f"k{k + 1}": inlines.escape(r[k].text) for k in range(1, grid.width)
                                                  if r[k].origin and r[k].text}) else {})} for r in rows]
    return block if rows else {**block, "rader": [{"namn": "(tom tabell)"}]}


def _notes(nodes) -> list:
    out = []
    for x in nodes:
        if x.get("t") == "Note":
            out.append(x)
        elif x.get("t") in ("Strong", "Emph", "Underline", "Superscript", "Subscript", "SmallCaps", "Strikeout"):
            out += _notes(x["c"])
        elif x.get("t") in ("Span", "Link", "Quoted"):
            out += _notes(x["c"][1])
    return out


def _risk(mark, row) -> dict:
    title = mark([x for ln in row[0].lines for x in ln + [{"t": "Space"}]])
    desc = " ".join(mark(ln) for c in row[1:] for ln in c.lines if c.origin)
    out = {}
    if title:
        out["titel"] = title
    if desc:
        out["beskrivning"] = desc
    return out
