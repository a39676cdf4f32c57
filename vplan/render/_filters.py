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
    -- custom-style reaches paragraphs only, and a cell holds Plain blocks.
    local paras = cell.contents:map(function(b)
      return b.t == "Plain" and pandoc.Para(b.content) or b
    end)
    cell.contents = {pandoc.Div(paras, {["custom-style"] = VARAV_STYLE})}
  else
    cell.attr.classes:insert("varav")
  end
end

local function first_column_heads_rows(tbl)
  local align = tbl.colspecs[1] and tbl.colspecs[1][1]
  return #tbl.colspecs > 1 and align ~= "AlignRight" and align ~= "AlignCenter"
end

-- Word lays a table out by the widths it is given, so DOCX gets widths from
-- the content: every column at least as wide as its longest word, the rest of
-- the line shared by how much more each column's longest cell would like, and
-- the table always as wide as the text.
local LINE_CHARS = 76   -- characters of (bold, wide-font) table text across A4

local function content_widths(tbl)
  local least, wish = {}, {}
  local function measure(rows)
    for _, row in ipairs(rows) do
      for i, cell in ipairs(row.cells) do
        local text = pandoc.utils.stringify(cell.contents)
        local word = 0
        for w in text:gmatch("[^%s/]+") do word = math.max(word, utf8.len(w) or #w) end
        local all = math.min(utf8.len(text) or #text, i == 1 and 40 or 24)
        least[i] = math.max(least[i] or 3, word + 1)
        wish[i] = math.max(wish[i] or 3, all + 1, least[i])
      end
    end
  end
  measure(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do measure(body.body) end
  local n = #tbl.colspecs
  local sum_least, sum_extra = 0, 0
  for i = 1, n do
    least[i] = least[i] or 3
    wish[i] = wish[i] or least[i]
    sum_least = sum_least + least[i]
    sum_extra = sum_extra + (wish[i] - least[i])
  end
  local room = math.max(LINE_CHARS - 2 * n - sum_least, 0)
  local widths, total = {}, 0
  for i = 1, n do
    local extra = sum_extra > 0 and room * (wish[i] - least[i]) / sum_extra or 0
    widths[i] = least[i] + math.min(extra, wish[i] - least[i])
    total = total + widths[i]
  end
  for i = 1, n do widths[i] = widths[i] / total end
  return widths
end

function Table(tbl)
  local html = FORMAT:match("html") ~= nil
  local widths = FORMAT == "docx" and content_widths(tbl) or {}
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = {spec[1], widths[i]}
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
