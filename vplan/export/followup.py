"""The facts of a follow-up: its outcomes, goal assessments and assignment status, placed
under the plan's goals, and the number cells of its own tables."""
from __future__ import annotations

from vplan.export.facts import (
    LINE, NO_CHAIN, chains, document_fields, name, placed_blocks, plain, plan_rows,
)
from vplan.model import AssignmentBlock, IndicatorBlock


def source_text(source) -> str | None:
    """"Kolada N00945, hämtad 2026-12-03", the source in words, or both (ValueSource.words)."""
    return (source.words() or None) if source is not None else None


def _plan_index(plan):
    """Indicators, assignments and goals of the plan by id, each with the goals it stands under."""
    from vplan.followup.goals import goals

    indicators, assignments = {}, {}
    for block, chain in placed_blocks(plan):
        if isinstance(block, IndicatorBlock):
            indicators.update((i.id, (i, chain)) for i in block.indikatorer)
        elif isinstance(block, AssignmentBlock):
            assignments.update((a.id, (a, chain)) for a in block.uppdrag if a.id)
    where = chains(plan)
    found = {g.id: (g, where[id(g.section)]) for g in goals(plan)}
    return indicators, assignments, found


def followup_rows(followup, path: str) -> list[tuple]:
    period = str(followup.meta.period)
    year = followup.meta.period.year
    rows = plan_rows(followup.document, path, period)  # its own tables (and any indicator block)
    if followup.plan is None:
        return rows
    head, file = document_fields(followup.document, period, path)
    indicators, assignments, goals = _plan_index(followup.plan)
    for o in followup.outcomes():
        ind, chain = indicators.get(o.id, (None, NO_CHAIN))
        for yv in o.values:
            line = (yv.value_pos or yv.pos).line
            for _, v in plain(yv.value):
                rows.append(head + chain + (o.id, name(ind.namn) if ind else None, o.organisation, yv.year, "utfall", v,
                                            ind.enhet if ind else None, None, None,
                                            source_text(o.sources.get(yv.year)), file, line))
    for a in followup.assessments():
        goal, chain = goals.get(a.mal, (None, NO_CHAIN))
        rows.append(head + chain + (a.mal, name(goal.title) if goal else None, None, year, "bedömning", a.bedomning,
                                    None, None, None, None, file, a.at("bedömning").line))
    for s in followup.statuses():
        task, chain = assignments.get(s.id, (None, NO_CHAIN))
        rows.append(head + chain + (s.id, name(task.text) if task else None, None, year, "uppdragsstatus", s.status,
                                    None, None, None, None, file, s.at("status").line))
    rows.sort(key=lambda r: r[LINE])  # source order: the file read from top to bottom
    return rows
