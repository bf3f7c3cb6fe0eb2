"""Create and update requests of Upsert Object, with read-before-write where PUT needs it.

ClickSend's PUT is a partial update for a List, whose only field is required. For the other
types an omitted field could be lost, so the connector reads the current object first and
sends the current value of every omitted field listed in ``CARRIED_ON_UPDATE``:

- SMS Campaign: PUT requires ``list_id``, ``name``, ``from`` and ``body``, and replaces the
  ``schedule`` when it is left out (legacy ClickSend docs).
- SMS Template: PUT takes ``template_name`` and ``body``, both required in the legacy docs.
- Contact: ClickSend does not document whether PUT keeps omitted fields, so every field is sent.

The read happens only when a carried field is missing from the input.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from clicksend_sms.actions import inputs
from clicksend_sms.actions.not_found import as_not_found
from clicksend_sms.actions.upsert_fields import UpsertInput, upsert_label
from clicksend_sms.api import ApiResponse, ClickSendClient
from clicksend_sms.errors import ApiError, NotFoundError, PermissionDeniedError
from clicksend_sms.objects import CONTACT_WRITABLE, ObjectType

logger = logging.getLogger(__name__)

SOURCE = "clicksend-sms-component"

CARRIED_ON_UPDATE: dict[str, tuple[str, ...]] = {
    "smsCampaign": ("list_id", "name", "from", "body", "schedule"),
    "smsTemplate": ("template_name", "body"),
    "contact": tuple(spec.name for spec in CONTACT_WRITABLE),
}


def create_object(
    client: ClickSendClient, object_type: ObjectType, data: UpsertInput
) -> dict[str, Any]:
    """Create the object with ``POST`` and return it as ClickSend returns it."""
    if object_type.create_path is None:
        raise ValueError(f"{object_type.label} cannot be created")

    parent = quote(data.parent_id, safe="") if data.parent_id is not None else None
    path = object_type.create_path.format(parent_id=parent)
    body = dict(data.fields)
    if object_type.key == "smsCampaign":
        body.setdefault("source", SOURCE)

    try:
        response = client.request("POST", path, json=body)
    except (NotFoundError, PermissionDeniedError) as error:
        if data.parent_id is None:
            raise
        raise _missing_parent(object_type, data.parent_id, error) from error

    logger.info("Created %s", upsert_label(object_type))
    return _object_data(response)


def update_object(
    client: ClickSendClient, object_type: ObjectType, data: UpsertInput
) -> dict[str, Any]:
    """Update the object with ``PUT``, reading it first when a carried field is omitted."""
    if data.object_id is None:
        raise ValueError("an update needs the object id")

    path = inputs.item_path(object_type, data.object_id, data.parent_id)
    body = dict(data.fields)
    missing = [name for name in CARRIED_ON_UPDATE.get(object_type.key, ()) if name not in body]

    if missing:
        logger.info(
            "Reading %s %s before the update to keep: %s",
            upsert_label(object_type),
            data.object_id,
            ", ".join(missing),
        )
        current = _object_data(_request(client, "GET", path, object_type, data))
        body = {**carried_values(current, missing), **body}

    response = _request(client, "PUT", path, object_type, data, body=body)
    logger.info("Updated %s %s", upsert_label(object_type), data.object_id)
    return _object_data(response)


def carried_values(current: Mapping[str, Any], names: list[str]) -> dict[str, Any]:
    """Return the current values of ``names`` to send again; unset values are left out.

    A ``schedule`` is sent as Unix seconds and only when the object has one.
    """
    values: dict[str, Any] = {}
    for name in names:
        value = current.get(name)
        if value is None:
            continue

        if name == "schedule":
            text = str(value).strip()
            if not text.isdigit() or int(text) == 0:
                continue
            value = int(text)

        values[name] = value
    return values


def _request(
    client: ClickSendClient,
    method: str,
    path: str,
    object_type: ObjectType,
    data: UpsertInput,
    *,
    body: Mapping[str, Any] | None = None,
) -> ApiResponse:
    try:
        return client.request(method, path, json=body)
    except (NotFoundError, PermissionDeniedError) as error:
        missing = as_not_found(object_type, str(data.object_id), data.parent_id, error)
        if missing is None:
            raise
        raise missing from error


def _missing_parent(object_type: ObjectType, parent_id: str, error: ApiError) -> NotFoundError:
    """Name the list when ClickSend rejects a contact created in a list it cannot find."""
    return NotFoundError(
        f"List {parent_id} was not found, so the {upsert_label(object_type)} was not "
        "created. ClickSend answers 403 or 404 for a list that does not exist or belongs to "
        "another account.",
        method=error.method,
        path=error.path,
        status=error.status,
        response_code=error.response_code,
        response_msg=error.response_msg,
    )


def _object_data(response: ApiResponse) -> dict[str, Any]:
    """Return the object in the response ``data``; other shapes are wrapped as ``{"data": ...}``."""
    if isinstance(response.data, dict):
        return response.data

    return {"data": response.data}
