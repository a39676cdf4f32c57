"""The fast yes/no validator must never accept what the full validator rejects."""
import copy
import json
import re
from pathlib import Path

import pytest

from vplan.read.schemas import _fast, _validator

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
        fast(data)
        fast_ok = True
    except Exception:
        fast_ok = False
    assert full_ok == valid
    assert fast_ok == full_ok


# --- the shipped validators and the cache folder ------------------------------------------------

def test_shipped_validators_are_current():
    """vplan/read/_validators/ is what `make validators` writes from today's schemas."""
    from vplan.read.schemas import load_schema
    from vplan.read.validators import builtin_names, generate

    folder = Path(__file__).resolve().parent.parent / "vplan" / "read" / "_validators"
    assert {"framsida", "tabell", "profil"} <= set(builtin_names())
    assert sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__") == builtin_names()
    import fastjsonschema

    from vplan.read.validators import key, prepared

    for name in builtin_names():
        shipped = (folder / f"{name}.py").read_text(encoding="utf-8")
        made_with = re.search(r"^FASTJSONSCHEMA = '([^']+)'$", shipped, re.MULTILINE).group(1)
        if made_with == fastjsonschema.VERSION:
            want = generate(name, load_schema(name), load_schema("block"))
            assert shipped == want, f"run make validators ({name})"
        else:  # another fastjsonschema (the lowest-versions run) writes other code; the schemas are still today's
            schema, shared, _ = prepared(name, load_schema(name), load_schema("block"))
            assert f"KEY = {key(schema, shared, made_with)!r}" in shipped, f"run make validators ({name})"


def test_a_file_planted_in_the_cache_folder_is_never_run(tmp_path):
    """Issue 9: schema-*.bin in $XDG_CACHE_HOME/vplan used to be exec'd by the next check."""
    import marshal
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    cache = tmp_path / "cache" / "vplan"
    cache.mkdir(parents=True)
    proof = tmp_path / "ran"
    payload = compile(f"open({str(proof)!r}, 'w').write('x')\ndef validate(data): return data\n", "<planted>", "exec")
    for name in ("framsida", "indikatorer", "tabell", "uppdrag", "risker", "bilagor"):
        for suffix in ("", "-0123456789abcdef01234567"):
            (cache / f"schema-{name}{suffix}.bin").write_bytes(marshal.dumps(("validate", payload)))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path),
           "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-m", "vplan", "check", "--project", str(root), str(root / "plans")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not proof.exists()
    assert sorted(p.name for p in cache.iterdir()) == sorted(p.name for p in cache.iterdir()
                                                              if p.name.endswith(".bin"))  # nothing new written


def test_a_project_schema_is_compiled_in_memory(tmp_path):
    """A region's own schema differs from the shipped one: its validator is generated, not cached."""
    from vplan.read.schemas import load_schema
    from vplan.read.validators import load

    schema = copy.deepcopy(load_schema("risker"))
    schema["properties"]["rubrik"] = {"type": "integer"}
    fast = load("risker", schema, load_schema("block"))
    fast({"risker": [{"titel": "A"}], "rubrik": 3})
    with pytest.raises(Exception):
        fast({"risker": [{"titel": "A"}], "rubrik": "text"})
