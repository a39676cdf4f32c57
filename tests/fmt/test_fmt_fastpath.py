"""The fast paths write what the slow ones write, byte for byte.

- YAML: fastyaml may decline any text (yamlfmt then uses ruamel); whenever it
  does not, its output must equal yamlfmt.format_yaml_ruamel's, which must not
  fail. Held on random YAML laid out in every messy way, on every block of the
  example plans and case files, and on whole plans formatted with and without it.
- Prose: the block structure comes from markdown-it without inline parsing;
  with it, the lines must be the same.
"""
from __future__ import annotations

import random
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import messy_yaml
from conftest import PLANS
from test_fmt_generated import plan_text
from vplan.fmt import fastyaml, prose, yamlfmt
from vplan.fmt.document import block_kind, clean, format_text, split
from vplan.fmt.files import check_text
from vplan.fmt.schemaorder import root
from vplan.read.markdown import Fenced, scan

CASES = sorted((Path(__file__).resolve().parent.parent / "cases" / "fmt").glob("*.md"))


def pieces(text: str) -> list[tuple[str, str]]:
    """(schema name, YAML text) of a plan's front matter and blocks."""
    parts = split(clean(text))
    out = [("framsida", parts.front_matter)] if parts.front_matter is not None else []
    return out + [(block_kind(ev.info), ev.body) for ev in scan(parts.body, parts.body_line)
                  if isinstance(ev, Fenced) and ev.closed and block_kind(ev.info)]


def same_as_ruamel(kind: str, text: str) -> bool:
    """False if fastyaml declined; otherwise assert it wrote ruamel's bytes."""
    try:
        fast = fastyaml.format_yaml(text, root(kind))
    except fastyaml.Decline:
        return False
    assert fast == yamlfmt.format_yaml_ruamel(text, root(kind)), text
    return True


@contextmanager
def ruamel_only():
    with mock.patch.object(fastyaml, "format_yaml", side_effect=fastyaml.Decline("test")):
        yield


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2 ** 32))
def test_messy_yaml_is_written_as_ruamel_writes_it(seed):
    same_as_ruamel(*messy_yaml.document(random.Random(seed)))


@pytest.mark.parametrize("path", PLANS + CASES, ids=lambda p: p.name)
def test_every_block_of_the_examples_is_written_as_ruamel_writes_it(path):
    for kind, text in pieces(path.read_text(encoding="utf-8")):
        taken = same_as_ruamel(kind, text)
        if path in PLANS:  # the fast path must take the real plans, or it is no faster
            assert taken, text


def test_comments_are_left_to_ruamel():
    text = "rubrik: Indikatorer  # kort\nindikatorer:\n  - id: a\n"
    with pytest.raises(fastyaml.Decline):
        fastyaml.format_yaml(text, root("indikatorer"))
    assert yamlfmt.format_yaml(text, root("indikatorer")).startswith("rubrik: Indikatorer  # kort\n")


@pytest.mark.parametrize("text, written", [
    ("datum: 2024-1-5\nsenast: '2025-06-30'\nx: 2024-1-5\ny: '2024-01-05'", 'x: 2024-1-5\ny: "2024-01-05"'),
    ("a: -0\nb: +5\nc: 3.50\nd: -0.0\ne: true\nf: ~\ng: ''\nh: \"säg \\\"hej\\\"\"", 'a: 0\nb: 5\nc: 3.50'),
    ("målår: ['2025', 2027, 'a, b']\nundantag: []", 'målår: ["2025", 2027, "a, b"]\nundantag: []'),
    ("målår: [': x', '?y', ':', '- z', 'x:']", 'målår: [: x, ?y, ":", "- z", "x:"]'),  # ruamel's own rules
    ("t: >-\n  ett\n  två\n\nu: |\n  ett\n\n  två\n", "t: ett två\nu: |-\n  ett\n\n  två"),
])
def test_tricky_scalars(text, written):
    assert same_as_ruamel("risker", text)
    assert written in fastyaml.format_yaml(text, root("risker"))


@pytest.mark.parametrize("text", [
    "a: 1\n# kommentar\nb: 2",  # a comment
    "a: !!str 2025",  # a tag
    "a: &x 1\nb: *x",  # an anchor
    "a:\n\n  - x",  # a blank line before a nested list
    "\na: 1",  # a blank line first: ruamel keeps some
    "a: 2024-02-30",  # not a date: ruamel fails, and must be the one to fail
    "a: 1e3\nb: 0x1F\nc: 007",  # numbers ruamel writes its own way
    "a: \"tab\\tbar\"",  # an escape
    "a:\n  - - x",  # a list in a list
])
def test_what_the_fast_path_declines(text):
    with pytest.raises(fastyaml.Decline):
        fastyaml.format_yaml(text, root("risker"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_text())
def test_generated_plans_format_the_same_without_the_fast_path(text):
    fast = format_text(text)
    with ruamel_only():
        assert format_text(text) == fast


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2 ** 32))
def test_untidy_example_plans_format_the_same_without_the_fast_path(seed):
    rnd = random.Random(seed)
    plan = rnd.choice(PLANS)
    data = messy_yaml.messy_plan(plan.read_text(encoding="utf-8"), rnd).encode("utf-8")
    fast = check_text(plan.name, data)
    with ruamel_only():
        slow = check_text(plan.name, data)
    assert (fast.status, fast.text, fast.differences) == (slow.status, slow.text, slow.differences)


def test_the_untidy_plans_take_the_fast_path():
    """Most untidy blocks (not all: blank lines in odd places go to ruamel) take the fast path."""
    rnd = random.Random(7)
    taken = [same_as_ruamel(kind, text) for plan in PLANS
             for kind, text in pieces(messy_yaml.messy_plan(plan.read_text(encoding="utf-8"), rnd))]
    assert sum(taken) > 0.5 * len(taken)


MARKDOWN = ["Hej.", "Regionen ska *växa*.", "- a", "* b", "+ c", "1. d", "2) e", "> citat", "# rubrik", "---",
            "===", "    kod", "```", "~~~", "<div>", "[a]: /url", "[^1]: not", "", "", "   - inskjuten",
            "10. tio", "<!-- c -->", "***", "_x_", "slut  ", "brytning\\", "| a | b |", "[länk](x)", "`kod`"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(MARKDOWN), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8))
def test_prose_needs_no_inline_parsing(lines):
    text = "\n".join(lines)
    fast = prose.format_markdown(text)
    with mock.patch.object(prose, "_block_parser", prose.parser):
        assert prose.format_markdown(text) == fast
