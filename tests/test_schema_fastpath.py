"""The fast yes/no validator must never accept what the full validator rejects."""
import copy
import json
from pathlib import Path

import pytest

from vplan.read.schemas import _fast, _jsonable, _validator

CASES = Path(__file__).parent / "cases" / "schema"


def _cases():
    for f in sorted(CASES.glob("*.json")):
        for i, case in enumerate(json.loads(f.read_text(encoding="utf-8"))):
            yield pytest.param(case["schema"], case["data"], case["valid"], id=f"{f.stem}-{i}")


@pytest.mark.parametrize("schema,data,valid", list(_cases()))
def test_fast_and_full_agree(schema, data, valid):
    full_ok = not list(_validator(schema, None).iter_errors(copy.deepcopy(data)))
    fast = _fast(schema, None)
    try:
        fast(_jsonable(data))
        fast_ok = True
    except Exception:
        fast_ok = False
    assert full_ok == valid
    assert fast_ok == full_ok
