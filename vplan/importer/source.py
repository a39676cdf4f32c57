"""Open a .docx safely and hand pandoc's JSON tree, the style outline levels and the media to the recognisers."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from vplan.errors import UsageError

MAX_UNPACKED = 512 * 1024 * 1024  # a zip bomb is refused before pandoc unpacks it
# The text parts: pandoc and ElementTree take about 6 s and 350 MB for 1 MB of document.xml
# (10 000 paragraphs); a long real plan has 1-2 MB. Pictures may be bigger, they are not parsed.
MAX_XML = 10 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|rubrik|överskrift|titel\s*)\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class Docx:
    name: str  # as the user named it, for messages
    tree: dict  # pandoc's JSON document
    levels: dict[str, int]  # paragraph style name -> heading level (1-9) by outline level or name
    furniture: tuple[str, ...]  # texts of page headers and footers, and the document properties
    media: dict[str, bytes] = field(default_factory=dict)  # path in the zip ("word/media/x.png") -> bytes
    tables: list = field(default_factory=list)  # Word's cell facts per table (vplan.importer.wordxml)
    tabbed: list = field(default_factory=list)  # each paragraph's text split at typed tabs (wordxml)


def open_docx(path: Path, name: str) -> Docx:
    """The document read, or a Swedish UsageError that says what is wrong with the file."""
    from vplan.paths import read_regular, reason

    if path.suffix.lower() != ".docx":
        raise UsageError(f"{name} är ingen Word-fil (.docx).",
                         "Spara dokumentet i Word som ”Word-dokument (*.docx)” och ange den filen.")
    try:
        data = read_regular(path)
    except FileNotFoundError:
        raise UsageError(f"Filen {name} finns inte.", "Kontrollera sökvägen.") from None
    except OSError as exc:
        raise UsageError(f"Filen {name} kan inte läsas: {reason(exc)}.",
                         "Kontrollera att filen finns och att du får läsa den.") from None
    parts = _unzip(data, name)
    tree = _pandoc(data, name)
    from vplan.importer.wordxml import paragraph_cells, table_facts

    return Docx(name, tree, style_levels(parts.get("word/styles.xml", b"")), furniture(parts),
                {k: v for k, v in parts.items() if k.startswith("word/media/")},
                table_facts(parts["word/document.xml"]), paragraph_cells(parts["word/document.xml"]))


def _unzip(data: bytes, name: str) -> dict[str, bytes]:
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: encrypted OOXML or the old .doc format
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise UsageError(f"{name} är lösenordsskyddad, och vplan kan inte läsa krypterade filer.",
                             "Ta bort lösenordet i Word (Arkiv > Info > Skydda dokument) och spara en kopia.")
        raise UsageError(f"{name} är sparad i det gamla Word-formatet (.doc), fast namnet slutar på .docx.",
                         "Öppna filen i Word och spara den som ”Word-dokument (*.docx)”.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise UsageError(f"{name} packas upp till mer än 512 MB och läses inte.",
                                 "Kontrollera att filen verkligen är planen; minska bilderna i Word.")
            big = next((i for i in infos if i.filename.endswith(".xml") and i.file_size > MAX_XML), None)
            if big is not None:
                raise UsageError(f"{name} har för mycket text för en plan: {big.filename} packas upp till "
                                 f"{big.file_size // 2**20} MB (gränsen är {MAX_XML // 2**20} MB).",
                                 "Kontrollera att filen verkligen är planen, eller dela upp dokumentet.")
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise UsageError(f"{name} är en zip-fil men inget Word-dokument (word/document.xml saknas).",
                                 "Ange Word-filen med planen, sparad som .docx.")
            wanted = [n for n in names if n in ("word/styles.xml", "word/document.xml") or n.startswith("word/media/")
                      or re.fullmatch(r"word/(header|footer)\d*\.xml|docProps/core\.xml", n)]
            return {n: z.read(n) for n in wanted}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise UsageError(f"{name} är ingen giltig Word-fil: filen är skadad eller inte en .docx.",
                         "Öppna filen i Word och spara den igen som ”Word-dokument (*.docx)”.") from None


def _pandoc(data: bytes, name: str) -> dict:
    import json

    from vplan.render._pandoc import pandoc_path

    import subprocess

    try:
        proc = subprocess.run([pandoc_path(), "-f", "docx+styles", "-t", "json"], input=data,
                              capture_output=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        raise UsageError(f"{name} tog för lång tid att läsa (mer än 5 minuter).",
                         "Dela upp dokumentet, eller kontrollera att filen är planen.") from None
    if proc.returncode != 0:  # pandoc's own (English) words would tell an official nothing more
        raise UsageError(f"{name} är skadad: Word-dokumentets innehåll går inte att läsa.",
                         "Öppna filen i Word och spara den igen som ”Word-dokument (*.docx)”.")
    return json.loads(proc.stdout)


def style_levels(xml: bytes) -> dict[str, int]:
    """Paragraph style name -> heading level: its outline level (inherited), else a name like "Rubrik 2"."""
    import xml.etree.ElementTree as ET

    if not xml:
        return {}
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return {}
    styles: dict[str, tuple[str, str | None, int | None]] = {}
    for s in root.iter(f"{_W}style"):
        if s.get(f"{_W}type") != "paragraph":
            continue
        sid = s.get(f"{_W}styleId") or ""
        name_el, based, outline = s.find(f"{_W}name"), s.find(f"{_W}basedOn"), s.find(f"{_W}pPr/{_W}outlineLvl")
        level = int(outline.get(f"{_W}val")) + 1 if outline is not None and (outline.get(f"{_W}val") or "").isdigit() else None
        styles[sid] = (name_el.get(f"{_W}val") if name_el is not None else sid,
                       based.get(f"{_W}val") if based is not None else None, level)
    out: dict[str, int] = {}
    for sid, (name, based, level) in styles.items():
        seen = {sid}
        while level is None and based in styles and based not in seen:  # inherited from the base style
            seen.add(based)
            level, based = styles[based][2], styles[based][1]
        m = _HEADING_NAME.match(name.strip()) or _HEADING_NAME.match(sid)
        if m:
            level = int(m.group(1))
        if level is not None and 1 <= level <= 9 and not re.match(r"(?i)toc|innehåll", name):
            out[name] = out[sid] = level
    return out


def furniture(parts: dict[str, bytes]) -> tuple[str, ...]:
    """The texts of page headers, footers and document properties: read for the cover facts, never kept."""
    import xml.etree.ElementTree as ET

    out = []
    for name in sorted(parts):
        if not (name.startswith("word/header") or name.startswith("word/footer") or name == "docProps/core.xml"):
            continue
        try:
            root = ET.fromstring(parts[name])
        except ET.ParseError:
            continue
        if name == "docProps/core.xml":
            out += [e.text.strip() for e in root if e.text and e.text.strip()]
            continue
        for p in root.iter(f"{_W}p"):
            text = "".join(t.text or "" for t in p.iter(f"{_W}t")).strip()
            if text:
                out.append(text)
    return tuple(out)
