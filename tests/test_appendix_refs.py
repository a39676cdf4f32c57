"""VP402 finds appendix references by a quick scan; it must find exactly what the pattern finds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vplan.rules.references import APPENDIX_REF, appendix_refs

PIECES = ["bil", "Bil", "b", "B", "aga", "agan", "a", "n", " ", "  ", ".", "\n", "\t", "4", "12", "123",
          "x", "_", "é", "ö", "Mo", "2"]


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
def test_same_references_as_the_pattern(pieces):
    text = "".join(pieces)
    assert _spans(appendix_refs(text)) == _spans(APPENDIX_REF.finditer(text))


def test_examples():
    text = "Se bilaga 4, bil. 5 och Bil 6. Mobil 7, _bil 8, ébil 9, bil 123, bilagan  10."
    assert [m.group(0) for m in appendix_refs(text)] == ["bilaga 4", "bil. 5", "Bil 6", "bilagan  10"]
