"""The pieces marks are made of: prose split into paragraphs, inline Markdown
split into words that can be wrapped safely, word differences, and the marks
each format gets."""
from __future__ import annotations

import pytest

from vplan.render.redline_marks import Marks, balance_brackets
from vplan.render.redline_text import GLUE, join, pieces, units, word_ops

# Inline Markdown -> its pieces; None: the markup is not certain, mark it whole.
PIECES = [
    ("Sista *stycket* med [länk text](https://x.se \"titel här\") och `kod med mellanslag`.",
     ["Sista", "*stycket*", "med", "[länk text](https://x.se \"titel här\")", "och", "`kod med mellanslag`",
      GLUE + "."]),
    ("**mycket viktig** fråga", ["**mycket viktig**", "fråga"]),
    ("reglementet[^reglemente]. Enligt", ["reglementet[^reglemente]", GLUE + ".", "Enligt"]),
    ("5 * 3 är 15", ["5", "*", "3", "är", "15"]),
    ("snake_case och _kursiv text_ här", ["snake_case", "och", "_kursiv text_", "här"]),
    ("H~2~O och x^2^", ["H~2~O", "och", "x^2^"]),
    ("not^[inline not här] slut", ["not^[inline not här]", "slut"]),
    ("~~struken text~~ kvar", ["~~struken text~~", "kvar"]),
    ("tecknet 3\\. stannar", ["tecknet", "3\\.", "stannar"]),
    ("a*b", None),
    ("***a** b*", None),
    ("lös ] hakparentes", None),
]


@pytest.mark.parametrize("text, expected", PIECES)
def test_pieces_keep_inline_markup_whole(text, expected):
    assert pieces(text) == expected


def test_pieces_join_back_to_the_text():
    for text, expected in PIECES:
        if expected is not None:
            assert join(expected) == text


def test_units_keep_list_markers_and_separators():
    prose = ("Styrelsen ska bland annat:\n- bereda ärenden som\n  fullmäktige beslutar om\n- vara beställare.\n\n"
             "1. ett\n2. två\n\n> citat rad ett\n> rad två")
    assert [(u.sep, u.prefix, u.text) for u in units(prose)] == [
        ("\n\n", "", "Styrelsen ska bland annat:"),
        ("\n", "- ", "bereda ärenden som fullmäktige beslutar om"),
        ("\n", "- ", "vara beställare."),
        ("\n\n", "1. ", "ett"),
        ("\n", "2. ", "två"),
        ("\n\n", "> ", "citat rad ett rad två"),
    ]


@pytest.mark.parametrize("old, new, expected", [
    ("Regionen ska öka kostnaderna för hyrpersonal.", "Regionen ska minska kostnaderna för inhyrd personal.",
     [("=", "Regionen ska", "Regionen ska"), ("-", "öka", ""), ("+", "", "minska"),
      ("=", "kostnaderna för", "kostnaderna för"), ("-", "hyrpersonal", ""), ("+", "", "inhyrd personal"),
      ("=", GLUE + ".", GLUE + ".")]),
    # A short unchanged word between two changes joins them.
    ("Vi ska bli bäst.", "Vi vill bli bättre.",
     [("=", "Vi", "Vi"), ("-", "ska bli bäst", ""), ("+", "", "vill bli bättre"), ("=", GLUE + ".", GLUE + ".")]),
])
def test_word_ops(old, new, expected):
    assert word_ops(pieces(old), pieces(new)) == expected


def test_balance_brackets_escapes_only_stray_ones():
    assert balance_brackets("a ] b [c](d) [ e `[x`") == "a \\] b [c](d) \\[ e `[x`"


@pytest.mark.parametrize("flavour, ins, delete", [
    ("html", "`<ins class=andring><span class=visuellt-dold>Tillagt:&#32;</span>`{=html}ny`</ins>`{=html}",
     "`<del class=andring><span class=visuellt-dold>Borttaget:&#32;</span>`{=html}gammal`</del>`{=html}"),
    ("typst", "`#vplan-ins[`{=typst}ny`];`{=typst}", "`#vplan-del[`{=typst}gammal`];`{=typst}"),
    ("docx", '`<w:r><w:rPr><w:b/><w:color w:val="A4161A"/><w:vertAlign w:val="superscript"/></w:rPr>'
             '<w:t xml:space="preserve">tillagt: </w:t></w:r>`{=openxml}[ny]{.underline}',
     '`<w:r><w:rPr><w:b/><w:color w:val="A4161A"/><w:vertAlign w:val="superscript"/></w:rPr>'
     '<w:t xml:space="preserve">borttaget: </w:t></w:r>`{=openxml}~~gammal~~'),
])
def test_each_format_gets_its_own_cue(flavour, ins, delete):
    marks = Marks(flavour)
    assert marks.ins("ny") == ins
    assert marks.delete("gammal") == delete
    assert marks.change("gammal", "ny") == f"{delete} {ins}"


def test_unlabelled_marks_keep_the_line_only():
    assert Marks("typst").ins("4", label=False) == "`#vplan-ins(etikett:false)[`{=typst}4`];`{=typst}"
    assert Marks("docx").delete("4", label=False) == "~~4~~"
    assert "visuellt-dold" not in Marks("html").ins("4", label=False)


def test_words_marks_only_what_changed_and_keeps_punctuation_in_place():
    marks = Marks("typst")
    assert marks.words("ett modigt ledarskap.", "ett tydligt och modigt ledarskap i hela länet.") == (
        "ett `#vplan-ins[`{=typst}tydligt och`];`{=typst} modigt ledarskap "
        "`#vplan-ins[`{=typst}i hela länet`];`{=typst}.")
    assert marks.words("samma  text", "samma text") == "samma text"


def test_words_marks_uncertain_markup_whole():
    marks = Marks("typst")
    assert marks.words("a*b c", "a*b d") == ("`#vplan-del[`{=typst}a*b c`];`{=typst} "
                                             "`#vplan-ins[`{=typst}a*b d`];`{=typst}")


# --- accept all / reject all ------------------------------------------------------------

WORDS = ["regionen", "ska", "öka", "minska", "kostnaderna.", "**fet text**", "*kursiv*", "[länk](https://x.se)",
         "`kod här`", "not[^1]", "2\u00a0365", "(RUS)", "och", "i", "länet,", "~~struken~~", "x^2^"]


def _accept(marked: str, keep: str) -> str:
    """The text with one kind of marks taken away and the other unwrapped."""
    import re

    drop = "del" if keep == "ins" else "ins"
    text = re.sub(rf"`<{drop} [^`]*`{{=html}}.*?`</{drop}>`{{=html}}", "", marked)
    text = re.sub(rf"`<{keep} [^`]*`{{=html}}(.*?)`</{keep}>`{{=html}}", r"\1", text)
    return " ".join(text.replace(" .", ".").replace(" ,", ",").split())


def test_accepting_all_marks_gives_the_new_text_and_rejecting_them_the_old():
    from hypothesis import given, settings, strategies as st

    sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)

    @settings(max_examples=300, deadline=None)
    @given(sentence, sentence)
    def check(old, new):
        marked = Marks("html").words(old, new)
        assert _accept(marked, "ins") == " ".join(new.replace(" .", ".").split())
        assert _accept(marked, "del") == " ".join(old.replace(" .", ".").split())

    check()
