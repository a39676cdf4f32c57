"""Diagnostics -> text for people and machines. Reporters by output format."""
from __future__ import annotations

import importlib
from types import MappingProxyType

_FORMATS = {"human": "human", "json": "json_", "github": "github", "sarif": "sarif", "gitlab": "gitlab",
            "junit": "junit"}
FORMATS = MappingProxyType(_FORMATS)


def render(fmt: str, result, **kwargs) -> str:
    module = importlib.import_module(f"vplan.report.{_FORMATS[fmt]}")
    return module.render(result, **kwargs)
