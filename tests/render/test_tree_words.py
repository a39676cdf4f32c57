"""Words the renderer adds to the plan's own text keep their spaces: nodes.text trims what it is
given, so a word added after another must come with its own Space node."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "plans").glob("*.md")) + sorted((ROOT / "uppfoljning").glob("*.md"))


def _tree(path: Path) -> dict:
    from vplan.api import load
    from vplan.options import Options

    options = Options(project_dir=ROOT, cache_dir=None)
    loaded = load(path, options=options)
    if loaded.followup is not None:
        from vplan.followup.report.build import prepare

        prepared, _marks = prepare(loaded.followup, path, options=options, draft=False, epoch=0)
        return next(iter(prepared.values())).document
    from vplan.render.build import prepare

    return prepare(loaded.plan, path, options=options).document


def _tables(node):
    if isinstance(node, dict):
        if node.get("t") == "Table":
            yield node
        for value in node.values():
            yield from _tables(value)
    elif isinstance(node, list):
        for value in node:
            yield from _tables(value)


def test_a_unit_or_organisation_the_renderer_adds_stands_after_a_space():
    """"Verksamhet (mnkr)", "Medarbetarengagemang (RVN)": the examples' table headers and row
    names, in every plan and report."""
    from vplan.render.tree.nodes import stringify

    glued, added = [], 0
    for path in DOCUMENTS:
        for table in _tables(_tree(path)):
            head = [stringify(cell[4]) for row in table["c"][3][1] for cell in row[1]]
            first = [stringify(row[1][0][4]) for body in table["c"][4] for row in body[3] if row[1]]
            for text in head + first:
                for m in re.finditer(r"\((mnkr|tkr|kr|%|[A-ZÅÄÖ]{2,4})\)", text):
                    added += 1
                    if m.start() and text[m.start() - 1] != " ":
                        glued.append(f"{path.name}: {text}")
    assert added > 5, "the examples have too few units or organisations in brackets to check"
    assert not glued, glued
