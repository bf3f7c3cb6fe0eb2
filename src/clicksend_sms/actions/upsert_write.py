"""Create and update requests of Upsert Object, with read-before-write where PUT needs it.

ClickSend's PUT is a partial update for a List, whose only field is required. For the other
types an omitted field could be lost, so the connector reads the current object first and
sends the current value of every omitted field listed in ``CARRIED_ON_UPDATE``:

- SMS Campaign: PUT requires ``list_id``, ``name``, ``from`` and ``body``, and replaces the
  ``schedule`` when it is left out (legacy ClickSend docs).
- SMS Template: PUT takes ``template_name`` and ``body``, both required in the legacy docs.
- Contact: ClickSend does not document whether PUT keeps omitted fields, so every field is sent.

The read happens only when a carried field is missing from the input. An SMS Campaign is
always read first. An update of a campaign that has gone out, or whose schedule has passed,
could make ClickSend send it again, so such an update is rejected before the PUT.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from clicksend_sms.actions import inputs
from clicksend_sms.actions.not_found import as_not_found, describe_list
from clicksend_sms.actions.upsert_fields import UpsertInput, upsert_label
from clicksend_sms.api import ApiResponse, ClickSendClient
from clicksend_sms.errors import (
    ApiError,
    EndpointNotFoundError,
    NotFoundError,
    PermissionDeniedError,
    RequestRejectedError,
)
from clicksend_sms.objects import CONTACT_WRITABLE, ObjectType

logger = logging.getLogger(__name__)

SOURCE = "clicksend-sms-component"
CAMPAIGN = "smsCampaign"

# Campaign statuses after which an update could only send the campaign again or revive it.
CLOSED_CAMPAIGN_STATUSES = frozenset({"Queued", "Sending", "Sent", "Cancelled", "Failed"})

# ClickSend's response_msg for a campaign whose list_id names no list.
LIST_NOT_FOUND_MESSAGE = "your list is not found"

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
    if object_type.key == CAMPAIGN:
        body.setdefault("source", SOURCE)

    try:
        response = client.request("POST", path, json=body)
    except EndpointNotFoundError:
        raise  # a wrong base URL, not a missing list
    except (NotFoundError, PermissionDeniedError) as error:
        if data.parent_id is not None:
            raise _missing_list(object_type, "listId", data.parent_id, error) from error
        if object_type.key == CAMPAIGN and _is_missing_list(error):
            raise _missing_list(object_type, "list_id", body.get("list_id"), error) from error
        raise

    logger.info("Created %s", upsert_label(object_type))
    return _object_data(response)


def update_object(
    client: ClickSendClient, object_type: ObjectType, data: UpsertInput, now: float
) -> dict[str, Any]:
    """Update the object with ``PUT``, reading it first when a carried field is omitted.

    ``now`` is the current Unix time, which a campaign's schedule is compared with.
    """
    if data.object_id is None:
        raise ValueError("an update needs the object id")

    path = inputs.item_path(object_type, data.object_id, data.parent_id)
    body = dict(data.fields)
    missing = [name for name in CARRIED_ON_UPDATE.get(object_type.key, ()) if name not in body]

    if missing or object_type.key == CAMPAIGN:
        logger.info(
            "Reading %s %s before the update to keep: %s",
            upsert_label(object_type),
            data.object_id,
            ", ".join(missing) or "nothing (checking its status)",
        )
        current = _object_data(_request(client, "GET", path, object_type, data))
        if object_type.key == CAMPAIGN:
            check_campaign_update(current, data.object_id, missing, now)
        body = {**carried_values(current, missing), **body}

    try:
        response = _request(client, "PUT", path, object_type, data, body=body)
    except RequestRejectedError as error:
        if object_type.key != CAMPAIGN or isinstance(error.data, dict):
            raise
        raise _campaign_not_updated(data.object_id, error) from error

    logger.info("Updated %s %s", upsert_label(object_type), data.object_id)
    return _object_data(response)


def check_campaign_update(
    current: Mapping[str, Any], campaign_id: str, missing: list[str], now: float
) -> None:
    """Reject the update of a campaign that has gone out, or whose kept schedule has passed.

    ``missing`` lists the fields carried over from ``current``. A past schedule sent back
    could make ClickSend send the campaign at once.
    """
    label = f"SMS Campaign {campaign_id}"
    status = str(current.get("status") or "")
    if status in CLOSED_CAMPAIGN_STATUSES:
        raise CampaignNotUpdatableError(
            f"{label} is {status}, so it was not updated. Only a campaign still waiting to be "
            "sent (e.g. Scheduled) can be changed, because an update of a Queued, Sending, "
            "Sent, Cancelled or Failed campaign could make ClickSend send it again.",
            campaign_id=campaign_id,
            status=status,
        )

    schedule = carried_values(current, ["schedule"]).get("schedule")
    if "schedule" in missing and schedule is not None and schedule <= now:
        raise CampaignNotUpdatableError(
            f"{label} was due at {_iso(schedule)}, which has passed, so it was not updated: "
            "sending that schedule back could make ClickSend send the campaign at once. To "
            "change a campaign that has not gone out, give a future 'schedule' too.",
            campaign_id=campaign_id,
            status=status,
        )


class CampaignNotUpdatableError(RequestRejectedError):
    """A campaign update rejected for the campaign's status or past schedule, before any write.

    Raised after the read and before the PUT, so the text has no failed request to show.
    """

    hint = "To send it again or with changes, create a new SMS Campaign."

    def __init__(self, message: str, *, campaign_id: str, status: str) -> None:
        super().__init__(message, method="PUT", path=f"/sms-campaigns/{campaign_id}")
        self.campaign_status = status

    def __str__(self) -> str:
        return f"{self.args[0]} {self.hint}"


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
        if object_type.key == CAMPAIGN and body is not None and _is_missing_list(error):
            raise _missing_list(object_type, "list_id", body.get("list_id"), error) from error

        missing = as_not_found(object_type, str(data.object_id), data.parent_id, error)
        if missing is None:
            raise
        raise missing from error


class ListNotFoundError(NotFoundError):
    """A missing list named by ``list_id`` or ``listId``, so nothing was written."""

    hint = "Check the list id: 'clicksend-sms lookup-many contactLists' shows every list."


def _is_missing_list(error: ApiError) -> bool:
    return (error.response_msg or "").strip().lower().startswith(LIST_NOT_FOUND_MESSAGE)


def _missing_list(
    object_type: ObjectType, field: str, list_id: object, error: ApiError
) -> ListNotFoundError:
    """Return the error for a write whose list ClickSend cannot find, naming field and id."""
    verb = "updated" if error.method == "PUT" else "created"
    message = (
        f"{describe_list(str(list_id))} (from '{field}') was not found, so the "
        f"{upsert_label(object_type)} was not {verb}."
    )
    if isinstance(error, PermissionDeniedError):
        message += (
            " ClickSend answers 403 for a list that does not exist or belongs to another account."
        )

    return ListNotFoundError(message, **error.request_details())


def _campaign_not_updated(campaign_id: str, error: RequestRejectedError) -> RequestRejectedError:
    """Return the error for a rejected campaign update that names no field."""
    rejected = RequestRejectedError(
        f"ClickSend did not update SMS Campaign {campaign_id}; the reason it gave is in brackets.",
        **error.request_details(),
    )
    rejected.hint = (
        "ClickSend named no field. Check the campaign's status with 'clicksend-sms lookup "
        f"smsCampaign {campaign_id}'; a campaign that has gone out cannot be changed, so "
        "create a new SMS Campaign instead."
    )
    return rejected


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _object_data(response: ApiResponse) -> dict[str, Any]:
    """Return the object in the response ``data``; other shapes are wrapped as ``{"data": ...}``."""
    if isinstance(response.data, dict):
        return response.data

    return {"data": response.data}
