"""A pandoc Table as a rectangular grid: spans expanded, header rows told apart, Word's cell facts attached."""
from __future__ import annotations

from dataclasses import dataclass, field

from vplan.importer import inlines

_INDENT_CHARS = "\u00a0 \t\u2003\u2002"


@dataclass
class Cell:
    lines: list[list]  # inline nodes, one list per line
    rowspan: int = 1
    colspan: int = 1
    origin: bool = True  # False: a place covered by a span from another cell
    indent: int = 0  # leading indentation: spaces typed, or Word's paragraph indent in steps
    fill: str | None = None  # Word's shading, hex "FF0000"
    blocks: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(inlines.plain(ln) for ln in self.lines).strip()

    @property
    def bold(self) -> bool:
        return bool(self.lines) and all(inlines.is_bold(_no_lead(ln)) for ln in self.lines)


def _no_lead(line: list) -> list:
    out = list(line)
    while out and out[0].get("t") == "Space":
        out.pop(0)
    return out


@dataclass
class Grid:
    caption: str
    head: list[list[Cell]]  # header rows
    body: list[list[Cell]]
    width: int

    def column(self, k: int) -> list[Cell]:
        return [r[k] for r in self.body]


def build(table: dict, facts: list[list[tuple[int, str | None]]] | None = None) -> Grid:
    """The grid of a pandoc Table node; `facts` are Word's (indent, fill) per origin cell, row by row."""
    _attr, caption, specs, thead, bodies, tfoot = table["c"]
    width = len(specs)
    raw_head = list(thead[1])
    raw_body: list = []
    for body in bodies:
        raw_head_inner, rows = body[2], body[3]
        raw_body += list(raw_head_inner) + list(rows)
    raw_body += list(tfoot[1])
    rows = _expand(raw_head + raw_body, width, facts)
    head, body = rows[:len(raw_head)], rows[len(raw_head):]
    cap = inlines.block_text(caption[1]) if caption and caption[1] else ""
    return Grid(clean_caption(cap), head, body, width)


def clean_caption(text: str) -> str:
    import re

    return re.sub(r"^(?::\s*|(?:tabell|table)\s*\d+[.:]?\s*)", "", text.strip(), flags=re.IGNORECASE).strip()


def _expand(rows: list, width: int, facts) -> list[list[Cell]]:
    grid: list[list[Cell | None]] = [[None] * width for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        row_facts = facts[r] if facts is not None and r < len(facts) and len(facts[r]) == len(row[1]) else None
        for k, cell in enumerate(row[1]):
            _a, _align, rowspan, colspan, blocks = cell
            while c < width and grid[r][c] is not None:
                c += 1
            if c >= width:
                break
            lines = inlines.lines(blocks)
            indent = _typed_indent(lines)
            fill = None
            if row_facts:
                indent = max(indent, row_facts[k][0])
                fill = row_facts[k][1]
            origin = Cell(lines, max(1, rowspan), max(1, colspan), True, indent, fill, blocks)
            for dr in range(origin.rowspan):
                for dc in range(origin.colspan):
                    if r + dr < len(rows) and c + dc < width:
                        grid[r + dr][c + dc] = origin if (dr, dc) == (0, 0) else Cell([], 1, 1, False, 0, fill)
            c += origin.colspan
    return [[cell if cell is not None else Cell([]) for cell in row] for row in grid]


def _typed_indent(lines: list[list]) -> int:
    """Indentation typed with spaces or NBSP: 4 characters is one step. Removes it from the cell."""
    if not lines or not lines[0]:
        return 0
    first = lines[0]
    count = 0
    while first and first[0].get("t") in ("Space", "Str"):
        node = first[0]
        if node["t"] == "Space":
            count += 1
            first.pop(0)
            continue
        stripped = node["c"].lstrip(_INDENT_CHARS)
        count += len(node["c"]) - len(stripped)
        if stripped:
            first[0] = {"t": "Str", "c": stripped}
            break
        first.pop(0)
    return (count + 3) // 4 if count else 0
