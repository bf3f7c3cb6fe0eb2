"""Turn the Create SMS input into checked outgoing messages.

The input is either one message (``to`` or ``listId``, ``body`` and optional fields at the top
level of the message body) or ``messages``: an array of such objects, of any length. Every
message is checked before anything is sent, and every problem is reported in one error.

Each message gets a ``custom_string``: the user's own, or a generated ``csc-`` + UUID when it
has none. Every message can so be found in ClickSend's history if a send ends without a
response.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from clicksend_sms.errors import InvalidInputError, show_value
from clicksend_sms.sms.input_errors import ErrorCollector
from clicksend_sms.sms.parts import (
    GSM_7,
    MAX_PARTS,
    UNICODE,
    MessageParts,
    count_parts,
    max_characters,
)
from clicksend_sms.sms.recipient import check_recipient
from clicksend_sms.sms.schedule import parse_schedule
from clicksend_sms.sms.sender import check_sender

SOURCE = "clicksend-sms-component"
CUSTOM_STRING_PREFIX = "csc-"

MESSAGES_FIELD = "messages"
MESSAGE_FIELDS = (
    "to",
    "listId",
    "body",
    "from",
    "schedule",
    "customString",
    "country",
    "fromEmail",
)

COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_INTEGER_ID = 2**63 - 1


def new_custom_string() -> str:
    """Return a fresh reference for a message that has none, e.g. ``csc-1f0c...``."""
    return CUSTOM_STRING_PREFIX + uuid.uuid4().hex


@dataclass(frozen=True)
class OutgoingSms:
    """One checked message; ``index`` is its position in the input (0 for a single message)."""

    index: int
    body: str
    to: str | None = None
    list_id: int | None = None
    sender: str | None = None
    schedule: int | None = None
    custom_string: str = ""
    custom_string_generated: bool = False
    country: str | None = None
    from_email: str | None = None

    @property
    def parts(self) -> MessageParts:
        return count_parts(self.body)

    def payload(self) -> dict[str, Any]:
        """Return this message as an entry of the ``POST /sms/send`` body, without empty keys."""
        entry: dict[str, Any] = {
            "to": self.to,
            "list_id": self.list_id,
            "body": self.body,
            "from": self.sender,
            "schedule": self.schedule,
            "custom_string": self.custom_string,
            "country": self.country,
            "from_email": self.from_email,
            "source": SOURCE,
        }
        return {key: value for key, value in entry.items() if value is not None}


def parse_messages(
    body: Mapping[str, Any],
    now: float,
    make_custom_string: Callable[[], str] = new_custom_string,
) -> list[OutgoingSms]:
    """Return the checked messages of a Create SMS input, in input order.

    Raises InvalidInputError (InvalidInputsError for several problems) naming each bad field,
    e.g. ``to`` for a single message or ``messages[3].body`` in a batch.
    """
    collector = ErrorCollector()
    raw_messages = _raw_messages(body, collector)
    messages: list[OutgoingSms] = []

    for index, (prefix, raw) in enumerate(raw_messages):
        message = _parse_one(
            raw, index, prefix, now, make_custom_string=make_custom_string, collector=collector
        )
        if message is not None:
            messages.append(message)

    collector.raise_if_any()
    return messages


def _raw_messages(
    body: Mapping[str, Any], collector: ErrorCollector
) -> list[tuple[str, Mapping[str, Any]]]:
    """Return ``(field prefix, message)`` pairs for a single message or a ``messages`` batch."""
    if MESSAGES_FIELD not in body:
        return [("", body)]

    mixed = [key for key in body if key != MESSAGES_FIELD]
    if mixed:
        collector.add(
            InvalidInputError(
                mixed[0],
                body[mixed[0]],
                "Give either one message at the top level or a 'messages' array, not both. "
                "Move this field into each entry of 'messages'.",
            )
        )

    items = body[MESSAGES_FIELD]
    if not isinstance(items, list) or not items:
        collector.add(
            InvalidInputError(
                MESSAGES_FIELD,
                items,
                "Use a non-empty array of message objects, each with 'to' or 'listId' and "
                "'body'.",
            )
        )
        return []

    pairs: list[tuple[str, Mapping[str, Any]]] = []
    for position, item in enumerate(items):
        prefix = f"{MESSAGES_FIELD}[{position}]."
        if isinstance(item, Mapping):
            pairs.append((prefix, item))
        else:
            collector.add(
                InvalidInputError(
                    prefix.rstrip("."),
                    item,
                    "Each entry of 'messages' must be an object with 'to' or 'listId' and 'body'.",
                )
            )
    return pairs


def _parse_one(
    raw: Mapping[str, Any],
    index: int,
    prefix: str,
    now: float,
    *,
    make_custom_string: Callable[[], str],
    collector: ErrorCollector,
) -> OutgoingSms | None:
    before = len(collector.errors)
    _reject_unknown(raw, prefix, collector)

    to, list_id = _recipient(raw, prefix, collector)
    body = collector.check(_body, raw.get("body"), prefix + "body")
    if body is not None:
        body = collector.check(check_part_limit, body, prefix + "body")
    sender = collector.check(check_sender, raw.get("from"), prefix + "from")
    schedule = collector.check(parse_schedule, raw.get("schedule"), prefix + "schedule", now)
    custom = collector.check(_optional_text, raw.get("customString"), prefix + "customString")
    country = collector.check(_country, raw.get("country"), prefix + "country")
    from_email = collector.check(_email, raw.get("fromEmail"), prefix + "fromEmail")

    if len(collector.errors) > before or body is None:
        return None

    return OutgoingSms(
        index=index,
        body=body,
        to=to,
        list_id=list_id,
        sender=sender,
        schedule=schedule,
        custom_string=custom or make_custom_string(),
        custom_string_generated=custom is None,
        country=country,
        from_email=from_email,
    )


def _reject_unknown(raw: Mapping[str, Any], prefix: str, collector: ErrorCollector) -> None:
    for key in raw:
        if key not in MESSAGE_FIELDS:
            collector.add(
                InvalidInputError(
                    prefix + str(key),
                    raw[key],
                    f"A message does not accept this field. Use: {', '.join(MESSAGE_FIELDS)}.",
                )
            )


def _recipient(
    raw: Mapping[str, Any], prefix: str, collector: ErrorCollector
) -> tuple[str | None, int | None]:
    country_given = _given(raw.get("country"))
    to = collector.check(check_recipient, raw.get("to"), prefix + "to", country_given)
    list_id = collector.check(_list_id, raw.get("listId"), prefix + "listId")
    given_to = _given(raw.get("to"))
    given_list = _given(raw.get("listId"))

    if given_to and given_list:
        collector.add(
            InvalidInputError(
                prefix + "listId",
                raw.get("listId"),
                "Give either 'to' (one recipient) or 'listId' (every contact of a list), "
                "not both.",
            )
        )
    elif not given_to and not given_list:
        collector.add(
            InvalidInputError(
                prefix + "to",
                raw.get("to"),
                "A recipient is required: give 'to' as a phone number (e.g. +61411111111) "
                "or 'listId' as a contact list id.",
            )
        )
    return to, list_id


def _given(value: Any) -> bool:
    """Return False for a missing value, null, or text that is empty or only whitespace."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def check_part_limit(body: str, field: str) -> str:
    """Return ``body`` when it fits ClickSend's highest part limit, else raise for ``field``.

    ClickSend cuts off a longer message, so it would never be delivered whole.
    """
    parts = count_parts(body)
    if parts.parts <= MAX_PARTS:
        return body

    error = InvalidInputError(
        field,
        body,
        f"This message is {parts.characters} characters of {parts.encoding}, {parts.parts} SMS "
        f"parts. ClickSend sends at most {MAX_PARTS} parts ({max_characters(GSM_7)} GSM-7 or "
        f"{max_characters(UNICODE)} Unicode characters), or 6 on some accounts, and cuts off "
        "the rest. Shorten it or split it into several messages.",
    )
    error.args = (f"Invalid value for '{field}': {_preview(body)}. {error.fix}",)
    raise error


def _preview(text: str, length: int = 40) -> str:
    """Return the start of a long text as a JSON string ending in ``...``."""
    return f"{show_value(text[:length])[:-1]}...\""


def _scalar_text(value: Any, field: str) -> str:
    """Return a string or number as text; reject arrays, objects and booleans."""
    if isinstance(value, str):
        return value

    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)

    raise InvalidInputError(
        field, value, "Use a single text value here, not an array, object or boolean."
    )


def _optional_text(value: Any, field: str) -> str | None:
    """Return the text without surrounding whitespace, or None when empty."""
    if value is None:
        return None

    text = _scalar_text(value, field).strip()
    return text or None


def _body(value: Any, field: str) -> str:
    """Return the body exactly as given: no trimming, no escaping, no normalisation."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInputError(field, value, "The message text is required and cannot be blank.")

    return _scalar_text(value, field)


def _list_id(value: Any, field: str) -> int | None:
    if value is None or value == "":
        return None

    fix = "Use a contact list id: a positive whole number, e.g. 428."
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInputError(field, value, fix)

    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_INTEGER_ID:
        raise InvalidInputError(field, value, fix)

    return int(text)


def _country(value: Any, field: str) -> str | None:
    text = _optional_text(value, field)
    if text is None:
        return None

    if not COUNTRY_CODE.fullmatch(text):
        raise InvalidInputError(field, value, "Use a two-letter ISO 3166 country code, e.g. AU.")

    return text.upper()


def _email(value: Any, field: str) -> str | None:
    text = _optional_text(value, field)
    if text is not None and not EMAIL.fullmatch(text):
        raise InvalidInputError(field, value, "Use an email address, e.g. replies@example.com.")

    return text
