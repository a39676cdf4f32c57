"""Pandoc Markdown out of plain data: escaping, inline text, grid tables, heading ids.

Two kinds of text reach the templates. Plain text (names of regions, formatted
numbers, words from the house style) is escaped so pandoc shows it literally.
Markdown the official wrote (prose, names in blocks) has been through
vplan.render.safety and is marked `Md`; it passes through unchanged.
"""
from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Sequence

from markupsafe import Markup

from vplan.typography import quotes

# Trusted Markdown. Jinja's autoescape passes objects with __html__ through
# untouched, so marking Markdown as Markup is what keeps it from being escaped.
Md = Markup

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@&])")
_BLOCK_START = re.compile(r"^([-+*>:=|]|#{1,6}|\d{1,9}[.)])(?=\s|$)")
_SPACES = re.compile(r"\s*\n\s*|[ \t]+")


def escape(text: object) -> Md:
    """Plain text as Markdown that pandoc shows literally, on one line."""
    one_line = quotes(_SPACES.sub(" ", str(text)).strip())
    return Md(_guard_start(_SPECIAL.sub(r"\\\1", one_line)))


def inline(markdown: str) -> Md:
    """Trusted Markdown squeezed onto one line that cannot start a block (list, quote …)."""
    return Md(_guard_start(_SPACES.sub(" ", str(markdown)).strip()))


def heading_text(markdown: str) -> Md:
    """Inline Markdown safe at the end of a heading line (no closing #, no {attributes})."""
    text = str(inline(markdown))
    text = re.sub(r"(\s)(#+)$", r"\1\\\2", text)
    return Md(re.sub(r"(?<!\\)\{([^{}]*)\}$", r"\\{\1}", text))


def _guard_start(text: str) -> str:
    m = _BLOCK_START.match(text)
    if not m:
        return text
    mark = m.group(1)
    if mark[0].isdigit():  # "1." would start a numbered list
        return mark[:-1] + "\\" + mark[-1] + text[len(mark):]
    return "\\" + text


# --- heading ids -------------------------------------------------------------

def slug(text: str, taken: set[str], prefix: str = "") -> str:
    """A stable ASCII id from a heading: "Målområde 1: Ett …" -> "malomrade-1-ett-…"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_.lower())
    base, length = [], 0
    for word in words:  # keep ids readable: cut at a word boundary
        if length + len(word) > 60 and base:
            break
        base.append(word)
        length += len(word) + 1
    stem = prefix + ("-".join(base) or "avsnitt")
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate)
    return candidate


# --- grid tables -------------------------------------------------------------

PAGE_CHARS = 100  # about one line of 9 pt table text on an A4 page
MIN_TOTAL = 80  # narrower grids make pandoc draw a table narrower than the page
NUMBER_SLACK = 2  # numbers must never wrap; leave room for bold and wider digits


def width(text: str) -> int:
    """Display width as pandoc counts it: combining marks 0, wide characters 2."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def grid_table(columns: Sequence[dict], rows: Sequence[dict], caption: str, table_id: str) -> Md:
    """A pandoc grid table with a real header row and a caption.

    `columns`: {"rubrik": Md, "tal": bool}; number columns are right-aligned.
    `rows`: {"celler": [[line Md, …] per column]}; a cell's lines are joined by
    hard line breaks.
    """
    header = [[c["rubrik"]] for c in columns]
    body = [r["celler"] for r in rows]
    widths = _widths(columns, [header, *body])
    border = "+" + "+".join("-" * w for w in widths) + "+"
    marks = "+" + "+".join(_align_mark(w, c["tal"], i) for i, (w, c) in enumerate(zip(widths, columns))) + "+"
    out = [border, *_grid_row(header, widths), marks]
    for cells in body:
        out += [*_grid_row(cells, widths), border]
    out += ["", f": {caption} {{#{table_id}}}"]
    return Md("\n".join(out))


def _align_mark(w: int, number: bool, index: int) -> str:
    if number and index > 0:
        return "=" * (w - 1) + ":"
    return ":" + "=" * (w - 1)


def _grid_row(cells: Sequence[Sequence[str]], widths: Sequence[int]) -> list[str]:
    wrapped = [_wrap_cell(lines, w - 2) for lines, w in zip(cells, widths)]
    height = max(len(w) for w in wrapped)
    out = []
    for i in range(height):
        parts = []
        for lines, w in zip(wrapped, widths):
            text = lines[i] if i < len(lines) else ""
            parts.append(" " + text + " " * (w - 2 - width(text)) + " ")
        out.append("|" + "|".join(parts) + "|")
    return out


def _wrap_cell(lines: Sequence[str], room: int) -> list[str]:
    """Wrap each line of a cell to `room` characters; hard breaks between lines."""
    out: list[str] = []
    for n, line in enumerate(lines):
        words = str(line).split(" ")
        last = n == len(lines) - 1
        fits = room if last else room - 1  # leave room for the hard break's backslash
        current = ""
        wrapped: list[str] = []
        for word in words:
            if not word:
                continue
            trial = f"{current} {word}" if current else word
            if current and width(trial) > fits:
                wrapped.append(current)
                current = word
            else:
                current = trial
        wrapped.append(current)
        if not last:
            # A hard break must not leave an empty line behind; pad an empty line.
            wrapped[-1] = (wrapped[-1] or "\u00a0") + "\\"
        out += wrapped
    return out or [""]


def _tokens(cells: Iterable[Sequence[str]]) -> Iterable[tuple[int, int]]:
    """(longest unbreakable word, longest line) for each cell."""
    for lines in cells:
        words = [width(w) for line in lines for w in str(line).split(" ")] or [0]
        longest_line = max((width(str(line)) for line in lines), default=0)
        yield max(words) + (1 if len(lines) > 1 else 0), longest_line + (1 if len(lines) > 1 else 0)


def _widths(columns: Sequence[dict], table: Sequence[Sequence[Sequence[str]]]) -> list[int]:
    """Characters per column, padding included.

    Every column first gets its longest unbreakable word (numbers are one word:
    their spaces are non-breaking), number columns a little more; the room left
    on the page goes to the columns whose lines would otherwise wrap.
    """
    n = len(columns)
    minimum, natural = [0] * n, [0] * n
    for i in range(n):
        for lo, nat in _tokens(row[i] for row in table):
            minimum[i] = max(minimum[i], lo)
            natural[i] = max(natural[i], nat)
    widths = [minimum[i] + 2 + (NUMBER_SLACK if c["tal"] else 0) for i, c in enumerate(columns)]
    room = max(PAGE_CHARS - sum(widths), MIN_TOTAL - sum(widths), 0)
    wanted = [max(0, natural[i] + 2 - widths[i]) for i in range(n)]
    total = sum(wanted)
    if total:
        extra = [min(wanted[i], room * wanted[i] // total) for i in range(n)]
        widths = [w + e for w, e in zip(widths, extra)]
    short = MIN_TOTAL - sum(widths)
    if short > 0:  # a small table still spans the page: the room goes to text
        target = [i for i, c in enumerate(columns) if not c["tal"]] or list(range(n))
        for k, i in enumerate(target):
            widths[i] += short // len(target) + (1 if k < short % len(target) else 0)
    return widths


# --- the templates -------------------------------------------------------------

DOCUMENT = "dokument.md.j2"
WORDS_FILE = "_ord.md.j2"


def _finalize(value: object) -> object:
    """Every {{ value }} is escaped as Markdown unless it is already Md."""
    if value is None:
        return Md("")
    return value if hasattr(value, "__html__") else escape(value)


@functools.lru_cache(maxsize=16)
def environment(folders: tuple[Path, ...]):
    """A sandboxed Jinja environment over a house style's folders (own first, standard last).

    Plan content only ever arrives as data in the context: it is never parsed as
    a template. The sandbox also keeps a region's own templates from reaching
    into Python.
    """
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(f) for f in folders]),
        autoescape=True, finalize=_finalize, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.globals["tabell"] = lambda node: grid_table(node["kolumner"], node["rader"], node["rubrik"], node["id"])
    return env


def words(folders: tuple[Path, ...]) -> dict[str, str]:
    """The house style's words: every _ord.md.j2 from standard up to the style's own."""
    env = environment(folders)
    merged: dict[str, str] = {}
    for folder in reversed(folders):
        path = folder / WORDS_FILE
        if path.is_file():
            with _template_errors(path.name):
                module = env.from_string(path.read_text(encoding="utf-8")).module
            merged.update({str(k): str(v) for k, v in dict(getattr(module, "ord", {})).items()})
    return merged


def render_document(context: dict, folders: tuple[Path, ...], name: str = DOCUMENT) -> str:
    """The context through the style's dokument.md.j2 (or another template `name`): pandoc Markdown."""
    with _template_errors(name):
        text = environment(folders).get_template(name).render(context)
    return re.sub(r"\n{3,}", "\n\n", text.strip("\n")) + "\n"


@contextlib.contextmanager
def _template_errors(name: str):
    """A broken or forbidden template is the house style's error, told in Swedish."""
    from jinja2 import TemplateError, TemplateSyntaxError

    from vplan.render.errors import RenderError

    try:
        yield
    except TemplateSyntaxError as err:
        where = f"{err.filename or err.name or name}, rad {err.lineno}"
        raise RenderError("husstilens mall", f"{where}: {err.message}") from None
    except TemplateError as err:
        raise RenderError("husstilens mall", f"{name}: {err}") from None
