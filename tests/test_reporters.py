"""The reporters: JSON shape and version, GitHub escaping, SARIF validity, and
docs/regler.md kept equal to what the rules' docstrings generate."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from vplan.api import CheckResult, FileResult, check
from vplan.model import Diagnostic, Pos, Severity
from vplan.report import render

CASES = ROOT / "tests" / "cases" / "check"
VALIDATOR = ROOT / "tests" / "judges" / "sarif" / "node_modules" / ".bin" / "sarif-multitool"


def _result(*diags: Diagnostic, path="plans/a.md", lines=("---", "region: x")) -> CheckResult:
    return CheckResult((FileResult(path, None, tuple(diags), tuple(lines)),))


def _diag(code="VP302", severity=Severity.ERROR, message="Summan stämmer inte.", file="plans/a.md",
          line=2, column=3, hint="Rätta summan.", data=None) -> Diagnostic:
    return Diagnostic(code, severity, message, Pos(file, line, column), hint, data or {})


@pytest.fixture
def case_result(options, monkeypatch):
    """A real check of a few case files, run from the case folder."""
    monkeypatch.chdir(CASES)
    names = ["vp302-delrader-summa.md", "vp404-fotnot-oanvand.md", "vp001-tabb.md", "fil-bom.md"]
    return check(names, options=options)


# --- json ----------------------------------------------------------------------

def test_json_shape_and_version(case_result):
    doc = json.loads(render("json", case_result))
    assert doc["version"] == 1
    assert set(doc) == {"version", "vplan", "files", "summary"}
    assert [f["path"] for f in doc["files"]] == [f.path for f in case_result.files]
    for f in doc["files"]:
        assert set(f) == {"path", "ok", "diagnostics"}
        for d in f["diagnostics"]:
            assert {"code", "severity", "message", "hint", "file", "line", "column"} <= set(d)
            assert d["severity"] in ("error", "warning")
            assert d["line"] >= 1 and d["column"] >= 1
    summary = doc["summary"]
    assert summary == {"files": 4, "errors": case_result.count(Severity.ERROR),
                       "warnings": case_result.count(Severity.WARNING)}
    sums = [d for f in doc["files"] for d in f["diagnostics"] if d["code"] == "VP302"]
    assert sums and sums[0]["data"] == {"expected": "2392", "actual": "2365"}


def test_json_is_utf8_not_escaped():
    text = render("json", _result(_diag(message="Målvärdet för 2029 ligger utanför planperioden.")))
    assert "Målvärdet" in text and "\\u" not in text


def test_json_clean_run():
    doc = json.loads(render("json", CheckResult((FileResult("a.md", None, (), ()),))))
    assert doc["files"] == [{"path": "a.md", "ok": True, "diagnostics": []}]
    assert doc["summary"] == {"files": 1, "errors": 0, "warnings": 0}


# --- github ------------------------------------------------------------------------

def test_github_escapes_data_and_properties():
    d = _diag(code="VP3:0,2", message="100% fel\r\nrad två: a, b", file="plans/a, b:c%.md", hint=None)
    out = render("github", _result(d))
    assert out == ("::error file=plans/a%2C b%3Ac%25.md,line=2,col=3,title=VP3%3A0%2C2::"
                   "100%25 fel%0D%0Arad två: a, b\n")


def test_github_levels_and_hint():
    out = render("github", _result(_diag(), _diag(code="VP404", severity=Severity.WARNING, hint=None)))
    lines = out.splitlines()
    assert lines[0] == "::error file=plans/a.md,line=2,col=3,title=VP302::Summan stämmer inte. Gör så här: Rätta summan."
    assert lines[1].startswith("::warning file=plans/a.md,line=2,col=3,title=VP404::")


def test_github_no_findings_prints_nothing():
    assert render("github", CheckResult(())) == ""


# --- human ---------------------------------------------------------------------------

def test_human_color_escapes_markup_in_messages():
    out = render("human", _result(_diag(message="Texten [bold]x[/] står kvar.")), color=True)
    assert "\\[bold]x\\[/] står kvar." in out


# --- sarif ---------------------------------------------------------------------------

def test_sarif_structure(case_result):
    from vplan.rules import registry

    doc = json.loads(render("sarif", case_result))
    assert doc["version"] == "2.1.0"
    run, = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "vplan" and driver["version"] and driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == list(registry())
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert "Varför:" in r["help"]["text"] and "**Rätt:**" in r["help"]["markdown"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning")
    assert len(run["results"]) == len(case_result.diagnostics)
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1


def test_sarif_uri_is_percent_encoded():
    doc = json.loads(render("sarif", _result(_diag(file="planer/region västernorrland.md"))))
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "planer/region%20v%C3%A4sternorrland.md", "uriBaseId": "%SRCROOT%"}


@pytest.mark.skipif(not VALIDATOR.exists(),
                    reason="Microsoft's SARIF validator is not installed: run .ci/install-sarif.sh")
def test_sarif_passes_microsofts_validator(options, monkeypatch, tmp_path):
    monkeypatch.chdir(CASES)
    names = sorted(p.name for p in CASES.glob("*.md"))
    sarif = tmp_path / "vplan.sarif"
    sarif.write_text(render("sarif", check(names, options=options)), encoding="utf-8")
    report = tmp_path / "validation.sarif"
    proc = subprocess.run([str(VALIDATOR), "validate", str(sarif), "--output", str(report)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    findings = [r for run in json.loads(report.read_text(encoding="utf-8-sig"))["runs"]
                for r in run.get("results", []) if r.get("level", "warning") in ("error", "warning")]
    assert findings == [], "\n".join(f"{r['ruleId']}: {r['message']}" for r in findings)


# --- gitlab (Code Quality) ------------------------------------------------------------

JUDGES = ROOT / "tests" / "judges"


@pytest.fixture
def all_cases(options, monkeypatch):
    """Every bad plan in tests/cases/check, checked from that folder: every kind of finding."""
    monkeypatch.chdir(CASES)
    return check(sorted(p.name for p in CASES.glob("*.md")), options=options)


def test_gitlab_matches_the_code_quality_schema(all_cases):
    import jsonschema

    schema = json.loads((JUDGES / "gitlab" / "code-quality.schema.json").read_text(encoding="utf-8"))
    doc = json.loads(render("gitlab", all_cases))
    jsonschema.validate(doc, schema)
    assert len(doc) == len(all_cases.diagnostics)
    prints = [d["fingerprint"] for d in doc]
    assert len(set(prints)) == len(prints), "GitLab shows only one finding per fingerprint"
    assert {d["severity"] for d in doc} == {"major", "minor"}


def test_gitlab_fingerprint_survives_lines_added_above():
    before = json.loads(render("gitlab", _result(_diag(line=40), _diag(line=52))))
    after = json.loads(render("gitlab", _result(_diag(line=45), _diag(line=57))))
    assert [d["fingerprint"] for d in before] == [d["fingerprint"] for d in after]
    assert before[0]["fingerprint"] != before[1]["fingerprint"]  # two equal findings stay apart
    other = json.loads(render("gitlab", _result(_diag(message="En annan summa stämmer inte."))))
    assert other[0]["fingerprint"] != before[0]["fingerprint"]


def test_gitlab_path_is_relative_with_forward_slashes():
    doc = json.loads(render("gitlab", _result(_diag(file="./plans/a.md"))))
    assert doc[0]["location"] == {"path": "plans/a.md", "lines": {"begin": 2}}
    assert doc[0]["check_name"] == "VP302" and doc[0]["description"].startswith("VP302: Summan stämmer inte.")


def test_gitlab_no_findings_is_an_empty_array():
    assert json.loads(render("gitlab", CheckResult(()))) == []


# --- junit -------------------------------------------------------------------------------

def _junit(result):
    from lxml import etree

    text = render("junit", result)
    schema = etree.XMLSchema(etree.parse(str(JUDGES / "junit" / "junit.xsd")))
    doc = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(doc), schema.error_log
    return doc


def test_junit_validates_and_counts(all_cases):
    from vplan.rules import registry

    doc = _junit(all_cases)
    suites = doc.findall("testsuite")
    assert [s.get("name") for s in suites] == [f.path for f in all_cases.files]
    for suite, f in zip(suites, all_cases.files):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases) >= len(registry())
        failed = {c.get("name").split()[0] for c in cases if c.find("failure") is not None}
        assert failed == {d.code for d in f.errors}
        assert int(suite.get("failures")) == len(failed)
        skipped = [c for c in cases if c.find("skipped") is not None]
        assert bool(skipped) == (not f.read)
    assert int(doc.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_junit_warnings_pass_with_their_text():
    doc = _junit(_result(_diag(code="VP404", severity=Severity.WARNING, message="Fotnoten [^x] används inte.")))
    case = next(c for c in doc.iter("testcase") if c.get("name").startswith("VP404"))
    assert case.find("failure") is None
    assert "Fotnoten [^x] används inte." in case.find("system-out").text


def test_junit_escapes_and_drops_control_characters():
    doc = _junit(_result(_diag(message="A <b>&amp; ]]> \x01 slut"), path="plans/<a>.md"))
    failure = next(doc.iter("failure"))
    assert "A <b>&amp; ]]> \ufffd slut" in failure.text and failure.get("type") == "VP302"
    assert doc.find("testsuite").get("name") == "plans/<a>.md"


# --- docs/regler.md --------------------------------------------------------------------

def test_regler_md_is_generated_from_the_rules():
    from vplan.rules.docs import generate

    committed = (ROOT / "docs" / "regler.md").read_text(encoding="utf-8")
    assert committed == generate(), "docs/regler.md is stale: python -m vplan.rules.docs > docs/regler.md"


def test_every_rule_docstring_has_all_parts():
    from vplan.rules import registry
    from vplan.rules.docs import parse

    missing = {code: parse(r.doc).missing() for code, r in registry().items() if parse(r.doc).missing()}
    assert missing == {}



def test_json_doc_example_has_the_real_fields(case_result):
    """docs/json.md shows one example: its fields must be the reporter's fields."""
    import re

    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))
    real = json.loads(render("json", case_result))
    assert example["version"] == real["version"]
    assert set(example) == set(real) and set(example["summary"]) == set(real["summary"])
    assert set(example["files"][0]) == set(real["files"][0])
    real_sum = next(d for f in real["files"] for d in f["diagnostics"] if d["code"] == "VP302")
    assert set(example["files"][0]["diagnostics"][0]) == set(real_sum)
