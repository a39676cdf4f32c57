"""RenderMeta: what the engines need to know about a document besides its body."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from vplan.render.errors import RenderError

STATUSES = ("utkast", "förslag", "beslutad")
_MARKS = {"utkast": "UTKAST", "förslag": "FÖRSLAG"}
_STATUS_WORDS = {"utkast": "Utkast", "förslag": "Förslag", "beslutad": "Beslutad"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@&:\"'=])")


@dataclass(frozen=True)
class RenderMeta:
    """Document facts shown on the cover, in headers and in file properties.

    `date` is an ISO date (ÅÅÅÅ-MM-DD). `source_date_epoch` fixes every
    timestamp written into the files; when None it is `date` at midnight UTC,
    else 0, so a build never depends on the clock.
    """

    title: str
    region: str
    board: str
    status: str = "utkast"
    subtitle: str | None = None
    diary_number: str | None = None
    decision: str | None = None
    date: str | None = None
    lang: str = "sv"
    source_date_epoch: int | None = None
    compiled_by: str | None = None  # the signature line: "Anna Berg, regiondirektör"

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            allowed = ", ".join(STATUSES)
            raise RenderError("metadata", f"status ska vara {allowed}, inte {self.status!r}")
        if not self.title.strip():
            raise RenderError("metadata", "dokumentet saknar titel")
        if self.date is not None:
            _parse_date(self.date)

    @property
    def draft_mark(self) -> str | None:
        """The word stamped on every page, or None for a decided plan."""
        return _MARKS.get(self.status)

    @property
    def status_text(self) -> str:
        return _STATUS_WORDS[self.status]

    @property
    def epoch(self) -> int:
        if self.source_date_epoch is not None:
            return self.source_date_epoch
        if self.date:
            return int(_parse_date(self.date).timestamp())
        return 0

    @property
    def lang_region(self) -> str:
        """The language tag with a region, as Word wants it ("sv" → "sv-SE")."""
        return "sv-SE" if self.lang == "sv" else self.lang


def pandoc_metadata(meta: RenderMeta, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Metadata for pandoc; text is escaped so that pandoc reads it literally."""
    values: dict[str, Any] = {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "region": meta.region,
        "namnd": meta.board,
        "diarienummer": meta.diary_number,
        "status": meta.status_text,
        "beslut": meta.decision,
        "datum": meta.date,
        "utkastmarkering": meta.draft_mark,
    }
    out: dict[str, Any] = {k: literal(v) for k, v in values.items() if v}
    out["lang"] = meta.lang_region
    out.update(extra or {})
    return out


def tree_metadata(meta: RenderMeta, extra: dict[str, Any] | None, lang: str) -> dict[str, Any]:
    """The same facts as pandoc tree metadata: every text a MetaInlines of Str nodes."""
    from vplan.render.tree import nodes as n

    values: dict[str, Any] = {
        "title": meta.title, "subtitle": meta.subtitle, "region": meta.region, "namnd": meta.board,
        "diarienummer": meta.diary_number, "status": meta.status_text, "beslut": meta.decision,
        "datum": meta.date, "utkastmarkering": meta.draft_mark, "upprattad_av": meta.compiled_by,
    }
    out: dict[str, Any] = {k: n.meta_inlines(v) for k, v in values.items() if v}
    out["lang"] = n.meta_string(lang)
    for key, value in (extra or {}).items():
        out[key] = value if isinstance(value, dict) else n.meta_inlines(value)
    return out


def literal(text: str) -> str:
    """Backslash-escape Markdown punctuation so a value is never read as markup."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _parse_date(value: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as err:
        raise RenderError("metadata", f"datum ska skrivas ÅÅÅÅ-MM-DD, inte {value!r}") from err
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
