"""A whole plan's text -> its canonical text (no checking here; see verify.py).

The body is cut into the same pieces the reader sees (headings, prose runs,
fenced blocks, footnote definitions) with the reader's own scanner, so the
formatter can never disagree with the reader about where a block starts.
"""
from __future__ import annotations

from dataclasses import dataclass

from vplan.fmt import prose, yamlfmt
from vplan.fmt.schemaorder import root
from vplan.read.markdown import Fenced, FootnoteDef, Heading, ProseRun, scan
from vplan.read.schemas import BLOCK_TYPES

FENCE = "```"


@dataclass(frozen=True)
class Parts:
    """A plan's text cut in two: front matter YAML (None if missing) and body."""

    front_matter: str | None
    body: str
    body_line: int  # file line of the body's first line


def clean(text: str) -> str:
    """No BOM, LF line endings."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Parts:
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip() in ("---", "..."):
                return Parts("\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2)
    return Parts(None, text, 1)


PLAN_SCHEMAS = {kind: kind for kind in BLOCK_TYPES}
# A follow-up's own blocks (vplan.followup.read.KINDS) and the schemas that order their keys.
FOLLOWUP_SCHEMAS = {**PLAN_SCHEMAS, "utfall": "utfall", "bedömning": "bedomning", "uppdragsstatus": "uppdragsstatus"}


def block_kind(info: str, schemas=PLAN_SCHEMAS) -> str | None:
    kind = info.split()[0].lower() if info.split() else ""
    return kind if kind in schemas else None


def format_text(text: str, *, schema_dir: str | None = None, memo: dict | None = None,
                followup: bool = False) -> str:
    """The canonical form of a plan (or with `followup`, of a follow-up). Assumes it reads without errors.

    `memo` remembers each prose run's and YAML text's canonical form: checking a
    rewrite formats its output again, and all that the rewrite left as it was
    (often most of a plan) has been formatted already.
    """
    parts = split(clean(text))
    out: list[str] = []
    schemas = FOLLOWUP_SCHEMAS if followup else PLAN_SCHEMAS
    if parts.front_matter is not None:
        front = "uppfoljning" if followup else "framsida"
        out.append("---\n" + _yaml(parts.front_matter, front, schema_dir, memo) + "---")
    body_lines = parts.body.split("\n")
    for ev in scan(parts.body, parts.body_line):
        out.append("\n".join(_event(ev, body_lines, parts.body_line, schema_dir, memo, schemas)))
    return "\n\n".join(out).rstrip("\n") + "\n"


def _event(ev, body_lines: list[str], first_line: int, schema_dir, memo, schemas=PLAN_SCHEMAS) -> list[str]:
    if isinstance(ev, Heading):
        return ["#" * ev.level + " " + " ".join(ev.text.split())]
    if isinstance(ev, ProseRun):
        return _remembered(memo, ("prose", ev.text), lambda: prose.format_markdown(ev.text))
    if isinstance(ev, FootnoteDef):
        return _remembered(memo, ("footnote", ev.id, ev.text), lambda: footnote(ev.id, ev.text))
    if isinstance(ev, Fenced):
        kind = block_kind(ev.info, schemas)
        if kind and ev.closed:
            rest = ev.info.split(None, 1)[1:]
            info = " ".join([kind, *rest])
            body = _yaml(ev.body, schemas[kind], schema_dir, memo)
            return [FENCE + info, *body.rstrip("\n").split("\n"), FENCE]
        return _raw_fence(ev, body_lines, first_line)
    raise TypeError(f"unknown event {ev!r}")


def _yaml(text: str, kind: str, schema_dir, memo) -> str:
    return _remembered(memo, ("yaml", kind, text), lambda: yamlfmt.format_yaml(text, root(kind, schema_dir)))


def _remembered(memo: dict | None, key: tuple, make):
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def footnote(fid: str, text: str) -> list[str]:
    lines = prose.format_markdown(text) if text.strip() else []
    head = f"[^{fid}]:" + (f" {lines[0]}" if lines else "")
    return [head] + ["    " + ln if ln else "" for ln in lines[1:]]


def _raw_fence(ev: Fenced, body_lines: list[str], first_line: int) -> list[str]:
    """A code block that is not a plan block: copied, trailing spaces removed."""
    start = ev.line - first_line
    count = 1 + (ev.body.count("\n") + 1 if ev.body or ev.closed else 0) + (1 if ev.closed else 0)
    if not ev.body and ev.closed:
        count = 2
    return [ln.rstrip() for ln in body_lines[start:start + count]]
