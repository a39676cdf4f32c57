"""`vplan rollover` on plans it was not written for: the examples, the test projects' plans,
generated ones, and its own output; the result checks with fill-in warnings only, is in
canonical form, keeps prose and structure, and `vplan diff` shows the shift and nothing else."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import PLANS, ROOT
from cycle_support import FILL_IN, diagnostics, project  # noqa: F401 (a fixture)
from vplan.cycle.rollover import rollover_text

TESTS = ROOT / "tests" / "cases"
# Plans from other tests, each with the project that holds its profile.
OTHERS = [TESTS / "region-repo" / "plans" / "kulturnamnden-2026.md",
          TESTS / "projekt" / "utan-konfiguration" / "plans" / "kultur-2026.md",
          TESTS / "projekt" / "profil-eget-allvar" / "plans" / "hsn-2026.md"]
# What a rollover may change, as `vplan diff` names it.
SHIFT_KINDS = {"meta.changed", "meta.removed", "outcome.added", "target.added", "target.removed",
               "column.changed", "column.added", "column.removed", "cell.changed", "cell.added", "cell.removed",
               "table.changed"}


def _project_of(plan: Path) -> Path:
    return plan.parent.parent if plan.parent.name == "plans" else ROOT


def _corpus(tmp_path_factory, n=6) -> list[Path]:
    folder = tmp_path_factory.mktemp("korpus")
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(n), str(folder / "plans")],
                   check=True, capture_output=True)
    return sorted((folder / "plans").glob("*.md"))


def _roll(plan: Path, dest: Path, till: int | None = None):
    from vplan.api import load
    from vplan.options import Options

    proj = _project_of(plan)
    old = load(plan, options=Options.for_project(proj)).plan
    till = till or old.meta.budgetar + 1
    result = rollover_text(plan.read_text(encoding="utf-8"), name=plan.name, till=till)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(result.text, encoding="utf-8")
    return old, result


def _structure(plan):
    """What a rollover must keep: prose, headings, footnotes and every block but indicators and year tables."""
    from vplan.fmt.verify import plain

    return ([t for t, _ in plan.prose_runs], [(s.level, s.heading) for s in plan.sections()],
            plain(list(plan.assignments())), plain(list(plan.risks())), plain(list(plan.appendices())),
            plain(list(plan.intentions())))


def _assert_rolled(source: Path, dest: Path, proj: Path):
    from vplan.fmt import format_text
    from vplan.options import Options

    old, result = _roll(source, dest)
    new, diags = diagnostics(dest, proj)
    _, old_diags = diagnostics(source, proj)
    # nothing beyond the fill-in warnings, except findings the old plan had already (some test plans are bad)
    had = Counter(_finding(d) for d in old_diags)
    assert Counter(_finding(d) for d in diags if d.code not in FILL_IN) - had == Counter()
    m, o = new.meta, old.meta
    by = m.budgetar - o.budgetar
    assert (m.fran, m.till, m.budgetar, m.status, m.beslut, m.datum) == (o.fran + by, o.till + by, o.budgetar + by,
                                                                           "utkast", None, None)
    assert m.malar == tuple(y + by for y in o.malar)
    assert _structure(new) == _structure(old)
    for ind in new.indicators():
        assert all(yv.year < m.budgetar for yv in ind.utfall)
        assert all(m.fran <= yv.year <= m.till for yv in ind.mal)
    text = dest.read_text(encoding="utf-8")
    if format_text(source.read_text(encoding="utf-8")) == source.read_text(encoding="utf-8"):
        assert format_text(text) == text, "a canonical plan must roll over into a canonical plan"
    _assert_diff_is_the_shift(source, dest, proj, result)
    return old, new, result


def _finding(d):
    return d.code, d.severity, d.message


def _assert_diff_is_the_shift(source, dest, proj, result):
    from vplan.diff import diff_files
    from vplan.diff.report import render
    from vplan.options import Options

    report = json.loads(render("json", diff_files(source, dest, options=Options.for_project(proj))))
    changes = report["files"][0]["changes"]
    assert {c["kind"] for c in changes} <= SHIFT_KINDS
    counts = report["files"][0]["counts"]
    assert counts.get("outcome.added", 0) == result.indicators.outcomes
    assert counts.get("target.added", 0) == result.indicators.targets
    assert counts.get("target.removed", 0) == result.indicators.dropped
    tables = {c["subject"].get("tabell") for c in changes if "tabell" in c["subject"]}
    assert len(tables) <= result.tables.tables
    # no figure is altered: a cell only leaves with its year or stays empty for a new one
    assert [c["text"] for c in changes if c["kind"] == "cell.changed" and None not in (c.get("old"), c.get("new"))] == []


@pytest.mark.parametrize("source", PLANS, ids=lambda p: p.stem)
def test_example_plans(tmp_path, source):
    proj = tmp_path
    shutil.copy(source, proj / source.name)
    (proj / "plans").mkdir()
    _assert_rolled(proj / source.name, proj / "plans" / "ny.md", proj)


@pytest.mark.parametrize("source", OTHERS, ids=lambda p: p.parent.parent.name)
def test_plans_of_the_test_projects(tmp_path, source):
    proj = tmp_path / "projekt"
    shutil.copytree(_project_of(source), proj)
    _assert_rolled(proj / "plans" / source.name, proj / "plans" / "ny.md", proj)


def test_generated_plans(tmp_path, tmp_path_factory):
    for source in _corpus(tmp_path_factory):
        _assert_rolled(source, tmp_path / "plans" / source.name, tmp_path)


def test_rolled_twice(tmp_path):
    first = tmp_path / "plans" / "a.md"
    shutil.copy(PLANS[-1], tmp_path / "gammal.md")
    _assert_rolled(tmp_path / "gammal.md", first, tmp_path)
    _, new, _ = _assert_rolled(first, tmp_path / "plans" / "b.md", tmp_path)
    assert new.meta.budgetar == 2027


def test_year_columns_move_one_slot(tmp_path):
    """Västernorrland's Resursramar: Budget 2024–2027 becomes Budget 2025–2028, 2028 empty."""
    source = ROOT / "plans" / "vasternorrland-regionstyrelsen-2025.md"
    old, result = _roll(source, tmp_path / "plans" / "ny.md")
    new, _ = diagnostics(tmp_path / "plans" / "ny.md", tmp_path)
    before = next(t for t in old.tables() if t.rubrik == "Resursramar")
    after = next(t for t in new.tables() if t.rubrik == "Resursramar")
    assert [(c.id, c.rubrik, c.ar) for c in after.kolumner] == [
        ("b2025", "Budget 2025", 2025), ("b2026", "Budget 2026", 2026), ("b2027", "Budget 2027", 2027),
        ("b2028", "Budget 2028", 2028)]
    for r_old, r_new in zip(before.rader, after.rader):
        assert {k: v for k, v in r_new.varden.items()} == {k: v for k, v in r_old.varden.items() if k != "b2024"}
    from vplan.fmt.verify import plain

    untouched = next(t for t in new.tables() if t.rubrik == "Detta ingår i resursramarna")
    assert plain(untouched) == plain(next(t for t in old.tables() if t.rubrik == "Detta ingår i resursramarna"))


def test_budget_and_plan_columns_keep_their_roles(tmp_path):
    """Jämtland: Budgetram 2024, Budgetram 2025, Plan 2026, Plan 2027 -> the 2026 plan figures become the
    new budget year's column, named as the budget column was."""
    source = ROOT / "plans" / "jamtland-harjedalen-regionstyrelsen-2025.md"
    old, _ = _roll(source, tmp_path / "plans" / "ny.md")
    new, _ = diagnostics(tmp_path / "plans" / "ny.md", tmp_path)
    title = "Total nettobudgetram enligt Regionplan och budget"
    before = next(t for t in old.tables() if t.rubrik == title)
    after = next(t for t in new.tables() if t.rubrik == title)
    assert [c.rubrik for c in after.kolumner] == ["Budgetram 2025", "Budgetram 2026", "Plan 2027", "Plan 2028"]
    for r_old, r_new in zip(before.rader, after.rader):
        assert r_new.varden.get("b2025") == r_old.varden.get("b2025")
        assert r_new.varden.get("b2026") == r_old.varden.get("p2026")
        assert "p2028" not in r_new.varden


def test_last_years_calculation_is_emptied(tmp_path):
    """Västerbotten: Budget 2023 = Budget 2022 + changes + index. The changes belong to last year, so they
    and the formula column computed from them are emptied; the formula follows the new ids."""
    source = ROOT / "plans" / "vasterbotten-regionstyrelsen-2023.md"
    _roll(source, tmp_path / "plans" / "ny.md")
    new, diags = diagnostics(tmp_path / "plans" / "ny.md", tmp_path)
    table = next(t for t in new.tables() if t.kolumner and t.kolumner[0].id == "b2023")
    assert [c.id for c in table.kolumner] == ["b2023", "omf2023", "forandring2024", "lpi", "b2024", "p2025",
                                             "p2026", "p2027"]
    assert table.column("b2024").formel == "b2023 + omf2023 + forandring2024 + lpi"
    empty = {c.rubrik for c in table.kolumner if not any(c.id in r.varden for r in table.rader)}
    assert empty == {"Omfördelning 2023", "Budgetförändring 2024", "Löne- och prisindex", "Budget 2024", "Plan 2027"}
    assert sum(1 for d in diags if d.code == "VP503") == len(empty)


ROWSPAN = """---
region: Region Exempel
nämnd: Folkhälsonämnden
dokumenttyp: verksamhetsplan
titel: Verksamhetsplan 2025 (2026–2027)
planperiod:
  från: 2025
  till: 2027
budgetår: 2025
målår: [2025, 2027]
diarienummer: 24RS1-1 # ärendet för 2025
status: beslutad
beslut:
  organ: Folkhälsonämnden
  datum: 2024-12-10
---

# Inledning

Planen gäller 2025–2027, och årtalen i texten står kvar.

# Målområden

## Målområde: God hälsa

### Mål: Fler unga mår bra

```indikatorer
# Målnivåerna är gemensamma för flickor och pojkar.
indikatorer:
  - id: halsa-flickor
    namn: Självskattad hälsa, flickor
    typ: kvantitativ
    enhet: "%"
    utfall:
      2023:
        värde: 61
        not: (feb-22)
    mål:
      2025:
        värde: 75
        radspann: 2
      2027:
        värde: 80 # höjd 2024
        radspann: 2
  - id: halsa-pojkar
    namn: Självskattad hälsa, pojkar
    typ: kvantitativ
    enhet: "%"
    utfall:
      2023: 72
  - id: langsiktig
    namn: Medellivslängd
    typ: kvantitativ
    sikt: lång
    utfall:
      2023: 82
  - id: samverkan
    namn: Samverkan med skolan
    typ: kvalitativ
```

# Ekonomi

Inga tabeller.

# Risker

```risker
risker:
  - titel: Färre svar i enkäten
```

# Bilagor

```bilagor
bilagor:
  - nummer: 1
    titel: Indikatorerna
```
"""


def test_shared_targets_comments_and_indicators_without_targets(project):
    source = project / "plans" / "folkhalsa-2025.md"
    source.write_text(ROWSPAN, encoding="utf-8")
    _, _, result = _assert_rolled(source, project / "plans" / "folkhalsa-2026.md", project)
    text = (project / "plans" / "folkhalsa-2026.md").read_text(encoding="utf-8")
    assert "# Målnivåerna är gemensamma för flickor och pojkar." in text
    assert "värde: 80 # höjd 2024" in text
    assert "diarienummer: \"[fyll i: diarienummer]\" # ärendet för 2025" in text
    assert "Planen gäller 2025–2027, och årtalen i texten står kvar." in text
    new, diags = diagnostics(project / "plans" / "folkhalsa-2026.md", project)
    by_id = {i.id: i for i in new.indicators()}
    # both indicators shared the 2025 target, so both await their 2025 outcome
    assert [yv.year for yv in by_id["halsa-flickor"].utfall] == [2023, 2025]
    assert [yv.year for yv in by_id["halsa-pojkar"].utfall] == [2023, 2025]
    # 2027 still covers the boys through the span; 2026 and 2028 are asked of each
    assert [yv.year for yv in by_id["halsa-flickor"].mal] == [2026, 2027, 2028]
    assert [yv.year for yv in by_id["halsa-pojkar"].mal] == [2026, 2028]
    assert by_id["langsiktig"].mal == () and by_id["samverkan"].mal == ()
    assert [yv.year for yv in by_id["langsiktig"].utfall] == [2023]
    assert (result.indicators.outcomes, result.indicators.targets, result.indicators.dropped) == (2, 4, 2)
    assert sorted(d.code for d in diags) == ["VP500"] + ["VP501"] * 2 + ["VP502"] * 4


def test_cli(project, run_cli):
    shutil.copy(ROOT / "plans" / "vasternorrland-regionstyrelsen-2025.md", project / "plans" / "rs-2025.md")
    args = ["rollover", "--project", str(project), str(project / "plans" / "rs-2025.md"), "--till", "2026"]
    code, out, err = run_cli(args)
    assert code == 0, err
    assert "rs-2026.md" in out and "16 utfall" in out and "32 målvärden" in out and "1 tabellkolumn" in out
    written = (project / "plans" / "rs-2026.md").read_bytes()
    code, out, err = run_cli(args)
    assert code == 2 and "finns redan" in err
    assert (project / "plans" / "rs-2026.md").read_bytes() == written
    code, out, err = run_cli([*args[:-1], "2025"])
    assert code == 2 and "ligger inte efter budgetåret 2025" in err
    code, out, err = run_cli([*args, "--out", str(project.parent / "utanfor.md")])
    assert code == 2 and "utanför projektet" in err
    code, out, err = run_cli([*args, "--out", str(project / "plans" / "egen.md")])
    assert code == 0 and (project / "plans" / "egen.md").exists()
    (project / "plans" / "trasig.md").write_text("ingen front matter\n", encoding="utf-8")
    code, out, err = run_cli(["rollover", "--project", str(project), str(project / "plans" / "trasig.md"),
                              "--till", "2026"])
    assert code == 2 and "går inte att läsa" in err and "Traceback" not in err
    assert not (project / "plans" / "trasig-2026.md").exists()


def test_a_new_plan_rolls_over(project):
    from vplan.cycle.new import new_plan_text

    for profile in ("standard", "namndplan", "plan-med-budget"):
        source = project / "plans" / f"ny-{profile}.md"
        source.write_text(new_plan_text(region="Region Exempel", namnd="Kulturnämnden", year=2027, profile=profile,
                                        root=project), encoding="utf-8")
        _, new, result = _assert_rolled(source, project / "plans" / f"rullad-{profile}.md", project)
        assert (new.meta.fran, new.meta.till, new.meta.malar) == (2028, 2030, (2028, 2030))
        # the empty 2026 column falls out, 2027–2029 move down a slot and 2030 comes empty
        table = next(new.tables())
        assert [c.ar for c in table.kolumner] == [2027, 2028, 2029, 2030]


def test_two_years_ahead_and_no_target_years(project):
    """Without målår every year of the period is a target year; --till two years on moves everything by two."""
    text = ROWSPAN.replace("målår: [2025, 2027]\n", "")
    source = project / "plans" / "folkhalsa-2025.md"
    source.write_text(text, encoding="utf-8")
    old, result = _roll(source, project / "plans" / "folkhalsa-2027.md", till=2027)
    new, diags = diagnostics(project / "plans" / "folkhalsa-2027.md", project)
    assert [d for d in diags if d.code not in FILL_IN] == []
    assert (new.meta.fran, new.meta.till, new.meta.budgetar, new.meta.malar) == (2027, 2029, 2027, (2027, 2028, 2029))
    girls = next(i for i in new.indicators() if i.id == "halsa-flickor")
    assert [yv.year for yv in girls.utfall] == [2023, 2025] and [yv.year for yv in girls.mal] == [2027, 2028, 2029]


def test_windows_line_ends_and_bom(project):
    data = ("\ufeff" + (ROOT / "plans" / "vasterbotten-regionstyrelsen-2023.md").read_text(encoding="utf-8"))
    source = project / "plans" / "vb-2023.md"
    source.write_bytes(data.replace("\n", "\r\n").encode("utf-8"))
    old, new, _ = _assert_rolled_cli(project, source)
    assert b"\r" not in (project / "plans" / "vb-2024.md").read_bytes()


def _assert_rolled_cli(project, source):
    from vplan.cli import main

    try:
        main(["rollover", "--project", str(project), str(source), "--till", "2024"])
    except SystemExit as exc:
        assert exc.code in (0, None)
    old, _ = diagnostics(source, project)
    new, diags = diagnostics(source.with_name(source.name.replace("2023", "2024")), project)
    assert [d for d in diags if d.code not in FILL_IN] == []
    return old, new, diags


@pytest.mark.parametrize("broken", [
    "```indikatorer\nindikatorer:\n  - id: a\n",  # never closed
    "```tabell\nrader: [\n```\n",  # YAML that does not read
    "```indikatorer\nindikatorer:\n  - id: a\n    namn: &x A\n    typ: *x\n```\n",  # an alias
])
def test_a_plan_that_does_not_read_is_refused(project, run_cli, broken):
    text = ROWSPAN.replace("# Ekonomi\n", f"# Ekonomi\n\n{broken}\n")
    source = project / "plans" / "folkhalsa-2025.md"
    source.write_text(text, encoding="utf-8")
    code, out, err = run_cli(["rollover", "--project", str(project), str(source), "--till", "2026"])
    assert code == 2 and "går inte att läsa" in err and "Traceback" not in err
    assert sorted(p.name for p in (project / "plans").iterdir()) == ["folkhalsa-2025.md"]


@pytest.mark.parametrize("name, expected", [("kultur-2025.md", "kultur-2026.md"), ("kultur.md", "kultur-2026.md"),
                                            ("2025-rs-2025.md", "2026-rs-2026.md"), ("rs-20250.md", "rs-20250-2026.md")])
def test_default_name(name, expected):
    from vplan.cycle.command import default_out

    assert default_out(Path("plans") / name, 2025, 2026) == Path("plans") / expected


SAME_YEAR = """```tabell
rubrik: Ekonomi 2025
enhet: mnkr
kolumner:
  - id: bokslut2023
    rubrik: Bokslut 2023
    år: 2023
  - id: budget2024
    rubrik: Budget 2024
    år: 2024
  - id: prognos2024
    rubrik: Prognos 2024
    år: 2024
  - id: budget2025
    rubrik: Budget 2025
    år: 2025
  - id: kommentar
    rubrik: Kommentar
    typ: text
rader:
  - namn: Nettokostnad
    värden:
      bokslut2023: 100
      budget2024: 110
      prognos2024: 112
      budget2025: 115
      kommentar: Enligt regionplanen
```
"""


@pytest.mark.parametrize("comment", ["", "# Beloppen enligt regionplanen.\n"], ids=["fast", "ruamel"])
def test_two_columns_of_one_year_pair_by_heading(project, comment):
    """Budget and Prognos of the same year: each new slot takes the column of its own kind, or none.
    A comment sends the table through ruamel's round trip, which must give the same result."""
    source = project / "plans" / "folkhalsa-2025.md"
    table = SAME_YEAR.replace("enhet: mnkr\n", f"enhet: mnkr\n{comment}")
    source.write_text(ROWSPAN.replace("Inga tabeller.\n", table), encoding="utf-8")
    _assert_rolled(source, project / "plans" / "folkhalsa-2026.md", project)
    new, _ = diagnostics(project / "plans" / "folkhalsa-2026.md", project)
    table = next(new.tables())
    assert table.rubrik == "Ekonomi 2026"
    assert [c.rubrik for c in table.kolumner] == ["Bokslut 2024", "Budget 2025", "Prognos 2025", "Budget 2026",
                                                 "Kommentar"]
    values = {c.rubrik: table.rader[0].varden.get(c.id) for c in table.kolumner}
    assert values["Bokslut 2024"] is None  # the old table has no Bokslut 2024 to take
    assert values["Budget 2025"].value == 115 and values["Prognos 2025"] is None and values["Budget 2026"] is None
    assert values["Kommentar"].text == "Enligt regionplanen"
    assert comment.strip() in (project / "plans" / "folkhalsa-2026.md").read_text(encoding="utf-8")


def test_a_plan_linked_from_outside_is_refused(project, tmp_path_factory, run_cli):
    outside = tmp_path_factory.mktemp("utanfor")
    shutil.copy(PLANS[0], outside / "rs-2025.md")
    (project / "plans" / "rs-2025.md").symlink_to(outside / "rs-2025.md")
    code, _, err = run_cli(["rollover", "--project", str(project), str(project / "plans" / "rs-2025.md"),
                            "--till", "2026"])
    assert code == 2 and "utanför projektet" in err
    assert sorted(p.name for p in (project / "plans").iterdir()) == ["rs-2025.md"]


CHECK_CASES = sorted((TESTS / "check").glob("*.md"))


@pytest.mark.parametrize("source", CHECK_CASES, ids=lambda p: p.stem)
def test_bad_plans_are_refused_or_roll_over_into_plans_that_read(source):
    """The check cases are plans broken in every way the rules know: rollover either stops with a
    Swedish message, or writes a plan that reads, with no block broken by the rollover itself."""
    from vplan.errors import UsageError
    from vplan.model import BadBlock
    from vplan.read import read_text

    data = source.read_bytes()
    old, _ = read_text(source.name, data)
    if old is None or any(isinstance(b, BadBlock) for b in old.blocks()):
        return  # roll_file refuses these before rollover_text sees them (test_a_plan_that_does_not_read…)
    try:
        result = rollover_text(data.decode("utf-8-sig"), name=source.name, till=old.meta.budgetar + 1)
    except UsageError as exc:
        assert exc.message and exc.hint
        return
    new, diags = read_text(source.name, result.text.encode("utf-8"))
    assert new is not None, [d.message for d in diags]
    assert not any(isinstance(b, BadBlock) for b in new.blocks()), [d.message for d in diags if d.code < "VP100"]
    assert len(list(new.blocks())) == len(list(old.blocks()))


def test_cli_names_headings_that_still_have_last_years_year(project, run_cli):
    shutil.copy(ROOT / "plans" / "vasterbotten-regionstyrelsen-2023.md", project / "plans" / "vb-2023.md")
    code, out, err = run_cli(["rollover", "--project", str(project), str(project / "plans" / "vb-2023.md"),
                              "--till", "2024"])
    assert code == 0, err
    assert "”Ekonomiska förutsättningar och budget 2023”" in out and "”Fördelade budgetramar 2023”" in out
