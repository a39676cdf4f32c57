"""The files of a new region repository, as bytes: data files in files/ filled in.

Values that the region starts from (the house style's colours and fonts, the
profile's chapters) are read from the built-in ``standard`` style and profile at
the time of `vplan init`, so the copy is always of the installed vplan.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from vplan.scaffold import pins

FILES = Path(__file__).resolve().parent / "files"
_MARK = re.compile(r"@@([\w.]+)@@")
_PLAIN = re.compile(r"^\w[\w ,.()/–-]*(?<! )$")


@dataclass(frozen=True)
class Region:
    name: str  # "Region Västerbotten"
    slug: str  # "vasterbotten": the name of its house style and profile
    board: str  # "Regionstyrelsen"
    year: int  # the first plan's budget year


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace every @@key@@; a key without a value is a bug in vplan, never left in a file."""
    def one(match: re.Match) -> str:
        return values[match.group(1)]

    return _MARK.sub(one, template)


def scalar(value: Any) -> str:
    """A YAML scalar that reads back as `value`: JSON's double-quoted strings are YAML too."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and _reads_as(text) == text:
        return text  # as a person would write it: Calibri, not "Calibri"
    if '"' in text and "'" not in text and "\\" not in text and text.isprintable():
        return f"'{text}'"  # a font list with "Segoe UI" in it reads better without escapes
    return json.dumps(text, ensure_ascii=False)


def _reads_as(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(f"k: {text}\n")["k"]


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"färger": {"primär": "#1f3a5f"}} -> {"färger.primär": "#1f3a5f"}."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def _read(name: str) -> str:
    return (FILES / name).read_text(encoding="utf-8")


def _builtin(*parts: str) -> Path:
    from vplan.options import _builtin as builtin

    return builtin(parts[0]).joinpath(*parts[1:])


def _load_yaml(path: Path) -> dict[str, Any]:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def house_style(region: Region) -> str:
    standard = flatten(_load_yaml(_builtin("templates", "standard", "style.yaml")))
    standard["logotyp.alt"] = region.name  # the logo is the region's: say whose it is
    values = {key: scalar(value) for key, value in standard.items()}
    values.update(region=region.name, mall=region.slug, namn=scalar(region.name))
    return fill(_read("style.yaml"), values)


def words() -> str:
    """_ord.md.j2 with every word the documents use, set to its default."""
    from vplan.render.tree.words import WORDS

    rows = [f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)},"
            for k, v in WORDS.items()]
    return "\n".join([
        "{#- Orden som dokumenten använder, till exempel i tabellernas rubriker.",
        "    Ändra texten till höger om kolonet, till exempel \"Nyckeltal\" i stället för",
        "    \"Indikator\". {n} och {typ} fylls i av vplan och ska stå kvar. Ord som",
        "    tas bort här tas från vplans husstil standard. -#}",
        "{% set ord = {",
        *rows,
        "} %}",
        "",
    ])


def profile(region: Region) -> str:
    standard = _load_yaml(_builtin("schema", "profiles", "standard.yaml"))
    values = {
        "region": region.name, "profil": region.slug,
        "beskrivning": scalar(standard.get("beskrivning", "")),
        "kapitel": "\n".join(_chapter(c) for c in standard["kapitel"]),
        "andra_kapitel": scalar(standard.get("andra_kapitel", "tillåtna")),
        "nivåer": "\n".join(f"  - {scalar(level)}" for level in standard["nivåer"]),
        "kräver_innehåll": scalar(standard.get("kräver_innehåll", standard["nivåer"][-1])),
        "uppföljning_kapitel": "\n".join(_chapter(c) for c in standard.get("uppföljning_kapitel", ())),
    }
    return fill(_read("profil.yaml"), values)


def _chapter(spec: Mapping[str, Any]) -> str:
    lines = [f"  - namn: {scalar(spec['namn'])}"]
    for key, value in spec.items():
        if key == "namn":
            continue
        if isinstance(value, list):
            lines += [f"    {key}:", *(f"      - {scalar(v)}" for v in value)]
        else:
            lines.append(f"    {key}: {scalar(value)}")
    return "\n".join(lines)


def pre_commit() -> str:
    """Hooks from vplan's own repository at the installed version, else the vplan on PATH."""
    ver, url = pins.version(), pins.repository_url()
    tag = pins.release_tag(ver)
    head = ["# Kontroller före varje commit med pre-commit (https://pre-commit.com).",
            "# Slå på dem en gång på varje dator: pre-commit install",
            "# vplan-fmt skriver om planerna till den gemensamma formen (innehållet ändras",
            "# aldrig); vplan-check stoppar en commit med fel i planerna.",
            "repos:"]
    if url and tag:
        return "\n".join([*head, f"  - repo: {url}",
                          f"    rev: {tag}              # vplan-versionen; höj den när ni uppdaterar vplan",
                          "    hooks:", "      - id: vplan-fmt", "      - id: vplan-check", ""])
    hooks = []
    for hook, entry, serial in (("vplan-fmt", "vplan fmt", True), ("vplan-check", "vplan check", False)):
        hooks += [f"      - id: {hook}", f"        name: {entry}", f"        entry: {entry}",
                  "        language: system", r"        files: ^plans/.*\.md$"]
        hooks += ["        require_serial: true"] if serial else []
    return "\n".join([*head, f"  # Krokarna kör den vplan som är installerad på datorn (arkivet skapades med {ver}).",
                      "  - repo: local", "    hooks:", *hooks, ""])


SCHEMA_COPIES = ".vscode/schemas"  # not schema/: vplan would read copies there instead of its own


def schema_files() -> dict[str, bytes]:
    """The installed vplan's JSON Schemas, for the editor; they refer only to each other."""
    folder = _builtin("schema")
    return {f"{SCHEMA_COPIES}/{p.name}": p.read_bytes() for p in sorted(folder.glob("*.schema.json"))}


def schema_associations(prefix: str) -> dict[str, str]:
    """Which files each schema is for: profiles, and drafts named <anything>.<block>.yaml."""
    from vplan.read.schemas import OUTPUT_SCHEMAS

    out = {}
    for path in sorted(_builtin("schema").glob("*.schema.json")):
        kind = path.name.removesuffix(".schema.json")
        if kind == "block" or kind in OUTPUT_SCHEMAS:
            continue  # shared definitions only; or a schema of vplan's output, which no one edits
        out[f"{prefix}/{path.name}"] = "**/schema/profiles/*.yaml" if kind == "profil" else f"**/*.{kind}.yaml"
    return out


def vscode_settings() -> str:
    settings = {
        "yaml.schemas": schema_associations(f"./{SCHEMA_COPIES}"),
        "yaml.schemaStore.enable": False,  # offline, and no other schema for *.yaml here
        "[markdown]": {"editor.tabSize": 2, "editor.insertSpaces": True,
                       "editor.quickSuggestions": {"other": "on", "comments": "off", "strings": "on"}},
        "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True},
        "files.encoding": "utf8",
        "files.eol": "\n",
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def repository_files(region: Region) -> dict[str, bytes]:
    """Every file of the new repository but the first plan, by path relative to it."""
    ver, url = pins.version(), pins.repository_url()
    common = {"region": region.name, "mall": region.slug, "profil": region.slug, "version": ver,
              "year": str(region.year), "requirement": pins.requirement(ver, url),
              "requirement_documents": pins.requirement(ver, url, pins.DOCUMENTS),
              "vplan_link": f"[vplan]({url})" if url else "vplan"}
    style_dir = f"templates/{region.slug}"
    text = {
        f"{style_dir}/style.yaml": house_style(region),
        f"{style_dir}/_ord.md.j2": words(),
        f"schema/profiles/{region.slug}.yaml": profile(region),
        "vplan.toml": _read("vplan.toml"),
        ".pre-commit-config.yaml": pre_commit(),
        ".github/workflows/vplan.yml": fill(_read("github-vplan.yml"), common),
        ".gitlab-ci.yml": fill(_read("gitlab-ci.yml"), common),
        ".gitattributes": _read("gitattributes"),
        ".gitignore": _read("gitignore"),
        ".vscode/settings.json": vscode_settings(),
        ".vscode/extensions.json": _read("vscode/extensions.json"),
        ".vscode/tasks.json": _read("vscode/tasks.json"),
        ".vscode/vplan.code-snippets": _read("vscode/vplan.code-snippets"),
        "README.md": fill(_read("README.md"), common),
    }
    files = {path: body.encode("utf-8") for path, body in text.items()}
    files[f"{style_dir}/logotyp.svg"] = _builtin("templates", "standard", "logotyp.svg").read_bytes()
    files.update(schema_files())
    return files
