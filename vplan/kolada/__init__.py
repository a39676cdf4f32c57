"""`vplan kolada`: outcomes from Kolada's open API written into a follow-up, as a change to review.

- client.py: the HTTP side: one KPI for one municipality and some years, paging, every failure in Swedish
- fill.py: what the follow-up needs (indicators with a Kolada id, years) and what to add, keep or report
- edit.py: the follow-up's text with the values added to its utfall blocks, verified by reading it back
- command.py: the whole run: read, fetch, edit, write atomically, report
"""
from __future__ import annotations
