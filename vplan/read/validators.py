"""Compiled yes/no validators (fastjsonschema) for the schemas, without a code cache.

Generating and compiling a validator costs ~15 ms a schema. The built-in schemas'
validators are generated ahead of time into vplan/read/_validators/ (part of the
installed package, so as trusted as the rest of vplan; `make validators` rewrites
them and a test keeps them current). A region's own schemas are compiled in memory
at each start. Nothing executable is ever read from a user-writable cache folder:
a file planted there must not run the next time someone checks a plan.
"""
from __future__ import annotations

import copy
import hashlib
import importlib
import json
import re

PACKAGE = "vplan.read._validators"


def prepared(name: str, schema: dict, shared: dict) -> tuple[dict, dict, dict]:
    """Copies fastjsonschema may rewrite, a handler for the shared schema, and no other $ref."""
    shared = copy.deepcopy(shared)
    schema = copy.deepcopy(schema)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    for root in (schema, shared):
        _exclusive_to_any(root, root, shared)

    from vplan.read.schemas import SHARED_URIS

    def resolve(uri: str):
        if uri.partition("#")[0] in SHARED_URIS:
            return shared
        raise ValueError(uri)  # never the network, never a file: see schemas._check_refs

    return schema, shared, {"https": resolve, "http": resolve, "file": resolve}


# JSON types a value of each kind has; "integer" values are numbers too.
_OVERLAPS = {"integer": {"integer", "number"}, "number": {"integer", "number"}}


def _exclusive_to_any(node, root: dict, shared: dict) -> None:
    """oneOf over branches of disjoint types -> anyOf: the same yes/no, without trying every branch.

    fastjsonschema checks each oneOf branch by raising an exception when it fails; a cell
    that is a number then raised twice. When no value can be of two branches' types at once,
    at most one branch can match, so "exactly one" is "at least one", which stops at the first.
    """
    if isinstance(node, list):
        for item in node:
            _exclusive_to_any(item, root, shared)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _exclusive_to_any(value, root, shared)
    branches = node.get("oneOf")
    if isinstance(branches, list):
        types = [_types(b, root, shared, 0) for b in branches]
        if all(types) and all(not (_widen(a) & _widen(b)) for i, a in enumerate(types) for b in types[i + 1:]):
            node["anyOf"] = node.pop("oneOf")


def _widen(types: set) -> set:
    return set().union(*(_OVERLAPS.get(t, {t}) for t in types))


def _types(branch, root: dict, shared: dict, depth: int) -> set | None:
    """The JSON types a branch can match, or None when that is not plain from the schema."""
    if not isinstance(branch, dict) or depth > 8:
        return None
    ref = branch.get("$ref")
    if ref is not None:
        doc, _, pointer = ref.partition("#")
        target = root if not doc else shared if shared.get("$id", "").endswith(doc) else None
        for part in pointer.strip("/").split("/") if pointer else []:
            target = target.get(part) if isinstance(target, dict) else None
        return _types(target, root if not doc else shared, shared, depth + 1)
    if isinstance(branch.get("type"), str):
        return {branch["type"]}
    alternatives = branch.get("oneOf") or branch.get("anyOf")
    if isinstance(alternatives, list) and len(branch.keys() - {"description"}) == 1:
        found = [_types(b, root, shared, depth + 1) for b in alternatives]
        return set().union(*found) if all(found) else None
    return None


# Which rewriting of fastjsonschema's code (_yes_or_no) a validator has: part of its key, so a
# change there makes `make validators` necessary (and the shipped-validators test says so).
REWRITE = 2


def key(schema: dict, shared: dict, version: str) -> str:
    text = json.dumps([schema, shared, version, REWRITE], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def source(name: str, schema: dict, shared: dict, handlers: dict, fastjsonschema) -> tuple[str, str]:
    """(Python source, name of the root function) of the validator for one schema."""
    code = fastjsonschema.compile_to_code(schema, handlers=handlers, use_formats=False)
    code = _yes_or_no(_LOCALS_FORMAT.sub(_as_fstring, code))
    entry = re.search(r"^def (\w+)\(", code, re.MULTILINE).group(1)  # the first is the root
    return code, entry


_INVALID = (
    "class _Invalid(JsonSchemaValueException):\n"
    '    """A yes/no validator says no; schemas.validate asks the full validator for the words."""\n\n'
    "    def __init__(self):\n"
    "        Exception.__init__(self)\n\n\n")


def _yes_or_no(code: str) -> str:
    """fastjsonschema's code names every value it descends into and words every failure, with
    the schema part as a dict literal; a oneOf or anyOf branch that does not match fails that
    way too, for most values. Only yes or no is used (schemas.validate), so a call passes no
    name and a failure raises a bare _Invalid: the same checks in the same order, without
    building texts that are never read."""
    import ast

    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id.startswith("validate_") and len(node.args) == 3:
            node.args[2] = ast.Constant(None)
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                and isinstance(node.exc.func, ast.Name) and node.exc.func.id == "JsonSchemaValueException":
            node.exc = ast.Name("_Invalid", ast.Load())
    body = ast.unparse(ast.fix_missing_locations(tree))
    first_def = re.search(r"^def ", body, re.MULTILINE).start()
    return body[:first_def] + _INVALID + body[first_def:] + "\n"


# fastjsonschema names every list item it descends into with "...[{i}]".format(**locals()),
# also when the item is valid: a call to locals() per item. The same text as an f-string.
_LOCALS_FORMAT = re.compile(r'"((?:[^"\\]|\\.)*)"\.format\(\*\*locals\(\)\)')


def _as_fstring(m: re.Match) -> str:
    literal = m.group(1)
    if re.sub(r"\{\w+\}", "", literal).count("{") or "}" in re.sub(r"\{\w+\}", "", literal):
        return m.group(0)  # braces other than {name}: leave as fastjsonschema wrote it
    return f'f"{literal}"'


def load(name: str, schema: dict, shared: dict):
    """The validator function, shipped when the schema is a built-in one, else compiled now."""
    import fastjsonschema

    schema, shared, handlers = prepared(name, schema, shared)
    wanted = key(schema, shared, fastjsonschema.VERSION)
    try:
        module = importlib.import_module(f"{PACKAGE}.{name.replace('-', '_')}")
    except ImportError:
        module = None
    if module is not None and getattr(module, "KEY", None) == wanted:
        return getattr(module, module.ENTRY)
    code, entry = source(name, schema, shared, handlers, fastjsonschema)
    namespace: dict = {}
    exec(compile(code, f"<vplan schema {name}>", "exec"), namespace)  # generated now, from the schema read now
    return namespace[entry]


def generate(name: str, schema: dict, shared: dict) -> str:
    """The text of vplan/read/_validators/<name>.py for a built-in schema."""
    import fastjsonschema

    schema, shared, handlers = prepared(name, schema, shared)
    wanted = key(schema, shared, fastjsonschema.VERSION)  # before generating: it rewrites $refs in place
    code, entry = source(name, schema, shared, handlers, fastjsonschema)
    return (f'"""Generated by `make validators` from schema/{name}.schema.json: do not edit."""\n'
            f"# flake8: noqa\nKEY = {wanted!r}\nENTRY = {entry!r}\nFASTJSONSCHEMA = {fastjsonschema.VERSION!r}\n\n"
            + code.rstrip("\n") + "\n")


def builtin_names() -> list[str]:
    """Every built-in schema a plan or profile is validated against (block.schema.json is shared)."""
    from vplan.read.schemas import builtin_schema_dir

    from vplan.read.schemas import OUTPUT_SCHEMAS

    names = (p.name.removesuffix(".schema.json") for p in builtin_schema_dir().glob("*.schema.json"))
    return sorted(n for n in names if n != "block" and n not in OUTPUT_SCHEMAS)


def main() -> None:
    """Rewrite vplan/read/_validators/ from the built-in schemas."""
    from pathlib import Path

    from vplan.read.schemas import load_schema

    folder = Path(__file__).resolve().parent / "_validators"
    folder.mkdir(exist_ok=True)
    (folder / "__init__.py").write_text('"""Validators generated from the built-in schemas; see vplan.read.validators."""\n',
                                        encoding="utf-8")
    for name in builtin_names():
        text = generate(name, load_schema(name), load_schema("block"))
        (folder / f"{name}.py").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
