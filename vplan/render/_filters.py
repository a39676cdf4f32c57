"""Pandoc Lua filters the engines use, kept as text so they ship inside the package."""
from __future__ import annotations

from pathlib import Path

# Tables: the header row heads columns, a text first column heads rows,
# "varav …" rows (parts of the row above) are indented in every format, and
# column widths are left to the output's own layout: pandoc's widths come from
# the dashes of a pipe table, which nobody chose, and squeeze the text column.
TABLES = r"""
local VARAV_STYLE = "Tabell varav"

local function is_varav(cell)
  return pandoc.utils.stringify(cell.contents):match("^varav%s") ~= nil
end

local function indent(cell)
  if FORMAT == "typst" then
    local first = cell.contents[1]
    if first and (first.t == "Plain" or first.t == "Para") then
      first.content:insert(1, pandoc.RawInline("typst", "#h(1.2em)"))
    end
  elseif FORMAT == "docx" then
    cell.contents = {pandoc.Div(cell.contents, {["custom-style"] = VARAV_STYLE})}
  else
    cell.attr.classes:insert("varav")
  end
end

local function first_column_heads_rows(tbl)
  local align = tbl.colspecs[1] and tbl.colspecs[1][1]
  return #tbl.colspecs > 1 and align ~= "AlignRight" and align ~= "AlignCenter"
end

function Table(tbl)
  local html = FORMAT:match("html") ~= nil
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = {spec[1], nil}
  end
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      if html then cell.attr.attributes.scope = "col" end
    end
  end
  local row_heads = first_column_heads_rows(tbl)
  for _, body in ipairs(tbl.bodies) do
    if row_heads and html then body.row_head_columns = 1 end
    for _, row in ipairs(body.body) do
      local cell = row.cells[1]
      if cell then
        if row_heads and html then cell.attr.attributes.scope = "row" end
        if is_varav(cell) then indent(cell) end
      end
    end
  end
  return tbl
end
"""


def write_filters(folder: Path) -> list[str]:
    """Write the filters into `folder`; return pandoc arguments that apply them."""
    path = folder / "vplan-tabeller.lua"
    path.write_text(TABLES, encoding="utf-8")
    return ["--lua-filter", str(path)]
