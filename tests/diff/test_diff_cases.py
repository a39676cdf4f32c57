"""Scripted edits: tests/cases/diff/NAME.edit applied to a base plan must give
exactly NAME.expected (plain terminal report) and NAME.expected.md (Markdown).
VPLAN_UPDATE_SNAPSHOTS=1 rewrites the snapshots."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vplan.diff import diff_bytes
from vplan.diff.changes import DiffResult
from vplan.diff.report import render

CASES = Path(__file__).resolve().parent.parent / "cases" / "diff"
UPDATE = os.environ.get("VPLAN_UPDATE_SNAPSHOTS") == "1"
NAMES = sorted(p.stem for p in CASES.glob("*.edit"))


def load_spec(name: str) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((CASES / f"{name}.edit").read_text(encoding="utf-8"))


def apply(text: str, steps: list[dict]) -> str:
    for step in steps:
        if "replace" in step:
            text = _once(text, step["replace"]).replace(step["replace"], step["with"])
        elif "delete" in step:
            text = _once(text, step["delete"]).replace(step["delete"], "")
        elif "insert" in step or "move" in step:
            piece = step.get("insert") or step["move"]
            if "move" in step:
                text = _once(text, piece).replace(piece, "")
            anchor = step.get("after") or step["before"]
            _once(text, anchor)
            text = text.replace(anchor, anchor + piece if "after" in step else piece + anchor)
        else:
            raise ValueError(f"unknown step {step}")
    return text


def _once(text: str, part: str) -> str:
    assert text.count(part) == 1, f"the edit must match exactly once: {part!r}"
    return text


def run_case(name: str):
    spec = load_spec(name)
    base = (CASES / spec.get("base", "vasternorrland.base.md")).read_text(encoding="utf-8")
    edited = apply(base, spec["steps"])
    old, new = (edited, base) if spec.get("reverse") else (base, edited)
    fd = diff_bytes("plans/plan.md", old.encode("utf-8"), new.encode("utf-8"))
    return DiffResult((fd,), "före", "efter")


def check_snapshot(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_scripted_edit_gives_expected_report(name):
    result = run_case(name)
    assert result.changed
    check_snapshot(CASES / f"{name}.expected", render("text", result))
    md = CASES / f"{name}.expected.md"
    if md.exists() or UPDATE and name in ("pr-exempel", "varav-rad", "mening-omformulerad"):
        check_snapshot(md, render("markdown", result))
    data = json.loads(render("json", result))  # JSON is always well formed and versioned
    assert data["version"] == 1 and data["files"][0]["changes"]


def test_moves_are_not_removals():
    for name in ("indikator-flyttad", "indikator-ordning"):
        kinds = {c.kind for c in run_case(name).files[0].changes}
        assert kinds == {"indicator.moved"}, (name, kinds)


def test_the_base_plan_against_itself_has_no_changes():
    base = (CASES / "vasternorrland.base.md").read_bytes()
    assert not diff_bytes("plan.md", base, base).changed


@pytest.mark.parametrize("name", NAMES)
def test_markdown_report_carries_no_live_markup_from_plan_text(name):
    """Read as GitHub reads a comment (gfm, autolinks on), the report holds no image, link,
    raw HTML but our own <ins>/<del>, and no heading but the one per file (issue 9)."""
    import pypandoc

    tree = json.loads(pypandoc.convert_text(render("markdown", run_case(name)), "json", format="gfm"))
    found = []

    def walk(node):
        if isinstance(node, dict):
            kind = node.get("t")
            if kind in ("Link", "Image", "RawBlock", "CodeBlock") or (kind == "Header" and node["c"][0] != 4):
                found.append(kind)
            if kind == "RawInline" and node["c"][1] not in ("<ins>", "</ins>", "<del>", "</del>"):
                found.append(node["c"][1])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree["blocks"])
    assert found == []
    assert "@everyone" not in json.dumps(tree, ensure_ascii=False)  # a word joiner keeps GitHub from notifying


@pytest.mark.parametrize("base", sorted(p.name for p in CASES.glob("*.base.md")))
def test_every_base_plan_checks_clean(base):
    """The bases are valid plans: the rich-table base shows every table feature without an error."""
    from vplan import api
    from vplan.options import Options

    result = api.load(CASES / base, options=Options())
    assert result.plan is not None and not result.diagnostics, [f"{d.pos} {d.code} {d.message}" for d in result.diagnostics]
