"""The profile and vplan.toml examples in docs/profiler.md and docs/format.md are what vplan reads:
an official who copies them gets a working file."""
from __future__ import annotations

import re
from pathlib import Path

from vplan.config import load_project
from vplan.model import Severity
from vplan.profiles import load_profile

DOCS = Path(__file__).resolve().parent.parent / "docs"
FORMAT = (DOCS / "format.md").read_text(encoding="utf-8")
PROFILES = (DOCS / "profiler.md").read_text(encoding="utf-8")


def _blocks(lang: str, after: str, doc: str = FORMAT) -> list[str]:
    text = doc[doc.index(after):]
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.M | re.S)


def test_whole_profile_example_loads(tmp_path):
    folder = tmp_path / "schema" / "profiles"
    folder.mkdir(parents=True)
    (folder / "hsn.yaml").write_text(_blocks("yaml", "## En hel profil", PROFILES)[0], encoding="utf-8")
    profile = load_profile("hsn", [folder])
    assert [c.namn for c in profile.kapitel if c.valfritt] == ["Bilagor"]
    assert profile.innehall == "uppdrag"
    assert profile.severity("VP101", Severity.ERROR) is Severity.WARNING
    assert profile.severity("VP404", Severity.WARNING) is None
    assert profile.kapitel[2].matches("Ekonomi och budget 2026")


def test_vplan_toml_examples_load(tmp_path):
    own, pyproject = _blocks("toml", "## 5. Välja kontroller")[:2]
    (tmp_path / "vplan.toml").write_text(own, encoding="utf-8")
    assert load_project(tmp_path) == (("VP",), ("VP404", "VP2"))
    (tmp_path / "vplan.toml").unlink()
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert load_project(tmp_path) == (("VP",), ("VP404",))
