"""The files of a new region repository: copies of the standard style and profile with
every key explained, and configuration files that their tools accept."""
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from vplan.scaffold.content import Region, flatten, repository_files, scalar
from vplan.write import create_all

ROOT = Path(__file__).resolve().parents[2]
REGION = Region("Region Jämtland Härjedalen", "jamtland-harjedalen", "Hälso- och sjukvårdsnämnden", 2026)


def load(text):
    return YAML(typ="safe").load(text)


@pytest.fixture(scope="module")
def files():
    return {path: data.decode("utf-8") if not path.endswith(".svg") else data
            for path, data in repository_files(REGION).items()}


@pytest.fixture
def repo(tmp_path, files):
    create_all({tmp_path / rel: data if isinstance(data, bytes) else data.encode() for rel, data in files.items()})
    return tmp_path


def test_no_placeholder_is_left(files):
    for path, text in files.items():
        if isinstance(text, str):
            assert "@@" not in text, path


def test_style_is_a_copy_of_standard_with_the_regions_name(files):
    own = flatten(load(files["templates/jamtland-harjedalen/style.yaml"]))
    standard = flatten(load((ROOT / "templates/standard/style.yaml").read_text(encoding="utf-8")))
    assert own.pop("namn") == "Region Jämtland Härjedalen"
    assert own.pop("bas") == "standard"
    assert own.pop("logotyp.alt") == "Region Jämtland Härjedalen"
    standard.pop("namn")
    standard.pop("logotyp.alt")
    assert own == standard


def test_every_style_key_has_a_comment(files):
    """Each key line has a comment on it or right above it."""
    lines = files["templates/jamtland-harjedalen/style.yaml"].splitlines()
    keys = set(flatten(load("\n".join(lines))))
    explained = set()
    stack = []
    for i, line in enumerate(lines):
        found = re.match(r"^( *)([\wåäö_]+):", line)
        if not found:
            continue
        depth = len(found.group(1)) // 2
        stack[depth:] = [found.group(2)]
        j = i - 1
        while j >= 0 and re.match(r"^ *[\wåäö_]+: ", lines[j]) and depth and lines[j].startswith("  " * depth):
            j -= 1  # pdf_rubriker shares the comment above pdf
        if "#" in line or lines[j].lstrip().startswith("#"):
            explained.add(".".join(stack))
    assert keys <= explained


def test_style_loads_as_the_standard_look(repo):
    from vplan.render.housestyle import load_house_style

    own = load_house_style("jamtland-harjedalen", [repo / "templates"])
    standard = load_house_style("standard")
    assert own.folders[0] == repo / "templates" / "jamtland-harjedalen"
    assert (own.colours, own.fonts, own.numbering, own.toc_depth) == \
        (standard.colours, standard.fonts, standard.numbering, standard.toc_depth)
    assert own.logo == repo / "templates" / "jamtland-harjedalen" / "logotyp.svg"
    assert own.display_name == "Region Jämtland Härjedalen"


def test_words_are_every_default_word(repo):
    from vplan.render.tree.words import WORDS, house_words

    folder = repo / "templates" / "jamtland-harjedalen"
    assert house_words((folder,)) == dict(WORDS)


def test_profile_is_a_copy_of_standard(repo, files):
    from vplan.profiles import load_profile

    own = load_profile("jamtland-harjedalen", [repo / "schema" / "profiles"], project_dir=repo)
    standard = load_profile("standard", [ROOT / "schema" / "profiles"])
    assert own.namn == "jamtland-harjedalen"
    assert (own.kapitel, own.nivaer, own.kraver_innehall, own.andra_kapitel, own.innehall) == \
        (standard.kapitel, standard.nivaer, standard.kraver_innehall, standard.andra_kapitel, standard.innehall)


def test_profile_comments_name_every_key_of_the_schema(files):
    text = files["schema/profiles/jamtland-harjedalen.yaml"]
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    for key in _schema_keys(json.loads((ROOT / "schema" / "profil.schema.json").read_text(encoding="utf-8"))):
        assert re.search(rf"(^|\W){key.split('.')[-1]}:", text, re.M), key
        if key not in ("namn", "beskrivning", "kapitel", "kapitel.namn", "andra_kapitel", "nivåer",
                       "kräver_innehåll"):  # keys with a value in the copy are explained above it
            assert key.split(".")[-1] in comments, key


def _schema_keys(schema, prefix=""):
    keys = []
    for key, sub in schema.get("properties", {}).items():
        keys.append(prefix + key)
        items = sub.get("items", {})
        keys += _schema_keys(items if "properties" in items else sub, f"{prefix}{key}.")
    return keys


def test_ci_files_parse_and_have_their_jobs(files):
    github = load(files[".github/workflows/vplan.yml"])
    assert set(github["jobs"]) == {"kontrollera", "bygg", "andringar", "publicera"}
    assert github["jobs"]["andringar"]["permissions"]["pull-requests"] == "write"
    on = github[True] if True in github else github["on"]  # YAML 1.1 readers take `on` for true
    assert "pull_request" in on
    gitlab = load(files[".gitlab-ci.yml"])
    assert gitlab["stages"] == ["kontrollera", "bygg", "publicera"]
    assert gitlab["kontrollera"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert gitlab["andringar"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert gitlab["bygg"]["artifacts"]["paths"] == ["dist/"]
    assert "VPLAN_TOKEN" in files[".gitlab-ci.yml"]


def test_ci_runs_only_commands_vplan_has(files):
    from vplan.cli import COMMANDS

    for path in (".github/workflows/vplan.yml", ".gitlab-ci.yml"):
        lines = [ln.strip() for ln in files[path].splitlines() if not ln.strip().startswith("#")]
        used = {m.group(1) for ln in lines for m in [re.match(r"(?:run: |- )?vplan ([a-z][a-z-]+)", ln)] if m}
        assert used and used <= set(COMMANDS), (path, used - set(COMMANDS))


def test_gitlab_note_script_compiles(files):
    script = next(s for s in load(files[".gitlab-ci.yml"])["andringar"]["script"] if "PYTHON" in s)
    body = script.split("<<'PYTHON'\n", 1)[1].rsplit("PYTHON", 1)[0]
    compile(body, "gitlab-note", "exec")


def test_pre_commit_config_is_valid(repo):
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit är inte installerat (pip install pre-commit)")
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
                          cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_manifest_of_this_repository_is_valid():
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit är inte installerat (pip install pre-commit)")
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_hooks_match_the_published_ones(files):
    """The local hooks are the ones of vplan's .pre-commit-hooks.yaml, so moving to `repo:` changes nothing."""
    published = {h["id"]: h for h in load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    for repo in load(files[".pre-commit-config.yaml"])["repos"]:
        for hook in repo["hooks"]:
            assert hook["id"] in published
            if repo["repo"] == "local":
                assert (hook["entry"], hook["files"]) == (published[hook["id"]]["entry"], published[hook["id"]]["files"])


def test_pre_commit_uses_the_published_repository_when_there_is_one(monkeypatch):
    from vplan.scaffold import content, pins

    monkeypatch.setattr(pins, "repository_url", lambda: "https://example.org/vplan")
    monkeypatch.setattr(pins, "version", lambda: "1.4.0")
    config = load(content.pre_commit())
    assert config["repos"] == [{"repo": "https://example.org/vplan", "rev": "v1.4.0",
                                "hooks": [{"id": "vplan-fmt"}, {"id": "vplan-check"}]}]
    monkeypatch.setattr(pins, "version", lambda: "1.4.1.dev2+g0123abc")  # pre-commit needs a tag
    assert load(content.pre_commit())["repos"][0]["repo"] == "local"
    assert pins.requirement("1.4.0", "https://example.org/vplan") == "vplan @ git+https://example.org/vplan@v1.4.0"
    assert pins.requirement("1.4.1.dev2+g0123abc", "https://example.org/vplan") == \
        "vplan @ git+https://example.org/vplan@0123abc"
    assert pins.requirement("1.4.1.dev2+g0123abc.d20261202", None) == "vplan==1.4.1.dev2+g0123abc.d20261202"
    assert pins.requirement("1.4.0", None, "dokument") == "vplan[dokument]==1.4.0"


def test_only_the_build_jobs_install_the_pdf_engine(files):
    github = load(files[".github/workflows/vplan.yml"])
    for name, job in github["jobs"].items():
        runs = " ".join(step.get("run", "") for step in job["steps"])
        builds = "vplan release" in runs or "vplan build" in runs
        assert ("VPLAN_PAKET_DOKUMENT" in runs) == builds, name
    gitlab = load(files[".gitlab-ci.yml"])
    assert gitlab["bygg"]["before_script"] == ['pip install --quiet "$VPLAN_PAKET_DOKUMENT"']
    assert gitlab["variables"]["VPLAN_PAKET_DOKUMENT"].startswith("vplan[dokument]")


def test_gitattributes_has_the_line_git_setup_writes(repo, files):
    from vplan.commands.git_setup import attributes_line

    assert attributes_line(repo, repo) in files[".gitattributes"].splitlines()
    assert "/dist/" in files[".gitignore"].splitlines()


def test_vscode_files(files):
    settings = json.loads(files[".vscode/settings.json"])
    own = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    # the same associations as vplan's own repository, to copies of the schemas in .vscode/schemas/
    assert settings["yaml.schemas"] == {k.replace("./schema/", "./.vscode/schemas/"): v
                                        for k, v in own["yaml.schemas"].items()}
    assert settings["yaml.schemaStore.enable"] is False
    for name in (ROOT / "schema").glob("*.schema.json"):
        assert files[f".vscode/schemas/{name.name}"] == name.read_text(encoding="utf-8")
    assert json.loads(files[".vscode/extensions.json"])["recommendations"] == ["redhat.vscode-yaml"]
    assert json.loads(files[".vscode/tasks.json"])["tasks"][0]["command"] == "vplan check plans/"
    assert files[".vscode/vplan.code-snippets"] == (ROOT / ".vscode" / "vplan.code-snippets").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["Calibri", "#1f3a5f", "{ord}: ", "1.1", "true", "ja", "null", "2025", "a: b",
                                   'system-ui, "Segoe UI"', 'a"b\\c', "Bilagor (förteckning)", " x", "x ", True, 3])
def test_scalars_read_back(value):
    assert load(f"k: {scalar(value)}\n")["k"] == value
