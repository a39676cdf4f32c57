"""What pandoc leaves out but the recognisers need: each table cell's indent and shading, and typed tabs."""
from __future__ import annotations

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INDENT_STEP = 200  # twips (about 3.5 mm): one level of varav rows


def table_facts(document_xml: bytes) -> list[list[list[tuple[int, str | None]]]]:
    """Per top-level table, per row, per cell that pandoc keeps (not a vertical-merge continuation):
    (indent steps, fill colour). Empty when the XML cannot be read."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(document_xml)
    except ET.ParseError:
        return []
    body = root.find(f"{_W}body")
    if body is None:
        return []
    return [_table(t) for t in _top(body, "tbl")]


def _top(node, tag: str):
    """The body's tables or paragraphs in document order, also inside content controls; not those in a
    table's cells (pandoc keeps a nested table inside its cell)."""
    for child in node:
        if child.tag == f"{_W}{tag}":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _top(child, tag)


def _table(tbl) -> list[list[tuple[int, str | None]]]:
    inner = {id(r) for t in tbl.iter(f"{_W}tbl") if t is not tbl for r in t.iter(f"{_W}tr")}
    rows = []
    for tr in tbl.iter(f"{_W}tr"):
        if id(tr) in inner:
            continue
        cells = []
        for tc in tr.findall(f"{_W}tc") + [c for sdt in tr.findall(f"{_W}sdt") for c in sdt.iter(f"{_W}tc")]:
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and vmerge.get(f"{_W}val") in (None, "continue"):
                continue
            shd = tc.find(f"{_W}tcPr/{_W}shd")
            fill = shd.get(f"{_W}fill") if shd is not None else None
            fill = fill.upper() if fill and fill.lower() not in ("auto", "ffffff") else None
            ind = tc.find(f"{_W}p/{_W}pPr/{_W}ind")
            left = 0
            if ind is not None:
                raw = ind.get(f"{_W}left") or ind.get(f"{_W}start") or "0"
                left = int(raw) if raw.lstrip("-").isdigit() else 0
            cells.append((max(0, left) // INDENT_STEP, fill))
        rows.append(cells)
    return rows


def paragraph_cells(document_xml: bytes) -> list[list[str]]:
    """The text of each paragraph outside tables, in order, split where a tab was typed: what pandoc
    shows as a plain space. Empty when the XML cannot be read."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(document_xml)
    except ET.ParseError:
        return []
    body = root.find(f"{_W}body")
    return [] if body is None else [_cells(p) for p in _top(body, "p")]


def _cells(p) -> list[str]:
    cells = [""]
    for node in p.iter():
        if node.tag == f"{_W}t":
            cells[-1] += node.text or ""
        elif node.tag == f"{_W}tab" and node.get(f"{_W}val") is None:  # w:tabs/w:tab in pPr carry a val
            cells.append("")
    return cells
