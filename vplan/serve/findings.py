"""Check findings in the preview: beside the section they concern, and listed at the top.

Findings enter the document tree as Str nodes like all other text; only the
error page (a plan that cannot be rendered) is written as HTML here, every
text in it escaped.
"""
from __future__ import annotations

import html
from bisect import bisect_right

from vplan.model import Diagnostic, Plan, Severity
from vplan.render.tree import nodes as n

TOP_ID = "vplan-fynd"
PAGE_STYLE = ("main{max-width:48rem;margin:2rem auto;padding:0 1rem;font:1.0625rem/1.6 system-ui,sans-serif}"
              "main ul{list-style:none;padding:0}")


def _label(d: Diagnostic) -> str:
    return f"{'Fel' if d.severity is Severity.ERROR else 'Varning'} {d.code}, rad {d.pos.line}:"


def _finding(d: Diagnostic, link: str | None = None) -> list[dict]:
    words = n.strong(n.text(_label(d))) + [n.space()] + n.text(d.message)
    if d.hint:
        words += [n.space()] + n.emph(n.text(f"Gör så här: {d.hint}"))
    if link:
        words += [n.space(), n.link(n.text("Visa i texten"), f"#{link}")]
    classes = ["vplan-fel" if d.severity is Severity.ERROR else "vplan-varning"]
    return [n.div([n.para(words)], classes)]


def section_of(plan: Plan) -> tuple[list[int], list[str]]:
    """Start lines of the sections in source order, and their heading ids in the built page."""
    from vplan.render.tree.document import heading_ids

    return [s.pos.line for s in plan.sections()], heading_ids(plan)


def annotate(document: dict, plan: Plan, diagnostics) -> dict:
    """A copy of the tree with each finding after its section's heading and all of them at the top."""
    if not diagnostics:
        return document
    lines, ids = section_of(plan)
    at: dict[str, list[Diagnostic]] = {}
    top: list[dict] = []
    for d in diagnostics:
        i = bisect_right(lines, d.pos.line) - 1  # the last section starting at or before the finding
        anchor = ids[i] if i >= 0 else None
        if anchor:
            at.setdefault(anchor, []).append(d)
        top += _finding(d, anchor)
    blocks = []
    for b in document["blocks"]:
        blocks.append(b)
        if b.get("t") == "Header" and b["c"][1][0] in at:
            blocks.append(n.div([f for d in at[b["c"][1][0]] for f in _finding(d)], ["vplan-fynd-har"]))
    heading = n.para(n.strong(n.text(summary(diagnostics))))
    return {**document, "blocks": [n.div([heading, *top], ["vplan-fynd"], id=TOP_ID), *blocks]}


def counts(diagnostics) -> str:
    """"2 fel och 1 varning", or "inga fel"."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    parts = [p for p in (errors and f"{errors} fel", warnings and f"{warnings} "
                         f"{'varning' if warnings == 1 else 'varningar'}") if p]
    return " och ".join(parts) or "inga fel"


def summary(diagnostics) -> str:
    return f"vplan check hittade {counts(diagnostics)}."


def error_page(title: str, problem: str | None, diagnostics, lines) -> str:
    """A page for a plan that cannot be shown: what went wrong, each finding with its line."""
    e = html.escape
    items = []
    for d in diagnostics:
        excerpt = lines[d.pos.line - 1] if 0 < d.pos.line <= len(lines) else ""
        cls = "vplan-fel" if d.severity is Severity.ERROR else "vplan-varning"
        items.append(f'<li class="{cls}"><strong>{e(_label(d))}</strong> {e(d.message)}'
                     + (f" <em>Gör så här: {e(d.hint)}</em>" if d.hint else "")
                     + (f"<pre>{e(excerpt[:300])}</pre>" if excerpt.strip() else "") + "</li>")
    body = (f"<p>{e(problem)}</p>" if problem else "") + (
        f"<p><strong>{e(summary(diagnostics))}</strong></p><ul>{''.join(items)}</ul>" if diagnostics else "")
    return page_shell(f"{title}: kan inte visas",
                      f'<main><h1>{e(title)} kan inte visas ännu</h1>{body}'
                      "<p>Sidan laddas om av sig själv när du sparar planen.</p></main>")


def page_shell(title: str, body: str) -> str:
    return ('<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            f"<style>{PAGE_STYLE}</style></head><body>{body}</body></html>")
