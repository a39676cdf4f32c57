"""docs/husstil.md and docs/profiler.md document every key there is, and only those,
and their examples are files vplan reads."""
import json
import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from vplan.scaffold.content import flatten

ROOT = Path(__file__).resolve().parents[2]
STYLE_DOC = (ROOT / "docs" / "husstil.md").read_text(encoding="utf-8")
PROFILE_DOC = (ROOT / "docs" / "profiler.md").read_text(encoding="utf-8")


def section(doc: str, heading: str) -> str:
    start = doc.index(f"{heading}\n")
    level = heading.split(" ")[0]
    rest = doc[start + len(heading):]
    end = re.search(rf"^#{{1,{len(level)}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def table_rows(text: str) -> dict[str, list[str]]:
    """First cell (`key`) -> the other cells, for every table row with a key in backticks."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        found = re.fullmatch(r"`([^`]+)`", cells[0]) if line.startswith("|") else None
        if found:
            rows[found.group(1)] = cells[1:]
    return rows


def blocks(text: str, lang: str = "yaml") -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.M | re.S)


def test_every_style_key_is_documented_and_nothing_else():
    standard = YAML(typ="safe").load((ROOT / "templates" / "standard" / "style.yaml").read_text(encoding="utf-8"))
    documented = table_rows(section(STYLE_DOC, "## Alla nycklar i style.yaml").split("\n### ")[0])
    assert set(documented) == set(flatten(standard)) | {"bas"}


def test_every_word_is_documented_with_its_default():
    from vplan.render.tree.words import WORDS

    documented = table_rows(section(STYLE_DOC, "## Orden i dokumenten"))
    assert {k: v[0] for k, v in documented.items()} == dict(WORDS)


def _schema_keys(schema: dict, prefix: str = "") -> set[str]:
    keys = set()
    for key, sub in schema.get("properties", {}).items():
        keys.add(prefix + key)
        keys |= _schema_keys(sub.get("items", {}), f"{prefix}{key}.")
    return keys


def test_every_profile_key_is_documented_and_nothing_else():
    schema = json.loads((ROOT / "schema" / "profil.schema.json").read_text(encoding="utf-8"))
    assert set(table_rows(section(PROFILE_DOC, "## Alla nycklar").split("\n### ")[0])) == _schema_keys(schema)


@pytest.mark.parametrize("heading", ["## Så ärver en husstil: `bas`", "### Färger", "### Typsnitt",
                                     "### Logotyp", "### Rubriker", "### Tabeller"])
def test_style_examples_load(tmp_path, heading):
    from vplan.render.housestyle import load_house_style

    example = blocks(section(STYLE_DOC, heading))[0]
    folder = tmp_path / "templates" / "exempel"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "standard" / "logotyp.svg", folder)
    head = "" if "bas:" in example else "bas: standard\n"
    (folder / "style.yaml").write_text(head + example, encoding="utf-8")
    style = load_house_style("exempel", [tmp_path / "templates"])
    data = flatten(YAML(typ="safe").load(example))
    assert data  # every value in the example is the loaded one
    got = {"färger.primär": style.colours.primary, "typsnitt.docx_rubriker": style.fonts.docx_headings,
           "logotyp.alt": style.logo_alt, "rubriker.innehållsdjup": style.toc_depth,
           "rubriker.målrubrik_med_nummer": style.goal_heading_numbered,
           "tabeller.enhet_i_cellen": style.unit_in_cells}
    for key in set(data) & set(got):
        assert got[key] == data[key], key


def test_words_example_loads(tmp_path):
    from vplan.render.tree.words import house_words

    (tmp_path / "_ord.md.j2").write_text(blocks(section(STYLE_DOC, "## Orden i dokumenten"), "jinja")[0],
                                         encoding="utf-8")
    assert house_words((tmp_path,)) == {"indikator": "Nyckeltal", "indikatorer": "Nyckeltal", "mål_år": "Målvärde"}


def test_profile_key_examples_make_one_profile(tmp_path):
    from vplan.model import Severity
    from vplan.profiles import load_profile

    parts = blocks(section(PROFILE_DOC, "### Exempel på varje nyckel")) + blocks(section(PROFILE_DOC,
                                                                                         "## Ändra allvar"))
    (tmp_path / "kultur.yaml").write_text("".join(parts), encoding="utf-8")
    profile = load_profile("kultur", [tmp_path])
    assert [c.namn for c in profile.kapitel] == ["Inledning", "Mål och uppdrag", "Ekonomi", "Bilagor"]
    assert profile.kapitel[2].matches("Ekonomi 2026") and profile.kapitel[3].valfritt
    assert (profile.andra_kapitel, profile.nivaer, profile.kraver_innehall, profile.innehall) == \
        ("förbjudna", ("målområde", "mål", "delmål"), "delmål", "indikatorer")
    assert profile.severity("VP404", Severity.WARNING) is None
