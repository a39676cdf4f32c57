"""The JSON Schemas as an editor uses them (docs/redigera.md): offline, with a Swedish
description and examples for every key a user types, and examples that are valid."""
from __future__ import annotations

import json
import re
import shutil
import sys

import pytest
from conftest import PLANS, ROOT

SCHEMAS = sorted((ROOT / "schema").glob("*.schema.json"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def walk(node, pointer=""):
    """(JSON pointer, node) for every object in a schema."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            yield from walk(value, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{pointer}/{i}")


def keys(doc):
    """(pointer, subschema) of every key a user can write."""
    for pointer, node in walk(doc):
        if pointer.rsplit("/", 1)[-1] == "properties" and isinstance(node, dict) and "/examples" not in pointer:
            for key, sub in node.items():
                yield f"{pointer}/{key}", sub


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_works_offline(path):
    """No $id to resolve against, and $refs only inside the schema or to block.schema.json beside it,
    so an editor opening schema/x.schema.json never asks the network for anything."""
    doc = load(path)
    for pointer, node in walk(doc):
        assert "$id" not in node, f"{path.name}{pointer}"
        ref = node.get("$ref")
        if isinstance(ref, str):
            assert ref.startswith("#/") or ref.startswith("block.schema.json#/"), f"{path.name}{pointer}: {ref}"
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"  # a dialect name, never fetched


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_key_has_a_swedish_description_and_examples(path):
    doc = load(path)
    found = list(keys(doc))
    assert found
    for pointer, sub in found:
        assert sub.get("description", "").strip(), f"{path.name}{pointer}: description saknas"
        assert sub.get("examples"), f"{path.name}{pointer}: examples saknas"
        assert not any(w in sub["description"].split() for w in ("the", "of", "and", "is")), sub["description"]


def registry():
    from referencing import Registry, Resource

    from vplan.read.schemas import SCHEMA_BASE

    resources = [(f"{SCHEMA_BASE}{p.name}", Resource.from_contents(load(p))) for p in SCHEMAS]
    return Registry().with_resources(resources)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_examples_are_valid(path):
    """An example an editor offers must pass vplan's own schema check."""
    from jsonschema import Draft202012Validator

    from vplan.read.schemas import SCHEMA_BASE

    reg = registry()
    for pointer, sub in keys(load(path)):
        validator = Draft202012Validator({"$ref": f"{SCHEMA_BASE}{path.name}#{pointer}"}, registry=reg)
        for example in sub["examples"]:
            errors = [e.message for e in validator.iter_errors(example)]
            assert not errors, f"{path.name}{pointer}: {example!r}: {errors}"


def test_dates_are_strings_with_format_date():
    """A YAML date (2024-11-26) is text to vplan and to the YAML language server (YAML 1.2);
    format date lets an editor check it without refusing it as a non-string."""
    front = load(ROOT / "schema" / "framsida.schema.json")["properties"]
    shared = load(ROOT / "schema" / "block.schema.json")["$defs"]
    for node in (front["datum"], front["beslut"]["properties"]["datum"], shared["datum"]):
        assert node["type"] == "string" and node["format"] == "date"


def test_unquoted_dates_pass_the_check(tmp_path, run_cli):
    plan = ROOT / "plans" / "vasternorrland-regionstyrelsen-2025.md"
    text = plan.read_text(encoding="utf-8")
    assert "\ndatum: 20" in text or "  datum: 20" in text  # written without quotes, as the docs say
    code, out, _ = run_cli(["check", str(plan)])
    assert code == 0, out


# --- as VS Code's YAML extension sees them (yaml-language-server, tests/judges/yamlls) ---------

sys.path.insert(0, str(ROOT / "tests" / "judges"))
import yamlls_client  # noqa: E402

needs_server = pytest.mark.skipif(yamlls_client.missing() is not None, reason=yamlls_client.missing() or "")


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """A workspace with schema/ and the repository's own .vscode/settings.json, as VS Code opens it."""
    workspace = tmp_path_factory.mktemp("arbetsyta")
    shutil.copytree(ROOT / "schema", workspace / "schema")
    vscode = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    settings = {"schemas": vscode["yaml.schemas"], "schemaStore": {"enable": vscode["yaml.schemaStore.enable"]},
                "validate": True, "completion": True, "hover": True}
    with yamlls_client.YamlServer(workspace, settings) as server:
        yield server


FRONT = """region: Region X
nämnd: Regionstyrelsen
dokumenttyp: verksamhetsplan
titel: Verksamhetsplan 2026
planperiod: {från: 2026, till: 2028}
budgetår: 2026
status: förslag
datum: 2025-11-26
beslut:
  organ: Regionfullmäktige
  datum: 26/11/2025
"""


@needs_server
def test_front_matter_file_gets_its_schema_with_dates(editor):
    found = editor.open("utkast.framsida.yaml", FRONT)
    assert [line for line, _ in found] == [10], found  # the unquoted date on line 8 is fine, 26/11/2025 is not
    assert "date" in found[0][1]
    assert "Dokumentets datum" in editor.hover("utkast.framsida.yaml", 7, 1)
    assert "förvaltning" in editor.completion("utkast.framsida.yaml", 11, 0)


@needs_server
def test_block_file_gets_completion_and_the_shared_definitions_offline(editor):
    text = "indikatorer:\n  - id: Fel ID\n    namn: HME\n    typ: kvantitatv\n    \n"
    found = dict(editor.open("utkast.indikatorer.yaml", text))
    assert "pattern" in found[1]  # the id pattern lives in block.schema.json: the relative $ref resolved
    assert "kvantitativ" in found[3]
    labels = editor.completion("utkast.indikatorer.yaml", 4, 4)
    assert {"enhet", "utfall", "mål"} <= set(labels)
    assert "Kvantitativ (mäts med tal)" in editor.hover("utkast.indikatorer.yaml", 3, 5)


@needs_server
def test_profiles_and_modelines(editor):
    profile = "namn: egen\nkapitel:\n  - namn: Inledning\nnivåer: [målområde]\nallvar:\n  VP205: kanske\n"
    assert [line for line, _ in editor.open("schema/profiles/egen.yaml", profile)] == [5]
    other = "# yaml-language-server: $schema=schema/tabell.schema.json\nrader:\n  - namn: x\n    okänd: 2\n"
    assert [line for line, _ in editor.open("annan-fil.yaml", other)] == [3]


@needs_server
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_the_example_plans_data_are_clean_in_the_editor(editor, plan):
    """Front matter and every data block of the real plans, each in a file of its own: the
    editor finds nothing to mark in what vplan check accepts."""
    from vplan.fmt.document import split

    parts = split(plan.read_text(encoding="utf-8"))
    pieces = [("framsida", parts.front_matter)]
    pieces += re.findall(r"(?ms)^```(indikatorer|uppdrag|avsikter|tabell|risker|bilagor)\n(.*?)^```", parts.body)
    assert len(pieces) > 3
    for i, (kind, body) in enumerate(pieces):
        assert editor.open(f"{plan.stem}/{i}.{kind}.yaml", body) == [], (kind, body[:300])
