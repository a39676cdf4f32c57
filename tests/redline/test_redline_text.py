"""The pieces marks are made of: texts cut into words that can be wrapped
safely, word differences, prose blocks paired, and the marks each format gets.
Everything works on document-tree nodes; the plan's text stays in Str nodes."""
from __future__ import annotations

import re

import pytest

from vplan.read import inline, prose
from vplan.render import redline_marks as marks
from vplan.render.redline_marks import Marks
from vplan.render.redline_prose import diff_blocks
from vplan.render.redline_text import pieces, word_ops, words
from vplan.render.tree import nodes as n


def para(markdown: str) -> list[dict]:
    """The inline nodes pandoc's CommonMark reader makes of one paragraph."""
    [blocks] = prose.parse([markdown])
    return blocks[0]["c"]


def show(inlines) -> str:
    """Nodes as readable text: Str as is, Emph as *…*, Strong as **…**, raw markup verbatim."""
    out = []
    for x in inlines:
        t = x["t"]
        if t == "Str":
            out.append(x["c"])
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "RawInline":
            out.append(x["c"][1])
        elif t in ("Emph", "Strong"):
            mark = "*" if t == "Emph" else "**"
            out.append(mark + show(x["c"]) + mark)
        elif t in ("Underline", "Strikeout"):
            out.append(("_" if t == "Underline" else "~~") + show(x["c"]) + ("_" if t == "Underline" else "~~"))
        elif t == "Span":
            out.append("[" + show(x["c"][1]) + "]{." + ".".join(x["c"][0][1]) + "}")
        elif t in ("Link", "Code", "Note"):
            out.append(f"<{t}:{n.stringify([x])}>")
        else:
            out.append(f"<{t}>")
    return "".join(out)


def test_pieces_keep_links_code_and_notes_whole_and_emphasis_per_word():
    text = "Sista *stycket här* med [länk text](https://x.se \"titel\") och `kod med mellanslag` reglementet[^r]."
    shown = [show(p.nodes) for p in pieces(para(text))]
    assert shown == ["Sista", "*stycket*", "*här*", "med", "<Link:länk text>", "och", "<Code:kod med mellanslag>",
                     shown[7], "."]
    assert shown[7].startswith("reglementet<Note:") and pieces(para(text))[8].glued


def test_pieces_of_short_texts_keep_every_character():
    hostile = "- 1) <b>x</b> $5$ \\textbf{y} @ref `x` #rubrik"
    assert [p.text for p in pieces(inline.parse(hostile))] == hostile.split()


@pytest.mark.parametrize("old, new, expected", [
    ("Regionen ska öka kostnaderna för hyrpersonal.", "Regionen ska minska kostnaderna för inhyrd personal.",
     [("=", "Regionen ska"), ("-", "öka"), ("+", "minska"), ("=", "kostnaderna för"), ("-", "hyrpersonal"),
      ("+", "inhyrd personal"), ("=", ".")]),
    # A short unchanged word between two changes joins them.
    ("Vi ska bli bäst.", "Vi vill bli bättre.",
     [("=", "Vi"), ("-", "ska bli bäst"), ("+", "vill bli bättre"), ("=", ".")]),
])
def test_word_ops(old, new, expected):
    ops = word_ops(pieces(inline.parse(old)), pieces(inline.parse(new)))
    assert [(op, n.stringify([x for p in run for x in (n.space(), *p.nodes)]).strip()) for op, run in ops] == expected


@pytest.mark.parametrize("flavour, ins, delete", [
    ("html", "<ins class=andring><span class=visuellt-dold>Tillagt:&#32;</span>ny</ins>",
     "<del class=andring><span class=visuellt-dold>Borttaget:&#32;</span>gammal</del>"),
    ("typst", "#vplan-ins[ny];", "#vplan-del[gammal];"),
    ("docx", '<w:r><w:rPr><w:b/><w:color w:val="A4161A"/><w:vertAlign w:val="superscript"/></w:rPr>'
             '<w:t xml:space="preserve">tillagt: </w:t></w:r>_ny_',
     '<w:r><w:rPr><w:b/><w:color w:val="A4161A"/><w:vertAlign w:val="superscript"/></w:rPr>'
     '<w:t xml:space="preserve">borttaget: </w:t></w:r>~~gammal~~'),
])
def test_each_format_gets_its_own_cue(flavour, ins, delete):
    m = Marks(flavour)
    assert show(m.apply(marks.ins(n.text("ny")))) == ins
    assert show(m.apply(marks.delete(n.text("gammal")))) == delete
    assert show(m.apply(marks.change(n.text("gammal"), n.text("ny")))) == f"{delete} {ins}"


def test_unlabelled_marks_keep_the_line_only():
    assert show(Marks("typst").apply(marks.ins(n.text("4"), label=False))) == "#vplan-ins(etikett:false)[4];"
    assert show(Marks("docx").apply(marks.delete(n.text("4"), label=False))) == "~~4~~"
    assert "visuellt-dold" not in show(Marks("html").apply(marks.ins(n.text("4"), label=False)))


def test_user_text_stays_in_str_nodes_inside_marks():
    hostile = "- 1) <b>x</b> $5$ \\textbf{y} ];"
    for flavour in ("html", "typst", "docx"):
        marked = Marks(flavour).apply(words(inline.parse("gammal text"), inline.parse(hostile)))
        raws = [x["c"][1] for x in marked if x["t"] == "RawInline"]
        assert not any(part in raw for raw in raws for part in ("<b>", "$5$", "textbf"))
        assert n.stringify(marked).endswith(hostile)  # Str nodes only: raw markup is not visible text


def test_words_marks_only_what_changed_and_keeps_punctuation_in_place():
    typst = Marks("typst")
    marked = words(inline.parse("ett modigt ledarskap."), inline.parse("ett tydligt och modigt ledarskap i hela länet."))
    assert show(typst.apply(marked)) == ("ett #vplan-ins[tydligt och]; modigt ledarskap #vplan-ins[i hela länet];.")
    assert show(words(inline.parse("samma  text"), inline.parse("samma text"))) == "samma text"


def test_a_word_that_became_bold_is_a_change():
    marked = words(inline.parse("en viktig fråga"), inline.parse("en **viktig** fråga"))
    assert show(marked) == "en [viktig]{.vplan-del} [**viktig**]{.vplan-ins} fråga"


def test_prose_blocks_are_paired_and_list_items_marked_one_by_one():
    [old] = prose.parse(["Styrelsen ska:\n\n- bereda ärenden\n- vara beställare\n- följa upp\n\nSlut."])
    [new] = prose.parse(["Styrelsen ska:\n\n- bereda alla ärenden\n- följa upp\n- leda arbetet\n\nNytt stycke.\n\nSlut."])
    shown = [(b["t"], show(b["c"]) if b["t"] == "Para" else [show(i[0]["c"]) for i in b["c"]])
             for b in diff_blocks(old, new)]
    assert shown == [
        ("Para", "Styrelsen ska:"),
        ("BulletList", ["bereda [alla]{.vplan-ins} ärenden", "[vara beställare]{.vplan-del}", "följa upp",
                        "[leda arbetet]{.vplan-ins}"]),
        ("Para", "[Nytt stycke.]{.vplan-ins}"),
        ("Para", "Slut."),
    ]


# --- accept all / reject all ------------------------------------------------------------

WORDS = ["regionen", "ska", "öka", "minska", "kostnaderna.", "**fet text**", "*kursiv*", "not[^1]", "2\u00a0365",
         "(RUS)", "och", "i", "länet,", "<b>x</b>", "$5$", "\\textbf{y}", "- 1)"]


def _accept(marked: list, keep: str) -> str:
    """The visible text with one kind of marks taken away and the other unwrapped."""
    drop = marks.DEL if keep == "ins" else marks.INS
    kept = [x for x in marked if (marks.mark_kind(x) or ("",))[0] != drop]
    text = n.stringify(kept)
    return " ".join(re.sub(r" ([.,])", r"\1", text).split())


def test_accepting_all_marks_gives_the_new_text_and_rejecting_them_the_old():
    from hypothesis import given, settings, strategies as st

    sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)

    def visible(text):
        return " ".join(re.sub(r" ([.,])", r"\1", inline.plain(text)).split())

    @settings(max_examples=300, deadline=None)
    @given(sentence, sentence)
    def check(old, new):
        marked = words(inline.parse(old), inline.parse(new))
        assert _accept(marked, "ins") == visible(new)
        assert _accept(marked, "del") == visible(old)

    check()
