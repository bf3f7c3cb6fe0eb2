"""Upsert inputs for SMS Templates, SMS Campaigns, Lists and Contacts: metadata and checks.

The writable fields come from the object-type table. Create requires the fields ClickSend
requires. Update requires only the id (``idValue``, plus ``listId`` for a contact) and at
least one field to change, because omitted fields keep their current values. Every input is
checked before any request, and every bad field is named in one error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from clicksend_sms.actions import inputs
from clicksend_sms.component.metadata import Schema, field_schema
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.objects import FieldSpec, ObjectType, Operation
from clicksend_sms.sms.input_errors import ErrorCollector
from clicksend_sms.sms.schedule import parse_schedule
from clicksend_sms.sms.sender import check_sender

# Upsert shows Contact List as "List", the name ClickSend's dashboard uses.
UPSERT_LABELS = {"contactList": "List"}

# Fields that stay required on update, because the type has nothing else to change.
REQUIRED_ON_UPDATE = {"contactList": ("list_name",)}


@dataclass(frozen=True)
class UpsertInput:
    """Checked input: the ids in path form and the ClickSend fields to write."""

    object_id: str | None = None
    parent_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


def upsert_label(object_type: ObjectType) -> str:
    return UPSERT_LABELS.get(object_type.key, object_type.label)


def input_schema(object_type: ObjectType, operation: Operation) -> Schema:
    """Return the ``in`` schema: id inputs first, then the writable fields."""
    properties: dict[str, Schema] = {}
    if operation is Operation.UPDATE:
        properties[inputs.ID_FIELD] = _id_property(object_type)

    if object_type.has_parent:
        properties[inputs.LIST_ID_FIELD] = inputs.list_id_schema()

    for spec in object_type.writable_fields:
        required = _is_required(object_type, spec, operation)
        properties[spec.name] = field_schema(spec, required=required)

    return {"type": "object", "properties": properties}


def parse_input(
    object_type: ObjectType, operation: Operation, body: Mapping[str, Any], now: float
) -> UpsertInput:
    """Return the checked ids and fields of ``body``; raise InvalidInputError naming each bad field.

    ``None`` means "not given". An empty string is sent as given, which clears an optional
    field; a field that ClickSend requires cannot be blank.
    """
    collector = ErrorCollector()
    _reject_unknown(object_type, operation, body, collector)

    object_id = None
    if operation is Operation.UPDATE:
        object_id = collector.check(inputs.object_id, object_type, body.get(inputs.ID_FIELD))
    parent_id = collector.check(inputs.parent_id, object_type, body.get(inputs.LIST_ID_FIELD))

    fields: dict[str, Any] = {}
    for spec in object_type.writable_fields:
        if body.get(spec.name) is None:
            continue
        value = collector.check(_clean_value, spec, body[spec.name], now)
        if value is not None:
            fields[spec.name] = value

    for error in _presence_errors(object_type, operation, body, fields):
        collector.add(error)

    collector.raise_if_any()
    return UpsertInput(object_id, parent_id, fields)


def _id_property(object_type: ObjectType) -> Schema:
    return {
        "type": "integer",
        "title": f"{upsert_label(object_type)} ID",
        "required": True,
        "description": f"The {object_type.id_field} of the object to update.",
    }


def _is_required(object_type: ObjectType, spec: FieldSpec, operation: Operation) -> bool:
    if operation is Operation.CREATE:
        return spec.required

    return spec.name in REQUIRED_ON_UPDATE.get(object_type.key, ())


def _allowed_keys(object_type: ObjectType, operation: Operation) -> list[str]:
    keys = [spec.name for spec in object_type.writable_fields]
    if object_type.has_parent:
        keys.insert(0, inputs.LIST_ID_FIELD)
    if operation is Operation.UPDATE:
        keys.insert(0, inputs.ID_FIELD)
    return keys


def _reject_unknown(
    object_type: ObjectType,
    operation: Operation,
    body: Mapping[str, Any],
    collector: ErrorCollector,
) -> None:
    allowed = _allowed_keys(object_type, operation)
    for key in body:
        if key in allowed:
            continue

        fix = f"{upsert_label(object_type)} {operation} does not accept this input. Use: "
        if key == inputs.ID_FIELD:
            fix = "Create makes a new object and takes no id; choose the update operation. Use: "
        collector.add(InvalidInputError(key, body[key], fix + ", ".join(allowed) + "."))


def _clean_value(spec: FieldSpec, value: Any, now: float) -> Any:
    """Return the value to send for one field, or raise InvalidInputError naming it."""
    if spec.name == "schedule":
        return parse_schedule(value, spec.name, now)

    if spec.name == "from":
        return check_sender(value, spec.name)

    if spec.types[0] == "integer":
        return inputs.integer_id(value, spec.name, spec.title or spec.name)

    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidInputError(
            spec.name, value, "Use a single text value, not an array, object or boolean."
        )

    return value if isinstance(value, str) else str(value)


def _presence_errors(
    object_type: ObjectType,
    operation: Operation,
    body: Mapping[str, Any],
    fields: Mapping[str, Any],
) -> list[InvalidInputError]:
    """Return errors for required fields that are missing or blank, and for an empty update."""
    errors = []
    label = upsert_label(object_type)

    for spec in object_type.writable_fields:
        given = body.get(spec.name) is not None
        blank = given and inputs.is_blank(body[spec.name])
        required = _is_required(object_type, spec, operation)
        if (required and not given) or (spec.required and blank):
            errors.append(
                InvalidInputError(spec.name, body.get(spec.name), f"{label} needs a {spec.title}.")
            )

    one_of = _one_of_error(object_type, operation, body, fields)
    if one_of is not None:
        errors.append(one_of)

    names = [spec.name for spec in object_type.writable_fields]
    nothing_to_change = all(body.get(name) is None for name in names)
    if operation is Operation.UPDATE and nothing_to_change and not errors:
        fix = f"Give at least one field to change: {', '.join(names)}."
        errors.append(InvalidInputError(names[0], None, fix))

    return errors


def _one_of_error(
    object_type: ObjectType,
    operation: Operation,
    body: Mapping[str, Any],
    fields: Mapping[str, Any],
) -> InvalidInputError | None:
    """Check that a contact keeps a phone number, email or fax number."""
    names = object_type.create_requires_one_of
    if not names:
        return None

    has_one = any(not inputs.is_blank(fields.get(name)) for name in names)
    if operation is Operation.CREATE and not has_one:
        fix = f"Give at least one of: {', '.join(names)}."
        return InvalidInputError(names[0], body.get(names[0]), fix)

    clears_all = all(name in body and inputs.is_blank(body[name]) for name in names)
    if operation is Operation.UPDATE and clears_all:
        fix = f"A contact keeps at least one of {', '.join(names)}; do not clear all of them."
        return InvalidInputError(names[0], body.get(names[0]), fix)

    return None
