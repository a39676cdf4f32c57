"""The one-pass block reader (read/yamlfast.py) must read exactly as ruamel does, or decline."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vplan.read import yamlfast
from vplan.read.markdown import Fenced, scan
from vplan.read.yamlload import YamlProblem, load_yaml_full

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "plans").glob("*.md")), *sorted((ROOT / "tests" / "cases").rglob("*.md"))]


def _typed(value):
    """The data with every value's type spelled out: 1, 1.0 and True must not compare equal."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, repr(value))


def _agree(text: str) -> bool:
    """True when the fast reader read the text (and then exactly as ruamel); False when it declined."""
    try:
        fast = yamlfast.load(text, "p.md", 5)
    except yamlfast.Decline:
        return False
    try:
        full = load_yaml_full(text, "p.md", 5)
    except YamlProblem as problem:
        pytest.fail(f"the fast reader accepted YAML that ruamel refuses ({problem.message}):\n{text}")
    assert _typed(fast.data) == _typed(full.data), text
    assert fast.keys == full.keys, text
    assert fast.values == full.values, text
    return True


def _yaml_texts(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    if text.startswith("---\n") and (end := text.find("\n---", 4)) > 0:
        yield text[4:end]
    for event in scan(text, 1):
        if isinstance(event, Fenced):
            yield event.body


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_block_we_have(path):
    for text in _yaml_texts(path):
        _agree(text)


def test_the_common_shape_is_read_fast():
    """The example plans' blocks are the shape the reader exists for: most must not decline."""
    texts = [t for p in sorted((ROOT / "plans").glob("*.md")) for t in _yaml_texts(p)]
    fast = sum(_agree(t) for t in texts)
    assert fast >= 0.8 * len(texts)


# Line pieces chosen to sit on every border of the shape: numbers, quotes, comments,
# indicators, colons, flow collections, block scalars, odd characters.
KEYS = ["namn", "id", "2025", "år", "a b", "-x", "<<", "a #b", "'q'", '"q"', "x:y", "true", "null", "?", "é"]
SEPARATORS = [": ", ":", " : ", ":  ", ": \t"]
VALUES = ["1", "-1", "+1", "01", "1.5", "-0.5", ".5", "1.", "1e5", "1E-3", "1e99", "0x1F", "0o17", "1_000",
          "true", "False", "null", "~", "", "'a''b'", "'a'b'", '"a\\"b"', '"a"b"', '"x"', "\"x\" y",
          "a: b", "a:b", "a #c", "a#c", "#c", "[1, 2]", "{a: 1}", "&a x", "*a", "!t x", "|", ">-", "- x", "-",
          "-x", "?", "? x", ":x", "text:", "https://x.se/a?b=c#d", "x  ", "2025-01-01", "ÅÄÖ åäö", "😀 ok",
          "a\u2028b", "a\x85b", "---", "...", "% x", "@x", "`x", ",x", "1 234,5", "−", "12 %", "a [b] {c}",
          "'", '"', "''", '""', "1" * 40, "\\n", "a\\b",
          "[]", "[ ]", "[VP303]", "[2025, 2027]", "[a,b]", "[ a , b ]", "[a, ]", "[, a]", "[a, [b]]", "[a, 'b']",
          "[a: b]", "[a, #b]", "[-1, 1.5]", "[a] x", "[true, null, ~]", "[a b, c]", "[- a]"]
LINE = st.tuples(st.integers(0, 6), st.sampled_from(["", "- ", "-  ", "- - "]),
                 st.one_of(st.tuples(st.sampled_from(KEYS), st.sampled_from(SEPARATORS), st.sampled_from(VALUES)),
                           st.tuples(st.just(None), st.just(""), st.sampled_from(VALUES + ["# note", ""]))))


def _line(piece) -> str:
    indent, dash, (key, sep, value) = piece
    return " " * indent + dash + (f"{key}{sep}{value}" if key is not None else value)


@settings(max_examples=1500, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=12))
def test_generated_texts(pieces):
    _agree("\n".join(_line(p) for p in pieces))


@settings(max_examples=500, deadline=None)
@given(st.recursive(
    st.sampled_from(VALUES[:40]),
    lambda inner: st.one_of(st.lists(inner, min_size=1, max_size=3),
                            st.dictionaries(st.sampled_from(KEYS[:6]), inner, min_size=1, max_size=3)),
    max_leaves=12))
def test_generated_structures(data):
    """Well-formed nesting, written the way people write it, is read fast and the same."""
    _agree("\n".join(_write(data, 0)) if isinstance(data, (dict, list)) else f"k: {data}")


def _write(data, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, (dict, list)):
                lines += [f"{pad}{k}:", *_write(v, indent + 2)]
            else:
                lines.append(f"{pad}{k}: {v}")
        return lines
    for v in data:
        if isinstance(v, (dict, list)):
            sub = _write(v, indent + 2)
            lines.append(pad + "- " + sub[0].lstrip(" ")) if isinstance(v, dict) else lines.append(pad + "-")
            lines += sub[1:] if isinstance(v, dict) else sub
        else:
            lines.append(f"{pad}- {v}")
    return lines


def test_hexadecimal_and_octal_numbers_stay_as_written():
    """0x10 would be shown as 16 and 0o17 as 15: a document shows what the plan says, so they stay
    text (a field that wants a number then says so)."""
    from vplan.read.yamlload import load_yaml, load_yaml_full

    text = "a: 0x10\nb: 0o17\nc: 16\n"
    for read in (load_yaml, load_yaml_full):
        assert read(text, "p.md", 1).data == {"a": "0x10", "b": "0o17", "c": 16}
