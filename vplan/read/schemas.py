"""JSON Schema validation of front matter and blocks, with Swedish messages.

The schemas are data (schema/*.schema.json); this module only loads them and
turns jsonschema's errors into diagnostics that point at the exact key.
"""
from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path

from vplan.errors import UsageError
from vplan.model import Diagnostic, Severity
from vplan.read.yamlload import Located

BLOCK_TYPES = ("indikatorer", "uppdrag", "avsikter", "tabell", "risker", "bilagor")
# Schemas of what vplan writes, not of anything it reads: no validator, no editor association.
OUTPUT_SCHEMAS = ("export",)
_TYPE_NAMES = {"string": "en text", "integer": "ett heltal", "number": "ett tal",
               "object": "nycklar med värden", "array": "en lista", "boolean": "true eller false",
               "null": "tomt"}


def builtin_schema_dir() -> Path:
    from vplan.paths import builtin

    return builtin("schema")


@lru_cache(maxsize=None)
def load_schema(name: str, schema_dir: str | None = None) -> dict:
    from vplan.paths import require_inside

    base = Path(schema_dir) if schema_dir else builtin_schema_dir()
    path = base / f"{name}.schema.json"
    if not path.exists():
        path = builtin_schema_dir() / f"{name}.schema.json"
    elif schema_dir:
        require_inside(path, base.parent, "Schemat")  # a project's schema/ lies in the project
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"Schemat {path} kan inte läsas ({exc}).",
                         "Rätta filen, eller ta bort den så att vplans inbyggda schema används.") from None
    _check_refs(doc, path)
    if isinstance(doc, dict):
        doc["$id"] = f"{SCHEMA_BASE}{name}.schema.json"
    return doc


# The schema files have no $id, so an editor finds block.schema.json beside the schema it
# opened, offline. Inside vplan each schema gets an $id under the reserved .invalid domain,
# which no one can register or look up: references resolve against it, nothing is fetched.
SCHEMA_BASE = "https://vplan.invalid/schema/"
_LEGACY_BASE = "https://vplan.se/schema/"  # the $id of the schemas until 0.1; a region's copy may keep it
SHARED_URIS = (f"{SCHEMA_BASE}block.schema.json", f"{_LEGACY_BASE}block.schema.json")

# A schema may point into itself (#/...) and to the shared block schema; never to a file or the network.
_SHARED_REF = re.compile(r"^(?:block\.schema\.json|https://vplan\.se/schema/block\.schema\.json)(?:#.*)?$")


def _check_refs(doc, path: Path) -> None:
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref is not None and not (isinstance(ref, str) and (ref.startswith("#") or _SHARED_REF.match(ref))):
                raise UsageError(f"Schemat {path} hänvisar till {ref!r} med $ref. Ett schema får bara hänvisa "
                                 "inom sig självt (#/…) och till block.schema.json; vplan hämtar aldrig filer "
                                 "eller adresser på nätet.", "Kopiera in definitionen i schemat i stället.")
            stack += node.values()
        elif isinstance(node, list):
            stack += node


@lru_cache(maxsize=None)
def _validator(name: str, schema_dir: str | None):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    shared = Resource.from_contents(load_schema("block", schema_dir))
    registry = Registry().with_resources((uri, shared) for uri in SHARED_URIS)
    schema = load_schema(name, schema_dir)
    return Draft202012Validator(schema, registry=registry)


def property_order(name: str, schema_dir: str | None = None) -> list[str]:
    return list(load_schema(name, schema_dir).get("properties", {}))


@lru_cache(maxsize=None)
def _fast(name: str, schema_dir: str | None):
    """A compiled yes/no validator: most blocks are valid, and this is ~30x faster."""
    try:
        from vplan.read.validators import load
    except ImportError:
        return None
    try:
        return load(name, load_schema(name, schema_dir), load_schema("block", schema_dir))
    except Exception:
        return None  # the full validator decides, with precise messages


def validate(name: str, located: Located, schema_dir: str | None = None) -> list[Diagnostic]:
    fast = _fast(name, schema_dir)
    if fast is not None:
        try:
            fast(located.data)  # Decimal is a number to it; an integer-valued Decimal falls through
            return []
        except Exception:
            pass  # fall through to the full validator for precise messages
    validator = _validator(name, schema_dir)
    found = []
    for error in validator.iter_errors(located.data):
        found += [(tuple(error.absolute_path), d) for d in _to_diagnostics(error, located)]
    diags = _drop_missing_when_misspelled(found)
    # One clear message per place: the deepest, most specific wins.
    seen, unique = set(), []
    for d in sorted(diags, key=lambda d: (d.pos.line, d.pos.column, d.code)):
        key = (d.pos.line, d.pos.column)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


def _drop_missing_when_misspelled(found) -> list[Diagnostic]:
    """"nman:" gives "unknown key nman, did you mean namn?"; "namn missing" there adds nothing."""
    suggested = {(path, d.hint.split("”")[1]) for path, d in found
                 if d.code == "VP010" and d.hint and d.hint.startswith("Menade du")}
    return [d for path, d in found
            if not (d.code == "VP012" and (path, d.message.split("”")[1]) in suggested)]


def _best(error):
    """For oneOf/anyOf, the sub-error that best explains the problem."""
    from jsonschema.exceptions import best_match

    if error.validator in ("oneOf", "anyOf") and error.context:
        return best_match(error.context)
    return error


def _to_diagnostics(error, located: Located) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    name = _name(path)
    v = error.validator
    if v == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        out = []
        for key in error.instance:
            if key in allowed:
                continue
            hint = _suggest(key, allowed)
            out.append(Diagnostic(
                "VP010", Severity.ERROR, f"Okänd nyckel ”{key}”{_where(path)}.",
                located.pos(path + (key,), key=True),
                hint or f"Tillåtna nycklar här: {', '.join(allowed)}."))
        return out
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [Diagnostic("VP012", Severity.ERROR, f"Nyckeln ”{missing}” saknas{_where(path)}.",
                           located.pos(path), f"Lägg till {missing}: …")]
    if v in ("oneOf", "anyOf"):
        rich = _rich_errors(error)
        if rich:
            return [d for e in rich for d in _to_diagnostics(e, located)]
        if path and path[-2:-1] and _is_year_map(path):
            return [Diagnostic("VP011", Severity.ERROR,
                               f"Värdet för {path[-1]} ska vara ett tal, en text eller ett tal per organisation.",
                               located.pos(path), "Skriv till exempel 2025: 75, 2025: Bibehålla/öka eller RVN: 72 på egen rad.")]
        sub = _best(error)
        if sub is not error:
            return _to_diagnostics(sub, located)
    if v == "propertyNames":
        return [Diagnostic("VP011", Severity.ERROR, f"”{error.instance}” är inget årtal{_where(path)}.",
                           located.pos(path + (error.instance,), key=True),
                           "Skriv fyrsiffriga årtal som nycklar, till exempel 2025: 6.")]
    if v == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        names = " eller ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        return [Diagnostic("VP011", Severity.ERROR, f"{name} ska vara {names}.",
                           located.pos(path), _type_hint(wanted, error.instance))]
    if v == "enum":
        options = [str(o) for o in error.validator_value]
        hint = _suggest(str(error.instance), options) or f"Tillåtna värden: {', '.join(options)}."
        return [Diagnostic("VP011", Severity.ERROR,
                           f"Ogiltigt värde ”{error.instance}” för {name}.", located.pos(path), hint)]
    if v == "pattern":
        if path and path[-1] in ("datum", "senast"):
            hint = "Skriv datum som ÅÅÅÅ-MM-DD, till exempel 2025-12-31."
        elif path and path[-1] in ("id",):
            hint = "Ett id består av små bokstäver, siffror, - och _, till exempel hme-total."
        elif path and path[-1] in ("mall", "profil"):
            hint = "Skriv namnet med små bokstäver, siffror och bindestreck."
        else:
            hint = "Kontrollera stavningen."
        return [Diagnostic("VP011", Severity.ERROR, f"Ogiltigt värde ”{error.instance}” för {name}.",
                           located.pos(path), hint)]
    if v in ("minimum", "maximum"):
        return [Diagnostic("VP011", Severity.ERROR,
                           f"Värdet {error.instance} för {name} är utanför det tillåtna intervallet.",
                           located.pos(path), "Kontrollera årtalet eller talet.")]
    if v in ("minItems", "minLength", "minProperties"):
        return [Diagnostic("VP011", Severity.ERROR, f"{name} får inte vara tom.", located.pos(path),
                           "Fyll i ett värde eller ta bort nyckeln.")]
    if v == "uniqueItems":
        return [Diagnostic("VP011", Severity.ERROR, f"{name} innehåller samma värde två gånger.",
                           located.pos(path), "Ta bort dubbletten.")]
    return [Diagnostic("VP011", Severity.ERROR, f"Ogiltigt värde för {name}.", located.pos(path),
                       "Se formatbeskrivningen i docs/format.md.")]


def _rich_errors(error) -> list:
    """{värde: 75, radspan: 2}: a value with additions is judged as one, so the
    message names the misspelt key instead of listing every form a value may take."""
    if not (isinstance(error.instance, dict) and {"värde", "radspann", "not"} & set(error.instance)):
        return []
    for i, branch in enumerate(error.validator_value):
        if isinstance(branch, dict) and "med_tillägg" in str(branch.get("$ref", "")):
            return [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == i]
    return []


def _is_year_map(path) -> bool:
    return len(path) >= 2 and path[-2] in ("utfall", "mål")


def _name(path) -> str:
    keys = [p for p in path if isinstance(p, str)]
    return f"”{keys[-1]}”" if keys else "blocket"


def _where(path) -> str:
    keys = [p for p in path if isinstance(p, str)]
    return f" i ”{keys[-1]}”" if keys else ""


def _type_hint(wanted, instance) -> str:
    if "number" in wanted or "integer" in wanted:
        if isinstance(instance, str) and any(ch.isdigit() for ch in instance):
            return "Skriv talet utan mellanslag och med punkt som decimaltecken, till exempel 2259 eller 3.5."
        return "Skriv ett tal, till exempel 2025."
    if "array" in wanted:
        return "Skriv en lista med en punkt (- ) per rad."
    if "object" in wanted:
        return "Skriv nycklar med värden, en per rad och indragna under nyckeln."
    if "string" in wanted:
        return "Skriv en text. Sätt citattecken runt den om den ser ut som ett tal."
    return "Se formatbeskrivningen i docs/format.md."


def _suggest(word: str, options) -> str | None:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not match:
        folded = {o.translate(str.maketrans("åäö", "aao")): o for o in options}
        match2 = difflib.get_close_matches(word.translate(str.maketrans("åäö", "aao")), folded, n=1, cutoff=0.6)
        match = [folded[match2[0]]] if match2 else []
    return f"Menade du ”{match[0]}”?" if match else None
