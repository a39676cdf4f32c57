"""Scripted damage to each example plan must give the right code at the right line.

Each test finds a place in the real plan through the model (positions come from
the reader), edits the source text there, checks the edited text, and expects
the rule code at the line computed from where the edit was made.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import PLANS
from vplan import api
from vplan.model import Number

pytestmark = pytest.mark.skipif(not PLANS, reason="no example plans in plans/")


def load(text: str, tmp_path, options, name="plan.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return api.load(path, options=options)


def found(result, code: str) -> list[tuple[int, int]]:
    return [(d.pos.line, d.pos.column) for d in result.diagnostics if d.code == code]


@pytest.fixture(params=PLANS, ids=[p.stem for p in PLANS])
def plan(request, tmp_path, options, monkeypatch):
    """(source lines, clean FileResult) for one example plan; the plan itself must be clean."""
    monkeypatch.chdir(tmp_path)
    text = request.param.read_text(encoding="utf-8")
    result = load(text, tmp_path, options)
    assert result.plan is not None and not result.errors, f"{request.param.name} is not clean"
    return text.split("\n"), result


def test_deleting_a_required_chapter(plan, tmp_path, options):
    from vplan.profiles import load_profile

    lines, result = plan
    profile = load_profile(result.plan.meta.profil, options.profile_dirs)
    chapters = result.plan.chapters
    matched = [(c, next((i for i, s in enumerate(profile.kapitel) if s.matches(c.title)), None)) for c in chapters]
    required = [(c, i) for c, i in matched if i is not None and not profile.kapitel[i].valfritt]
    assert len(required) >= 2, "the plan should have at least two of its profile's chapters"
    gone, idx = required[-1]  # the last required chapter: the one before it stays in place
    del lines[gone.pos.line - 1]
    after = load("\n".join(lines), tmp_path, options)
    name = profile.kapitel[idx].namn
    hits = [d for d in after.diagnostics if d.code in ("VP100", "VP102")]
    assert hits, f"deleting # {gone.title} gave {sorted({d.code for d in after.diagnostics})}"
    missing = [d for d in hits if d.code == "VP100" and f"”{name}”" in d.message]
    if missing:  # points at the chapter the missing one should follow
        before = [c for c, i in matched if i is not None and i < idx and c is not gone]
        want = before[-1].pos.line if before else chapters[0].pos.line
        want -= 1 if want > gone.pos.line else 0
        assert missing[0].pos.line == want


def _sum_rows(table):
    for row, _ in table.all_rows:
        if not row.rader or row.delsumma is False or row.formel or "VP302" in row.undantag:
            continue
        for col in table.kolumner:
            cells = [row.varden.get(col.id), *(ch.varden.get(col.id) for ch in row.rader)]
            if col.typ == "tal" and all(isinstance(v, Number) for v in cells):
                yield row, col


def _summa_rows(table):
    """Rows with formel: summa and a row before them to change, when there are no varav sums."""
    from vplan.model.spans import sibling_lists as _sibling_lists

    for siblings in _sibling_lists(table.rader):
        for idx, row in enumerate(siblings):
            if row.formel != "summa" or "VP303" in row.undantag:
                continue
            terms = [s for s in siblings[:idx] if not s.formel]
            for col in table.kolumner:
                if terms and col.typ == "tal" and all(isinstance(r.varden.get(col.id), Number)
                                                      for r in (row, *terms)):
                    yield row, terms[-1], col


def test_breaking_a_subrow_sum(plan, tmp_path, options):
    """Change one sub-row figure: VP302 at the row's figure (or VP303 at a summa row's)."""
    lines, result = plan
    cases = [("VP302", t, r, r.rader[-1], c) for t in result.plan.tables() for r, c in _sum_rows(t)]
    cases += [("VP303", t, r, term, c) for t in result.plan.tables() for r, term, c in _summa_rows(t)]
    if not cases:
        pytest.skip("this plan has no table with sums that all carry numbers")
    code, table, row, part, col = cases[0]
    pos = part.cell_pos(col.id)
    line = lines[pos.line - 1]
    m = re.compile(r"-?\d+(\.\d+)?").match(line, pos.column - 1)
    assert m, f"no number at {pos}: {line!r}"
    bumped = Decimal(m.group(0)) + 1000 + 2 * table.tolerans
    lines[pos.line - 1] = line[:m.start()] + str(bumped) + line[m.end():]
    after = load("\n".join(lines), tmp_path, options)
    want = row.cell_pos(col.id)  # the row's own figure, which the parts no longer add up to
    assert (want.line, want.column) in found(after, code), f"{code} at {want}: {found(after, code)}"


def test_moving_a_target_year_outside_the_period(plan, tmp_path, options):
    lines, result = plan
    meta = result.plan.meta
    ind, yv = next((i, yv) for i in result.plan.indicators() for yv in i.mal)
    outside = str(meta.till + 2)
    line = lines[yv.pos.line - 1]
    col = yv.pos.column - 1
    assert line[col:col + 4] == str(yv.year), f"year key not at {yv.pos}: {line!r}"
    lines[yv.pos.line - 1] = line[:col] + outside + line[col + 4:]
    after = load("\n".join(lines), tmp_path, options)
    assert (yv.pos.line, yv.pos.column) in found(after, "VP200"), [str(d.pos) + d.code for d in after.diagnostics]


PLAIN = re.compile(r"^(?P<key>\s*(- )?[\wåäöÅÄÖ-]+): (?P<value>[A-Za-zÅÄÖåäö][^:#\"'\[\]{}]*)$")


@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_corrupting_a_yaml_block(plan, tmp_path, options, which):
    """A second ': ' on a plain line of a block is a YAML syntax error at that colon."""
    lines, result = plan
    blocks = list(result.plan.blocks())
    block = {"first": blocks[0], "middle": blocks[len(blocks) // 2], "last": blocks[-1]}[which]
    first = block.pos.line  # a block's position is its first YAML line
    fence = next(n for n in range(first, len(lines) + 1) if lines[n - 1].strip().startswith("```"))
    target = next((n for n in range(first, fence) if PLAIN.match(lines[n - 1])), None)
    if target is None:
        pytest.skip(f"no plain key: value line in the block at line {first}")
    lines[target - 1] += ": trasig"
    after = load("\n".join(lines), tmp_path, options)
    colon = len(lines[target - 1]) - len(": trasig") + 1
    assert found(after, "VP001") == [(target, colon)], [f"{d.pos} {d.code}" for d in after.diagnostics]


def test_corrupting_the_front_matter(plan, tmp_path, options):
    lines, result = plan
    end = lines.index("---", 1) + 1
    target = next(n for n in range(2, end) if PLAIN.match(lines[n - 1]))
    lines[target - 1] = "\t" + lines[target - 1]
    after = load("\n".join(lines), tmp_path, options)
    assert found(after, "VP001") == [(target, 1)]
    assert after.plan is None
