"""Charts kept between builds: a rebuild takes them from the cache, byte for byte what drawing
gives; a changed outcome is drawn again, a damaged entry is not used, a cache that cannot be
written only means drawing, and a release always draws."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygal")
pytest.importorskip("typst")

CASES = Path(__file__).resolve().parents[1] / "cases" / "followup"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "uppfoljning").mkdir()
    shutil.copy(CASES / "plans" / "liten-plan.md", tmp_path / "plans")
    shutil.copy(CASES / "ok.md", tmp_path / "uppfoljning" / "ok.md")
    return tmp_path


@pytest.fixture
def drawn(monkeypatch):
    """How many charts pygal draws and typst turns into pictures, counted."""
    from vplan.followup.report import drawing

    counts = {"svg": 0, "png": 0}
    draw_svg, pictures = drawing.draw_svg, drawing.pictures

    def svg(chart, look):
        counts["svg"] += 1
        return draw_svg(chart, look)

    def png(svgs, heights, font_dirs=()):
        counts["png"] += len(svgs)
        return pictures(svgs, heights, font_dirs)

    monkeypatch.setattr(drawing, "draw_svg", svg)
    monkeypatch.setattr(drawing, "pictures", png)
    return counts


def _build(project: Path, out: str, cache: Path | None):
    from vplan.options import Options
    from vplan.render.build import build

    result = build([project / "uppfoljning" / "ok.md"], options=Options(project_dir=project, out_dir=project / out,
                                                                       cache_dir=cache))
    assert result.exit_code == 0, result.plans
    return {p.name: p.read_bytes() for p in sorted((project / out).iterdir())}


def test_a_rebuild_takes_every_chart_from_the_cache_and_gives_the_same_bytes(project, tmp_path_factory, drawn):
    cache = tmp_path_factory.mktemp("cache")
    first = _build(project, "a", cache)
    charts = drawn["svg"]
    assert charts >= 2 and drawn["png"] == charts
    assert len(list((cache / "diagram").iterdir())) == charts
    again = _build(project, "b", cache)
    assert drawn == {"svg": charts, "png": charts}  # nothing drawn the second time
    assert again == first
    assert _build(project, "c", None) == first  # and what drawing gives, without a cache


def test_a_changed_outcome_is_drawn_again_and_only_that_chart(project, tmp_path_factory, drawn):
    cache = tmp_path_factory.mktemp("cache")
    _build(project, "a", cache)
    charts = drawn["svg"]
    source = project / "uppfoljning" / "ok.md"
    source.write_text(source.read_text(encoding="utf-8").replace("2025: 6.9", "2025: 6.4"), encoding="utf-8")
    changed = _build(project, "b", cache)
    assert drawn == {"svg": charts + 1, "png": charts + 1}
    assert changed == _build(project, "c", None)


def test_a_damaged_entry_is_drawn_again_not_used(project, tmp_path_factory, drawn):
    cache = tmp_path_factory.mktemp("cache")
    first = _build(project, "a", cache)
    charts = drawn["svg"]
    entries = sorted((cache / "diagram").iterdir())
    data = entries[0].read_bytes()
    entries[0].write_bytes(data[:-40] + b"<script>alert(1)</script>" + data[-15:])  # one damaged
    entries[1].write_bytes(data[: len(data) // 2])  # one cut short
    again = _build(project, "b", cache)
    assert drawn["svg"] == charts + 2
    assert again == first
    assert b"<script>" not in entries[0].read_bytes()  # written anew, whole


def test_a_cache_that_cannot_be_written_only_means_drawing(project, tmp_path_factory, drawn):
    blocked = tmp_path_factory.mktemp("cache") / "en-fil"
    blocked.write_text("inte en mapp")  # where the folder should be
    first = _build(project, "a", blocked)
    second = _build(project, "b", blocked)
    assert drawn["svg"] >= 4 and first == second


def test_a_release_draws_every_chart_whatever_the_cache_holds(project, tmp_path_factory, drawn):
    from vplan.options import Options
    from vplan.render.release import release

    cache = tmp_path_factory.mktemp("cache")
    _build(project, "a", cache)
    charts = drawn["svg"]
    result = release([project / "uppfoljning" / "ok.md"],
                     options=Options(project_dir=project, out_dir=project / "r", cache_dir=cache))
    assert result.exit_code == 0
    assert drawn["svg"] == 2 * charts


def test_the_cache_keeps_the_recently_used_when_it_grows(project, tmp_path_factory, drawn, monkeypatch):
    from vplan.followup.report import cache as chart_cache

    folder = tmp_path_factory.mktemp("cache")
    (folder / "diagram").mkdir()
    for i in range(6):
        (folder / "diagram" / f"{i:064x}").write_bytes(b"gammal")
    monkeypatch.setattr(chart_cache, "KEEP", 6)
    _build(project, "a", folder)
    kept = sorted(p.name for p in (folder / "diagram").iterdir())
    assert len(kept) == 3 and all(not name.startswith("0000") for name in kept)  # the new ones stay


@pytest.mark.parametrize(("value", "expected"), [("av", None), ("", None), ("/tmp/vplan-cache", "/tmp/vplan-cache")])
def test_vplan_cache_dir_names_the_folder_or_turns_the_cache_off(monkeypatch, value, expected):
    from vplan.options import Options

    monkeypatch.setenv("VPLAN_CACHE_DIR", value)
    found = Options().cache_dir
    assert (str(found) if found else None) == expected


def test_without_vplan_cache_dir_the_cache_is_the_users_own(monkeypatch, tmp_path):
    import sys

    from vplan.options import Options

    monkeypatch.delenv("VPLAN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert Options().cache_dir == tmp_path / "vplan"
