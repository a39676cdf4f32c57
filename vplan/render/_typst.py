"""Compile typst source to PDF: in-process with a reused compiler, or in a child process.

The document tree reaches typst as escaped text only, so a compile's time
follows the document's size. Documents up to IN_PROCESS_LIMIT characters of
source are compiled in this process by a typst.Compiler kept per font set
(fonts load once); larger ones go to a child process that a time limit can stop.
"""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Sequence

from vplan.render.errors import RenderError

TIMEOUT_SECONDS = 120
IN_PROCESS_LIMIT = 2_000_000
STEP = "typst kunde inte göra PDF:en"
_WORKER = Path(__file__).with_name("_typst_worker.py")
# typst is the extra "dokument": a check-only install (pre-commit, CI lint) goes without it.
NEEDS_TYPST = ("pdf", "docx")  # DOCX: an SVG logo becomes a picture through typst
MISSING = "PDF och Word-filer görs med typst, som inte är installerat tillsammans med vplan."
INSTALL_HINT = ('Installera vplan med dokumentmotorerna: pip install "vplan[dokument]" '
                "(med pipx: pipx inject vplan typst). Bara HTML går att bygga utan: --format html.")
# pandoc writes "#table(columns: 4, align: (left,right,…" for a table without widths.
_TABLE_START = re.compile(r"(#table\(\s*columns: )(\d+)(,\s*align: \()(left|auto)\b")


# pandoc draws a black rule above a table's foot; the foot here is only the
# last two rows kept together (see the Lua filter), not a ruled-off total.
_RULE_BEFORE_FOOT = re.compile(r"table\.hline\(\),(\s*table\.footer\()")


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("typst") is not None


def require_for(formats: Sequence[str]) -> None:
    """A Swedish UsageError naming the install line when `formats` need typst and it is missing."""
    if any(f in NEEDS_TYPST for f in formats) and not available():
        from vplan.errors import UsageError

        raise UsageError(MISSING, INSTALL_HINT)


def fit_tables(source: str) -> str:
    """Let a table's text column take the free width and size the others to content.

    Typst's auto columns fit content but do not fill the line; a first column
    of `1fr` makes every table as wide as the text, with numbers unbroken.
    """
    source = _RULE_BEFORE_FOOT.sub(r"\1", source)

    def widen(m: re.Match[str]) -> str:
        count = int(m.group(2))
        if count < 2:
            return m.group(0)
        columns = "(1fr, " + ", ".join(["auto"] * (count - 1)) + ")"
        return f"{m.group(1)}{columns}{m.group(3)}{m.group(4)}"

    return _TABLE_START.sub(widen, source)


# A house style's own typst.template is code from the repository: a loop in it would hold the
# build for ever. Its PDF is compiled in a child process stopped after this long.
OWN_TEMPLATE_SECONDS = 8.0


def compile_pdf(
    source: str,
    *,
    root: Path,
    font_dirs: Sequence[Path] = (),
    epoch: int = 0,
    timeout: float = TIMEOUT_SECONDS,
    own_template: bool = False,
) -> bytes:
    """Compile `source` to a tagged PDF/A-2a + PDF/UA-1 using only the embedded and given fonts.
    own_template: the source comes from a house style's own typst.template (OWN_TEMPLATE_SECONDS)."""
    request = {"root": str(root), "fonts": [str(d) for d in font_dirs], "epoch": epoch}
    if own_template:
        return _child(request, source, OWN_TEMPLATE_SECONDS, STEP, own_template=True)
    return _run(request, source, timeout, STEP)


def compile_png(source: str, *, root: Path, ppi: int = 300, timeout: float = TIMEOUT_SECONDS,
                font_dirs: Sequence[Path] = (), step: str = "typst kunde inte göra en bild av logotypen") -> bytes:
    """The first page of `source` as a PNG, for pictures in formats that need pixels."""
    return compile_pngs(source, root=root, ppi=ppi, timeout=timeout, font_dirs=font_dirs, step=step)[0]


def compile_pngs(source: str, *, root: Path, ppi: int, timeout: float = TIMEOUT_SECONDS,
                 font_dirs: Sequence[Path] = (), step: str) -> list[bytes]:
    """Every page of `source` as a PNG. Many pictures as the pages of one compile share typst's
    start and layout: 40 % less time than a compile each with a warm compiler, 15 % from cold."""
    request = {"root": str(root), "fonts": [str(d) for d in font_dirs], "epoch": 0, "format": "png", "ppi": ppi,
               "pages": True}
    out = _run(request, source, timeout, step)
    if isinstance(out, list):
        return out
    pages = unframe(out)  # from the child process (vplan.render._typst_worker)
    if not pages:
        raise RenderError(step, "typst gav en ofullständig bild")
    return pages


def frame(parts: Sequence[bytes]) -> bytes:
    """Byte strings one after another, each after its length (8 bytes): the typst child's pages,
    the chart cache's entries. vplan.render._typst_worker writes the same, without vplan."""
    return b"".join(len(part).to_bytes(8, "big") + part for part in parts)


def unframe(data: bytes) -> list[bytes] | None:
    """What `frame` joined; None if the data is cut short or was not made by it."""
    parts, at = [], 0
    while at < len(data):
        size = int.from_bytes(data[at:at + 8], "big")
        if at + 8 + size > len(data) or len(data) - at < 8:
            return None
        parts.append(data[at + 8:at + 8 + size])
        at += 8 + size
    return parts


def _run(request: dict, source: str, timeout: float, step: str) -> bytes:
    if len(source) <= IN_PROCESS_LIMIT:
        return _in_process(request, source, step)
    return _child(request, source, timeout, step)


# A compiler per font set and kind of output, each used by one thread at a time (it keeps state
# between calls): a report's pictures for Word are made while its PDF compiles.
_compilers: dict[tuple, tuple[object, threading.Lock]] = {}
_lock = threading.Lock()


def _in_process(request: dict, source: str, step: str) -> bytes:
    if not available():
        raise RenderError(step, f"{MISSING} {INSTALL_HINT}")
    import typst

    fonts = tuple(request["fonts"])
    fmt = request.get("format", "pdf")
    extra = {"pdf_standards": ["a-2a", "ua-1"]} if fmt == "pdf" else {"ppi": request.get("ppi", 144)}
    with _lock:
        key = (fonts, fmt)
        if key not in _compilers:
            _compilers[key] = (typst.Compiler(root=request["root"], font_paths=list(fonts), ignore_system_fonts=True),
                               threading.Lock())
        compiler, lock = _compilers[key]
    with lock:
        try:
            out, warnings = compiler.compile_with_warnings(
                source.encode("utf-8"), format=fmt, root=request["root"], timestamp=request["epoch"], **extra)
        except typst.TypstError as err:
            hints = [f"tips: {h}" for h in getattr(err, "hints", None) or []]
            raise _failure("\n".join([getattr(err, "message", "") or str(err), *hints]), step) from None
        except BaseException as err:  # a Rust panic in typst arrives as pyo3's PanicException
            if type(err).__name__ != "PanicException":
                raise
            raise RenderError(step, CRASHED) from None
    _check_warnings("\n".join(json.dumps({"warning": w.message}) for w in warnings), step)
    if request.get("pages"):
        return out if isinstance(out, list) else [out]
    return out[0] if isinstance(out, list) else out


def _child(request: dict, source: str, timeout: float, step: str, own_template: bool = False) -> bytes:
    payload = json.dumps(request).encode("utf-8") + b"\n" + source.encode("utf-8")
    try:
        done = subprocess.run(
            [sys.executable, str(_WORKER)],
            input=payload,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        slow = f"typst tog mer än {timeout:.0f} sekunder och avbröts"
        raise RenderError(step, f"{slow}. {OWN_TEMPLATE_SLOW}" if own_template else slow) from err
    if done.returncode == -signal.SIGINT:  # the user's Ctrl-C reached the child too
        raise KeyboardInterrupt
    if done.returncode != 0:
        raise _failure(done.stderr.decode("utf-8", "replace").strip(), step, own_template)
    _check_warnings(done.stderr.decode("utf-8", "replace"), step)
    return done.stdout


def _failure(message: str, step: str, own_template: bool = False) -> RenderError:
    """typst's refusal as the user should read it: in Swedish where the plan's text caused it,
    and named as the house style's mistake where the style's own typst code did."""
    if "panicked at" in message or "PanicException" in message:
        return RenderError(step, CRASHED)
    swedish = _in_swedish(message)
    if swedish:
        return RenderError(step, swedish)
    if own_template:  # typst's words on the region's typst code: English, but what its author needs
        return RenderError(step, f"{OWN_TEMPLATE_WRONG} typst säger (på engelska): {message}")
    return RenderError(step, message or "okänt fel")


OWN_TEMPLATE_SLOW = ("Husstilens egen PDF-mall (typst.template) gör för mycket arbete, kanske en slinga som aldrig "
                     "tar slut; rätta mallen eller ta bort den, så används vplans egen")
OWN_TEMPLATE_WRONG = ("husstilens egen PDF-mall (typst.template) har ett fel. Rätta mallen, eller ta bort den så "
                      "används vplans egen.")
CRASHED = ("typst avbröt med ett eget fel (en krasch i typst, inte i planen). Det händer med vissa "
           "ovanliga följder av tecken, till exempel arabiska diakritiska tecken utan bokstav. Ta bort sådana "
           "tecken ur texten, och rapportera gärna felet till vplan")


# PDF/A forbids text its fonts cannot show; check passes such text (it knows no fonts).
_NO_GLYPH = re.compile(r'the text `"(.*?)"` could not be displayed with font `"(.*?)"`', re.S)


def _in_swedish(message: str) -> str | None:
    """typst's message for what a plan's text can cause, in Swedish; None for the rest."""
    found = _NO_GLYPH.search(message)
    if found:
        text, font = found.groups()
        return (f"tecknet ”{text}” finns inte i typsnittet {font}, och en PDF/A-fil får inte ha tecken som "
                "inte kan visas. Ta bort tecknet ur texten (till exempel en emoji) eller lägg ett typsnitt "
                "som har det i husstilens mapp typsnitt/")
    return None


def _check_warnings(stderr: str, step: str) -> None:
    """A missing font would silently change the look: that is the house style's error."""
    for line in stderr.splitlines():
        try:
            message = json.loads(line).get("warning", "")
        except (ValueError, AttributeError):
            continue
        if message.startswith("unknown font family:"):
            family = message.split(":", 1)[1].strip()
            raise RenderError(
                step,
                f"typsnittet '{family}' finns inte. Lägg typsnittsfilen i husstilens mapp "
                "typsnitt/ eller välj ett typsnitt som följer med typst (Libertinus Serif, "
                "New Computer Modern)",
            )
