"""Pandoc Lua filters the engines use, kept as text so they ship inside the package."""
from __future__ import annotations

import re
from pathlib import Path

# Tables: the header row heads columns, a text first column heads rows,
# "varav …" rows (parts of the row above) are indented in every format, and
# column widths come from the content (see the comment in the Lua).
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
  -- a soft hyphen is a place the word may break, with a hyphen shown
  text = text:gsub("\u{ad}", "- ")
  for w in text:gmatch("[^%s/]+") do word = math.max(word, ulen(w)) end
  return word
end

-- Word does not hyphenate by itself: long words in table cells get soft
-- hyphens at Swedish syllable breaks (HYPHENS is written by the engine).
local function hyphenate(tbl)
  if FORMAT ~= "docx" or not HYPHENS then return end
  local function word(w) return HYPHENS[w] end
  local function cells(rows)
    for _, row in ipairs(rows) do
      for _, cell in ipairs(row.cells) do
        cell.contents = cell.contents:walk({Str = function(s)
          s.text = s.text:gsub("[^%s%p%d]+", word)
          return s
        end})
      end
    end
  end
  cells(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do cells(body.body) end
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

local function column_widths(tbl, row_heads)
  local m = METRICS[FORMAT]
  local n = #tbl.colspecs
  if not m or n < 2 then return {} end
  local need, wish, long = measure(tbl)
  if row_heads then return share(m, need, wish, n, long) or {} end
  return (m.natural and not long) and {} or proportional(m, wish, n)
end

function Table(tbl)
  hyphenate(tbl)
  local html = FORMAT:match("html") ~= nil
  local row_heads = first_column_heads_rows(tbl)
  local widths = column_widths(tbl, row_heads)
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = {spec[1], widths[i]}
  end
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      if html then cell.attr.attributes.scope = "col" end
    end
  end
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
  if html then
    -- a wide table scrolls by itself, not the page (WCAG 1.4.10); the region is
    -- named by the caption and focusable so it can be scrolled from the keyboard
    local caption = pandoc.utils.stringify(tbl.caption.long)
    -- a list of pairs, not a Lua table: the attribute order must be the same every build
    local attrs = {{"tabindex", "0"}, {"role", "region"}}
    if caption ~= "" then table.insert(attrs, {"aria-label", caption}) end
    return pandoc.Div({tbl}, pandoc.Attr("", {"tabellram"}, attrs))
  end
  return tbl
end

-- typst reads "- ", "+ ", "/ ", "= " and "1." at the start of a line as a
-- list, a term, a heading or a numbered item, and pandoc's typst writer does
-- not escape them in table cells and captions. An empty content block in
-- front (#[]) keeps the text as text and adds no character.
local function typst_guard(inlines)
  local out, at_start = pandoc.Inlines{}, true
  for _, el in ipairs(inlines) do
    if at_start and el.t == "Str" and (el.text:match("^[-+/=]") or el.text:match("^%d+%.")) then
      out:insert(pandoc.RawInline("typst", "#[]"))
    end
    out:insert(el)
    if el.t == "LineBreak" then at_start = true
    elseif el.t ~= "Space" and el.t ~= "SoftBreak" then at_start = false end
  end
  return out
end

function Plain(el)
  if FORMAT == "typst" then el.content = typst_guard(el.content); return el end
end

function Para(el)
  if FORMAT == "typst" then el.content = typst_guard(el.content); return el end
end

function Meta(meta)
  if FORMAT ~= "typst" then return nil end
  for key, value in pairs(meta) do
    if pandoc.utils.type(value) == "Inlines" then meta[key] = typst_guard(value) end
  end
  return meta
end

-- typst turns some character sequences into others: "..." into an ellipsis,
-- "-?" into a soft hyphen, "-1" into a minus sign; and pandoc's typst writer
-- writes an en dash as "--", which a following "-" turns into an em dash. So
-- these are written as typst strings, and the text stays as typed.
local TYPST_SEQUENCES = {  -- a string expression (#"…") is shown as it is
  {"\u{2013}", '#"\u{2013}"'},
  {"\u{2014}", '#"\u{2014}"'},
  {"...", '#"..."'},
  {"-?", '#"-?"'},
}

function Str(el)
  if FORMAT ~= "typst" then return nil end
  local text = el.text
  if not (text:find("\u{2013}", 1, true) or text:find("\u{2014}", 1, true) or text:find("...", 1, true)
          or text:find("-?", 1, true) or text:find("%-%d")) then
    return nil
  end
  local out, plain, i = pandoc.Inlines{}, "", 1
  while i <= #text do
    local matched = false
    for _, seq in ipairs(TYPST_SEQUENCES) do
      if text:sub(i, i + #seq[1] - 1) == seq[1] then
        if plain ~= "" then out:insert(pandoc.Str(plain)); plain = "" end
        out:insert(pandoc.RawInline("typst", seq[2]))
        i = i + #seq[1]
        matched = true
        break
      end
    end
    if not matched then
      if text:sub(i, i) == "-" and text:sub(i + 1, i + 1):match("%d") then
        if plain ~= "" then out:insert(pandoc.Str(plain)); plain = "" end
        out:insert(pandoc.RawInline("typst", '#"-"'))
      else
        plain = plain .. text:sub(i, i)
      end
      i = i + 1
    end
  end
  if plain ~= "" then out:insert(pandoc.Str(plain)) end
  return out
end

-- A footnote referenced several times (vplan.render.tree.notes): the first
-- reference holds the note and an anchor span, later ones link to the anchor.
-- typst can do this itself: label the footnote, and refer to it with
-- #footnote(<label>), which repeats its number and links to it.
local function note_anchor(note)
  local first = note.content[1]
  if not first or (first.t ~= "Plain" and first.t ~= "Para") then return nil end
  local span = first.content[1]
  if span and span.t == "Span" and span.identifier:match("^fotnot%-") and #span.content == 0 then
    first.content:remove(1)
    return span.identifier
  end
  return nil
end

local function repeated_note(el)
  if el.t ~= "Superscript" or #el.content ~= 1 then return nil end
  local link = el.content[1]
  if link.t == "Link" and link.classes:includes("fotnotsreferens") then
    return link.target:sub(2)
  end
  return nil
end

function Inlines(inlines)
  if FORMAT ~= "typst" then return nil end
  local out, changed = pandoc.Inlines{}, false
  for _, el in ipairs(inlines) do
    local again = repeated_note(el)
    if again then
      out:insert(pandoc.RawInline("typst", "#footnote(<" .. again .. ">)"))
      changed = true
    elseif el.t == "Note" then
      local label = note_anchor(el)
      out:insert(el)
      if label then
        out:insert(pandoc.RawInline("typst", "<" .. label .. ">"))
        changed = true
      end
    else
      out:insert(el)
    end
  end
  if changed then return out end
  return nil
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


def write_filters(folder: Path, hyphens: dict[str, str] | None = None) -> list[str]:
    """Write the filters into `folder`; return pandoc arguments that apply them."""
    path = folder / "vplan-tabeller.lua"
    path.write_text(_lua_table("HYPHENS", hyphens) + TABLES, encoding="utf-8")
    return ["--lua-filter", str(path)]


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _lua_table(name: str, values: dict[str, str] | None) -> str:
    if not values:
        return f"local {name} = nil\n"
    items = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in sorted(values.items()))
    return f"local {name} = {{{items}}}\n"


_LONG_WORD = re.compile(r"[^\W\d_]{9,}")


def table_hyphens(markdown: str) -> dict[str, str]:
    """Soft-hyphenated forms of the long words in the document's table lines."""
    try:
        import pyphen
    except ImportError:  # without it Word breaks long words where it must
        return {}
    words = {w for line in markdown.splitlines() if line.startswith(("|", "+"))
             for w in _LONG_WORD.findall(line)}
    dic = pyphen.Pyphen(lang="sv")
    out = {}
    for w in words:
        h = dic.inserted(w, hyphen="\u00ad")
        if "\u00ad" in h:
            out[w] = h
    return out
