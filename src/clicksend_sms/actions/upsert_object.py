"""Upsert Object: create or update an SMS Template, SMS Campaign, List or Contact, or send SMS.

``operation`` (create or update) and ``objectType`` come from the step configuration. SMS can
only be created: the select model offers it for create only and an update is rejected at run
time. Every input is checked before the first request. Emits the object ClickSend returns,
or for SMS the send result (see clicksend_sms.sms.create).
"""

from __future__ import annotations

import time
from typing import Any

from clicksend_sms.actions.upsert_fields import input_schema, parse_input, upsert_label
from clicksend_sms.actions.upsert_write import create_object, update_object
from clicksend_sms.api import ClickSendClient
from clicksend_sms.component import ExecutionContext, Message
from clicksend_sms.component.metadata import Schema, output_schema
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.objects import ObjectType, Operation, get_object_type
from clicksend_sms.sms.create import send_sms
from clicksend_sms.sms.messages import parse_messages
from clicksend_sms.sms.schema import send_result_schema, sms_input_schema

OPERATIONS = {"create": Operation.CREATE, "update": Operation.UPDATE}

# Order of the Object Type select model.
TYPE_ORDER = ("smsTemplate", "smsCampaign", "contactList", "contact", "sms")

SMS = "sms"


def process(
    context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
) -> dict[str, Any] | None:
    """Create or update one object and return it, or send SMS and emit the send result."""
    del snapshot
    operation = parse_operation(cfg.get("operation"))
    object_type = parse_object_type(cfg.get("objectType"), operation)
    now = time.time()

    if object_type.key == SMS:
        messages = parse_messages(message.body, now)
        with ClickSendClient.from_config(cfg) as client:
            send_sms(context, client, messages)
        return None

    data = parse_input(object_type, operation, message.body, now)
    with ClickSendClient.from_config(cfg) as client:
        if operation is Operation.CREATE:
            return create_object(client, object_type, data)
        return update_object(client, object_type, data, now)


def get_meta_model(cfg: dict[str, Any]) -> dict[str, Schema]:
    """Return the inputs of the configured type and operation and the object it emits."""
    operation = parse_operation(cfg.get("operation"))
    object_type = parse_object_type(cfg.get("objectType"), operation)

    if object_type.key == SMS:
        return {"in": sms_input_schema(), "out": send_result_schema()}

    out = output_schema(object_type)
    out["title"] = upsert_label(object_type)
    return {"in": input_schema(object_type, operation), "out": out}


def get_object_types(cfg: dict[str, Any]) -> dict[str, str]:
    """Return the types for the configured operation; SMS only for create.

    Without an operation the update list is returned, so SMS is never offered for update.
    """
    raw = cfg.get("operation")
    operation = Operation.UPDATE if raw in (None, "") else parse_operation(raw)
    return {
        key: upsert_label(get_object_type(key))
        for key in TYPE_ORDER
        if get_object_type(key).supports(operation)
    }


def parse_operation(value: object) -> Operation:
    operation = OPERATIONS.get(value) if isinstance(value, str) else None
    if operation is None:
        raise InvalidInputError("operation", value, "Use create or update.")

    return operation


def parse_object_type(value: object, operation: Operation) -> ObjectType:
    """Return the configured type; SMS with update is rejected with its own reason."""
    if value == SMS and operation is Operation.UPDATE:
        raise InvalidInputError(
            "objectType",
            value,
            "An SMS cannot be updated once sent; use operation create to send a new one.",
        )

    return get_object_type(value, operation)
