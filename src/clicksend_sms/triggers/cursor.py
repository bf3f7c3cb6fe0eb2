"""The trigger's position: a total order over polled objects and the cursor within it.

Objects are ordered by the key ``(tracked time, id)``: the tracked field in whole Unix seconds,
then the object id. A cursor marks the end of the emitted prefix of that order: every object
whose key is at or below the cursor has been emitted. ``Cursor(t)`` without an id covers every
object with a time at or before ``t``. ``Cursor(t, id)`` covers the objects before second
``t`` plus those at ``t`` whose id sorts at or below ``id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clicksend_sms.api.timestamps import unix_seconds
from clicksend_sms.errors import InvalidInputError

# Integer ids (and numeric strings) sort numerically before every other id, which sorts as
# text. Each id maps to exactly one key, so the order is total and stable across polls.
IdKey = tuple[int, int, str]
RowKey = tuple[int, IdKey]


def id_key(value: Any) -> IdKey:
    """Return the sort key of an object id (an integer, a numeric string or any text)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (0, value, "")
    text = "" if value is None else str(value)
    digits = text[1:] if text.startswith("-") else text
    if digits.isascii() and digits.isdigit():
        return (0, int(text), "")
    return (1, 0, text)


def tracked_seconds(value: Any) -> int | None:
    """Return whole Unix seconds of a tracked-field value, or None when it has no time.

    ClickSend sends integers, numeric strings or ``""``. A value that is not a time at all
    is treated like a missing one, since it cannot be placed in the order.
    """
    try:
        return unix_seconds(value)
    except InvalidInputError:
        return None


def row_key(row: dict[str, Any], field: str, id_field: str) -> RowKey | None:
    """Return the order key of a ClickSend object, or None when its tracked field is empty."""
    seconds = tracked_seconds(row.get(field))
    if seconds is None:
        return None
    return (seconds, id_key(row.get(id_field)))


@dataclass(frozen=True)
class Cursor:
    """The end of the emitted prefix of the key order (see the module docstring).

    ``last_id`` is the raw id as ClickSend sent it, or None for "the whole second".
    """

    time: int
    last_id: Any = None

    @property
    def position(self) -> tuple[int, int, IdKey]:
        """A tuple that compares like the cursor: the whole second sorts after any id in it."""
        if self.last_id is None:
            return (self.time, 1, (0, 0, ""))
        return (self.time, 0, id_key(self.last_id))

    def admits(self, key: RowKey) -> bool:
        """Return True when an object with ``key`` lies after the cursor (not yet emitted)."""
        seconds, identity = key
        if seconds != self.time:
            return seconds > self.time
        return self.last_id is not None and identity > id_key(self.last_id)

    @property
    def first_open_second(self) -> int:
        """The earliest second that may still hold objects after the cursor."""
        return self.time + 1 if self.last_id is None else self.time


def latest(first: Cursor, second: Cursor) -> Cursor:
    """Return whichever cursor lies further along the order."""
    return second if second.position > first.position else first


def cursor_at(key: RowKey, raw_id: Any) -> Cursor:
    """Return the cursor at the object with ``key`` whose id is ``raw_id``.

    An object without an id has the key of the empty id, so its cursor uses ``""``.
    """
    return Cursor(key[0], "" if raw_id is None else raw_id)
