"""Pandoc Lua filters the engines use, kept as text so they ship inside the package."""
from __future__ import annotations

from pathlib import Path

# The Lua filter for the DOCX and typst writers (HTML gets the same table
# semantics from vplan.render.tree.html): "varav …" rows indented, column widths
# from the content, wide tables smaller or landscape, Word's contents.
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
  end
end

local function first_column_heads_rows(tbl)
  local align = tbl.colspecs[1] and tbl.colspecs[1][1]
  return #tbl.colspecs > 1 and align ~= "AlignRight" and align ~= "AlignCenter"
end

-- Column widths. pandoc's own come from the dashes of a pipe table, which
-- nobody chose, so they are replaced. Each number column gets room for its
-- longest number (numbers never wrap) and its header's longest word; text in
-- it wraps at spaces. The first column, the row's name, gets the rest and at
-- least FIRST_SHARE of the line, unless whole numbers need that room. Word is always given widths; typst only when
-- its own layout (text column 1fr, others auto) would squeeze the first column.
local FIRST_SHARE = 0.30
local LAST_RESORT = 0.15  -- the first column's share when numbers need the room
local METRICS = {  -- points: text line, one average character, cell padding
  typst = {line = 459, char = 4.5, pad = 10, natural = 0.70},
  docx = {line = 459, char = 6.2, pad = 12},  -- wide enough for DejaVu too
}

local function ulen(text)
  return utf8.len(text) or #text
end

local function longest_word(text)
  local word = 0
  for w in text:gmatch("[^%s/]+") do word = math.max(word, ulen(w)) end
  return word
end

local function is_number(text)
  local rest = text:gsub("\u{a0}", ""):gsub("\u{2212}", ""):gsub("[%s,.%%+-]", "")
  return rest:match("^%d+$") ~= nil
end

local TEXT_WISH = 40  -- characters a later text column may ask for before it wraps

local function measure(tbl)
  local need, wish, long = {}, {}, false
  local function note(i, least, most)
    need[i] = math.max(need[i] or 2, least)
    wish[i] = math.max(wish[i] or 2, most, need[i])
  end
  for _, row in ipairs(tbl.head.rows) do
    for i, cell in ipairs(row.cells) do
      local text = pandoc.utils.stringify(cell.contents)
      note(i, longest_word(text), ulen(text))
    end
  end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      for i, cell in ipairs(row.cells) do
        local text = pandoc.utils.stringify(cell.contents)
        if is_number(text) then
          -- digits (bold ones in totals) are wider than the average character
          local digits = math.ceil(ulen(text) * 1.15) + 1
          note(i, digits, digits)
        else
          note(i, longest_word(text), math.min(ulen(text), i == 1 and 60 or TEXT_WISH))
          -- typst's auto columns grow to a text's full length and starve column 1
          if i > 1 and ulen(text) > 18 then long = true end
        end
      end
    end
  end
  return need, wish, long
end

local function share(m, need, wish, n, long)
  local points = function(chars) return chars * m.char + m.pad end
  local line, first_min = m.line, m.line * FIRST_SHARE
  local least, most = 0, 0
  for i = 2, n do
    least = least + points(need[i])
    most = most + points(wish[i])
  end
  if m.natural and not long and most <= line * m.natural then return nil end
  local widths = {}
  for i = 2, n do
    if most + first_min <= line then
      widths[i] = points(wish[i])
    elseif least + first_min <= line then
      local t = (line - first_min - least) / math.max(most - least, 1)
      widths[i] = points(need[i]) + (points(wish[i]) - points(need[i])) * t
    elseif least + line * LAST_RESORT <= line then
      widths[i] = points(need[i])  -- numbers whole before a wide first column
    else
      widths[i] = points(need[i]) * line * (1 - LAST_RESORT) / least
    end
  end
  local used = 0
  for i = 2, n do used = used + widths[i] end
  widths[1] = line - used
  for i = 1, n do widths[i] = widths[i] / line end
  return widths
end

local function proportional(m, wish, n)
  local total, widths = 0, {}
  for i = 1, n do total = total + wish[i] * m.char + m.pad end
  for i = 1, n do widths[i] = (wish[i] * m.char + m.pad) / total end
  return widths
end

-- A table too wide for the text column in PDF is not squeezed until its
-- header words overlap: its text gets smaller (down to SMALLEST of its size),
-- and if that is not enough it gets a landscape page of its own.
local LANDSCAPE_LINE = 706  -- points: A4 landscape between the page margins
local SMALLEST = 7 / 9  -- 7 pt

local function page_fit(m, need, n)
  local least = m.line * FIRST_SHARE
  for i = 2, n do least = least + need[i] * m.char + m.pad end
  if least <= m.line then return 1, false end
  if m.line / least >= SMALLEST then return m.line / least, false end
  return math.max(math.min(1, LANDSCAPE_LINE / least), SMALLEST), true
end

-- Word: one smaller cell style (8 pt for 9.5 pt) and, when that is not
-- enough, a landscape section for the table.
local DOCX_SMALL = 8 / 9.5

local function docx_fit(m, need, n)
  local function fits(line, scale)
    local least = m.line * FIRST_SHARE
    for i = 2, n do least = least + need[i] * m.char * scale + m.pad end
    return least <= line
  end
  if fits(m.line, 1) then return false, false end
  if fits(m.line, DOCX_SMALL) then return true, false end
  if fits(LANDSCAPE_LINE, 1) then return false, true end
  return true, true
end

local function column_widths(tbl, row_heads)
  local m = METRICS[FORMAT]
  local n = #tbl.colspecs
  if not m or n < 2 then return {} end
  local need, wish, long = measure(tbl)
  if FORMAT == "docx" then
    local small, landscape = docx_fit(m, need, n)
    if small then tbl.attr.attributes["vplan-liten"] = "1" end
    if landscape then tbl.attr.attributes["vplan-liggande"] = "1" end
    m = {line = landscape and LANDSCAPE_LINE or m.line, char = m.char * (small and DOCX_SMALL or 1),
         pad = m.pad}
  end
  if FORMAT == "typst" then
    local scale, landscape = page_fit(m, need, n)
    if scale < 1 or landscape then
      tbl.attr.attributes["vplan-skala"] = string.format("%.3f", scale)
      if landscape then tbl.attr.attributes["vplan-liggande"] = "1" end
      m = {line = landscape and LANDSCAPE_LINE or m.line, char = m.char * scale,
           pad = m.pad * scale}
      long = true  -- always explicit widths: typst's own would not know the smaller text
    end
  end
  if row_heads then return share(m, need, wish, n, long) or {} end
  return (m.natural and not long) and {} or proportional(m, wish, n)
end

-- The last two rows of a PDF table stay together (a total never stands alone
-- on a page): they become the table's foot, which typst keeps in one piece.
local function keep_last_rows(tbl)
  if FORMAT ~= "typst" or #tbl.bodies ~= 1 or #tbl.foot.rows > 0 then return end
  local rows = tbl.bodies[1].body
  local n = #rows
  if n < 3 then return end
  -- a value merged over rows (row_span) must not be cut by the foot
  for k = 1, n - 2 do
    for _, cell in ipairs(rows[k].cells) do
      if k + cell.row_span - 1 >= n - 1 then return end
    end
  end
  tbl.foot.rows = {rows[n - 1], rows[n]}
  rows[n] = nil
  rows[n - 1] = nil
  tbl.bodies[1].body = rows
end

-- Every cell of a Word table too wide for 9.5 pt gets the 8 pt cell style.
local SMALL_STYLE = "Tabell liten"

local function small_cells(tbl)
  local function restyle(cell)
    local first = cell.contents[1]
    if #cell.contents == 1 and first.t == "Div" and first.attributes["custom-style"] == VARAV_STYLE then
      first.attributes["custom-style"] = VARAV_STYLE .. " liten"
      return
    end
    local paras = cell.contents:map(function(b)
      return b.t == "Plain" and pandoc.Para(b.content) or b
    end)
    cell.contents = {pandoc.Div(paras, {["custom-style"] = SMALL_STYLE})}
  end
  local function rows(list)
    for _, row in ipairs(list) do
      for _, cell in ipairs(row.cells) do restyle(cell) end
    end
  end
  rows(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do rows(body.body) end
  rows(tbl.foot.rows)
end

function Table(tbl)
  local row_heads = first_column_heads_rows(tbl)
  local widths = column_widths(tbl, row_heads)
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = {spec[1], widths[i]}
  end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      local cell = row.cells[1]
      if cell and is_varav(cell) then indent(cell) end
    end
  end
  keep_last_rows(tbl)
  if FORMAT == "docx" and tbl.attr.attributes["vplan-liten"] then
    tbl.attr.attributes["vplan-liten"] = nil
    small_cells(tbl)
  end
  return tbl
end

-- What goes around a smaller or turned table: typst code, or in Word markers
-- where the landscape section starts and ends (the engine's finish_docx puts
-- the section breaks there, copied from the document's own section).
local function typst_wrap(tbl)
  local scale = tbl.attr.attributes["vplan-skala"]
  if not scale then return nil end
  local open = "#[#show table: set text(size: " .. scale .. " * 9pt)"
  if tbl.attr.attributes["vplan-liggande"] then
    return "#page(flipped: true)[" .. open, "]]", "typst"
  end
  return open, "]", "typst"
end

local function docx_wrap(tbl)
  if not tbl.attr.attributes["vplan-liggande"] then return nil end
  return "<!--vplan-slut-staende-->", "<!--vplan-slut-liggande-->", "openxml"
end

-- The heading right before such a table goes along, so it is never left
-- behind on the page before a landscape page; landscape tables in a row share
-- their pages.
local function wrap_wide(blocks, wrap)
  local out = pandoc.Blocks({})
  local i = 1
  while i <= #blocks do
    local b = blocks[i]
    local nxt = blocks[i + 1]
    local tbl = (b.t == "Table" and b) or (b.t == "Header" and nxt and nxt.t == "Table" and nxt)
    local open, close, format
    if tbl then open, close, format = wrap(tbl) end
    if open then
      tbl.attr.attributes["vplan-skala"] = nil
      tbl.attr.attributes["vplan-liggande"] = nil
      local last = out[#out]
      local landscape = close ~= "]"
      if landscape and last and last.t == "RawBlock" and last.text == close then
        out[#out] = nil  -- the landscape table before: this one shares its page
        open = format == "typst" and open:gsub("^#page%(flipped: true%)%[", "") or nil
      end
      if open then out:insert(pandoc.RawBlock(format, open)) end
      if b ~= tbl then out:insert(b); i = i + 1 end
      out:insert(tbl)
      out:insert(pandoc.RawBlock(format, close))
    else
      out:insert(b)
    end
    i = i + 1
  end
  return out
end

function Blocks(blocks)
  if FORMAT == "typst" then return wrap_wide(blocks, typst_wrap) end
  if FORMAT == "docx" then return wrap_wide(blocks, docx_wrap) end
  return nil
end

-- Word: the table of contents is written here with its entries, so it reads
-- before Word updates it (LibreOffice shows it as written). The TOC field
-- stays around the entries and each page number is a PAGEREF field, so Word
-- refreshes them. Word numbers the headings itself (numbering in the heading
-- styles); the entries carry the same numbers, counted here.
local function xml(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function roman(n)
  local out = ""
  for _, p in ipairs({{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
                      {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}) do
    while n >= p[1] do out = out .. p[2]; n = n - p[1] end
  end
  return out
end

local function letter(n)
  local out = ""
  while n > 0 do out = string.char(97 + (n - 1) % 26) .. out; n = (n - 1) // 26 end
  return out
end

local FORMATS = {
  ["1"] = tostring, a = letter, A = function(n) return letter(n):upper() end,
  i = roman, I = function(n) return roman(n):upper() end,
}

-- "1.1" as typst and the Word list read it: symbols 1 a A i I, separators kept,
-- the last symbol repeated (with the separator before it) for deeper levels.
local function heading_number(pattern, counts, level)
  local prefix, rest = pattern:match("^([^1aAiI]*)(.*)$")
  local symbols, seps = {}, {}
  for sep, symbol in rest:gmatch("([^1aAiI]*)([1aAiI])") do
    seps[#seps + 1] = sep
    symbols[#symbols + 1] = symbol
  end
  local suffix = rest:match("[1aAiI]([^1aAiI]*)$") or ""
  local repeat_sep = #symbols > 1 and seps[#symbols] or "."
  local text = prefix
  for k = 1, level do
    local symbol = symbols[math.min(k, #symbols)]
    local sep = k <= #symbols and seps[k] or repeat_sep
    text = text .. (k > 1 and sep or "") .. FORMATS[symbol](counts[k] or 0)
  end
  return text .. suffix
end

-- A heading's words as Word runs. A marked-up version's struck and underlined
-- words (and their small labels, raw runs) stay marked in the contents too.
local function title_runs(inlines, marks)
  local out, text = {}, ""
  local function flush()
    if text == "" then return end
    local rpr = (marks.strike and "<w:strike/>" or "") .. (marks.u and '<w:u w:val="single"/>' or "")
    out[#out + 1] = "<w:r>" .. (rpr ~= "" and ("<w:rPr>" .. rpr .. "</w:rPr>") or "")
      .. '<w:t xml:space="preserve">' .. xml(text) .. "</w:t></w:r>"
    text = ""
  end
  local function nested(content, key)
    flush()
    local inner = {strike = marks.strike, u = marks.u}
    if key then inner[key] = true end
    out[#out + 1] = title_runs(content, inner)
  end
  for _, el in ipairs(inlines) do
    if el.t == "Str" then text = text .. el.text
    elseif el.t == "Space" or el.t == "SoftBreak" or el.t == "LineBreak" then text = text .. " "
    elseif el.t == "Note" then  -- the footnote stays with the heading
    elseif el.t == "RawInline" then
      flush()
      if el.format == "openxml" then out[#out + 1] = el.text end
    elseif el.t == "Strikeout" then nested(el.content, "strike")
    elseif el.t == "Underline" then nested(el.content, "u")
    elseif el.content and type(el.content) ~= "string" then nested(el.content, nil)
    else text = text .. pandoc.utils.stringify(el) end
  end
  flush()
  return table.concat(out)
end

-- An entry is the paragraph's start and its link; the field's begin or end
-- goes between or after them.
local function toc_entry(level, number, title, mark)
  local runs = number and ('<w:r><w:t xml:space="preserve">' .. xml(number) .. '</w:t></w:r><w:r><w:tab/></w:r>') or ""
  return '<w:p><w:pPr><w:pStyle w:val="TOC' .. level .. '"/></w:pPr>', '<w:hyperlink w:anchor="' .. mark .. '" w:history="1">' .. runs
    .. title .. '<w:r><w:tab/></w:r>'
    .. '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    .. '<w:r><w:instrText xml:space="preserve"> PAGEREF ' .. mark .. ' \\h </w:instrText></w:r>'
    .. '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r>'
    .. '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
end

local function toc_block(entries, depth, title)
  local field = '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
    .. '<w:r><w:instrText xml:space="preserve">TOC \\o &quot;1-' .. depth
    .. '&quot; \\h \\z \\u</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
  local finish = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
  local paras = {}
  for i, entry in ipairs(entries) do
    paras[i] = entry[1] .. (i == 1 and field or "") .. entry[2] .. (i == #entries and finish or "") .. "</w:p>"
  end
  if #paras == 0 then paras[1] = "<w:p>" .. field .. finish .. "</w:p>" end
  return pandoc.RawBlock("openxml",
    '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
    .. '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>'
    .. '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">'
    .. xml(title) .. '</w:t></w:r></w:p>' .. table.concat(paras) .. '</w:sdtContent></w:sdt>')
end

local function docx_contents(doc)
  local meta = doc.meta
  local depth = tonumber(pandoc.utils.stringify(meta["vplan-innehallsdjup"] or "")) or 0
  if depth < 1 then return nil end
  local pattern = meta["vplan-rubriknumrering"] and pandoc.utils.stringify(meta["vplan-rubriknumrering"])
  if pattern and not pattern:find("[1aAiI]") then pattern = nil end
  local title = pandoc.utils.stringify(meta["vplan-innehallsrubrik"] or "Innehåll")
  local counts, entries, n = {}, {}, 0
  doc.blocks = doc.blocks:walk({Header = function(h)
    if h.level <= 4 then  -- the heading styles Word numbers
      counts[h.level] = (counts[h.level] or 0) + 1
      for k = h.level + 1, 9 do counts[k] = nil end
    end
    if h.level > depth then return nil end
    n = n + 1
    local mark = "vplan-toc-" .. n
    local number = pattern and h.level <= 4 and heading_number(pattern, counts, h.level) or nil
    entries[#entries + 1] = {toc_entry(h.level, number, title_runs(h.content, {}), mark)}
    h.content:insert(1, pandoc.Span({}, {id = mark}))
    return h
  end})
  doc.blocks:insert(1, toc_block(entries, depth, title))
  return doc
end

function Pandoc(doc)
  if FORMAT ~= "docx" then return nil end
  return docx_contents(doc)
end

-- typst's PDF/UA export needs alt text on every image, and pandoc's typst
-- writer leaves it out: write the image call ourselves.
local function typst_string(text)
  return '"' .. text:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

function Image(img)
  if FORMAT ~= "typst" then return nil end
  local alt = pandoc.utils.stringify(img.caption)
  if alt == "" then alt = img.attributes.alt or img.title or "" end
  return pandoc.RawInline("typst", "#box(image(" .. typst_string(img.src) .. ", alt: "
    .. typst_string(alt) .. ", width: 100%))")
end
"""


def write_filters(folder: Path) -> list[str]:
    """Write the filters into `folder`; return pandoc arguments that apply them."""
    path = folder / "vplan-tabeller.lua"
    path.write_text(TABLES, encoding="utf-8")
    return ["--lua-filter", str(path)]
