"""What prose may hold, decided on pandoc's tree of it: the one tree the writers get.

`inspect` walks the blocks pandoc made of one prose text and returns a safe
copy plus diagnostics:

- raw HTML becomes literal text, except a few harmless tags (<sup>, <sub>,
  <b>, <strong>, <i>, <em>, <br>), which become the matching nodes;
- a link must go to https, http or mailto, to a heading of the plan (#id), or
  to a file inside the repository (relative path);
- an image must be a PNG, JPEG, GIF or a plain SVG file (no scripts, no
  references out) inside the repository, with alt text;
- attributes on code are dropped, and a heading inside prose becomes bold text
  (the plan's structure is made by the reader's headings only).

Check runs the same walk (vplan.rules.content), so a plan that passes check
never meets a refusal here.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from vplan.model import Diagnostic, Pos, Severity
from vplan.read.inline import words

LINK_SCHEMES = frozenset({"https", "http", "mailto"})
KEPT_TAGS = {"sup": "Superscript", "sub": "Subscript", "b": "Strong", "strong": "Strong",
             "i": "Emph", "em": "Emph"}
DANGEROUS = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|form|input|link|meta|svg|math|base)\b"
                       r"|\son\w+\s*=|javascript:|vbscript:|data:", re.IGNORECASE)
_TAG = re.compile(r"^<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)\s*(/?)\s*>$")
_ANY_TAG = re.compile(r"<\s*([A-Za-z][A-Za-z0-9-]*)")  # opening tags: a closing one adds nothing
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


@dataclass
class Inspector:
    """Walks prose trees of one plan; files resolve against `base_dir`, inside `root` only."""

    root: Path
    base_dir: Path
    anchors: frozenset[str] = frozenset()
    diagnostics: list[Diagnostic] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)

    def inspect(self, blocks: list, text: str, pos: Pos) -> list:
        """A safe copy of `blocks` (parsed from `text`, which starts at `pos`)."""
        where = _Locator(text, pos)
        return [b for blk in blocks for b in self._block(blk, where)]

    # --- blocks -----------------------------------------------------------------

    def _block(self, b: dict, where: "_Locator") -> list:
        t = b["t"]
        c = b.get("c")
        if t in ("Para", "Plain"):
            return [{"t": t, "c": self._inlines(c, where)}]
        if t == "RawBlock":
            self._raw(c[1], where)
            lines = [words(line) for line in c[1].strip("\n").split("\n")]
            out: list = []
            for i, line in enumerate(lines):
                out += ([{"t": "LineBreak"}] if i else []) + line
            return [{"t": "Para", "c": out}]
        if t == "Header":
            return [{"t": "Para", "c": [{"t": "Strong", "c": self._inlines(c[2], where)}]}]
        if t == "CodeBlock":
            return [{"t": "CodeBlock", "c": [["", [], []], c[1]]}]
        if t in ("BulletList",):
            return [{"t": t, "c": [self._blocks(item, where) for item in c]}]
        if t == "OrderedList":
            return [{"t": t, "c": [c[0], [self._blocks(item, where) for item in c[1]]]}]
        if t == "BlockQuote":
            return [{"t": t, "c": self._blocks(c, where)}]
        if t == "HorizontalRule":
            return [b]
        if t == "Div":  # not made by CommonMark; keep the content, drop the attributes
            return self._blocks(c[1], where)
        # Anything else cannot come out of the reader's CommonMark: show its text.
        from vplan.render.tree.nodes import stringify

        return [{"t": "Para", "c": words(stringify(b))}]

    def _blocks(self, blocks: list, where: "_Locator") -> list:
        return [x for b in blocks for x in self._block(b, where)]

    # --- inlines ----------------------------------------------------------------

    def _inlines(self, inlines: list, where: "_Locator") -> list:
        out: list = []
        stack: list[tuple[str, list]] = []  # open allow-listed HTML tags
        for node in inlines:
            if node["t"] == "RawInline":
                raw = node["c"][1]
                self._raw(raw, where)
                tag = _TAG.match(raw)
                name = tag.group(2).lower() if tag else ""
                if tag and name == "br" and not tag.group(1):
                    out.append({"t": "LineBreak"})
                    continue
                if tag and name in KEPT_TAGS and not tag.group(3):
                    if not tag.group(1):
                        stack.append((name, out))
                        out = []
                        continue
                    if stack and stack[-1][0] == name:
                        opened, outer = stack.pop()
                        outer.append({"t": KEPT_TAGS[opened], "c": out})
                        out = outer
                        continue
                out += words(raw) if raw.strip() else []
                continue
            out += self._inline(node, where)
        while stack:  # an unclosed tag: show it as written
            name, outer = stack.pop()
            out = outer + [{"t": "Str", "c": f"<{name}>"}] + out
        return out

    def _inline(self, n: dict, where: "_Locator") -> list:
        t = n["t"]
        c = n.get("c")
        if t in ("Str", "Space", "SoftBreak", "LineBreak"):
            return [n]
        if t in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
            return [{"t": t, "c": self._inlines(c, where)}]
        if t == "Code":
            return [{"t": "Code", "c": [["", [], []], c[1]]}]
        if t == "Note":
            return [{"t": "Note", "c": self._blocks(c, where)}]
        if t == "Link":
            content = self._inlines(c[1], where)
            url = self._link(c[2][0], where)
            return [{"t": "Link", "c": [["", [], []], content, [url, c[2][1]]]}] if url else content
        if t == "Image":
            return self._image(n, where)
        if t == "Quoted":
            return [{"t": "Quoted", "c": [c[0], self._inlines(c[1], where)]}]
        if t == "Span":
            return self._inlines(c[1], where)
        from vplan.render.tree.nodes import stringify

        return words(stringify([n]))

    # --- targets ----------------------------------------------------------------

    def _raw(self, raw: str, where: "_Locator") -> None:
        at = where.find(raw.strip()[:40])
        if DANGEROUS.search(raw):
            self._report("VP406", Severity.ERROR, "Planen innehåller HTML-kod som inte är tillåten.", at,
                         "Ta bort koden. Skriv länkar och formatering med Markdown.")
            return
        for m in _ANY_TAG.finditer(raw):
            name = m.group(1).lower()
            if name not in KEPT_TAGS and name != "br":
                self._report("VP407", Severity.WARNING, f"HTML-taggen <{name}> visas som text i dokumenten.",
                             at, "Använd Markdown i stället för HTML, eller ta bort taggen.")

    def _link(self, url: str, where: "_Locator") -> str | None:
        problem = link_problem(url, self.anchors, self._inside, self.base_dir)
        if problem is None:
            return url
        self._report("VP420", Severity.ERROR, f"{problem}: {_short(url)}", where.find(url),
                     "Länka till en webbadress som börjar med https://, en e-postadress (mailto:) "
                     "eller en fil i arkivet.")
        return None

    def _image(self, n: dict, where: "_Locator") -> list:
        attr, alt, (src, title) = n["c"]
        at = where.find(src)
        from vplan.render.tree.nodes import stringify

        alt_text = stringify(alt).strip()
        if not alt_text:
            self._report("VP408", Severity.ERROR, "Bilden saknar alternativtext.", at,
                         "Skriv en kort beskrivning av bilden mellan hakparenteserna: ![Beskrivning](fil.png).")
        path, problem = self._image_file(src)
        if problem:
            self._report("VP901", Severity.ERROR, f"{problem}: {_short(src)}", at,
                         "Lägg bilden (PNG, JPEG, GIF eller SVG) i arkivet, till exempel i plans/bilder/, "
                         "och skriv sökvägen relativt planen.")
            return words(alt_text)
        self.images.append(path)
        return [{"t": "Image", "c": [["", [], []], words(alt_text), [str(path), ""]]}]

    def _image_file(self, src: str) -> tuple[Path | None, str | None]:
        if not src or _SCHEME.match(src) or src.startswith(("/", "\\")) or "\\" in src or "\x00" in src:
            return None, "Bilden ska vara en fil i arkivet, angiven med en relativ sökväg"
        resolved = Path(self.base_dir, src).resolve()
        if not resolved.exists():
            return None, "Bilden finns inte"
        if not self._inside(resolved):
            return None, "Bilden ligger utanför arkivet"
        if not resolved.is_file():
            return None, "Bilden är ingen vanlig fil"
        try:
            with open(resolved, "rb") as f:
                head = f.read(16)
        except OSError:
            return None, "Bilden kan inte läsas"
        if head.lstrip().startswith(b"<") or resolved.suffix.lower() == ".svg":
            problem = svg_problem(resolved)
            if problem:
                return None, problem
        elif not head.startswith(_IMAGE_MAGIC):
            return None, "Filen är ingen PNG-, JPEG-, GIF- eller SVG-bild"
        stat = resolved.stat()
        if decode_problem(str(resolved), stat.st_mtime_ns, stat.st_size):
            return None, "Bilden är trasig och kan inte visas"
        return resolved, None

    def _inside(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.root.resolve())

    def _report(self, code: str, severity: Severity, message: str, pos: Pos, hint: str) -> None:
        self.diagnostics.append(Diagnostic(code, severity, message, pos, hint))


@functools.lru_cache(maxsize=256)
def decode_problem(path: str, mtime_ns: int, size: int) -> str | None:
    """What typst says when it decodes the image, or None: the PDF is made by
    typst, so typst is the judge of whether an image can be shown. A check-only
    install has no typst (the extra "dokument"); the build, which has, asks again."""
    from vplan.render._typst import available

    if not available():
        return None
    import typst

    folder, name = os.path.split(path)
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    source = f'#image("/{quoted}")'
    try:
        typst.compile(source.encode("utf-8"), root=folder, format="pdf", ignore_system_fonts=True)
    except typst.TypstError as err:
        return getattr(err, "message", "") or str(err)
    return None


SVG_MAX_BYTES = 2_000_000
_SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "object", "embed", "audio", "video", "handler"}


def svg_problem(path: Path) -> str | None:
    """Why an SVG image may not be embedded, or None: no scripts, no event
    handlers, no references to other files or the web, no DTD."""
    try:
        data = path.read_bytes()[: SVG_MAX_BYTES + 1]
    except OSError:
        return "Bilden kan inte läsas"
    if len(data) > SVG_MAX_BYTES:
        return "SVG-bilden är större än 2 MB"
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return "SVG-bilden har en DTD, som inte är tillåten"
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return "Filen är ingen giltig SVG-bild"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return "Filen är ingen SVG-bild"
    for el in root.iter():
        name = str(el.tag).rsplit("}", 1)[-1].lower()
        if name in _SVG_FORBIDDEN:
            return f"SVG-bilden innehåller elementet <{name}>"
        if name == "style" and re.search(r"@import|url\(\s*['\"]?(?!#)", el.text or "", re.I):
            return "SVG-bildens stilmall hämtar något utifrån"
        for key, value in el.attrib.items():
            attr = key.rsplit("}", 1)[-1].lower()
            if attr.startswith("on"):
                return f"SVG-bilden har händelseattributet {attr}"
            if attr in ("href", "src") and not value.strip().startswith("#"):
                return "SVG-bilden pekar på en annan fil eller på webben"
            if re.search(r"url\(\s*['\"]?(?!#)", value, re.I):
                return "SVG-bilden pekar på en annan fil eller på webben"
    return None


def link_problem(url: str, anchors: frozenset[str], inside: Callable[[Path], bool],
                 base_dir: Path | None = None) -> str | None:
    """Why a link target is not allowed, or None."""
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in url):
        return "Länken innehåller styrtecken"
    if url.startswith("#"):
        return None if url[1:] in anchors else "Länken går till en rubrik som inte finns"
    scheme = _SCHEME.match(url)
    if scheme:
        name = scheme.group(1).lower()
        return None if name in LINK_SCHEMES else f"Länkar av typen ”{name}:” är inte tillåtna"
    if url.startswith(("//", "\\")) or "\\" in url:
        return "Länken ska vara en webbadress eller en relativ sökväg i arkivet"
    if url.startswith("/"):
        return "Länken ska vara en relativ sökväg, inte börja med /"
    from urllib.parse import unquote

    target = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if base_dir is not None and target and not inside(Path(base_dir, target)):
        return "Länken leder ut ur arkivet"
    return None


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


class _Locator:
    """File positions inside one text that starts at `pos`."""

    def __init__(self, text: str, pos: Pos):
        self.text, self.pos = text, pos

    def find(self, needle: str) -> Pos:
        """Where `needle` (a link target, a tag) was written; pandoc has decoded
        escapes, so a shorter start of it is tried before the text's start."""
        offset = -1
        for candidate, skip in ((f"]({needle}", 2), (f"<{needle}", 1), (needle, 0),
                                (f"]({needle[:4]}", 2), (needle[:8], 0)):
            if len(candidate) - skip >= 3 or candidate == needle:
                offset = self.text.find(candidate) if candidate else -1
                if offset >= 0:
                    offset += skip
                    break
        if offset < 0:
            return self.pos
        before = self.text[:offset]
        line = self.pos.line + before.count("\n")
        column = offset - before.rfind("\n") if "\n" in before else self.pos.column + offset
        return Pos(self.pos.file, line, column)
