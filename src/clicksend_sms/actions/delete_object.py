"""Delete Object By ID: delete one Contact List or Contact.

Emits ``{"result": {"id", "objectType", "deleted": true, "message"}}`` (plus ``listId`` for
a contact), where ``message`` is ClickSend's ``response_msg``. A missing object raises a
NotFoundError naming the type and id.

A repeated DELETE can find the object gone because the first attempt deleted it and only
the response was lost. So the first DELETE is sent without retries. When it fails in a way
that may have reached ClickSend (a 5xx, or no response after the request was sent), the
DELETE is repeated with the client's retries, and a 404 on that repeat counts as deleted,
with a message saying so. A 404 on the first attempt, or after a failure that provably did
not reach ClickSend (a 429, or a connection that was never established), is an error.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from typing import Any

from clicksend_sms.actions import inputs
from clicksend_sms.actions.lookup_object import id_input_names, id_input_schema
from clicksend_sms.actions.not_found import as_not_found, describe_object
from clicksend_sms.api import ApiResponse, ClickSendClient, RetryPolicy
from clicksend_sms.api.retry import full_jitter
from clicksend_sms.api.transport import NetworkFailure
from clicksend_sms.component import ExecutionContext, Message
from clicksend_sms.component.metadata import Schema
from clicksend_sms.errors import (
    ApiError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TransientError,
)
from clicksend_sms.objects import ObjectType, Operation, get_object_type, select_model

OPERATION = Operation.DELETE

logger = logging.getLogger(__name__)

Sleep = Callable[[float], None]

_SINGLE_ATTEMPT = RetryPolicy(max_attempts=1)


def process(
    context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
) -> dict[str, Any]:
    """Delete the object named by ``idValue`` (and ``listId``) and return the result."""
    del context, snapshot
    object_type = get_object_type(cfg.get("objectType"), OPERATION)
    body = message.body
    inputs.reject_unknown_keys(body, id_input_names(object_type), f"{object_type.label} delete")
    object_id = inputs.object_id(object_type, body.get(inputs.ID_FIELD))
    parent_id = inputs.parent_id(object_type, body.get(inputs.LIST_ID_FIELD))
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

    ``policy`` bounds all attempts together (default: the client's RetryPolicy); ``sleep``
    waits between attempts, and tests pass one that does not block.
    """
    target = _Target(object_type, object_id, parent_id)
    policy = policy or RetryPolicy()

    try:
        response = _send(cfg, target.path, _SINGLE_ATTEMPT, sleep)
    except TransientError as error:
        if policy.max_attempts <= 1:
            raise
        return _repeat(cfg, target, error, policy, sleep)
    except (NotFoundError, PermissionDeniedError) as error:
        missing = target.not_found(error)
        if missing is None:
            raise
        raise missing from error

    return target.result(response.response_msg)


def _repeat(
    cfg: dict[str, Any],
    target: _Target,
    first_failure: TransientError,
    policy: RetryPolicy,
    sleep: Sleep,
) -> dict[str, Any]:
    """Repeat the DELETE with the attempts left; a 404 after a possible success is a success."""
    wait = _first_wait(first_failure, policy)
    if wait > policy.max_elapsed:
        # The client stops retrying when a wait exceeds its time budget; so does this.
        raise first_failure

    logger.warning(
        "Repeating DELETE %s in %.2f s after %s (attempt 2 of %d)",
        target.path,
        wait,
        _failure_text(first_failure),
        policy.max_attempts,
    )
    sleep(wait)
    remaining = dataclasses.replace(policy, max_attempts=policy.max_attempts - 1)

    try:
        response = _send(cfg, target.path, remaining, sleep)
    except (NotFoundError, PermissionDeniedError) as error:
        missing = target.not_found(error)
        if missing is None:
            raise
        if not _may_have_been_processed(first_failure):
            raise missing from error
        return target.result(
            f"The first DELETE got no usable response ({_failure_text(first_failure)}) and the "
            f"repeated DELETE found {target.description} already gone, so the first one most "
            "likely deleted it."
        )

    return target.result(response.response_msg)


def _send(cfg: dict[str, Any], path: str, policy: RetryPolicy, sleep: Sleep) -> ApiResponse:
    with ClickSendClient.from_config(cfg, retry=policy, sleep=sleep) as client:
        return client.request("DELETE", path)


def _first_wait(failure: TransientError, policy: RetryPolicy) -> float:
    """Return the wait before the first repeat, as the client computes it between attempts."""
    if isinstance(failure, RateLimitError) and failure.retry_after is not None:
        return failure.retry_after

    return full_jitter(policy.backoff_cap(1))


def _failure_text(failure: TransientError) -> str:
    if failure.status is not None:
        return f"HTTP {failure.status}"

    cause = failure.__cause__
    return cause.reason if isinstance(cause, NetworkFailure) else "no response"


def _may_have_been_processed(failure: TransientError) -> bool:
    """Tell whether the failed DELETE may have reached ClickSend and deleted the object.

    ClickSend returns a 429 before processing and a connection that was never established sent
    nothing. A 5xx, a 2xx with an unreadable body, or a connection lost after sending may
    each have deleted the object.
    """
    if isinstance(failure, RateLimitError):
        return False

    cause = failure.__cause__
    if failure.status is None and isinstance(cause, NetworkFailure):
        return cause.maybe_sent

    return True


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
