"""Generated hostile inputs of up to ~1 MB: check answers quickly, with findings, never an internal error.

Each of these hung `vplan check` for more than 20 s, or ended in a MemoryError, before
the reader's patterns were made linear and its limits added (issue 9)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases" / "check"
BASE = (CASES / "vp006-tal-exponent.md").read_text(encoding="utf-8").replace("1e999999", "2259")
HEAD, REST = BASE.split("# Ekonomi\n")


def _table(rows: str) -> str:
    return (HEAD + "# Ekonomi\n\n```tabell\nrubrik: R\nenhet: mnkr\nkolumner:\n  - id: a\n    rubrik: A\n"
            "rader:\n" + rows + "```\n\n" + REST[REST.index("# Risker"):])


INPUTS = {
    "rubrik-tabbar": lambda: HEAD + "# Mål" + "\t" * 200_000 + "x\n# Ekonomi\n" + REST,
    "rubrik-brader": lambda: HEAD + "# " + "#" * 200_000 + "x\n# Ekonomi\n" + REST,
    "kodblock-info": lambda: HEAD + "```" + " \t" * 100_000 + "`\n# Ekonomi\n" + REST,
    "kodblock-info-block": lambda: HEAD + "```tabell" + " " * 200_000 + "x`\n```\n# Ekonomi\n" + REST,
    "fotnoter": lambda: HEAD + "Se " + "[^a]" * 200_000 + "\n\n# Ekonomi\n" + REST,
    "citerade-et-tecken": lambda: HEAD + "# Ekonomi\n\n```risker\nrisker:\n" + '  - titel: "[&a"\n' * 40_000
    + "```\n\n" + REST[REST.index("# Bilagor"):],
    "tabell-10000-rader": lambda: _table("".join(f"  - namn: Rad {i}\n    värden:\n      a: {i}\n"
                                                 for i in range(10_000))),
    "indikatorer-10000": lambda: HEAD.replace("```indikatorer\nindikatorer:\n", "```indikatorer\nindikatorer:\n" + "".join(
        f"  - id: i{i}\n    namn: Indikator {i}\n    typ: kvantitativ\n    mål:\n      2025: {i}\n"
        for i in range(10_000))) + "# Ekonomi\n" + REST,
    "lang-flodeslista": lambda: HEAD + "# Ekonomi\n\n```tabell\nrubrik: [" + "1, " * 300_000 + "1]\n```\n",
    "rubriker-20000": lambda: HEAD + "".join(f"# K{i}\n\ntext\n\n" for i in range(20_000)),
    "kursiv-100000": lambda: HEAD + "*a " * 100_000 + "\n\n# Ekonomi\n" + REST,
    "kod-100000": lambda: HEAD + "`a " * 100_000 + "\n\n# Ekonomi\n" + REST,
    # Long runs of spaces inside one YAML line: a line pattern with choices backtracked on them.
    "yaml-mellanslag-nyckel": lambda: _table("  - namn: R\n    värden:\n      a: 1\n") .replace(
        "rubrik: R\n", "rubrik: R\nx" + " " * 400_000 + "y\n", 1),
    "yaml-mellanslag-varde": lambda: _table("  - namn: R" + " " * 400_000 + "S\n    värden:\n      a: 1\n"),
    "yaml-nastlade-listor": lambda: _table("  - " + "- " * 300_000 + "x\n"),
}


def _words(n: int, seed: int) -> str:
    import random

    rnd = random.Random(seed)
    return " ".join("".join(rnd.choice("abcdefghij") for _ in range(5)) for _ in range(n))


def _rows(n: int, name: str) -> str:
    return _table("".join(f"  - namn: {name} {i}\n    värden:\n      a: {i}\n" for i in range(n)))


# Two versions of a plan that cost difflib quadratic time when matched word by word or item by item.
PAIRS = {
    "omskriven-text": lambda: (HEAD + _words(60_000, 1) + "\n\n# Ekonomi\n" + REST,
                               HEAD + _words(60_000, 2) + "\n\n# Ekonomi\n" + REST),
    "omdopta-rader": lambda: (_rows(990, "Rad"), _rows(990, "Post")),
    "nya-rubriker": lambda: (HEAD + "".join(f"# K{i}\n\ntext\n\n" for i in range(20_000)),
                             HEAD + "".join(f"# K{i * 7}\n\ntext\n\n" for i in range(20_000))),
    "omskrivna-stycken": lambda: (HEAD + "\n\n".join(_words(10, i) for i in range(5_000)) + "\n\n# Ekonomi\n" + REST,
                                  HEAD + "\n\n".join(_words(10, i + 100_000) for i in range(5_000)) + "\n\n# Ekonomi\n" + REST),
}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_check_is_quick(name, tmp_path, options):
    from vplan.api import load
    from vplan.report import render

    text = INPUTS[name]()
    assert len(text.encode("utf-8")) < 2 * 1024 * 1024, "stay under the 2 MB file cap: the patterns must be reached"
    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = load(path, options=options)
    from vplan.api import CheckResult

    report = render("human", CheckResult((result,)), color=False)
    elapsed = time.perf_counter() - start
    assert elapsed < 3, f"{name}: {elapsed:.1f} s"  # ~0.3 s here; each took over 20 s before
    assert len(report) < 200_000
    assert "Internt fel" not in report


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_fmt_is_quick(name):
    from vplan.fmt.files import check_text

    data = INPUTS[name]().replace("region: ", "region:   ", 1).encode("utf-8")  # something to reformat
    start = time.perf_counter()
    outcome = check_text(f"{name}.md", data)
    elapsed = time.perf_counter() - start
    assert elapsed < 3, f"{name}: {elapsed:.1f} s"
    assert outcome.status in ("vägrad", "ändrad", "osäker")  # refused or rewritten, never an exception


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_diff_is_quick(name):
    from vplan.diff import diff_bytes
    from vplan.diff.changes import DiffResult
    from vplan.diff.report import render

    old, new = PAIRS[name]()
    assert len(old.encode("utf-8")) < 1024 * 1024 and len(new.encode("utf-8")) < 1024 * 1024
    start = time.perf_counter()
    fd = diff_bytes("plan.md", old.encode("utf-8"), new.encode("utf-8"))
    for fmt in ("text", "markdown", "json"):
        render(fmt, DiffResult((fd,), "före", "efter"))
    elapsed = time.perf_counter() - start
    assert elapsed < 4, f"{name}: {elapsed:.1f} s"  # each took over 20 s before
    assert fd.changed


def test_word_diff_of_a_rewritten_page_keeps_the_common_start_and_end():
    from vplan.diff.words import word_diff

    old = "Samma början. " + _words(3_000, 1) + " Samma slut."
    new = "Samma början. " + _words(3_000, 2) + " Samma slut."
    segments = word_diff(old, new)
    assert [op for op, _ in segments] == ["=", "-", "+", "="]
    assert segments[0][1] == "Samma början." and segments[-1][1] == "Samma slut."


def test_pairing_is_bounded_but_still_pairs_a_few_renamed_items():
    from vplan.diff.match import pair

    few = pair([f"Rad nummer {i}" for i in range(10)], [f"Rad nummer {i} x" for i in range(10)],
               key=lambda s: None, text=lambda s: s)
    assert few == [(i, i) for i in range(10)]  # renamed, matched by similarity
    start = time.perf_counter()
    many = pair([f"Rad nummer {i}" for i in range(2_000)], [f"Rad nummer {i} x" for i in range(2_000)],
                key=lambda s: None, text=lambda s: s)
    assert time.perf_counter() - start < 2  # 4 million comparisons before: minutes
    assert sum(1 for o, n in many if o is None) == sum(1 for o, n in many if n is None) == 2_000
