"""Turn ClickSend's "not found" responses into a NotFoundError that names the type and id.

ClickSend returns 404 for a missing object, but routes under ``/lists/{list_id}`` return
403 FORBIDDEN ("Resource not found or you don't have the permissions...") when the list does
not exist or belongs to another account. For those routes a 403 is reported as not found.
"""

from __future__ import annotations

from clicksend_sms.errors import (
    ApiError,
    EndpointNotFoundError,
    NotFoundError,
    PermissionDeniedError,
)
from clicksend_sms.objects import ObjectType, Operation, get_object_type

# Item routes where a missing parent list comes back as 403 instead of 404.
_FORBIDDEN_MEANS_MISSING = "/lists/"


def describe_object(object_type: ObjectType, object_id: str, parent_id: str | None) -> str:
    """Return e.g. ``Contact 5 in Contact List 12`` or ``SMS Campaign 7``."""
    text = f"{object_type.label} {object_id}"
    if parent_id is not None:
        text += f" in {describe_list(parent_id)}"

    return text


def describe_list(list_id: str) -> str:
    """Return e.g. ``Contact List 12``, the name every message gives a list."""
    return f"{get_object_type('contactList', Operation.LOOKUP).label} {list_id}"


def as_not_found(
    object_type: ObjectType, object_id: str, parent_id: str | None, error: ApiError
) -> NotFoundError | None:
    """Return a NotFoundError naming the object, or None when ``error`` means something else."""
    if isinstance(error, EndpointNotFoundError):
        # The route itself is unknown (usually a base URL without /v3), not the object.
        return None

    forbidden = isinstance(error, PermissionDeniedError)
    if forbidden and not (object_type.item_path or "").startswith(_FORBIDDEN_MEANS_MISSING):
        return None

    if not forbidden and not isinstance(error, NotFoundError):
        return None

    message = f"{describe_object(object_type, object_id, parent_id)} was not found."
    if forbidden:
        message += (
            " ClickSend returned 403, which it does for a list that does not exist or belongs"
            " to another account."
        )

    return NotFoundError(message, **error.request_details())
