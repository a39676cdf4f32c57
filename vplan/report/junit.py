"""JUnit XML, as GitLab's test reports and Jenkins' junit step read it.

One testsuite per plan, one testcase per rule: a rule that found errors in the
plan fails (one failure element holding every finding of that rule), a rule
that found only warnings passes with the warnings in system-out. Rules could
not run on a plan that could not be read: they are skipped, and the findings
that say why fail. Test tools count passing rules, so "64 tests, 1
failure" says how much was checked, not only what was found.
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

from vplan.model import Severity


def _finding(d) -> str:
    return f"{d.pos}: {d.severity.value} {d.code}: {d.message}" + (f" Gör så här: {d.hint}" if d.hint else "")


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters; a plan's text may."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 32 else "\ufffd" for c in text)


def _suite(f, rules) -> ET.Element:
    by_code: dict[str, list] = {}
    for d in f.diagnostics:
        by_code.setdefault(d.code, []).append(d)
    codes = list(dict.fromkeys([*rules, *by_code]))
    suite = ET.Element("testsuite", name=_clean(f.path))
    failures = skipped = 0
    for code in codes:
        name = f"{code} {rules[code].name}" if code in rules else code
        case = ET.SubElement(suite, "testcase", name=name, classname=_clean(f.path), time="0")
        found = by_code.get(code, [])
        errors = [d for d in found if d.severity is Severity.ERROR]
        if errors:
            failures += 1
            failure = ET.SubElement(case, "failure", type=code,
                                    message=_clean(f"rad {errors[0].pos.line}: {errors[0].message}"
                                                   + (f" (och {len(errors) - 1} till)" if len(errors) > 1 else "")))
            failure.text = _clean("\n".join(_finding(d) for d in errors))
        elif not f.read and not found:
            skipped += 1
            ET.SubElement(case, "skipped", message="Planen kunde inte läsas, så regeln kördes inte.")
        if len(found) > len(errors):
            out = ET.SubElement(case, "system-out")
            out.text = _clean("\n".join(_finding(d) for d in found if d.severity is not Severity.ERROR))
    suite.set("tests", str(len(codes)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    suite.set("time", "0")
    return suite


def as_element(result) -> ET.Element:
    from vplan.rules import registry

    rules = dict(registry())
    root = ET.Element("testsuites", name="vplan check")
    suites = [_suite(f, rules) for f in result.files]
    root.extend(suites)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in suites)))
    root.set("time", "0")
    return root


def render(result, **_) -> str:
    root = as_element(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
