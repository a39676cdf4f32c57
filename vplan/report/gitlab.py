"""GitLab Code Quality: a JSON array of findings that merge requests show beside the lines.

GitLab compares the fingerprints of the target branch's report with the merge
request's to say which findings are new and which are fixed, so a fingerprint
must stay the same while a finding stays: it is made of the file, the rule and
the message, not the line (a paragraph added above must not make every finding
below it "new"), and a count keeps two equal findings in one file apart.
"""
from __future__ import annotations

import hashlib
import json
import os

# vplan has two severities; GitLab five (info, minor, major, critical, blocker).
SEVERITY = {"fel": "major", "varning": "minor"}


def _path(path: str) -> str:
    """Relative to the repository root, with forward slashes, as GitLab links them."""
    posix = path.replace(os.sep, "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def fingerprint(path: str, code: str, message: str, occurrence: int) -> str:
    text = "\0".join((path, code, message, str(occurrence)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def as_list(result) -> list[dict]:
    out = []
    seen: dict[tuple[str, str, str], int] = {}
    for f in result.files:
        for d in f.diagnostics:
            path = _path(d.pos.file)
            key = (path, d.code, d.message)
            seen[key] = seen.get(key, 0) + 1
            out.append({
                "description": f"{d.code}: {d.message}" + (f" Gör så här: {d.hint}" if d.hint else ""),
                "check_name": d.code,
                "fingerprint": fingerprint(*key, seen[key]),
                "severity": SEVERITY[d.severity.value],
                "location": {"path": path, "lines": {"begin": max(d.pos.line, 1)}},
            })
    return out


def render(result, **_) -> str:
    return json.dumps(as_list(result), ensure_ascii=False, indent=2) + "\n"
