"""Parse and check the ``schedule`` of an SMS or campaign before anything is sent.

ClickSend takes a schedule as Unix seconds (UTC). The connector also accepts ISO 8601 with an
explicit offset or ``Z`` and converts it to the same Unix seconds on any machine, whatever its
local time zone. A time without an offset is rejected instead of guessed.

ClickSend keeps scheduled messages for up to 4 months ahead, so a later time is rejected here,
as is a time in the past: ClickSend would send it at once, which is rarely what a scheduled
send means. A past time within ``PAST_TOLERANCE_SECONDS`` is accepted, to allow for clock
skew and for a time computed by an earlier step moments before.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime

from clicksend_sms.api.timestamps import parse_iso8601
from clicksend_sms.errors import InvalidInputError

MAX_MONTHS_AHEAD = 4
PAST_TOLERANCE_SECONDS = 60

# Unix seconds reach 10**12 only in the year 33658; such a value is almost always milliseconds.
MILLISECONDS_THRESHOLD = 10**12

SCHEDULE_FIX = (
    "Use Unix seconds (e.g. 1767225600) or an ISO 8601 date-time with an offset or Z "
    "(e.g. 2026-01-01T09:00:00+11:00), or leave it empty to send now."
)

DIGITS = re.compile(r"[0-9]+")


def parse_schedule(value: object, field: str, now: float) -> int | None:
    """Return the schedule as Unix seconds, or None (send now) for an empty value.

    ``now`` is the current time in Unix seconds. Raises InvalidInputError naming ``field``
    for a malformed, naive, past or too distant time.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None

    seconds = _to_unix_seconds(value, field)
    _check_window(seconds, value, field, now)
    return seconds


def latest_schedule(now: float) -> int:
    """Return the latest accepted schedule: ``MAX_MONTHS_AHEAD`` calendar months after now."""
    moment = datetime.fromtimestamp(now, tz=UTC)
    month_index = moment.month - 1 + MAX_MONTHS_AHEAD
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return int(moment.replace(year=year, month=month, day=day).timestamp())


def _to_unix_seconds(value: object, field: str) -> int:
    if isinstance(value, bool):
        raise InvalidInputError(field, value, SCHEDULE_FIX)

    if isinstance(value, int):
        return value

    if isinstance(value, float) and value.is_integer():
        return int(value)

    if not isinstance(value, str):
        raise InvalidInputError(field, value, SCHEDULE_FIX)

    text = value.strip()
    if DIGITS.fullmatch(text):
        return int(text)

    try:
        moment = parse_iso8601(text, field)
    except InvalidInputError:
        fix = SCHEDULE_FIX
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?", text):
            fix = f"The time zone offset is missing. {SCHEDULE_FIX}"
        raise InvalidInputError(field, value, fix) from None

    return int(moment.timestamp())


def _check_window(seconds: int, value: object, field: str, now: float) -> None:
    if seconds >= MILLISECONDS_THRESHOLD:
        raise InvalidInputError(
            field, value, f"This looks like milliseconds; divide by 1000. {SCHEDULE_FIX}"
        )

    if seconds < now - PAST_TOLERANCE_SECONDS:
        raise InvalidInputError(
            field,
            value,
            f"The time is in the past ({_iso(seconds)}). Use a future time, or leave the "
            "schedule empty to send now.",
        )

    latest = latest_schedule(now)
    if seconds > latest:
        raise InvalidInputError(
            field,
            value,
            f"The time ({_iso(seconds)}) is more than {MAX_MONTHS_AHEAD} months ahead; "
            f"ClickSend accepts schedules up to {_iso(latest)}.",
        )


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
