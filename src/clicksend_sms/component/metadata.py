"""Build metadata schemas in elastic.io's JSON Schema dialect.

The dialect differs from standard JSON Schema in one way that matters here: ``required`` is a
boolean on each property, not a list on the parent object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from clicksend_sms.objects import FieldSpec, ObjectType

Schema = dict[str, Any]


def field_schema(spec: FieldSpec, *, required: bool | None = None) -> Schema:
    """Return the property schema of one field; ``required`` overrides the field's own flag."""
    types: list[str] = list(spec.types)
    if spec.nullable:
        types.append("null")
    schema: Schema = {
        "type": types[0] if len(types) == 1 else types,
        "title": spec.title or spec.name,
        "required": spec.required if required is None else required,
    }
    if spec.description:
        schema["description"] = spec.description
    return schema


def object_schema(
    fields: Iterable[FieldSpec], *, required: bool | None = None, title: str | None = None
) -> Schema:
    """Return an object schema with one property per field."""
    schema: Schema = {
        "type": "object",
        "properties": {spec.name: field_schema(spec, required=required) for spec in fields},
    }
    if title:
        schema["title"] = title
    return schema


def output_schema(object_type: ObjectType) -> Schema:
    """Return the schema of an object as ClickSend returns it (no property required)."""
    return object_schema(object_type.fields, required=False, title=object_type.label)


def results_schema(item_schema: Schema) -> Schema:
    """Return the schema of ``{"results": [item, ...]}`` for page-wise emission."""
    return {
        "type": "object",
        "properties": {
            "results": {"type": "array", "title": "Results", "required": True, "items": item_schema}
        },
    }


def empty_schema() -> Schema:
    """Return the schema of a step that takes no mapped input."""
    return {"type": "object", "properties": {}}


def to_json_schema(schema: Schema) -> Schema:
    """Convert an elastic.io schema to standard JSON Schema, for validating emitted bodies.

    Boolean ``required`` flags become a ``required`` list on the parent object.
    """
    converted: Schema = {k: v for k, v in schema.items() if k not in ("required", "properties")}
    properties = schema.get("properties")
    if isinstance(properties, dict):
        converted["properties"] = {
            name: to_json_schema(child) for name, child in properties.items()
        }
        required = [name for name, child in properties.items() if child.get("required") is True]
        if required:
            converted["required"] = required
    items = schema.get("items")
    if isinstance(items, dict):
        converted["items"] = to_json_schema(items)
    return converted
