"""Validation of the message inputs the actions share: ids, counts and flags.

Each function returns a clean value or raises InvalidInputError naming the field, the value
and the fix, so an action can check every input before it sends a request.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any
from urllib.parse import quote

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.objects import ObjectType

# ClickSend's integer ids fit a signed 64-bit column; a longer number is a typo.
MAX_INTEGER_ID = 2**63 - 1

# Message ids are upper-case UUIDs, e.g. 1EF11A95-31A2-6B70-A3E2-750B2DF4583F (36 characters).
MESSAGE_ID_PATTERN = re.compile(r"[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}")
MESSAGE_ID_EXAMPLE = "1EF11A95-31A2-6B70-A3E2-750B2DF4583F"

ID_FIELD = "idValue"
LIST_ID_FIELD = "listId"


def is_blank(value: Any) -> bool:
    """Return True for ``None`` and for strings of whitespace only (an unmapped input)."""
    return value is None or (isinstance(value, str) and not value.strip())


def integer_id(value: Any, field: str, label: str) -> int:
    """Return ``value`` as a positive integer id; accept an int or a string of digits.

    Booleans, floats (even ``42.0``), signs, blanks and non-digit strings are rejected,
    because ClickSend would read them as another id or fail with an unclear 404.
    """
    fix = f"Enter the {label} as a positive whole number, e.g. 42."
    if is_blank(value):
        raise InvalidInputError(field, value, f"The {label} is required. {fix}")

    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInputError(field, value, fix)

    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit():
            raise InvalidInputError(field, value, fix)
        number = int(text)
    else:
        number = value

    if number < 1:
        raise InvalidInputError(field, value, fix)

    if number > MAX_INTEGER_ID:
        too_large = f"The {label} is too large: ClickSend ids are at most {MAX_INTEGER_ID}."
        raise InvalidInputError(field, value, f"{too_large} Check the id for extra digits.")

    return number


def message_id(value: Any, field: str, label: str) -> str:
    """Return a ClickSend message id (a 36-character UUID) without surrounding whitespace."""
    fix = f"Enter the {label} as the 36-character message id, e.g. {MESSAGE_ID_EXAMPLE}."
    if is_blank(value):
        raise InvalidInputError(field, value, f"The {label} is required. {fix}")

    if not isinstance(value, str) or not MESSAGE_ID_PATTERN.fullmatch(value.strip()):
        raise InvalidInputError(field, value, fix)

    return value.strip()


def object_id(object_type: ObjectType, value: Any, field: str = ID_FIELD) -> str:
    """Return the id of an ``object_type`` object as the text to place in its path."""
    label = f"{object_type.label} ID"
    if object_type.id_kind == "message_id":
        return message_id(value, field, label)

    return str(integer_id(value, field, label))


def parent_id(object_type: ObjectType, value: Any, field: str = LIST_ID_FIELD) -> str | None:
    """Return the parent list id of a contact, or None for a type without a parent."""
    if not object_type.has_parent:
        return None

    return str(integer_id(value, field, "List ID"))


def item_path(object_type: ObjectType, object_id_text: str, parent_id_text: str | None) -> str:
    """Return the item path with both ids percent-encoded, so no id can add a path segment."""
    encoded_parent = quote(parent_id_text, safe="") if parent_id_text is not None else None
    return object_type.item_url(quote(object_id_text, safe=""), encoded_parent)


def bounded_int(
    value: Any, field: str, *, minimum: int, maximum: int | None = None, default: int | None
) -> int | None:
    """Return an optional whole number within bounds; blank gives ``default``."""
    if is_blank(value):
        return default

    upper = f" and {maximum}" if maximum is not None else ""
    fix = f"Use a whole number between {minimum}{upper}, or leave it empty."
    if maximum is None:
        fix = f"Use a whole number of at least {minimum}, or leave it empty."

    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInputError(field, value, fix)

    text = value.strip() if isinstance(value, str) else str(value)
    if not re.fullmatch(r"-?[0-9]+", text):
        raise InvalidInputError(field, value, fix)

    number = int(text)
    if number < minimum or (maximum is not None and number > maximum):
        raise InvalidInputError(field, value, fix)

    return number


def checkbox(value: Any, field: str) -> bool:
    """Return a checkbox setting; accept booleans, ``"true"``/``"false"`` and empty."""
    if is_blank(value):
        return False

    if isinstance(value, bool):
        return value

    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"

    raise InvalidInputError(field, value, "Use true or false, or leave it empty.")


def reject_unknown_keys(body: Mapping[str, Any], allowed: Collection[str], context: str) -> None:
    """Raise InvalidInputError for the first key of ``body`` not in ``allowed``.

    An input the action cannot use is an error, never silently dropped, so a misspelled or
    unsupported criterion cannot widen a lookup without the user noticing.
    """
    for key in body:
        if key not in allowed:
            names = ", ".join(sorted(allowed)) or "none"
            raise InvalidInputError(
                key, body[key], f"{context} does not accept this input. Allowed inputs: {names}."
            )


def list_id_schema() -> dict[str, Any]:
    """Return the input property of ``listId``, the list that contains a contact."""
    return {
        "type": "integer",
        "title": "List ID",
        "required": True,
        "description": "The list_id of the contact list that holds the contact.",
    }
