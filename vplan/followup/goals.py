"""The goals of a plan as a follow-up names them: a stable id per goal and goal area.

A goal's id is the slug of its title, without the prefix and number
("### Mål 1. Västerbotten har …" -> "vasterbotten-har-…"), in ASCII, cut at a
word boundary near 60 characters (vplan.render.tree.words.slug). Two goals with
the same slug get "-2", "-3" in document order. The id is what `vplan check`
suggests and what a follow-up's `bedömning` block names.
"""
from __future__ import annotations

from dataclasses import dataclass

from vplan.model import Assignment, AssignmentBlock, Indicator, IndicatorBlock, Plan, Section
from vplan.render.tree.words import slug

ASSESSED = ("målområde", "mål")  # every one of these needs an assessment; a delmål may have one


@dataclass(frozen=True)
class Goal:
    id: str
    kind: str  # målområde | mål | delmål
    section: Section
    parent: str | None  # the goal area's (or goal's) id
    indicators: tuple[Indicator, ...]  # in its whole subtree
    assignments: tuple[Assignment, ...]

    @property
    def title(self) -> str:
        return self.section.title


def goals(plan: Plan) -> tuple[Goal, ...]:
    """Every goal area, goal and sub-goal of the plan, in document order."""
    taken: set[str] = set()
    out: list[Goal] = []
    for chapter in plan.chapters:
        _visit(chapter, None, taken, out)
    return tuple(out)


def _visit(section: Section, parent: str | None, taken: set[str], out: list[Goal]) -> None:
    # a module function, not a closure calling itself: that would be a reference cycle keeping
    # the plan alive until the next garbage collection (tests/test_reading_garbage.py)
    here = parent
    if section.kind in ("målområde", "mål", "delmål"):
        here = slug(section.title, taken)
        blocks = [b for s in section.walk() for b in s.blocks]
        out.append(Goal(here, section.kind, section, parent,
                        tuple(i for b in blocks if isinstance(b, IndicatorBlock) for i in b.indikatorer),
                        tuple(a for b in blocks if isinstance(b, AssignmentBlock) for a in b.uppdrag)))
    for child in section.sections:
        _visit(child, here, taken, out)


def goal_of(plan: Plan) -> dict[str, Goal]:
    """Indicator or assignment id -> the innermost goal it stands under."""
    found: dict[str, Goal] = {}
    for g in goals(plan):  # outer goals first, so inner ones overwrite them
        for item in (*g.indicators, *g.assignments):
            if item.id:
                found[item.id] = g
    return found
