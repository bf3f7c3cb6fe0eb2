"""Metadata schemas of Create SMS: the message inputs and the send result."""

from __future__ import annotations

from clicksend_sms.component.metadata import Schema, field_schema, object_schema
from clicksend_sms.objects import FieldSpec, get_object_type
from clicksend_sms.sms.messages import MESSAGES_FIELD


def sms_input_schema() -> Schema:
    """Return the ``in`` schema: one message at the top level, or a ``messages`` array.

    Nothing is required at the top level, because either form is accepted; each entry of
    ``messages`` requires ``body``.
    """
    fields = get_object_type("sms").writable_fields
    schema = object_schema(fields, required=False)
    item = object_schema(fields)
    item["title"] = "Message"
    schema["properties"][MESSAGES_FIELD] = {
        "type": "array",
        "title": "Messages",
        "required": False,
        "description": (
            "Several messages, each with the fields above; leave the top-level fields empty "
            "when you use it. Any number: they are sent in calls of up to 1000."
        ),
        "items": item,
    }
    return schema


def _result_item_schema() -> Schema:
    item = object_schema(get_object_type("sms").fields, required=False, title="Message Result")
    extra = (
        FieldSpec(
            "index",
            ("integer",),
            "Input Index",
            "Position of the message in 'messages'; 0 for a single message",
            nullable=True,
        ),
        FieldSpec("encoding", ("string",), "Encoding", "GSM-7 or Unicode"),
        FieldSpec("characters", ("integer",), "Characters", "Length as ClickSend bills it"),
        FieldSpec("parts", ("integer",), "Parts", "SMS parts billed for this body"),
    )
    for spec in extra:
        item["properties"][spec.name] = field_schema(spec, required=False)
    return item


def _rejection_schema() -> Schema:
    specs = (
        FieldSpec("index", ("integer",), "Input Index", nullable=True),
        FieldSpec("to", ("string",), "To", nullable=True),
        FieldSpec("status", ("string",), "Status"),
        FieldSpec("custom_string", ("string",), "Custom String", nullable=True),
        FieldSpec("message_id", ("string",), "Message ID", nullable=True),
    )
    return object_schema(specs, required=False, title="Rejected Message")


def _batch_schema() -> Schema:
    specs = (
        FieldSpec("number", ("integer",), "Batch Number"),
        FieldSpec("state", ("string",), "State", "sent, unknown, failed or not_attempted"),
        FieldSpec("message_count", ("integer",), "Message Count"),
        FieldSpec("indexes", ("string",), "Input Indexes", "e.g. 0-999"),
        FieldSpec("custom_strings", ("array",), "Custom Strings", "Only for state unknown"),
        FieldSpec("error", ("string",), "Error"),
    )
    return object_schema(specs, required=False, title="Batch")


def send_result_schema() -> Schema:
    """Return the ``out`` schema of Create SMS: totals, message results, rejections, batches."""
    counts = (
        FieldSpec("total_price", ("number",), "Total Price"),
        FieldSpec("total_count", ("integer",), "Total Count"),
        FieldSpec("queued_count", ("integer",), "Queued Count"),
        FieldSpec("blocked_count", ("integer",), "Blocked Count"),
        FieldSpec("accepted_count", ("integer",), "Accepted Count"),
        FieldSpec("rejected_count", ("integer",), "Rejected Count"),
    )
    schema = object_schema(counts, required=True, title="Send Result")
    properties = schema["properties"]
    properties["messages"] = _array("Messages", _result_item_schema())
    properties["rejected"] = _array("Rejected", _rejection_schema())
    properties["batches"] = _array("Batches", _batch_schema())
    properties["_currency"] = {"type": "object", "title": "Currency", "required": False}
    return schema


def _array(title: str, item: Schema) -> Schema:
    return {"type": "array", "title": title, "required": True, "items": item}
