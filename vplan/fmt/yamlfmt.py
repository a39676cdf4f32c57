"""Front matter and block YAML -> one canonical text, comments kept.

ruamel.yaml's round-trip mode keeps comments on the loaded mappings, so we
reorder keys there and dump again. That is slow, so YAML without comments
(and without anything else unusual) is written by fastyaml.py instead, to
the same bytes. The canonical form:

- keys in schema order (nested too); unknown keys after them, as written;
- 2-space indentation, sequences indented under their key ("  - id: x");
- block style everywhere except `målår` and `undantag`, short lists of
  years or codes, written inline as in the format guide: `målår: [2025, 2027]`;
- quotes only where YAML needs them, and then double quotes;
- no folded lines: `>-` text becomes one line (text with an empty line in it,
  i.e. several paragraphs, is kept as a `|-` block);
- dates (`datum`, `senast`) as ÅÅÅÅ-MM-DD without quotes;
- full-line comments stay in front of the key they stood in front of,
  end-of-line comments stay on their key's line; blank lines are removed.
"""
from __future__ import annotations

import datetime
import io
import re
from functools import lru_cache

from vplan.fmt.schemaorder import SchemaNode

FLOW_KEYS = frozenset({"målår", "undantag"})
DATE_KEYS = frozenset({"datum", "senast"})
_LOOSE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def canonical_date(text: str) -> str | None:
    """"2024-1-5" -> "2024-01-05"; None when the text is not a real date."""
    m = _LOOSE_DATE.match(text.strip())
    if not m:
        return None
    try:
        return datetime.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def canonical_text(value: str) -> str:
    """Whitespace as Markdown reads it: runs collapse, an empty line separates paragraphs."""
    if type(value) is str and "  " not in value and value.isprintable() and value == value.strip():
        return value  # the common case: no line break, tab or other space but " " (none doubled);
        # ruamel's folded or literal strings must still become plain str, or they keep their style
    parts = re.split(r"\n[ \t]*\n", value.strip())
    return "\n\n".join(" ".join(p.split()) for p in parts)


@lru_cache(maxsize=1)
def _yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.emitter import Emitter

    class DoubleQuoting(Emitter):
        def choose_scalar_style(self):
            style = super().choose_scalar_style()
            return '"' if style == "'" else style

    yaml = YAML(typ="rt")
    yaml.Emitter = DoubleQuoting
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    return yaml


def load(text: str):
    return _yaml().load(text)


def dump(data) -> str:
    """ruamel round-trip data as YAML text, with the settings the canonical form uses."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def format_yaml(text: str, schema: SchemaNode) -> str:
    """The canonical text of one YAML document (front matter or block body)."""
    from vplan.fmt import fastyaml

    try:
        return fastyaml.format_yaml(text, schema)  # most blocks: no comment, nothing unusual
    except fastyaml.Decline:
        return format_yaml_ruamel(text, schema)


def format_yaml_ruamel(text: str, schema: SchemaNode) -> str:
    """The canonical text through ruamel's round trip, which keeps comments."""
    data = load(text)
    if data is None:
        return ""
    return dump(_normalise(data, schema, None))


def _normalise(node, schema: SchemaNode, key, indent: int = 0, lead: list | None = None):
    """Canonical form of `node`, whose keys (if a mapping) stand at column `indent`.

    For a mapping that is a list item, comment lines in front of its first key
    are handed back in `lead`, to be written in front of the item's "-".
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.compat import ordereddict

    if isinstance(node, CommentedMap):
        _reorder(node, schema, indent, lead)
        if "propertyNames" in schema.schema:
            _year_keys(node)
        node.fa.set_block_style()
        for k in list(node):
            # ordereddict's own setter: CommentedMap's would keep a folded style
            ordereddict.__setitem__(node, k, _normalise(node[k], schema.child(k), k, indent + 2))
        return node
    if isinstance(node, CommentedSeq):
        scalars = all(not isinstance(v, (dict, list)) for v in node)
        node.fa.set_flow_style() if key in FLOW_KEYS and scalars else node.fa.set_block_style()
        _tidy_tokens(node)
        _lead_columns(node, indent)
        for i in range(len(node)):
            lead = []
            list.__setitem__(node, i, _normalise(node[i], schema.child(i), None, indent + 2, lead))
            if lead:
                _before_item(node, i, lead, indent)
        return node
    return _scalar(node, key)


def _scalar(value, key):
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, str):
        if key in DATE_KEYS and (iso := canonical_date(value)):
            return datetime.date.fromisoformat(iso)
        text = canonical_text(value)
        return LiteralScalarString(text) if "\n" in text else text
    return value


def _year_keys(node) -> None:
    for k in list(node):
        if isinstance(k, str) and re.fullmatch(r"\d{4}", k):
            node.insert(list(node).index(k), int(k), node.pop(k))


# --- comments ---------------------------------------------------------------

def _reorder(node, schema: SchemaNode, indent: int, lead: list | None) -> None:
    """Put keys in schema order; full-line comments travel with the key they precede."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.scalarstring import ScalarString
    from ruamel.yaml.tokens import CommentToken

    keys = list(node)
    order = schema.order
    rank = {k: i for i, k in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    before: dict = {}  # key -> [(column, text)] of comment lines in front of it
    tail: list = []
    for i, k in enumerate(keys):
        if isinstance(node[k], (dict, list)) and len(node[k]):
            # comment lines after a nested value, at this mapping's column, precede the next key
            lines = _pop_tail(node[k], indent)
            if lines:
                (before.setdefault(keys[i + 1], []) if i + 1 < len(keys) else tail).extend(lines)
        slot = node.ca.items.get(k)
        if not slot:
            continue
        if slot[1]:
            before.setdefault(k, []).extend((t.column, t.value.strip()) for t in slot[1] if t.value.strip())
            slot[1] = None
        if slot[2] is not None:
            same_line = _same_line(node, k, slot[2]) and not isinstance(node[k], ScalarString)
            eol, lines = _split_post(slot[2], same_line)
            slot[2] = CommentToken(eol + "\n", CommentMark(slot[2].column)) if eol else None
            if isinstance(node[k], (dict, list)) and len(node[k]):
                # lines indented under the key open its nested value
                inner = [(c, t) for c, t in lines if c > indent]
                lines = [(c, t) for c, t in lines if c <= indent]
                if inner:
                    _open_with(node[k], inner)
            if lines:
                target = before.setdefault(keys[i + 1], []) if i + 1 < len(keys) else tail
                target.extend(lines)
    if wanted != keys:
        for k in wanted:
            node.move_to_end(k)
    if lead is not None and wanted and wanted[0] in before:
        lead.extend(before.pop(wanted[0]))
    for k, lines in before.items():
        slot = node.ca.items.setdefault(k, [None, None, None, None])
        slot[1] = [CommentToken(text + "\n", CommentMark(indent)) for _col, text in lines]
    if tail:
        _attach_tail(node, tail)
    _tidy_tokens(node)


def _before_item(seq, index: int, lines: list, indent: int) -> None:
    """Comment lines in front of list item `index` (at its "-", column `indent`)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if index > 0:
        _attach_tail(seq[index - 1], [(indent, text) for _col, text in lines]) \
            if isinstance(seq[index - 1], (dict, list)) and len(seq[index - 1]) else None
        return
    if seq.ca.comment is None:
        seq.ca.comment = [None, []]
    if seq.ca.comment[1] is None:
        seq.ca.comment[1] = []
    # the same list object is shared with the parent key's slot: change it in place
    seq.ca.comment[1].extend(CommentToken(text + "\n", CommentMark(indent)) for _col, text in lines)


def _lead_columns(seq, indent: int) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    tokens = seq.ca.comment[1] if seq.ca.comment else None
    if tokens:
        tokens[:] = [CommentToken(t.value.strip() + "\n", CommentMark(indent)) for t in tokens if t.value.strip()]


def _open_with(value, lines) -> None:
    """Comment lines in front of a nested mapping's first key or a list's first item."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    tokens = [CommentToken(t + "\n", CommentMark(c)) for c, t in lines]
    if isinstance(value, dict):
        slot = value.ca.items.setdefault(list(value)[0], [None, None, None, None])
        slot[1] = tokens + (slot[1] or [])
        return
    if value.ca.comment is None:
        value.ca.comment = [None, []]
    value.ca.comment[1] = value.ca.comment[1] or []
    value.ca.comment[1][:0] = tokens


def _pop_tail(value, max_col: int) -> list:
    """Take the comment lines at column <= max_col that end a nested value."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    last = list(value)[-1] if isinstance(value, dict) else len(value) - 1
    inner = value[last]
    if isinstance(inner, (dict, list)) and len(inner):
        return _pop_tail(inner, max_col)
    slot = value.ca.items.get(last)
    index = 2 if isinstance(value, dict) else 0
    token = slot[index] if slot else None
    if token is None:
        return []
    parts = token.value.split("\n")
    keep, taken = [parts[0]], []
    for part in parts[1:]:
        col = len(part) - len(part.lstrip())
        if part.strip() and col <= max_col:
            taken.append((col, part.strip()))
        elif part.strip():
            keep.append(part)
    if taken:
        text = "\n".join(keep) + "\n"
        slot[index] = CommentToken(text, CommentMark(token.column)) if text.strip() else None
    return taken


def _same_line(node, key, token) -> bool:
    """Does the comment token start on the line of the key's value (an end-of-line comment)?"""
    line = getattr(token.start_mark, "line", None)
    if line is None:  # a token we made: it starts with its end-of-line comment, if any
        return bool(token.value.split("\n")[0].strip())
    return line == node.lc.data.get(key, [None] * 4)[0]


def _split_post(token, same_line: bool) -> tuple[str, list]:
    """A post-value comment token -> (end-of-line comment, [(column, full-line comment)])."""
    parts = token.value.split("\n")
    eol = parts[0].strip() if same_line else ""
    lines = [] if same_line or not parts[0].strip() else [(token.column, parts[0].strip())]
    for part in parts[1:]:
        if part.strip():
            lines.append((len(part) - len(part.lstrip()), part.strip()))
    return eol, lines


def _attach_tail(node, lines) -> None:
    """Comment lines that ended a mapping go after its (new) last value."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    value = node[last]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        _attach_tail(value, lines)
        return
    index = 2 if isinstance(node, CommentedMap) else 0
    slot = node.ca.items.setdefault(last, [None, None, None, None])
    old = slot[index]
    eol = old.value.split("\n")[0].strip() if old is not None else ""
    text = eol + "\n" + "".join(" " * col + t + "\n" for col, t in lines)
    slot[index] = CommentToken(text, CommentMark(old.column if old is not None else 0))


def _tidy_tokens(node) -> None:
    """Drop blank lines kept as comment tokens."""
    for slot in node.ca.items.values():
        for i, tok in enumerate(slot):
            if tok is None:
                continue
            if isinstance(tok, list):  # filtered in place: lists can be shared with a child's
                # items are CommentTokens, or plain strings for a block scalar header comment
                tok[:] = [t for t in tok if isinstance(t, str) or (t is not None and t.value.strip())]
                if not tok:
                    slot[i] = None  # an empty list makes ruamel write "key:   -" on one line
            else:
                tok.value = _no_blank_lines(tok.value)
                if not tok.value.strip():
                    slot[i] = None


def _no_blank_lines(value: str) -> str:
    parts = value.split("\n")
    kept = [parts[0]] + [p for p in parts[1:] if p.strip()]
    return "\n".join(kept) + "\n"
