"""The canonical key order of front matter and blocks, read from schema/*.schema.json.

A schema node's `properties` lists keys in the order officials should see
them; we follow `$ref`s (local and to block.schema.json) and `items` so
nested objects (indicators, rows, columns, sub-rows) get their order too.
"""
from __future__ import annotations

from functools import cached_property, lru_cache

from vplan.read.schemas import load_schema


class SchemaNode:
    """One place in a schema: what key order applies here and what lies below."""

    def __init__(self, schema: dict, root: dict, schema_dir: str | None):
        self._schema_dir = schema_dir
        self._root = root
        self.schema = self._resolve(schema)
        self._children: dict = {}  # the same place below is asked for once per key and item

    def _resolve(self, schema: dict) -> dict:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 16:
            ref = schema["$ref"]
            doc_name, _, pointer = ref.partition("#")
            if doc_name:
                name = doc_name.rsplit("/", 1)[-1].removesuffix(".schema.json")
                self._root = load_schema(name, self._schema_dir)
            target = self._root
            for part in filter(None, pointer.split("/")):
                target = target[part]
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **extra}
            seen += 1
        if not isinstance(schema, dict):
            return {}
        if "properties" not in schema:
            # A value that may be written plain or as a mapping ({värde: 75, radspann: 2}):
            # the mapping's branch gives the order.
            for branch in [*schema.get("oneOf", ()), *schema.get("anyOf", ())]:
                root = self._root
                resolved = self._resolve(branch) if isinstance(branch, dict) else {}
                if "properties" in resolved:
                    return {**resolved, **{k: v for k, v in schema.items() if k not in ("oneOf", "anyOf")}}
                self._root = root
        return schema

    @property
    def order(self) -> list[str]:
        return list(self.schema.get("properties", {}))

    @cached_property
    def rank(self) -> dict:
        """Each key's place in `order`."""
        return {k: i for i, k in enumerate(self.order)}

    def child(self, key) -> "SchemaNode":
        props = self.schema.get("properties", {})
        if isinstance(key, str) and key in props:
            slot = ("properties", key)
        elif isinstance(key, int) and "items" in self.schema:  # year keys are ints too
            slot = ("items",)
        else:
            slot = ("additionalProperties",)
        node = self._children.get(slot)
        if node is None:
            sub = props[key] if len(slot) == 2 else self.schema.get(slot[0], {})
            node = self._children[slot] = SchemaNode(sub if isinstance(sub, dict) else {}, self._root,
                                                     self._schema_dir)
        return node


@lru_cache(maxsize=None)
def root(name: str, schema_dir: str | None = None) -> SchemaNode:
    doc = load_schema(name, schema_dir)
    return SchemaNode(doc, doc, schema_dir)
