"""Walk the Word file's events in order and make the plan: headings placed, tables and lists turned
into blocks, running text kept; every step that needs a person's look leaves a finding."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from vplan.importer import headings as hd
from vplan.importer import inlines, lists
from vplan.importer.events import Event
from vplan.importer.grid import build as build_grid
from vplan.importer.prose import Cleaner
from vplan.importer.report import Finding, place
from vplan.importer.tables import classify, goal_groups, shape, year_columns

GOAL_ORDER = ("målområde", "mål", "delmål")
_GOAL_LINE = re.compile(r"(?i)^(målområde|mål|delmål)\b")


@dataclass
class Heading:
    level: int
    text: str  # as the plan writes it
    original: str  # as Word had it
    chapter: str | None = None  # the profile chapter a level-1 heading stands for
    goal_kind: str | None = None


@dataclass
class Body:
    blocks: list = field(default_factory=list)  # pandoc blocks; data blocks as placeholders
    data: list[tuple[str, dict]] = field(default_factory=list)  # (kind, block) per placeholder
    findings: list[Finding] = field(default_factory=list)
    target_years: set[int] = field(default_factory=set)


def placeholder(n: int) -> str:
    return f"VPLANBLOCK{n:05d}"


class Walker:
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
        self.synthetic: dict[int, Heading] = {}  # a chapter heading vplan adds before the event with that index

    # --- headings -----------------------------------------------------------------

    def plan_headings(self, start: int) -> dict[int, Heading]:
        """event index -> Heading, levels normalised, chapters mapped, goal kinds read."""
        found = [(i, ev) for i, ev in enumerate(self.events) if i >= start and ev.kind == "heading"]
        found += [(i, ev) for i, ev in enumerate(self.events) if i >= start and self._goal_paragraph(ev)]
        found.sort(key=lambda p: p[0])
        base = min((ev.level for _, ev in found if ev.level >= 1), default=1)
        out: dict[int, Heading] = {}
        prev = 0
        rank_level: dict[str, int] = {}
        goal_spec = self._unnamed_goal_chapter(found, base)
        shift = 0  # 1 while goal areas stand as chapters under the goal chapter put above them
        for i, ev in found:
            parsed = hd.parse(inlines.plain(ev.content))
            if ev.level >= 1:
                level = max(1, ev.level - base + 1)
                if level == 1 and goal_spec is not None:
                    if parsed.kind and not shift:
                        self.synthetic[i] = Heading(1, goal_spec.namn, "", chapter=goal_spec.namn)
                        self.body.findings.append(Finding(f"rubriken ”{parsed.text}”", "stod som kapitel; vplan "
                                                          f"lade kapitlet ”{goal_spec.namn}” ovanför målområdena"))
                        prev = 1
                    shift = 1 if parsed.kind else 0
                level += shift
            else:  # a bold "Mål: …" paragraph: at the level of the goals of its kind, below the kinds above it
                level = self._goal_level(parsed.kind, rank_level, prev)
            level = min(level, prev + 1) if prev else 1
            h = Heading(level, parsed.text, inlines.plain(ev.content),
                        goal_kind=parsed.kind if level > 1 else None)
            if parsed.kind and level > 1:
                h.text = hd.goal_heading(parsed.kind, parsed.number, parsed.title)
                rank_level[parsed.kind] = level
            elif level == 1:
                rank_level.clear()
            out[i] = h
            prev = level
        self._map_chapters(out)
        self._areas_as_chapters(out)
        self._goals_by_depth(out)
        return out

    def _areas_as_chapters(self, out: dict[int, Heading]) -> None:
        """An empty goal chapter followed by chapters the profile does not know: those are its goal
        areas, written one level too high ("Målområden" and then "God och nära vård" as Heading 1)."""
        goal = {s.namn for s in self.profile.kapitel if s.mal}
        keys = sorted(out)
        for n, i in enumerate(keys):
            h = out[i]
            if h.level != 1 or h.chapter not in goal:
                continue
            rest = keys[n + 1:]
            if not rest or out[rest[0]].level != 1:
                return  # the chapter has sections of its own
            moved = []
            for j in rest:
                if out[j].level == 1 and out[j].chapter is not None:
                    break
                moved.append(j)
            areas = [j for j in moved if out[j].level == 1]
            if not areas:
                return
            for j in moved:
                out[j].level += 1
            if "målområde" in self.profile.nivaer:
                for j in areas:
                    if not out[j].goal_kind:
                        out[j].goal_kind = "målområde"
                        out[j].text = hd.goal_heading("målområde", None, out[j].text)
            self.body.findings.append(Finding(f"rubrikerna efter ”{h.original}”", "stod som egna kapitel; de "
                                              f"blev målområden under kapitlet ”{h.text}”. Kontrollera att det stämmer"))
            return

    def _unnamed_goal_chapter(self, found, base: int):
        """The profile's goal chapter when no chapter of the Word file is it but chapters are goal areas
        ("Målområde 1: …" as Heading 1); else None."""
        spec = next((s for s in self.profile.kapitel if s.mal), None)
        if spec is None:
            return None
        top = [hd.parse(inlines.plain(ev.content)) for _, ev in found if ev.level == base]
        if any(t.kind is None and (spec.matches(t.text) or hd.synonym_of(spec, t.text)) for t in top):
            return None
        return spec if any(t.kind for t in top) else None

    def _goal_paragraph(self, ev: Event) -> bool:
        if ev.kind != "block" or ev.node.get("t") not in ("Para", "Plain"):
            return False
        text = inlines.plain(ev.node["c"])
        if len(text) > 250 or not _GOAL_LINE.match(text) or not inlines.is_bold(ev.node["c"]):
            return False
        if hd.parse(text).kind:
            ev.kind = "heading"
            ev.content = ev.node["c"]
            ev.level = 0
            return True
        return False

    @staticmethod
    def _goal_level(kind: str | None, rank_level: dict[str, int], prev: int) -> int:
        if kind in rank_level:
            return rank_level[kind]
        higher = [rank_level[k] for k in GOAL_ORDER[:GOAL_ORDER.index(kind)] if k in rank_level] if kind else []
        return (max(higher) + 1) if higher else prev + 1  # under the section it stands in

    def _map_chapters(self, out: dict[int, Heading]) -> None:
        specs = list(self.profile.kapitel)
        chapters = [(i, h) for i, h in out.items() if h.level == 1]
        taken: set[str] = {h.chapter for h in self.synthetic.values()}
        for i, h in chapters:
            spec = next((s for s in specs if s.matches(h.text) and s.namn not in taken), None)
            if spec:
                h.chapter = spec.namn
                taken.add(spec.namn)
        for test in (hd.synonym_of, hd.keyword_of):
            self._map_by(test, chapters, specs, taken)

    def _map_by(self, test, chapters, specs, taken: set[str]) -> None:
        for i, h in chapters:
            if h.chapter:
                continue
            spec = next((s for s in specs if s.namn not in taken and test(s, h.text)), None)
            if spec:
                h.chapter = spec.namn
                taken.add(spec.namn)
                if h.text != spec.namn:
                    self.body.findings.append(Finding(f"rubriken ”{h.original}”", f"blev kapitlet ”{spec.namn}”, som "
                                                      f"profilen {self.profile.namn} kräver"))
                    h.text = spec.namn

    def _goals_by_depth(self, out: dict[int, Heading]) -> None:
        """A goal chapter whose headings have no prefix: its levels are the profile's goal levels."""
        goal_specs = {s.namn for s in self.profile.kapitel if s.mal}
        inside: list[list[tuple[int, Heading]]] = []
        current = None
        for i, h in sorted(out.items()):
            if h.level == 1:
                current = [] if h.chapter in goal_specs else None
                if current is not None:
                    inside.append(current)
            elif current is not None:
                current.append((i, h))
        levels = self.profile.nivaer
        for group in inside:
            if group and any(h.goal_kind for _, h in group):
                self._areas_above_goals(group)
                continue
            if not group:
                continue
            placed = 0
            for i, h in group:
                depth = h.level - 1
                if depth <= len(levels) and levels[depth - 1] in GOAL_ORDER:
                    h.goal_kind = levels[depth - 1]
                    h.text = hd.goal_heading(h.goal_kind, None, h.text)
                    placed += 1
            if placed:
                self.body.findings.append(Finding(f"kapitlet under rubriken ”{group[0][1].original}”",
                                                  "rubrikerna hade inget förled (Målområde, Mål); de lästes som "
                                                  f"{', '.join(levels)} efter rubriknivå. Kontrollera att det stämmer"))

    def _areas_above_goals(self, group: list[tuple[int, Heading]]) -> None:
        """"2.3 Hållbart samhälle" above "Mål 1. …": a heading without prefix whose subsections are goals
        is the goal area they belong to."""
        if "målområde" not in self.profile.nivaer:
            return
        for k, (i, h) in enumerate(group):
            if h.goal_kind:
                continue
            below = []
            for _j, other in group[k + 1:]:
                if other.level <= h.level:
                    break
                below.append(other)
            if any(o.goal_kind in ("mål", "delmål") for o in below) and not any(
                    o.goal_kind == "målområde" for o in below):
                h.goal_kind = "målområde"
                h.text = hd.goal_heading("målområde", None, h.text)
                self.body.findings.append(Finding(f"rubriken ”{h.original}”", "har mål under sig och blev ett "
                                                  "målområde. Kontrollera att det stämmer"))

    # --- content ------------------------------------------------------------------

    def walk(self, start: int, heads: dict[int, Heading]) -> Body:
        for i in range(start, len(self.events)):
            ev = self.events[i]
            if i in self.synthetic:
                self.emit_heading(None, self.synthetic[i])
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
        facts = self.facts[ev.number - 1] if ev.number - 1 < len(self.facts) else None
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
        rubrik = self.mark(inlines.from_text(grid.caption)) if grid.caption else None
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
        self.add_data(kind if kind != "tabell" else "tabell", block)

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
        if self.appendix is not None and t in ("Para", "Plain", "BulletList", "OrderedList"):
            if t in ("Para", "Plain"):
                text = self.mark(node["c"])
                if text:
                    self.appendix["beskrivning"] = "\n\n".join(filter(None, [self.appendix.get("beskrivning"), text]))
            else:
                self.appendix.setdefault("innehåll", []).extend(
                    " ".join(self.mark(ln) for ln in inlines.lines(item)) for item in lists.items(node))
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
                return
        self.body.blocks += self.cleaner.blocks([node])

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
            block = lists.assignment_block(node, self._take_lead(lead), self.mark, found)
            kind = "uppdrag"
        elif lead and lists.LEAD_INTENTION.search(lists.last_sentence(lead)):
            block = lists.intention_block(node, self._take_lead(lead), self.mark)
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

    def definition_block(self, node: dict) -> bool:
        block = lists.appendix_block(node, self.mark)
        if block:
            self.add_data("bilagor", block)
            return True
        if self._in_risk_chapter():
            self.add_data("risker", lists.risk_block_from_definitions(node, self.mark))
            return True
        return False


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
