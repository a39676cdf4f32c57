"""SARIF 2.1.0 for code scanning tools: every rule with its help, every finding.

The rule help is the same text as docs/regler.md, parsed from the docstrings.
File URIs are relative to the folder vplan ran in (uriBaseId %SRCROOT%).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "%SRCROOT%"
FALLBACK_URI = "https://pypi.org/project/vplan/"


def _information_uri() -> str:
    """The project's home page from the installed package's metadata, if it has one."""
    from importlib import metadata

    try:
        meta = metadata.metadata("vplan")
    except metadata.PackageNotFoundError:
        return FALLBACK_URI
    for entry in meta.get_all("Project-URL") or []:
        _label, _, url = entry.partition(", ")
        if url.startswith("https://"):
            return url
    home = meta.get("Home-page")
    return home if home and home.startswith("https://") else FALLBACK_URI


def _level(severity) -> str:
    return "error" if severity.value == "fel" else "warning"


def _rule(r) -> dict:
    from vplan.rules.docs import parse, rule_help_markdown, rule_help_text

    doc = parse(r.doc)
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": f"{doc.summary} {doc.why}".strip()},
        "help": {"text": rule_help_text(r), "markdown": rule_help_markdown(r)},
        "defaultConfiguration": {"level": _level(r.severity)},
    }


def _artifact(path: str) -> dict:
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.replace(os.sep, "/")), "uriBaseId": BASE_ID}


def _result(d, index: dict, lines) -> dict:
    region = {"startLine": max(d.pos.line, 1), "startColumn": max(d.pos.column, 1)}
    if d.pos.end_line:
        region["endLine"] = d.pos.end_line
        if d.pos.end_column:
            region["endColumn"] = d.pos.end_column
    if 0 < d.pos.line <= len(lines) and lines[d.pos.line - 1]:
        region["snippet"] = {"text": lines[d.pos.line - 1]}
    text = d.message + (f" Gör så här: {d.hint}" if d.hint else "")
    out = {"ruleId": d.code}
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    out.update({
        "level": _level(d.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(d.pos.file), "region": region}}],
    })
    return out


def as_dict(result) -> dict:
    from vplan import __version__
    from vplan.rules import registry

    rules = list(registry().values())
    index = {r.code: i for i, r in enumerate(rules)}
    results = [_result(d, index, f.lines) for f in result.files for d in f.diagnostics]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "vplan",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": _information_uri(),
                "rules": [_rule(r) for r in rules],
            }},
            "originalUriBaseIds": {BASE_ID: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "artifacts": [{"location": _artifact(f.path)} for f in result.files],
            "language": "sv-SE",
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(result, **_) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
