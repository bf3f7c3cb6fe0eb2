"""Check a sender ID (``from``) before sending.

ClickSend accepts a phone number (a dedicated or own number, E.164 preferred) or an
alphanumeric sender of at most 11 characters without spaces. It rejects anything else with
INVALID_SENDER_ID for that message. A numeric sender is passed on exactly as given. It is
never shortened to 11 characters, because a cut phone number is someone else's number.
"""

from __future__ import annotations

import re

from clicksend_sms.errors import InvalidInputError

MAX_ALPHANUMERIC_LENGTH = 11

NUMERIC_SENDER = re.compile(r"\+?[0-9]+")


def is_numeric_sender(sender: str) -> bool:
    """Return True for a phone-number sender: digits with an optional leading ``+``."""
    return NUMERIC_SENDER.fullmatch(sender) is not None


def check_sender(value: object, field: str) -> str | None:
    """Return the sender without surrounding whitespace, or None when it is empty.

    Raises InvalidInputError naming ``field`` for a non-text value, inner whitespace, or an
    alphanumeric sender longer than 11 characters.
    """
    if value is None:
        return None

    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)

    if not isinstance(value, str):
        raise InvalidInputError(
            field, value, "Use a phone number or an alphanumeric sender ID as text."
        )

    sender = value.strip()
    if not sender:
        return None

    if any(char.isspace() for char in sender):
        raise InvalidInputError(
            field,
            value,
            "A sender ID cannot contain spaces. Write a number as digits with an optional "
            "leading + (e.g. +61411111111), or an alphanumeric sender without spaces.",
        )

    if not is_numeric_sender(sender) and len(sender) > MAX_ALPHANUMERIC_LENGTH:
        raise InvalidInputError(
            field,
            value,
            f"An alphanumeric sender ID has at most {MAX_ALPHANUMERIC_LENGTH} characters; "
            f"this one has {len(sender)}. Shorten it or use a phone number.",
        )

    return sender
