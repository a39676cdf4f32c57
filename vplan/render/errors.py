"""The one exception the render layer raises, with a Swedish message for the user."""
from __future__ import annotations


class RenderError(Exception):
    """A build step failed; `step` names it, `str(err)` is the message shown to the user.

    Example: ``RenderError("pandoc kunde inte göra PDF-källan", "okänd tabell")``
    gives ``pandoc kunde inte göra PDF-källan: okänd tabell``.
    """

    def __init__(self, step: str, detail: str = "") -> None:
        self.step = step
        self.detail = detail.strip()
        super().__init__(f"{step}: {self.detail}" if self.detail else step)
