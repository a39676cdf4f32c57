"""An editor that saves each list item as a list of its own (LibreOffice re-saving a Word
file does) must not split one assignment list into many: adjacent lists are one list."""
from vplan.importer.events import Event, _join_lists


def _item(text):
    return [{"t": "Plain", "c": [{"t": "Str", "c": text}]}]


def _bullets(*texts):
    return Event("block", {"t": "BulletList", "c": [_item(t) for t in texts]}, number=1)


def _numbered(start, *texts):
    return Event("block", {"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}],
                                                     [_item(t) for t in texts]]}, number=1)


def _texts(ev):
    items = ev.node["c"] if ev.node["t"] == "BulletList" else ev.node["c"][1]
    return [i[0]["c"][0]["c"] for i in items]


def test_adjacent_bullet_lists_become_one():
    out = _join_lists([_bullets("a"), _bullets("b"), _bullets("c", "d")])
    assert len(out) == 1 and _texts(out[0]) == ["a", "b", "c", "d"]


def test_numbered_lists_join_only_when_the_numbers_go_on():
    out = _join_lists([_numbered(1, "a", "b"), _numbered(3, "c")])
    assert len(out) == 1 and _texts(out[0]) == ["a", "b", "c"]
    restarted = _join_lists([_numbered(1, "a", "b"), _numbered(1, "x")])
    assert len(restarted) == 2


def test_a_paragraph_between_keeps_lists_apart():
    para = Event("block", {"t": "Para", "c": [{"t": "Str", "c": "Mellan"}]}, number=2)
    out = _join_lists([_bullets("a"), para, _bullets("b")])
    assert [e.node["t"] for e in out] == ["BulletList", "Para", "BulletList"]
    assert [_texts(out[0]), _texts(out[2])] == [["a"], ["b"]]


def test_bullets_and_numbers_stay_apart():
    out = _join_lists([_bullets("a"), _numbered(1, "b")])
    assert len(out) == 2
