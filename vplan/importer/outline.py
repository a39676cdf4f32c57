"""Where each heading of the Word file goes: levels made even, chapters mapped to the profile's,
goal areas, goals and sub-goals read from prefixes, bold goal lines and the shape of the goal chapter."""
from __future__ import annotations

import re
from dataclasses import dataclass

from vplan.importer import headings as hd
from vplan.importer import inlines
from vplan.importer.events import Event
from vplan.importer.report import Finding

GOAL_ORDER = ("målområde", "mål", "delmål")
_GOAL_LINE = re.compile(r"(?i)^(målområde|mål|delmål)\b")


@dataclass
class Heading:
    level: int
    text: str  # as the plan writes it
    original: str  # as Word had it
    chapter: str | None = None  # the profile chapter a level-1 heading stands for
    goal_kind: str | None = None


class Outline:
    """The headings of one Word file placed under one profile; `findings` says what was guessed."""

    def __init__(self, events: list[Event], profile):
        self.events, self.profile = events, profile
        self.findings: list[Finding] = []
        self.synthetic: dict[int, Heading] = {}  # a chapter heading vplan adds before the event with that index

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
                        self.findings.append(Finding(f"rubriken ”{parsed.text}”", "stod som kapitel; vplan "
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
                h.text = hd.goal_heading(parsed.kind, parsed.number, parsed.title, parsed.period)
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
            self.findings.append(Finding(f"rubrikerna efter ”{h.original}”", "stod som egna kapitel; de "
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
                    self.findings.append(Finding(f"rubriken ”{h.original}”", f"blev kapitlet ”{spec.namn}”, som "
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
                self.findings.append(Finding(f"kapitlet under rubriken ”{group[0][1].original}”",
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
                self.findings.append(Finding(f"rubriken ”{h.original}”", "har mål under sig och blev ett "
                                                  "målområde. Kontrollera att det stämmer"))
