"""The complete example in docs/uppfoljning.md is what vplan reads: a plan and its follow-up that
check clean, with the charts the text promises."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "uppfoljning.md").read_text(encoding="utf-8")


def test_the_complete_example_checks_clean_and_has_its_charts(tmp_path):
    from vplan.api import check, load
    from vplan.followup.report.document import ReportBuilder
    from vplan.options import Options
    from vplan.render.build import house_style

    section = GUIDE[GUIDE.index("## 11. Ett helt exempel"):]
    plan, followup = re.findall(r"^````markdown\n(.*?)^````$", section, re.M | re.S)
    (tmp_path / "plans").mkdir()
    (tmp_path / "uppfoljning").mkdir()
    (tmp_path / "plans" / "tandvardsnamnden-2026.md").write_text(plan, encoding="utf-8")
    path = tmp_path / "uppfoljning" / "tandvardsnamnden-2026-delår.md"
    path.write_text(followup, encoding="utf-8")
    options = Options(project_dir=tmp_path)
    result = check([tmp_path / "plans", tmp_path / "uppfoljning"], options=options)
    assert [(d.code, d.message) for d in result.diagnostics] == []

    loaded = load(path, options=options).followup
    style, words = house_style(loaded.document, options)
    builder = ReportBuilder(loaded, words=words, style=style, root=tmp_path, base_dir=path.parent)
    builder.blocks()
    assert sorted(c.kind for c in builder.charts) == ["linje", "linje", "stapel"]
