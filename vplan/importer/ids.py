"""Stable ids for what the importer names: indicators, columns, rows."""
from __future__ import annotations


def unique_id(text: str, taken: set[str], fallback: str = "post") -> str:
    """A short ascii id from a text, unique among `taken` (which it joins)."""
    from vplan.render.tree.words import slug

    stem = slug(text, set()) if text.strip() else fallback
    stem = stem[:40].rstrip("-") or fallback
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate)
    return candidate
