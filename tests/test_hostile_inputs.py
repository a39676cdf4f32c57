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
