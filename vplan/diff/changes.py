"""What a semantic diff finds: changes by meaning, per plan file."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Summary categories in the order they are listed, with Swedish (singular, plural).
CATEGORIES = {
    "meta.changed": ("uppgift ändrad", "uppgifter ändrade"),
    "section.added": ("avsnitt tillagt", "avsnitt tillagda"),
    "section.removed": ("avsnitt borttaget", "avsnitt borttagna"),
    "section.renamed": ("avsnitt omdöpt", "avsnitt omdöpta"),
    "section.moved": ("avsnitt flyttat", "avsnitt flyttade"),
    "indicator.added": ("indikator tillagd", "indikatorer tillagda"),
    "indicator.removed": ("indikator borttagen", "indikatorer borttagna"),
    "indicator.moved": ("indikator flyttad", "indikatorer flyttade"),
    "indicator.changed": ("indikator ändrad", "indikatorer ändrade"),
    "target.changed": ("målvärde ändrat", "målvärden ändrade"),
    "target.added": ("målvärde tillagt", "målvärden tillagda"),
    "target.removed": ("målvärde borttaget", "målvärden borttagna"),
    "outcome.changed": ("utfall ändrat", "utfall ändrade"),
    "outcome.added": ("utfall tillagt", "utfall tillagda"),
    "outcome.removed": ("utfall borttaget", "utfall borttagna"),
    "assignment.added": ("uppdrag tillagt", "uppdrag tillagda"),
    "assignment.removed": ("uppdrag borttaget", "uppdrag borttagna"),
    "assignment.changed": ("uppdrag ändrat", "uppdrag ändrade"),
    "assignment.moved": ("uppdrag flyttat", "uppdrag flyttade"),
    "intention.added": ("avsikt tillagd", "avsikter tillagda"),
    "intention.removed": ("avsikt borttagen", "avsikter borttagna"),
    "intention.changed": ("avsikt ändrad", "avsikter ändrade"),
    "intention.moved": ("avsikt flyttad", "avsikter flyttade"),
    "table.added": ("tabell tillagd", "tabeller tillagda"),
    "table.removed": ("tabell borttagen", "tabeller borttagna"),
    "table.changed": ("tabell ändrad", "tabeller ändrade"),
    "column.added": ("kolumn tillagd", "kolumner tillagda"),
    "column.removed": ("kolumn borttagen", "kolumner borttagna"),
    "column.changed": ("kolumn ändrad", "kolumner ändrade"),
    "row.added": ("tabellrad tillagd", "tabellrader tillagda"),
    "row.removed": ("tabellrad borttagen", "tabellrader borttagna"),
    "row.changed": ("tabellrad ändrad", "tabellrader ändrade"),
    "row.moved": ("tabellrad flyttad", "tabellrader flyttade"),
    "cell.changed": ("tabellcell ändrad", "tabellceller ändrade"),
    "risk.added": ("risk tillagd", "risker tillagda"),
    "risk.removed": ("risk borttagen", "risker borttagna"),
    "risk.changed": ("risk ändrad", "risker ändrade"),
    "appendix.added": ("bilaga tillagd", "bilagor tillagda"),
    "appendix.removed": ("bilaga borttagen", "bilagor borttagna"),
    "appendix.changed": ("bilaga ändrad", "bilagor ändrade"),
    "block.changed": ("blockrubrik ändrad", "blockrubriker ändrade"),
    "prose.changed": ("stycke ändrat", "stycken ändrade"),
    "prose.added": ("stycke tillagt", "stycken tillagda"),
    "prose.removed": ("stycke borttaget", "stycken borttagna"),
    "footnote.added": ("fotnot tillagd", "fotnoter tillagda"),
    "footnote.removed": ("fotnot borttagen", "fotnoter borttagna"),
    "footnote.changed": ("fotnot ändrad", "fotnoter ändrade"),
    # follow-ups (vplan/diff/followup.py); outcomes use outcome.* above
    "assessment.added": ("bedömning tillagd", "bedömningar tillagda"),
    "assessment.removed": ("bedömning borttagen", "bedömningar borttagna"),
    "assessment.changed": ("bedömning ändrad", "bedömningar ändrade"),
    "status.added": ("uppdragsstatus tillagd", "uppdragsstatusar tillagda"),
    "status.removed": ("uppdragsstatus borttagen", "uppdragsstatusar borttagna"),
    "status.changed": ("uppdragsstatus ändrad", "uppdragsstatusar ändrade"),
}

# File statuses
CHANGED, UNCHANGED, ADDED, DELETED, UNREADABLE = "changed", "unchanged", "added", "deleted", "unreadable"


@dataclass(frozen=True)
class Change:
    """One change by meaning. `text` is the Swedish sentence every report shows."""

    kind: str  # a key of CATEGORIES
    where: tuple[str, ...]  # headings from the chapter down, or ("Uppgifter om planen",)
    text: str  # plain Swedish sentence, without the word-level markup
    subject: dict = field(default_factory=dict)  # stable ids and names, for JSON
    old: Any = None
    new: Any = None
    delta: Any = None  # Decimal difference for numbers
    unit: str | None = None
    words: tuple[tuple[str, str], ...] = ()  # word-level diff: ("=", t), ("-", t), ("+", t)

    def __post_init__(self):
        # Reports show changes as list lines: no closing period ("…lokaler.”." reads badly).
        if self.text.endswith(".") and not self.text.endswith(".."):
            object.__setattr__(self, "text", self.text[:-1])


@dataclass(frozen=True)
class FileDiff:
    path: str
    status: str  # CHANGED, UNCHANGED, ADDED, DELETED or UNREADABLE
    changes: tuple[Change, ...] = ()
    old_path: str | None = None  # when git saw a rename
    title: str | None = None  # the plan's title, for added and deleted plans
    overview: str | None = None  # "3 kapitel, 12 indikatorer …" for added and deleted plans
    warning: str | None = None  # why a line diff is shown instead
    line_diff: tuple[str, ...] = ()

    def counts(self) -> Counter:
        return Counter(c.kind for c in self.changes)

    @property
    def changed(self) -> bool:
        return self.status != UNCHANGED


@dataclass(frozen=True)
class DiffResult:
    files: tuple[FileDiff, ...]
    old_label: str
    new_label: str

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.files)


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(fd: FileDiff) -> str:
    """'2 målvärden ändrade, 1 uppdrag tillagt' (or the file's status in words)."""
    if fd.status == ADDED:
        return "ny plan" + (f" ({fd.overview})" if fd.overview else "")
    if fd.status == DELETED:
        return "planen är borttagen" + (f" ({fd.overview})" if fd.overview else "")
    if fd.status == UNREADABLE:
        return "kan inte jämföras i sak, visar ändrade rader"
    counts = fd.counts()
    parts = [plural(counts[k], *CATEGORIES[k]) for k in CATEGORIES if counts.get(k)]
    text = ", ".join(parts) if parts else "inga ändringar i sak"
    if fd.old_path and fd.old_path != fd.path:
        text = f"flyttad från {fd.old_path}; " + text
    return text
