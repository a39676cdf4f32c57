"""One check run resolves the project's folders and its profile once; the next run looks again."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from vplan import api, paths, profiles
from vplan.options import Options

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path, plans: int) -> Path:
    project = tmp_path / "projekt"
    (project / "plans").mkdir(parents=True)
    source = (ROOT / "plans" / "vasternorrland-regionstyrelsen-2025.md").read_bytes()
    for i in range(plans):
        (project / "plans" / f"plan-{i}.md").write_bytes(source)
    return project


def test_a_run_finds_the_profile_once(tmp_path, monkeypatch):
    project = _project(tmp_path, 3)
    found = []
    find = profiles.find_profile
    monkeypatch.setattr(profiles, "find_profile", lambda name, dirs: found.append(name) or find(name, dirs))
    options = Options(project_dir=project, jobs=1)
    result = api.check([project / "plans"], options=options, keep_plans=False)
    assert [d.code for d in result.diagnostics] == [] and found == ["standard"]
    api.check([project / "plans"], options=options, keep_plans=False)
    assert found == ["standard", "standard"]  # a new run: the profile is looked for again


def test_a_new_run_sees_a_folder_that_became_a_link(tmp_path):
    """Between two runs plans/ is replaced by a link to a folder outside the project: the
    second run must resolve it again and refuse, not reuse the first run's answer."""
    project = _project(tmp_path, 1)
    options = Options(project_dir=project, jobs=1)
    assert api.check([], options=options).exit_code() == 0
    outside = tmp_path / "utanfor"
    shutil.move(project / "plans", outside)
    os.symlink(outside, project / "plans")
    result = api.check([project / "plans" / "plan-0.md"], options=options)
    assert [d.code for d in result.diagnostics] == ["VP008"]


def test_nothing_is_kept_outside_a_run(tmp_path):
    link = tmp_path / "länk"
    os.symlink(tmp_path / "a", link)
    assert paths.real(link) == tmp_path / "a"
    os.remove(link)
    os.symlink(tmp_path / "b", link)
    assert paths.real(link) == tmp_path / "b"
    with paths.settled():
        assert paths.real(link) == tmp_path / "b"
        os.remove(link)
        os.symlink(tmp_path / "c", link)
        assert paths.real(link) == tmp_path / "b"  # inside one run: resolved once
    assert paths.real(link) == tmp_path / "c"
