"""Per-message checks, parts and prices for /sms/send and /sms/price.

:func:`evaluate` turns one requested message into a result with a ClickSend status
(SUCCESS, INVALID_RECIPIENT, COUNTRY_NOT_ENABLED, EMPTY_MESSAGE, INVALID_SCHEDULE,
INVALID_SENDER_ID). It has no side effects; sending stores the accepted results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from clicksend_sms.emulator import phone
from clicksend_sms.emulator.account import SUBACCOUNT_ID, USER_ID
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.state import Emulator

# The sender used when a message has no ``from``: a fictional shared number.
SHARED_NUMBER = "+61400000000"
# Parts per message allowed by the demo account (setting_sms_message_char_limit).
MAX_PARTS = 6
PRICE_PER_PART = {"AU": "0.0792", "NZ": "0.1200", "US": "0.0500", "CA": "0.0500", "GB": "0.0600"}
DEFAULT_PRICE_PER_PART = "0.0900"
ZERO_PRICE = "0.0000"
BLOCKED_STATUSES = frozenset({"COUNTRY_NOT_ENABLED", "INVALID_SENDER_ID"})

# GSM 03.38 basic set; the extension characters count as two.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
_ALPHA_SENDER = re.compile(r"^[A-Za-z0-9+]{3,11}$")


@dataclass
class Recipient:
    """Where one message goes: a number, or a contact of a list."""

    to: Any
    contact: Row | None = None
    missing_list: bool = False


def message_length(body: str) -> tuple[int, bool]:
    """Return ``(length in characters, is_unicode)``; a line break counts as two characters."""
    text = body.replace("\r\n", "\n")
    unicode = any(ch not in GSM_BASIC and ch not in GSM_EXTENSION for ch in text)
    length = len(text) + text.count("\n")
    if not unicode:
        length += sum(1 for ch in text if ch in GSM_EXTENSION)
    return length, unicode


def message_parts(body: str) -> int:
    """Return the number of SMS parts: 160/153 characters (GSM) or 70/67 (Unicode)."""
    length, unicode = message_length(body)
    single, multi = (70, 67) if unicode else (160, 153)
    if length <= single:
        return 1
    return -(-length // multi)


def price_for(country: str, parts: int) -> str:
    rate = Decimal(PRICE_PER_PART.get(country, DEFAULT_PRICE_PER_PART))
    return f"{rate * parts:.4f}"


def _sender_ok(sender: str) -> bool:
    if phone.normalise(sender) is not None:
        return True
    return bool(_ALPHA_SENDER.match(sender))


def _schedule(value: Any) -> tuple[int | None, bool]:
    """Return ``(schedule, valid)``; None or "" means send now."""
    if value is None or value == "":
        return None, True
    if isinstance(value, bool):
        return None, False
    try:
        return int(value), True
    except (TypeError, ValueError):
        return None, False


def _status(
    emulator: Emulator, message: Row, to: str | None, sender: str, schedule_ok: bool
) -> str:
    body = message.get("body")
    checks = (
        (not isinstance(body, str) or not body.strip(), "EMPTY_MESSAGE"),
        (to is None, "INVALID_RECIPIENT"),
        (not schedule_ok, "INVALID_SCHEDULE"),
        (bool(message.get("from")) and not _sender_ok(sender), "INVALID_SENDER_ID"),
    )
    for failed, status in checks:
        if failed:
            return status
    prefixes = emulator.switches["disabled_prefixes"]
    if to is not None and any(to.startswith(prefix) for prefix in prefixes):
        return "COUNTRY_NOT_ENABLED"
    return "SUCCESS"


def evaluate(emulator: Emulator, message: Row, recipient: Recipient, now: int) -> Row:
    """Return the send result for one recipient, in ClickSend's accepted or reduced shape."""
    raw_to = "" if recipient.to is None else str(recipient.to)
    to = phone.normalise(raw_to, message.get("country") or "AU") if raw_to else None
    sender = str(message.get("from") or SHARED_NUMBER)
    schedule, schedule_ok = _schedule(message.get("schedule"))
    status = _status(emulator, message, to, sender, schedule_ok)
    country = phone.country_of(to) if to else str(message.get("country") or "")
    body = str(message.get("body") or "")
    result: Row = {
        "to": to or raw_to,
        "body": body,
        "from": sender,
        "schedule": "",
        "message_id": emulator.store.message_id(),
        "message_parts": 0,
        "message_price": ZERO_PRICE,
        "custom_string": message.get("custom_string"),
        "is_shared_system_number": not message.get("from"),
        "country": country,
        "carrier": "",
        "status": status,
    }
    if status == "SUCCESS":
        result.update(
            _accepted_fields(message, recipient, to=to or "", country=country, body=body, now=now)
        )
        result["schedule"] = schedule if schedule is not None and schedule > now else now
    return result


def _accepted_fields(
    message: Row, recipient: Recipient, *, to: str, country: str, body: str, now: int
) -> Row:
    test = to in phone.TEST_NUMBERS
    parts = 0 if test else min(message_parts(body), MAX_PARTS)
    contact = recipient.contact or {}
    return {
        "direction": "out",
        "date": now,
        "message_parts": parts,
        "message_price": ZERO_PRICE if test else price_for(country, parts),
        "from_email": message.get("from_email"),
        "list_id": str(contact["list_id"]) if contact else None,
        "contact_id": str(contact["contact_id"]) if contact else None,
        "user_id": USER_ID,
        "subaccount_id": SUBACCOUNT_ID,
        "carrier": phone.carrier_of(country),
    }


# Key order of an accepted result, as in ClickSend's documented responses.
ACCEPTED_ORDER = (
    "direction", "date", "to", "body", "from", "schedule", "message_id", "message_parts",
    "message_price", "from_email", "list_id", "custom_string", "contact_id", "user_id",
    "subaccount_id", "is_shared_system_number", "country", "carrier", "status",
)  # fmt: skip


def ordered(result: Row) -> Row:
    """Return an accepted result with its keys in ClickSend's order (others unchanged)."""
    if result["status"] != "SUCCESS":
        return result
    return {key: result[key] for key in ACCEPTED_ORDER}


def history_row(emulator: Emulator, result: Row, recipient: Recipient) -> Row:
    """Return the history row for an accepted send result."""
    contact = recipient.contact or {}
    return {
        "direction": "out",
        "date": result["date"],
        "to": result["to"],
        "body": result["body"],
        "status": "Queued",
        "from": result["from"],
        "schedule": result["schedule"],
        "status_code": None,
        "status_text": None,
        "error_code": None,
        "error_text": None,
        "message_id": result["message_id"],
        "message_parts": result["message_parts"],
        "message_price": result["message_price"],
        "from_email": result["from_email"],
        "list_id": result["list_id"],
        "custom_string": result["custom_string"] or "",
        "contact_id": result["contact_id"],
        "user_id": result["user_id"],
        "subaccount_id": result["subaccount_id"],
        "country": result["country"],
        "carrier": result["carrier"],
        "first_name": contact.get("first_name"),
        "last_name": contact.get("last_name"),
        "_api_username": emulator.username,
    }
