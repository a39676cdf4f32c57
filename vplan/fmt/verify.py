"""Prove a rewrite kept the meaning before anything is written (as Black does).

The input and the output are both read into the document model and compared
field by field, positions left out. Prose and footnotes are compared as the
HTML a CommonMark parser (markdown-it) makes of them, with whitespace runs
collapsed: re-breaking lines is then invisible, while a paragraph that
turned into a list, a lost word or a changed emphasis is not. (pandoc would
be the exact renderer, but costs a process per plan; markdown-it runs in
process and agrees with pandoc on everything the formatter touches.)
YAML comments are compared as a multiset, and the output must be stable:
formatting it again must give the same text.
"""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from functools import lru_cache

from vplan.fmt.yamlfmt import canonical_date, canonical_text

SKIP_FIELDS = frozenset({"pos", "field_pos", "value_pos", "path", "source_sha256"})
DATE_FIELDS = frozenset({"datum", "senast"})
MAX_DIFFERENCES = 5


@lru_cache(maxsize=4096)
def rendered(markdown: str) -> str:
    from vplan.fmt.prose import parser

    html = parser().render(markdown)
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html).strip()


def plain(obj, name: str = ""):
    """The model without positions; text as a reader of the document sees it."""
    cls = type(obj)
    if cls is str:
        return _plain_str(obj, name)
    if obj is None or cls is int or cls is bool:
        return obj
    fields = _FIELDS.get(cls)
    if fields is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        fields = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(obj) if f.name not in SKIP_FIELDS)
    if fields is not None:
        kind = cls.__name__
        if kind in ("Prose", "Footnote"):
            key = getattr(obj, "id", None)
            return (kind, key, rendered(obj.markdown))
        return (kind, tuple([(f, plain(getattr(obj, f), f)) for f in fields]))
    if isinstance(obj, str):
        return _plain_str(obj, name)
    if isinstance(obj, (tuple, list)):
        return tuple([plain(v, name) for v in obj])
    if isinstance(obj, dict) or hasattr(obj, "items") and not isinstance(obj, (str, bytes)):
        return tuple([(k, plain(v, name)) for k, v in obj.items()])
    if isinstance(obj, Decimal):
        return ("tal", obj)
    return obj


_FIELDS: dict[type, tuple[str, ...]] = {}  # a model class -> the fields compared, in order


def _plain_str(text: str, name: str) -> str:
    if name in DATE_FIELDS and (iso := canonical_date(text)):
        return iso
    return canonical_text(text)


def differences(before, after, limit: int = MAX_DIFFERENCES) -> list[str]:
    """Swedish sentences naming where two plain models differ, first `limit` of them."""
    out: list[str] = []
    _walk(before, after, [], out, limit)
    return out


def _walk(a, b, path: list[str], out: list[str], limit: int) -> None:
    if len(out) >= limit or a == b:
        return
    if _is_record(a) and _is_record(b) and a[0] == b[0]:
        fa, fb = dict(a[1]), dict(b[1])
        label = _record_label(a)
        for key in fa:
            _walk(fa[key], fb.get(key), path + ([label] if label else []) + [key], out, limit)
        return
    if isinstance(a, tuple) and isinstance(b, tuple) and not _is_record(a) and not _is_record(b) \
            and not _is_leaf(a) and not _is_leaf(b):
        for i, (x, y) in enumerate(zip(a, b)):
            _walk(x, y, path + [f"nr {i + 1}"], out, limit)
        if len(a) != len(b) and len(out) < limit:
            out.append(f"{_where(path)}: {len(a)} delar före, {len(b)} efter.")
        return
    out.append(f"{_where(path)}: före {_show(a)}, efter {_show(b)}.")


def _is_record(v) -> bool:
    return isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], tuple) \
        and v[0][:1].isupper() and all(isinstance(f, tuple) and len(f) == 2 for f in v[1])


def _is_leaf(v) -> bool:
    return isinstance(v, tuple) and v[:1] in (("tal",), ("Prose",), ("Footnote",))


def _record_label(rec) -> str:
    fields = dict(rec[1])
    for key in ("title", "id", "namn", "titel"):
        if isinstance(fields.get(key), str):
            return f"”{fields[key]}”"
    return ""


def _where(path: list[str]) -> str:
    return " › ".join(p for p in path if p) or "planen"


def _show(v) -> str:
    if isinstance(v, tuple) and v[:1] == ("tal",):
        return str(v[1])
    if isinstance(v, tuple) and v[:1] in (("Prose",), ("Footnote",)):
        text = re.sub(r"<[^>]+>", " ", v[2])
        return "”" + _short(" ".join(text.split())) + "”"
    if isinstance(v, str):
        return "”" + _short(v) + "”"
    if v is None:
        return "inget"
    return "”" + _short(str(v)) + "”"


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def comments(text: str) -> list[str]:
    """Every YAML comment in a plan's front matter and blocks, sorted."""
    from vplan.fmt.document import block_kind, split
    from vplan.read.markdown import Fenced, scan

    parts = split(text)
    pieces = [parts.front_matter] if parts.front_matter is not None else []
    pieces += [ev.body for ev in scan(parts.body, parts.body_line)
               if isinstance(ev, Fenced) and ev.closed and block_kind(ev.info)]
    found: list[str] = []
    for piece in pieces:
        if "#" in piece:  # no '#', no comment: skip the (slow) scanner
            found += _yaml_comments(piece)
    return sorted(found)


def _yaml_comments(text: str) -> list[str]:
    # The scanner's own comment tokens: no guessing about '#' inside quotes.
    from ruamel.yaml import YAML

    found = []
    try:
        for token in YAML(typ="rt").scan(text):
            if type(token).__name__ == "CommentToken":
                found += [ln.strip() for ln in token.value.split("\n") if ln.strip().startswith("#")]
            for c in (getattr(token, "_comment", None) or []):
                found += _token_texts(c)
    except Exception:  # unreadable YAML is reported by the reader, not here
        return []
    return found


def _token_texts(c) -> list[str]:
    if c is None:
        return []
    if isinstance(c, list):
        return [t for x in c for t in _token_texts(x)]
    value = c if isinstance(c, str) else getattr(c, "value", "")  # str: a block scalar header's comment
    return [ln.strip() for ln in value.split("\n") if ln.strip().startswith("#")]
