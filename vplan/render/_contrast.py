"""WCAG 2.1 contrast ratios, so a house style cannot make unreadable text."""
from __future__ import annotations

from typing import Protocol

WHITE = "#ffffff"
MIN_TEXT = 4.5


class _Colours(Protocol):
    primary: str
    accent: str
    text: str
    table_header: str
    mark: str


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def check_colours(colours: _Colours) -> str | None:
    """A Swedish sentence naming the first pair below WCAG AA (4.5:1), else None."""
    pairs = [
        ("primär", colours.primary, "vit bakgrund", WHITE),
        ("accent", colours.accent, "vit bakgrund", WHITE),
        ("text", colours.text, "vit bakgrund", WHITE),
        ("markering", colours.mark, "vit bakgrund", WHITE),
        ("text", colours.text, "tabellhuvud", colours.table_header),
        ("vit text", WHITE, "primär", colours.primary),
    ]
    for name, fg, bg_name, bg in pairs:
        ratio = contrast(fg, bg)
        if ratio < MIN_TEXT:
            return (
                f"färgen {name} mot {bg_name} har kontrasten {ratio:.1f}:1, "
                f"minst {MIN_TEXT}:1 krävs för att texten ska gå att läsa"
            )
    return None
