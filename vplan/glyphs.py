"""Which characters the PDF can show.

The PDF is a PDF/A file, and typst refuses to write one with a character no font
can show (an emoji, a Chinese character) or that PDF/A forbids (private use, U+FEFF).
So check finds such characters first (VP422): a plan that passes check builds.

typst shows a character if any of its fonts has it: the fonts typst carries
(glyphs.json, made by `python -m vplan.glyphs` from the installed typst, and
checked there by compiling every character) and a house style's own fonts in
typsnitt/ (read with fontTools, an extra of the document engines).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("glyphs.json")
MAX_FONT_BYTES = 64 * 1024 * 1024
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


@lru_cache(maxsize=1)
def _builtin() -> tuple[tuple[int, int], ...]:
    return tuple((a, b) for a, b in json.loads(DATA.read_text(encoding="utf-8"))["ranges"])


# Where plan text mostly lies (Latin, Swedish punctuation, €): a pattern over just these few
# ranges is a table look-up per character in C; a character outside them is looked up in all.
_COMMON = ((0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x2029), (0x202F, 0x2065), (0x206A, 0x206F), (0x20AC, 0x20AC),
           (0x2212, 0x2212))
# Invisible characters that turn the direction of the text after them (embeddings, overrides and
# isolates; not the marks that end them): the PDF shows them, but the text then reads otherwise
# than in the file and in a review of it (VP423). Outside _COMMON, so the one scan finds them.
BIDI = frozenset(map(chr, (0x202A, 0x202B, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068)))


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern, list[int], list[int]]:
    ranges = _builtin()
    common = [(max(a, lo), min(b, hi)) for a, b in ranges for lo, hi in _COMMON if max(a, lo) <= min(b, hi)]
    # Tabs never reach the PDF: pandoc reads them as spaces.
    pattern = re.compile("[^\n\t" + "".join(f"{_esc(a)}-{_esc(b)}" if b > a else _esc(a) for a, b in common) + "]")
    return pattern, [a for a, _ in ranges], [b for _, b in ranges]


def _esc(code: int) -> str:
    return f"\\U{code:08x}"


def shown(ch: str) -> bool:
    """Can the PDF's own fonts show `ch`?"""
    import bisect

    _, starts, ends = _tables()
    code = ord(ch)
    at = bisect.bisect_right(starts, code) - 1
    return at >= 0 and code <= ends[at]


def odd_chars(text: str) -> tuple[tuple[str, int, int], ...]:
    """(character, line, column), 1-based, of the first place of each character in `text` that
    the PDF's own fonts cannot show, or that turns the text's direction (BIDI); at most 20
    characters. Tabs are spaces to pandoc."""
    pattern, _, _ = _tables()
    found: dict[str, tuple[int, int]] = {}
    seen: set[str] = set()
    for m in pattern.finditer(text):
        ch = m.group()
        if ch in seen:
            continue
        seen.add(ch)
        if ch in BIDI or not shown(ch):
            start = text.rfind("\n", 0, m.start()) + 1
            found[ch] = (text.count("\n", 0, m.start()) + 1, m.start() - start + 1)
            if len(found) >= 20:
                break
    return tuple((ch, line, col) for ch, (line, col) in found.items())


def style_chars(font_dirs, project_dir) -> frozenset[int] | None:
    """The characters a house style's own fonts add (empty without fonts); None when the fonts
    cannot be read here (fontTools missing, a damaged font, a link out of the project): then
    check cannot tell, and the build will."""
    from vplan.paths import allowed

    files = sorted(p for d in font_dirs for p in Path(d).iterdir()
                   if p.suffix.lower() in FONT_SUFFIXES and p.is_file())
    if not files:
        return frozenset()
    if not all(allowed(p, project_dir) for p in files):
        return None
    try:
        from fontTools.ttLib import TTCollection, TTFont
    except ImportError:
        return None
    codes: set[int] = set()
    for path in files:
        try:
            if path.stat().st_size > MAX_FONT_BYTES:
                return None
            fonts = TTCollection(str(path), lazy=True).fonts if path.suffix.lower() in (".ttc", ".otc") \
                else [TTFont(str(path), lazy=True)]
            for font in fonts:
                codes.update((font.getBestCmap() or {}).keys())
        except Exception:  # fontTools raises many kinds on a damaged file; the build will say more
            return None
    return frozenset(codes)


def describe(ch: str) -> str:
    """The character as a reader can recognise it: itself and its code, or only the code when it
    does not show (a control or format character)."""
    import unicodedata

    code = f"U+{ord(ch):04X}"
    if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zs", "Zl", "Zp"):
        name = unicodedata.name(ch, "")
        return f"{code}{f' ({name.lower()})' if name else ''}"
    return f"”{ch}” ({code})"


# --- making glyphs.json ----------------------------------------------------------------------

def _embedded_fonts(library: bytes):
    """The fonts typst carries: the font files inside its library, found by their table directory."""
    import io
    import struct

    from fontTools.ttLib import TTFont

    seen = set()
    for m in re.finditer(rb"\x00\x01\x00\x00|OTTO", library):
        at = m.start()
        count = struct.unpack(">H", library[at + 4:at + 6])[0]
        tags = [library[at + 12 + 16 * i:at + 16 + 16 * i] for i in range(count)] if 5 <= count <= 50 else []
        if not tags or not all(re.fullmatch(rb"[A-Za-z0-9/ _]{4}", t) for t in tags) or b"cmap" not in tags:
            continue
        try:
            font = TTFont(io.BytesIO(library[at:]), lazy=True)
            name, cmap = font["name"].getDebugName(4), font.getBestCmap()
        except Exception:
            continue
        if name not in seen:
            seen.add(name)
            yield name, set(cmap)


def _ranges(codes) -> list[list[int]]:
    out: list[list[int]] = []
    for c in sorted(codes):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


def _shows(compiler, chars: str) -> bool:
    import typst

    # As pandoc writes plan text for typst: the characters themselves in markup, between letters.
    source = '#set document(title: "t")\n' + "".join(f"A{_markup(c)}B\n\n" for c in chars)
    try:
        compiler.compile(source.encode("utf-8"), format="pdf", pdf_standards=["a-2a", "ua-1"])
    except typst.TypstError:
        return False
    except BaseException as err:  # typst's own bug (a Rust panic) on some runs of marks: not shown
        if type(err).__name__ != "PanicException":
            raise
        return False
    return True


def _markup(ch: str) -> str:
    return "\\" + ch if ch.isascii() and not ch.isalnum() and ch != " " else ch


def _confirmed(compiler, chars: list[str]) -> list[str]:
    """The characters typst really writes to a PDF/A, each compiled alone: in a longer text typst
    lets some through (U+FEFF after other text) that it refuses elsewhere."""
    return [c for c in chars if _shows(compiler, c)]


def main() -> None:
    """Write glyphs.json for the installed typst: its fonts' characters, and the invisible format
    characters typst leaves out of the text, each confirmed by a compile."""
    import unicodedata

    import typst

    library = Path(typst.__file__).parent
    so = next(p for p in library.iterdir() if p.name.startswith("_typst") and p.suffix in (".so", ".pyd"))
    codes: set[int] = set()
    names = []
    for name, cmap in _embedded_fonts(so.read_bytes()):
        names.append(name)
        codes |= cmap
    # Format characters, spaces and variation selectors need no glyph; typst decides which it accepts.
    codes |= {c for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cf", "Zs", "Zl", "Zp")}
    codes |= {0x034F, *range(0x180B, 0x1810), *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}
    codes -= set(range(0x20)) | {0x7F}  # control characters are refused by the reader itself
    compiler = typst.Compiler(ignore_system_fonts=True)
    chars = [chr(c) for c in sorted(codes) if c != 0x0A]
    kept = _confirmed(compiler, chars)
    version = getattr(typst, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("typst")
    DATA.write_text(json.dumps({"typst": version, "fonts": sorted(names),
                                "ranges": _ranges(ord(c) for c in kept)}, indent=None) + "\n", encoding="utf-8")
    print(f"{DATA}: {len(kept)} tecken i {len(_ranges(ord(c) for c in kept))} intervall, typst {version}")


if __name__ == "__main__":
    main()
