"""A new region repository in VS Code: its .vscode/settings.json gives the region's own profile
and block drafts their schemas, offline (the YAML language server VS Code's YAML extension runs)."""
import json
import sys
from pathlib import Path

import pytest

from vplan.scaffold.content import Region, repository_files
from vplan.write import create_all

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "judges"))
import yamlls_client  # noqa: E402

pytestmark = pytest.mark.skipif(yamlls_client.missing() is not None, reason=yamlls_client.missing() or "")


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    repo = tmp_path_factory.mktemp("region")
    files = repository_files(Region("Region Gävleborg", "gavleborg", "Regionstyrelsen", 2026))
    create_all({repo / rel: data for rel, data in files.items()})
    vscode = json.loads((repo / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    settings = {"schemas": vscode["yaml.schemas"], "schemaStore": {"enable": vscode["yaml.schemaStore.enable"]},
                "validate": True, "completion": True, "hover": True}
    with yamlls_client.YamlServer(repo, settings) as server:
        yield server, repo


def test_the_regions_profile_is_clean_and_a_typo_is_marked(editor):
    server, repo = editor
    text = (repo / "schema" / "profiles" / "gavleborg.yaml").read_text(encoding="utf-8")
    assert server.open("schema/profiles/gavleborg.yaml", text) == []
    broken = text.replace("andra_kapitel: tillåtna", "andra_kapitel: kanske")
    line = broken.splitlines().index("andra_kapitel: kanske")
    assert [at for at, _ in server.open("schema/profiles/trasig.yaml", broken)] == [line]


def test_a_block_draft_gets_completion_from_the_copied_schemas(editor):
    server, _ = editor
    text = "indikatorer:\n  - id: Fel ID\n    namn: HME\n    typ: kvantitativ\n    \n"
    found = dict(server.open("utkast.indikatorer.yaml", text))
    assert "pattern" in found[1]  # block.schema.json, beside it in .vscode/schemas/, resolved offline
    assert {"enhet", "utfall", "mål"} <= set(server.completion("utkast.indikatorer.yaml", 4, 4))
