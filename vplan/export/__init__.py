"""`vplan export`: every number and judgement of plans and follow-ups as one tidy table.

- facts.py: the columns, and a plan's facts (indicator outcomes and targets, table cells)
- followup.py: a follow-up's facts (outcomes per period, goal assessments, assignment status)
- run.py: read and check files in parallel, keep only the facts of files without errors
- formats.py: the writers by format name (csv, csv-excel, json, xlsx); xlsx.py writes the workbook
"""
from __future__ import annotations
