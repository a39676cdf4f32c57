"""`vplan new`: every profile's chapters, only fill-in warnings, canonical text, safe writing."""
from __future__ import annotations

import shutil

import pytest

from conftest import PLANS, ROOT
from cycle_support import diagnostics, not_fill_in, project  # noqa: F401 (a fixture)
from vplan.cycle.new import new_plan_text
from vplan.cycle.placeholder import found

PROFILES = ("standard", "namndplan", "plan-med-budget")

OWN_PROFILE = """namn: hsn
beskrivning: Inledning, Verksamhetens mål, Ekonomi och budget, Uppföljning.
kapitel:
  - namn: Inledning
  - namn: Verksamhetens mål
    mål: true
  - namn: Ekonomi och budget
  - namn: Uppföljning
  - namn: Bilagor
    valfritt: true
andra_kapitel: förbjudna
nivåer:
  - målområde
  - mål
kräver_innehåll: mål
innehåll: uppdrag
"""


def _write(project, name, text):
    path = project / "plans" / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("profile", PROFILES)
def test_new_plan_checks_with_fill_in_warnings_only(project, profile):
    text = new_plan_text(region="Region Exempel", namnd="Kulturnämnden", year=2027, profile=profile, root=project)
    plan, diags = diagnostics(_write(project, "ny.md", text), project)
    assert plan is not None
    assert not_fill_in(diags) == []
    codes = {d.code for d in diags}
    assert {"VP500", "VP501", "VP502", "VP503"} <= codes
    # every placeholder in the text is reported on its own line, and nothing else is
    lines = text.split("\n")
    expected = {i + 1 for i, line in enumerate(lines) if found(line)}
    reported = {d.pos.line for d in diags if d.code in ("VP500", "VP501", "VP502")}
    assert reported == expected


@pytest.mark.parametrize("profile", PROFILES)
def test_new_plan_has_every_mandated_chapter_in_order(project, profile, options):
    from vplan.profiles import load_profile

    prof = load_profile(profile, options.profile_dirs)
    text = new_plan_text(region="Region Exempel", namnd="Kulturnämnden", year=2027, profile=profile, root=project)
    plan, _ = diagnostics(_write(project, "ny.md", text), project)
    wanted = [c.namn for c in prof.kapitel if not c.valfritt]
    assert [c.title for c in plan.chapters] == wanted
    goal_chapter = next(c for c in plan.chapters if prof.kapitel[[k.namn for k in prof.kapitel].index(c.title)].mal)
    kinds = [s.kind for s in goal_chapter.walk()][1:]
    assert kinds == list(prof.nivaer)


@pytest.mark.parametrize("profile", PROFILES)
def test_new_plan_is_in_canonical_form(project, profile):
    from vplan.fmt import format_text

    text = new_plan_text(region="Region Exempel", namnd="Nämnden för kultur", year=2030, profile=profile, root=project)
    assert format_text(text) == text


def test_front_matter_period_and_draft(project):
    text = new_plan_text(region="Region Exempel", namnd="Kulturnämnden", year=2027, root=project)
    plan, _ = diagnostics(_write(project, "ny.md", text), project)
    m = plan.meta
    assert (m.fran, m.till, m.budgetar, m.malar) == (2027, 2029, 2027, (2027, 2029))
    assert (m.status, m.beslut, m.datum, m.region, m.namnd) == ("utkast", None, None, "Region Exempel", "Kulturnämnden")


@pytest.mark.parametrize("source", PLANS, ids=lambda p: p.stem)
def test_period_follows_the_regions_latest_plan(project, source):
    """A region with plans in the project gets its own period length and target years."""
    from vplan.api import load
    from vplan.options import Options

    shutil.copy(source, project / "plans" / source.name)
    old = load(project / "plans" / source.name, options=Options.for_project(project)).plan.meta
    text = new_plan_text(region=old.region, namnd="Kulturnämnden", year=2030, root=project)
    plan, diags = diagnostics(_write(project, "ny.md", text), project)
    shift = 2030 - old.fran
    assert (plan.meta.fran, plan.meta.till) == (2030, old.till + shift)
    assert plan.meta.malar == tuple(y + shift for y in old.malar)
    assert not_fill_in(diags) == []


def test_a_regions_own_profile(project):
    (project / "schema" / "profiles").mkdir(parents=True)
    (project / "schema" / "profiles" / "hsn.yaml").write_text(OWN_PROFILE, encoding="utf-8")
    text = new_plan_text(region="Region Exempel", namnd="Hälso- och sjukvårdsnämnden", year=2027, profile="hsn",
                         root=project)
    plan, diags = diagnostics(_write(project, "hsn.md", text), project)
    assert [c.title for c in plan.chapters] == ["Inledning", "Verksamhetens mål", "Ekonomi och budget", "Uppföljning"]
    assert not_fill_in(diags) == []
    assert "```indikatorer" not in text and "```uppdrag" in text  # innehåll: uppdrag


def test_cli_writes_once_and_refuses_to_overwrite(project, run_cli):
    args = ["new", "--project", str(project), "--region", "Region Exempel", "--namnd", "Kulturnämnden",
            "--ar", "2027", str(project / "plans" / "kultur.md")]
    code, out, err = run_cli(args)
    assert code == 0, err
    assert "plans/kultur.md" in out or "kultur.md" in out
    before = (project / "plans" / "kultur.md").read_bytes()
    code, out, err = run_cli(args)
    assert code == 2 and "finns redan" in err and "Traceback" not in err
    assert (project / "plans" / "kultur.md").read_bytes() == before
    code, _, _ = run_cli(["check", "--project", str(project), "--strict", str(project / "plans" / "kultur.md")])
    assert code == 1
    code, _, _ = run_cli(["check", "--project", str(project), str(project / "plans" / "kultur.md")])
    assert code == 0


@pytest.mark.parametrize("extra, target, message", [
    ([], "../utanfor.md", "utanför projektet"),
    ([], "plans/ny.txt", ".md"),
    (["--profil", "finns-inte"], "plans/ny.md", "Strukturprofilen ”finns-inte” finns inte"),
    (["--mall", "finns-inte"], "plans/ny.md", "Husstilen ”finns-inte” finns inte"),
    (["--namnd", "  "], "plans/ny.md", "--namnd är tomt"),
])
def test_cli_refuses_bad_input(project, run_cli, extra, target, message):
    args = ["new", "--project", str(project), "--region", "Region Exempel", "--namnd", "Kulturnämnden",
            "--ar", "2027", *extra, str(project / target)]
    code, out, err = run_cli(args)
    assert code == 2 and message in err and "Traceback" not in err
    assert list((project / "plans").iterdir()) == []


def test_cli_link_out_of_the_project_is_refused(project, tmp_path_factory, run_cli):
    outside = tmp_path_factory.mktemp("utanfor")
    (project / "plans" / "ut").symlink_to(outside)
    code, _, err = run_cli(["new", "--project", str(project), "--region", "R", "--namnd", "N", "--ar", "2027",
                            str(project / "plans" / "ut" / "ny.md")])
    assert code == 2 and "utanför projektet" in err
    assert list(outside.iterdir()) == []


def test_root_defaults_to_the_working_folder(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert "Region Exempel" in new_plan_text(region="Region Exempel", namnd="N", year=2027)


@pytest.mark.parametrize("namnd", ['Nämnden för "kultur" och <b>fritid</b>', "Styrelse: *A* [^x] # 1", "N\n---\nx: 1"])
def test_names_reach_the_plan_as_written(project, namnd):
    text = new_plan_text(region="Region [Exempel]", namnd=namnd, year=2027, root=project)
    plan, diags = diagnostics(_write(project, "ny.md", text), project)
    assert not_fill_in(diags) == []
    assert plan.meta.namnd == " ".join(namnd.split()) and plan.meta.region == "Region [Exempel]"


def test_last_possible_year(project):
    text = new_plan_text(region="Region Exempel", namnd="N", year=2099, root=project)
    plan, diags = diagnostics(_write(project, "ny.md", text), project)
    assert (plan.meta.fran, plan.meta.till) == (2099, 2099) and not_fill_in(diags) == []


def test_convention_is_not_read_through_a_link_out_of_the_project(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("utanfor")
    (outside / "rs.md").write_text((ROOT / "plans" / "jamtland-harjedalen-regionstyrelsen-2025.md").read_text(
        encoding="utf-8"), encoding="utf-8")
    (project / "plans" / "rs.md").symlink_to(outside / "rs.md")
    text = new_plan_text(region="Region Jämtland Härjedalen", namnd="N", year=2027, root=project)
    assert "målår: [2027, 2029]" in text  # the default, not the linked plan's [2025]-style single year
