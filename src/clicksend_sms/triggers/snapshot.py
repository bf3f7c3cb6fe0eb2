"""The trigger's snapshot: the cursor as a small JSON object, plus older shapes it reads.

Written shape (version 2)::

    {"version": 2, "objectType": "smsHistory", "pollConfig": "date",
     "cursorTime": "2024-05-14T04:20:41Z", "cursorId": null}

Every object whose (tracked time, id) is at or below (cursorTime, cursorId) has been emitted;
a null ``cursorId`` covers the whole second. Older shapes are read without losing objects:

- ``lastModificationTime`` + ``lastSeenId``: the same meaning (keyset snapshots);
- ``nextStartTime`` or ``startTime``: the next window starts at that time, inclusive, so only
  the objects before it count as emitted.

Times are ISO 8601 strings (a missing offset is read as UTC) or Unix seconds; numbers above
1e11 are read as milliseconds.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.triggers.config import PollSettings
from clicksend_sms.triggers.cursor import Cursor

logger = logging.getLogger("clicksend_sms.triggers.polling")

SNAPSHOT_VERSION = 2
# Ids longer than this (as JSON) are not stored. The cursor then covers only the seconds
# before, so the objects of that second are emitted again rather than risk losing one.
MAX_STORED_ID_LENGTH = 256
_MILLISECONDS_ABOVE = 1e11
_FIX = 'Reset the trigger\'s snapshot, or set it to {"cursorTime": "<ISO 8601 time>"}.'


def dump_snapshot(cursor: Cursor, settings: PollSettings) -> dict[str, Any]:
    """Return the snapshot that stores ``cursor`` for this trigger configuration."""
    last_id = cursor.last_id
    time = cursor.time
    if last_id is not None and len(json.dumps(last_id)) > MAX_STORED_ID_LENGTH:
        last_id, time = None, time - 1

    return {
        "version": SNAPSHOT_VERSION,
        "objectType": settings.object_type.plural_key,
        "pollConfig": settings.field,
        "cursorTime": format_time(time),
        "cursorId": last_id,
    }


def load_cursor(snapshot: Mapping[str, Any], settings: PollSettings) -> Cursor | None:
    """Return the cursor stored in ``snapshot`` (any supported shape), or None without one.

    A snapshot written for another object type or tracked field keeps its time but not its
    id, because ids of another order do not locate a position in this one.
    """
    if _present(snapshot, "cursorTime"):
        seconds = parse_time(snapshot["cursorTime"], "cursorTime")
        last_id = snapshot.get("cursorId")
        same_order = (
            snapshot.get("objectType", settings.object_type.plural_key)
            == settings.object_type.plural_key
            and snapshot.get("pollConfig", settings.field) == settings.field
        )
        if not same_order:
            logger.warning(
                "The snapshot was written for %s by %s; continuing after %s for %s by %s.",
                snapshot.get("objectType"),
                snapshot.get("pollConfig"),
                snapshot["cursorTime"],
                settings.object_type.plural_key,
                settings.field,
            )
            last_id = None
        return _keyset_cursor(seconds, last_id)

    if _present(snapshot, "lastModificationTime"):
        seconds = parse_time(snapshot["lastModificationTime"], "lastModificationTime")
        return _keyset_cursor(seconds, snapshot.get("lastSeenId"))

    for name in ("nextStartTime", "startTime"):
        if _present(snapshot, name):
            seconds = parse_time(snapshot[name], name)
            return Cursor(math.ceil(seconds) - 1)

    if snapshot:
        logger.warning(
            "The snapshot has none of cursorTime, lastModificationTime, nextStartTime or "
            "startTime (keys: %s); starting from the configured start time.",
            ", ".join(sorted(snapshot)),
        )
    return None


def parse_time(value: Any, name: str) -> float:
    """Return Unix seconds for a snapshot time (ISO 8601 text, seconds or milliseconds)."""
    seconds: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str):
        seconds = _parse_text_time(value.strip())

    if seconds is None or not math.isfinite(seconds):
        raise InvalidInputError(f"snapshot.{name}", value, _FIX)
    return seconds / 1000 if abs(seconds) > _MILLISECONDS_ABOVE else seconds


def format_time(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _keyset_cursor(seconds: float, last_id: Any) -> Cursor:
    # A fractional time cannot hold a ClickSend object (whole seconds), so the second
    # before it is the last complete one.
    if not float(seconds).is_integer():
        return Cursor(math.floor(seconds))
    return Cursor(int(seconds), last_id)


def _parse_text_time(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def _present(snapshot: Mapping[str, Any], name: str) -> bool:
    value = snapshot.get(name)
    return value is not None and value != ""
