"""The execution context passed to every trigger and action call.

The context does not depend on how it is run: the local runner and a platform runtime each
pass their own ``sink`` callable, which receives every event in the order it is emitted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from clicksend_sms.component.message import Message, message_payload

EVENT_NAMES = frozenset(
    {"data", "error", "snapshot", "updateSnapshot", "end", "rebound", "updateKeys"}
)


class Event(NamedTuple):
    """One emitted event: its name (``data``, ``snapshot``, ...) and its JSON payload."""

    name: str
    payload: Any


EventSink = Callable[[Event], None]


class ExecutionContext:
    """Emits events for one call of a trigger or action.

    ``sample`` is true for a sample run (platform ``ELASTICIO_FLOW_TYPE=debug`` or the CLI's
    ``--sample``), where a trigger fetches a small page and reports when nothing is found.
    """

    def __init__(
        self,
        sink: EventSink,
        *,
        logger: logging.Logger | None = None,
        sample: bool = False,
    ) -> None:
        self._sink = sink
        self.logger = logger or logging.getLogger("clicksend_sms")
        self.sample = sample

    def emit(self, name: str, payload: Any = None) -> None:
        """Emit a raw event; prefer the typed helpers below."""
        if name not in EVENT_NAMES:
            raise ValueError(f"unknown event {name!r}; expected one of {sorted(EVENT_NAMES)}")
        self._sink(Event(name, payload))

    def emit_data(self, body: Mapping[str, Any] | Message) -> None:
        """Emit a data message; a plain mapping becomes the body of a new message.

        A dict is emitted as it is, without a copy, because triggers emit every object they
        read.
        """
        if isinstance(body, Message):
            payload = body.to_dict()
        else:
            payload = message_payload(body if isinstance(body, dict) else dict(body))
        self._sink(Event("data", payload))

    def emit_snapshot(self, snapshot: Mapping[str, Any]) -> None:
        """Replace the step's snapshot; the runner persists the last one emitted."""
        self.emit("snapshot", dict(snapshot))

    def emit_error(self, error: BaseException) -> None:
        self.emit("error", error_payload(error))

    def emit_rebound(self, reason: str) -> None:
        self.emit("rebound", {"message": reason})

    def emit_update_keys(self, keys: Mapping[str, Any]) -> None:
        self.emit("updateKeys", dict(keys))


def error_payload(error: BaseException) -> dict[str, str]:
    """Return the platform's error shape ``{name, message}`` for an exception."""
    return {"name": type(error).__name__, "message": str(error)}
