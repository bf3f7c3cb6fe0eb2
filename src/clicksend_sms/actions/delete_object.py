"""Delete Object By ID: delete one Contact List or Contact.

Emits ``{"result": {"id", "objectType", "deleted": true, "message"}}`` (plus ``listId`` for
a contact), where ``message`` is ClickSend's ``response_msg``. A missing object raises a
NotFoundError naming the type and id.

DELETE is retried like any idempotent request. A retry can find the object gone because an
earlier attempt deleted it and only the response was lost (a 5xx, or a connection lost after
sending). A 404 after such an attempt counts as deleted, with a message saying so. A 404 on
the first attempt, or after failures that provably did not reach ClickSend (a 429, or a
connection that was never established), is an error.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from clicksend_sms.actions import inputs
from clicksend_sms.actions.lookup_object import id_input_schema, read_id_inputs
from clicksend_sms.actions.not_found import as_not_found, describe_object
from clicksend_sms.api import ClickSendClient, RetryPolicy
from clicksend_sms.component import ExecutionContext, Message
from clicksend_sms.component.metadata import Schema
from clicksend_sms.errors import ApiError, NotFoundError, PermissionDeniedError
from clicksend_sms.objects import ObjectType, Operation, get_object_type, select_model

OPERATION = Operation.DELETE

Sleep = Callable[[float], None]


def process(
    context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
) -> dict[str, Any]:
    """Delete the object named by ``idValue`` (and ``listId``) and return the result."""
    del context, snapshot
    object_type = get_object_type(cfg.get("objectType"), OPERATION)
    object_id, parent_id = read_id_inputs(object_type, message.body, "delete")
    return delete(cfg, object_type, object_id, parent_id)


def delete(
    cfg: dict[str, Any],
    object_type: ObjectType,
    object_id: str,
    parent_id: str | None,
    *,
    sleep: Sleep = time.sleep,
    policy: RetryPolicy | None = None,
) -> dict[str, Any]:
    """Send the DELETE as the module docstring describes and return the emitted body.

    ``policy`` bounds the attempts (default: the client's RetryPolicy); ``sleep`` waits
    between attempts, and tests pass one that does not block.
    """
    target = _Target(object_type, object_id, parent_id)
    options: dict[str, Any] = (
        {"sleep": sleep} if policy is None else {"sleep": sleep, "retry": policy}
    )

    try:
        with ClickSendClient.from_config(cfg, **options) as client:
            response = client.request("DELETE", target.path)
    except (NotFoundError, PermissionDeniedError) as error:
        missing = target.not_found(error)
        if missing is None:
            raise
        if error.uncertain_attempt is None:
            raise missing from error
        return target.result(
            f"An earlier DELETE got no usable response ({error.uncertain_attempt}) and the "
            f"repeated DELETE found {target.description} already gone, so the earlier one "
            "most likely deleted it."
        )

    return target.result(response.response_msg)


@dataclasses.dataclass(frozen=True)
class _Target:
    """The object to delete and the emitted result for it."""

    object_type: ObjectType
    object_id: str
    parent_id: str | None

    @property
    def path(self) -> str:
        return inputs.item_path(self.object_type, self.object_id, self.parent_id)

    @property
    def description(self) -> str:
        return describe_object(self.object_type, self.object_id, self.parent_id)

    def not_found(self, error: ApiError) -> NotFoundError | None:
        """Return the NotFoundError naming the object, or None when ``error`` means more."""
        return as_not_found(self.object_type, self.object_id, self.parent_id, error)

    def result(self, message: str | None) -> dict[str, Any]:
        result: dict[str, Any] = {
            "id": int(self.object_id),
            "objectType": self.object_type.key,
            "deleted": True,
            "message": message or f"{self.description} has been deleted.",
        }
        if self.parent_id is not None:
            result["listId"] = int(self.parent_id)

        return {"result": result}


def get_meta_model(cfg: dict[str, Any]) -> dict[str, Schema]:
    """Return the id inputs of the configured type and the shape of the result."""
    object_type = get_object_type(cfg.get("objectType"), OPERATION)
    properties: dict[str, Schema] = {
        "id": {"type": "integer", "title": f"{object_type.label} ID", "required": True},
        "objectType": {"type": "string", "title": "Object Type", "required": True},
        "deleted": {"type": "boolean", "title": "Deleted", "required": True},
        "message": {"type": "string", "title": "Message", "required": True},
    }
    if object_type.has_parent:
        properties["listId"] = {"type": "integer", "title": "List ID", "required": True}

    out = {
        "type": "object",
        "properties": {
            "result": {
                "type": "object",
                "title": "Result",
                "required": True,
                "properties": properties,
            }
        },
    }
    return {"in": id_input_schema(object_type), "out": out}


def get_object_types(cfg: dict[str, Any]) -> dict[str, str]:
    """Return the types this action can delete, as ``{key: label}``."""
    del cfg
    return select_model(OPERATION)
