"""Conversions between ClickSend's Unix-second timestamps and aware UTC datetimes.

ClickSend sends times as Unix seconds in UTC, but the JSON type varies by endpoint and API
version: an integer, a numeric string, or ``""`` for "no time". User input, such as a polling
start time, is ISO 8601 with an explicit offset.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from clicksend_sms.errors import InvalidInputError

ISO_EXAMPLE = "2024-05-14T04:20:41Z"


def parse_timestamp(value: Any, field: str = "timestamp") -> datetime | None:
    """Parse a ClickSend time value into an aware UTC datetime.

    Accepts an int or float of Unix seconds, a numeric string (``"1715660441"`` or
    ``"1715660441.0"``) and the PHP DateTime object ClickSend uses in price summaries
    (``{"date": "2024-03-14 18:12:22", "timezone": "UTC", ...}``). ``None`` and ``""``
    (ClickSend's "no time") return ``None``. Anything else raises InvalidInputError naming
    ``field``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None

    if isinstance(value, bool):
        raise _invalid_timestamp(field, value)

    if isinstance(value, int | float):
        return _from_unix(value, field)

    if isinstance(value, str):
        return _from_unix(_parse_number(value, field), field)

    if isinstance(value, dict):
        return _parse_php_datetime(value, field)

    raise _invalid_timestamp(field, value)


# Unix seconds of 0001-01-01 and 9999-12-31T23:59:59 UTC, the range a datetime can hold.
_MIN_SECONDS = -62_135_596_800
_MAX_SECONDS = 253_402_300_799


def unix_seconds(value: Any, field: str = "timestamp") -> int | None:
    """Return a ClickSend time value as whole Unix seconds, as ``parse_timestamp`` reads it.

    Integers and digit strings, the usual forms, skip the datetime round trip, because the
    polling trigger converts every row it reads.
    """
    if type(value) is int and _MIN_SECONDS <= value <= _MAX_SECONDS:
        return value

    if type(value) is str and value.isascii() and value.isdigit():
        seconds = int(value)
        if seconds <= _MAX_SECONDS:
            return seconds

    moment = parse_timestamp(value, field)
    return None if moment is None else to_unix(moment)


def from_unix(seconds: float) -> datetime:
    """Return the aware UTC datetime for Unix ``seconds``."""
    return _from_unix(seconds, "timestamp")


def to_unix(moment: datetime) -> int:
    """Return whole Unix seconds for an aware datetime, rounding fractions down."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"to_unix needs an aware datetime, got the naive {moment.isoformat()}")

    return math.floor(moment.timestamp())


def parse_iso8601(text: Any, field: str = "startTime") -> datetime:
    """Parse an ISO 8601 date-time that carries ``Z`` or an offset; return it in UTC.

    Naive values are rejected instead of guessed, because the machine's local zone would
    silently shift the time.
    """
    fix = f"Use an ISO 8601 date-time with a Z or an offset, e.g. {ISO_EXAMPLE}."
    if not isinstance(text, str) or not text.strip():
        raise InvalidInputError(field, text, fix)

    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(field, text, fix) from None

    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise InvalidInputError(field, text, f"The time zone is missing. {fix}")

    return parsed.astimezone(UTC)


def _from_unix(seconds: float, field: str) -> datetime:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise _invalid_timestamp(field, seconds) from None


def _parse_number(text: str, field: str) -> float:
    try:
        number = float(text.strip())
    except ValueError:
        raise _invalid_timestamp(field, text) from None

    if not math.isfinite(number):
        raise _invalid_timestamp(field, text)

    return int(number) if number.is_integer() else number


def _parse_php_datetime(value: dict[str, Any], field: str) -> datetime:
    date_text = value.get("date")
    if value.get("timezone") != "UTC" or not isinstance(date_text, str):
        raise _invalid_timestamp(field, value)

    try:
        parsed = datetime.fromisoformat(date_text.strip())
    except ValueError:
        raise _invalid_timestamp(field, value) from None

    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _invalid_timestamp(field: str, value: Any) -> InvalidInputError:
    return InvalidInputError(
        field, value, 'Expected Unix seconds as an integer or numeric string, or "" for none.'
    )
