"""The document model: frozen, typed data built by the reader.

Everything after `vplan.read` works on these objects only; each object that
came from the source carries a `Pos` so diagnostics can point at it.
"""
from vplan.model.core import Pos, Diagnostic, Severity
from vplan.model.plan import (
    Plan, Meta, Decision, Signature, Section, Prose, Footnote, Block,
    IndicatorBlock, Indicator, AssignmentBlock, Assignment, IntentionBlock, Intention,
    Table, Column, Row, ScaleStep, COLOURS, status_code, RiskBlock, Risk, AppendixBlock, Appendix,
    Value, Number, Text, PerOrg, BadBlock, YearValue, FootnoteRef, Item,
)

__all__ = [
    "Pos", "Diagnostic", "Severity", "Plan", "Meta", "Decision", "Signature", "Section",
    "Prose", "Footnote", "Block", "IndicatorBlock", "Indicator",
    "AssignmentBlock", "Assignment", "IntentionBlock", "Intention", "Table", "Column", "Row",
    "ScaleStep", "COLOURS", "status_code", "RiskBlock",
    "Risk", "AppendixBlock", "Appendix", "Value", "Number", "Text", "PerOrg",
    "BadBlock", "YearValue", "FootnoteRef", "Item",
]
