"""Emission of polled objects and snapshots, and the counters a poll reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clicksend_sms.component import ExecutionContext
from clicksend_sms.triggers.config import PollSettings
from clicksend_sms.triggers.cursor import Cursor
from clicksend_sms.triggers.snapshot import dump_snapshot

# A sample run emits at most this many objects, from one page.
SAMPLE_SIZE = 10


@dataclass
class PollStats:
    """Counters of one poll.

    ``max_held`` is the largest number of ClickSend objects the poll held in memory at once:
    the current page plus any candidates kept between pages. It stays bounded by a small
    multiple of the page size however many objects are scanned.
    """

    requests: int = 0
    pages: int = 0
    objects_seen: int = 0
    objects_emitted: int = 0
    skipped_without_time: int = 0
    snapshots: int = 0
    scans: int = 0
    restarts: int = 0
    max_held: int = 0
    unsorted: bool = False

    def hold(self, count: int) -> None:
        self.max_held = max(self.max_held, count)


class Emitter:
    """Emits objects (one message each, or one ``{"results": [...]}`` per page) and snapshots.

    In a sample run at most SAMPLE_SIZE objects are emitted and no snapshot is, because a
    sample previews the data without moving the trigger's position.
    """

    def __init__(
        self, context: ExecutionContext, settings: PollSettings, stats: PollStats, *, sample: bool
    ) -> None:
        self.context = context
        self.settings = settings
        self.stats = stats
        self.sample = sample
        self.last_snapshot: Cursor | None = None

    @property
    def full(self) -> bool:
        """True once a sample run has emitted all it may."""
        return self.sample and self.stats.objects_emitted >= SAMPLE_SIZE

    def emit_objects(self, objects: list[dict[str, Any]]) -> None:
        """Emit ``objects`` in the given order, as they are (no field renamed or dropped)."""
        if self.sample:
            objects = objects[: SAMPLE_SIZE - self.stats.objects_emitted]
        if not objects:
            return

        if self.settings.emit_page:
            self.context.emit_data({"results": objects})
        else:
            for body in objects:
                self.context.emit_data(body)
        self.stats.objects_emitted += len(objects)

    def emit_snapshot(self, cursor: Cursor) -> None:
        """Emit the snapshot of ``cursor``; every object at or below it must be emitted."""
        if self.sample:
            return
        self.context.emit_snapshot(dump_snapshot(cursor, self.settings))
        self.last_snapshot = cursor
        self.stats.snapshots += 1
