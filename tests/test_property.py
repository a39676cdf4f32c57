"""Property: however an example plan is damaged, check never crashes and every
diagnostic points inside the file."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, ROOT
from vplan import api
from vplan.options import Options
from vplan.report import FORMATS, render

pytestmark = pytest.mark.skipif(not PLANS, reason="no example plans in plans/")

SOURCES = [p.read_bytes() for p in PLANS]
NASTY = ["\t", ":", ": ", '"', "'", "\x00", "\ufeff", "-", "- ", "#", "```", "[", "{", "&a", "*a", "|",
         ">", "%", "@", "`", "\r", "\n", "\r\n", "---", "[^x]", "<script>", "å", "\u2028", " " * 4]


# An edit is (operation, line index, second line index, text); indexes wrap around
# the current line count so any edit applies to any plan.
EDITS = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent", "truncate", "replace"]),
    st.integers(0, 10_000), st.integers(0, 10_000),
    st.one_of(st.sampled_from(NASTY), st.text(max_size=8)),
)


def apply(data: bytes, edit) -> bytes:
    op, a, b, text = edit
    lines = data.split(b"\n")
    i, j = a % len(lines), b % len(lines)
    raw = text.encode("utf-8", "surrogatepass")
    if op == "delete":
        del lines[i:i + 1 + b % 5]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "insert":
        col = b % (len(lines[i]) + 1)
        lines[i] = lines[i][:col] + raw + lines[i][col:]
    elif op == "indent":
        lines[i] = b" " * (1 + b % 6) + lines[i]
    elif op == "dedent":
        lines[i] = lines[i].lstrip(b" ")
    elif op == "replace":
        lines[i] = raw
    else:
        return data[: (a * 997 + b) % (len(data) + 1)]
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory() as d:
        yield Path(d)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(plan=st.integers(0, len(SOURCES) - 1), edits=st.lists(EDITS, min_size=1, max_size=3), crlf=st.booleans())
def test_check_never_crashes(plan, edits, crlf, workdir, monkeypatch):
    data = SOURCES[plan]
    for edit in edits:
        data = apply(data, edit)
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    monkeypatch.chdir(workdir)
    path = workdir / "plan.md"
    path.write_bytes(data)
    result = api.check([path], options=Options(project_dir=ROOT))
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    last = text.count("\n") + 1
    for d in result.diagnostics:
        assert 1 <= d.pos.line <= last, f"{d.code} at line {d.pos.line}, the file has {last} lines"
        assert d.pos.column >= 1, f"{d.code} at column {d.pos.column}"
        assert d.message and d.code.startswith("VP")
    for fmt in FORMATS:
        assert isinstance(render(fmt, result), str)


FOLLOWUPS = sorted((ROOT / "uppfoljning").glob("*.md"))
FOLLOWUP_SOURCES = [p.read_bytes() for p in FOLLOWUPS]


@pytest.fixture(scope="module")
def followup_project():
    """A project with the example plans, so that a damaged follow-up still finds its plan."""
    import shutil

    with tempfile.TemporaryDirectory() as d:
        shutil.copytree(ROOT / "plans", Path(d) / "plans")
        (Path(d) / "uppfoljning").mkdir()
        yield Path(d)


@pytest.mark.skipif(not FOLLOWUPS, reason="no example follow-ups in uppfoljning/")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(which=st.integers(0, 10), edits=st.lists(EDITS, min_size=1, max_size=3))
def test_check_of_a_damaged_follow_up_never_crashes(which, edits, followup_project):
    """The same for follow-ups: their own blocks (utfall, bedömning, uppdragsstatus) and the
    link to the plan."""
    source = FOLLOWUPS[which % len(FOLLOWUPS)]
    data = FOLLOWUP_SOURCES[which % len(FOLLOWUPS)]
    for edit in edits:
        data = apply(data, edit)
    path = followup_project / "uppfoljning" / source.name
    path.write_bytes(data)
    result = api.check([path], options=Options(project_dir=followup_project))
    last = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for d in result.diagnostics:
        if Path(d.pos.file).name == source.name:
            assert 1 <= d.pos.line <= last, f"{d.code} at line {d.pos.line}, the file has {last} lines"
        assert d.pos.column >= 1, f"{d.code} at column {d.pos.column}"
        assert d.message and d.code.startswith("VP")
