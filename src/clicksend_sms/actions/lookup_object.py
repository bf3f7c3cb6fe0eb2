"""Lookup Object By ID: fetch one SMS Receipt, SMS Campaign, Contact List or Contact.

Input ``idValue`` (and ``listId`` for a contact) is checked before any request. SMS Receipts
are read with ``GET /sms/receipts/{message_id}``, which also returns receipts already marked
read. Emits the object as ClickSend returns it; a missing object is a NotFoundError naming
the type and id.
"""

from __future__ import annotations

from typing import Any

from clicksend_sms.actions import inputs
from clicksend_sms.actions.not_found import as_not_found, describe_object
from clicksend_sms.api import ClickSendClient
from clicksend_sms.component import ExecutionContext, Message
from clicksend_sms.component.metadata import Schema, output_schema
from clicksend_sms.errors import NotFoundError, PermissionDeniedError, ResponseFormatError
from clicksend_sms.objects import ObjectType, Operation, get_object_type, select_model

OPERATION = Operation.LOOKUP


def process(
    context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
) -> dict[str, Any]:
    """Return the object named by ``idValue`` (and ``listId``); the runner emits it."""
    del context, snapshot
    object_type = get_object_type(cfg.get("objectType"), OPERATION)
    object_id, parent_id = read_id_inputs(object_type, message.body, "lookup")
    path = inputs.item_path(object_type, object_id, parent_id)

    with ClickSendClient.from_config(cfg) as client:
        try:
            response = client.request("GET", path)
        except (NotFoundError, PermissionDeniedError) as error:
            missing = as_not_found(object_type, object_id, parent_id, error)
            if missing is None:
                raise
            raise missing from error

    if not isinstance(response.data, dict):
        described = describe_object(object_type, object_id, parent_id)
        raise ResponseFormatError(
            f"ClickSend returned no object for {described}.",
            method="GET",
            path=path,
            status=response.status,
            response_msg=response.response_msg,
        )

    return response.data


def get_meta_model(cfg: dict[str, Any]) -> dict[str, Schema]:
    """Return the id inputs and the object schema of the configured type."""
    object_type = get_object_type(cfg.get("objectType"), OPERATION)
    return {"in": id_input_schema(object_type), "out": output_schema(object_type)}


def get_object_types(cfg: dict[str, Any]) -> dict[str, str]:
    """Return the types this action can look up, as ``{key: label}``."""
    del cfg
    return select_model(OPERATION)


def read_id_inputs(
    object_type: ObjectType, body: dict[str, Any], action: str
) -> tuple[str, str | None]:
    """Return the checked ``idValue`` and ``listId`` of ``body``; reject any other input."""
    inputs.reject_unknown_keys(body, id_input_names(object_type), f"{object_type.label} {action}")
    object_id = inputs.object_id(object_type, body.get(inputs.ID_FIELD))
    parent_id = inputs.parent_id(object_type, body.get(inputs.LIST_ID_FIELD))
    return object_id, parent_id


def id_input_names(object_type: ObjectType) -> tuple[str, ...]:
    """Return the input names that identify one object of ``object_type``."""
    if object_type.has_parent:
        return (inputs.ID_FIELD, inputs.LIST_ID_FIELD)

    return (inputs.ID_FIELD,)


def id_input_schema(object_type: ObjectType) -> Schema:
    """Return the ``in`` schema with the required id inputs of ``object_type``."""
    properties: dict[str, Schema] = {inputs.ID_FIELD: _id_property(object_type)}
    if object_type.has_parent:
        properties[inputs.LIST_ID_FIELD] = inputs.list_id_schema()

    return {"type": "object", "properties": properties}


def _id_property(object_type: ObjectType) -> Schema:
    if object_type.id_kind == "message_id":
        return {
            "type": "string",
            "title": f"{object_type.label} ID",
            "required": True,
            "description": (
                f"The {object_type.id_field} of the SMS: 36 characters, "
                f"e.g. {inputs.MESSAGE_ID_EXAMPLE}."
            ),
        }

    return {
        "type": "integer",
        "title": f"{object_type.label} ID",
        "required": True,
        "description": f"The {object_type.id_field}: a positive whole number.",
    }
