"""Generate N realistic plans from the example plans, for benchmarks.

Each generated plan is one of the examples with another region, board and
title, some prose paragraphs dropped or repeated, so sizes vary like real
plans do; data blocks are kept, so every generated plan passes check.

    python bench/corpus.py 1000 bench/corpus
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOARDS = ("Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Regionala utvecklingsnämnden",
          "Kollektivtrafiknämnden", "Kulturnämnden", "Patientnämnden", "Tandvårdsnämnden",
          "Servicenämnden", "Fastighetsnämnden", "Folkhälsonämnden", "Miljönämnden",
          "Personalnämnden")
REGIONS = ("Blekinge", "Dalarna", "Gotland", "Gävleborg", "Halland", "Jämtland Härjedalen",
           "Jönköpings län", "Kalmar län", "Kronoberg", "Norrbotten", "Skåne", "Stockholm",
           "Sörmland", "Uppsala", "Värmland", "Västerbotten", "Västernorrland", "Västmanland",
           "Västra Götaland", "Örebro län", "Östergötland")


def _vary_prose(body: str, rng: random.Random) -> str:
    """Drop or repeat prose paragraphs outside fenced blocks."""
    parts = re.split(r"(```.*?```)", body, flags=re.S)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a fenced block: keep as is
            out.append(part)
            continue
        paras = part.split("\n\n")
        kept = []
        for p in paras:
            plain = p.strip() and "[^" not in p and not p.lstrip().startswith(("#", "-"))
            if plain and rng.random() < 0.15:
                continue
            kept.append(p)
            if plain and rng.random() < 0.15:
                kept.append(p)
        out.append("\n\n".join(kept))
    return "".join(out)


def generate(n: int, dest: Path, seed: int = 2025) -> list[Path]:
    rng = random.Random(seed)
    examples = sorted((ROOT / "plans").glob("*.md"))
    texts = [e.read_text(encoding="utf-8") for e in examples]
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = texts[i % len(texts)]
        region, board = rng.choice(REGIONS), rng.choice(BOARDS)
        _, fm, body = text.split("---\n", 2)
        fm = re.sub(r"(?m)^region: .*$", f"region: Region {region}", fm)
        fm = re.sub(r"(?m)^nämnd: .*$", f"nämnd: {board}", fm)
        body = _vary_prose(body, rng)
        path = dest / f"plan-{i:04d}.md"
        path.write_text(f"---\n{fm}---\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
