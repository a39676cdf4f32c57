"""A DiffResult -> text for a terminal, Markdown for a pull request, or JSON.

Reporters by output format, as a read-only map. The Swedish sentences come
from the changes themselves; here we only lay them out.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from types import MappingProxyType

from vplan.diff.changes import UNREADABLE, summary
from vplan.diff.words import plain_markup

JSON_VERSION = 1
NOTHING = "Inga ändringar i sak."


def _groups(changes):
    groups: dict[tuple, list] = {}
    for c in changes:
        groups.setdefault(c.where, []).append(c)
    return groups.items()


def _where(where) -> str:
    return " › ".join(where) if where else "Början av planen"


# --- terminal -----------------------------------------------------------------

def text(result, *, color: bool = False) -> str:
    """Plain text (for files, pipes, git) or rich markup when `color`."""
    if color:
        from rich.markup import escape
    else:
        def escape(t):
            return t
    style = (lambda s, t: f"[{s}]{escape(t)}[/]") if color else (lambda s, t: t)
    out: list[str] = []
    for fd in (f for f in result.files if f.changed):
        if out:
            out.append("")
        out.append(style("bold", f"{fd.path}: {summary(fd)}"))
        if fd.status == UNREADABLE:
            out.append(style("yellow", f"  Varning: {fd.warning}"))
            out += [style(_line_style(ln), ln) for ln in fd.line_diff]
            continue
        for where, changes in _groups(fd.changes):
            out.append("")
            out.append(style("cyan", f"  {_where(where)}"))
            for c in changes:
                body = escape(c.text) if color else c.text
                if c.words:
                    body += " " + (_rich_words(c.words, escape) if color else plain_markup(c.words))
                out.append(f"    {body}")
    if not out:
        out.append(NOTHING)
    return "\n".join(out) + "\n"


def _line_style(line: str) -> str:
    if line.startswith(("+++", "---")):
        return "bold"
    return {"+": "green", "-": "red", "@": "cyan"}.get(line[:1], "default")


def _rich_words(segments, escape) -> str:
    styles = {"-": "red strike", "+": "green underline", "=": "default", "…": "dim"}
    return " ".join(f"[{styles[op]}]{escape(t)}[/]" for op, t in segments)


# --- Markdown -------------------------------------------------------------------

def markdown(result, **_) -> str:
    changed = [f for f in result.files if f.changed]
    if not changed:
        return f"{NOTHING}\n"
    out = [f"**{_md(fd.path)}**: {_md(summary(fd))}  " for fd in changed]
    out[-1] = out[-1].rstrip()
    for fd in changed:
        if fd.status == UNREADABLE:
            fence = _fence(fd.line_diff)
            out += ["", f"#### {_md(fd.path)}", "", f"> Varning: {_md(fd.warning)}", "",
                    f"{fence}diff", *fd.line_diff, fence]
            continue
        if not fd.changes:
            continue
        out += ["", f"#### {_md(fd.path)}"]
        for where, changes in _groups(fd.changes):
            out += ["", f"*{_md(_where(where))}*", ""]
            for c in changes:
                body = _md(c.text)
                if c.words:
                    body += " " + _md_words(c.words)
                out.append(f"- {body}")
    return "\n".join(out) + "\n"


# Plan text in a pull-request comment must stay text: no images, links, headings, HTML,
# mentions or emphasis from whoever wrote the plan. Every character Markdown or GitHub
# gives a meaning is escaped; "@" and bare web addresses get an invisible word joiner
# (U+2060) so that GitHub neither notifies anyone nor makes a link; "$" would start GitHub's math.
_JOIN = "\u2060"
_MD_ESCAPES = {**{c: "\\" + c for c in "\\`*_{}[]#!|~$"},
               "&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "@" + _JOIN, "\n": " ", "\r": " "}
_MD_TABLE = str.maketrans(_MD_ESCAPES)
_BARE_LINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)")


def _md(t: str) -> str:
    return _BARE_LINK.sub(_JOIN, str(t)).translate(_MD_TABLE)


def _fence(lines) -> str:
    """A code fence longer than any run of backticks in the lines, so no plan line can close it."""
    longest = max((len(run) for ln in lines for run in re.findall(r"`+", ln)), default=0)
    return "`" * max(3, longest + 1)


def _md_words(segments) -> str:
    wrap = {"-": "<del>{}</del>", "+": "<ins>{}</ins>", "=": "{}", "…": "…"}
    return " ".join(wrap[op].format(_md(t)) for op, t in segments)


# --- JSON -----------------------------------------------------------------------

def as_json(result, **_) -> str:
    return json.dumps(_result_data(result), ensure_ascii=False, indent=2, default=_default) + "\n"


def _default(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, (tuple, set)):
        return list(value)
    raise TypeError(f"not JSON: {value!r}")


def _result_data(result) -> dict:
    return {
        "version": JSON_VERSION,
        "old": result.old_label,
        "new": result.new_label,
        "changed": result.changed,
        "files": [_file_data(fd) for fd in result.files],
    }


def _file_data(fd) -> dict:
    data = {"path": fd.path, "old_path": fd.old_path, "status": fd.status, "summary": summary(fd),
            "counts": dict(sorted(fd.counts().items())), "changes": [_change_data(c) for c in fd.changes]}
    if fd.title is not None:
        data["title"] = fd.title
    if fd.warning:
        data["warning"] = fd.warning
        data["line_diff"] = list(fd.line_diff)
    return data


def _change_data(c) -> dict:
    text = c.text + (" " + plain_markup(c.words) if c.words else "")
    data = {"kind": c.kind, "where": list(c.where), "text": text, "subject": c.subject,
            "old": c.old, "new": c.new}
    if c.delta is not None:
        data["delta"] = c.delta
    if c.unit:
        data["unit"] = c.unit
    if c.words:
        data["words"] = [{"op": op, "text": t} for op, t in c.words]
    return data


RENDERERS = MappingProxyType({"text": text, "markdown": markdown, "json": as_json})


def render(fmt: str, result, *, color: bool = False) -> str:
    return RENDERERS[fmt](result, color=color)
