"""Helpers for trigger tests: run polls in-process with a fixed clock and add objects."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clicksend_sms.component import Event, ExecutionContext
from clicksend_sms.triggers.emitter import PollStats
from clicksend_sms.triggers.polling import poll

# A fixed "now" for the trigger; every test object is dated relative to it.
NOW = 1_700_000_000
LAG = 10
UPPER = NOW - LAG

COLLECTIONS = {"smsHistory": "history", "smsReceipts": "receipts", "smsCampaigns": "campaigns"}
ID_FIELDS = {
    "smsHistory": "message_id",
    "smsReceipts": "message_id",
    "smsCampaigns": "sms_campaign_id",
}
DEFAULT_FIELDS = {"smsHistory": "date", "smsReceipts": "timestamp", "smsCampaigns": "date_added"}


# Ids drawn from one generator never repeat within a test session.
_SHARED_RNG = random.Random(20240514)


@dataclass
class PollRun:
    """Everything one poll emitted, in order."""

    events: list[Event]
    stats: PollStats | None
    error: BaseException | None = None
    bodies: list[dict[str, Any]] = field(init=False)
    snapshots: list[dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.bodies = [e.payload["body"] for e in self.events if e.name == "data"]
        self.snapshots = [e.payload for e in self.events if e.name == "snapshot"]

    @property
    def last_snapshot(self) -> dict[str, Any] | None:
        return self.snapshots[-1] if self.snapshots else None

    def ids(self, object_type: str) -> list[Any]:
        return [body[ID_FIELDS[object_type]] for body in self.bodies]


def run_poll(
    emulator: Any,
    snapshot: dict[str, Any] | None = None,
    *,
    object_type: str = "smsHistory",
    now: int = NOW,
    lag: int = LAG,
    sample: bool = False,
    on_event: Callable[[Event], None] | None = None,
    **fields: Any,
) -> PollRun:
    """Poll once through the trigger's own code, with ``now`` as the clock."""
    cfg = {
        **emulator.cfg,
        "objectType": object_type,
        "pollConfig": DEFAULT_FIELDS[object_type],
        "pollLagSeconds": lag,
        **fields,
    }
    events: list[Event] = []

    def sink(event: Event) -> None:
        events.append(event)
        if on_event is not None:
            on_event(event)

    stats = poll(ExecutionContext(sink, sample=sample), cfg, snapshot, clock=lambda: now)
    return PollRun(events, stats)


def add_objects(
    emulator: Any,
    object_type: str,
    dates: list[int],
    *,
    rng: random.Random | None = None,
    field_name: str | None = None,
) -> list[Any]:
    """Add one object per date (in the given order) and return their ids.

    History and receipt ids are random UUID-like text, so the id order differs from the
    order in which the emulator stores (and lists) objects of the same second.
    """
    rng = rng or _SHARED_RNG
    tracked = field_name or DEFAULT_FIELDS[object_type]
    objects: list[dict[str, Any]] = []
    for date in dates:
        if object_type == "smsCampaigns":
            objects.append({"date_added": date, "schedule": date, tracked: date})
        elif object_type == "smsReceipts":
            objects.append(
                {
                    "message_id": _message_id(rng),
                    "timestamp": date,
                    "timestamp_send": date - 5,
                    tracked: date,
                }
            )
        else:
            objects.append({"message_id": _message_id(rng), "date": date})

    created: list[Any] = []
    for start in range(0, len(objects), 500):
        chunk = objects[start : start + 500]
        created.extend(emulator.control.add(COLLECTIONS[object_type], chunk))
    return [row[ID_FIELDS[object_type]] for row in created]


def _message_id(rng: random.Random) -> str:
    return (
        "".join(rng.choice("0123456789ABCDEF") for _ in range(8)) + f"-{rng.getrandbits(48):012X}"
    )
