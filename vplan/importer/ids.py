"""Stable ids for what the importer names: indicators, columns, rows."""
from __future__ import annotations

import re


def unique_id(text: str, taken: set[str], fallback: str = "post") -> str:
    """A short ascii id from a text, unique among `taken` (which it joins): vplan's heading slugs."""
    from vplan.render.tree.words import slug

    return slug(text if re.search(r"[A-Za-z0-9]", text or "") else fallback, taken)
