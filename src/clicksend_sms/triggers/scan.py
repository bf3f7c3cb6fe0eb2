"""The two ways a poll walks ClickSend's pages and emits the objects of its window.

``SortedScan`` (history, campaigns) streams pages of a list sorted by the tracked field: it
emits each page's new objects sorted by (time, id) and snapshots after each page. Objects of
the page's last second may continue on the next page, so a mid-poll snapshot covers only the
seconds before it. A completed poll moves the cursor to the window's upper bound.

``BoundedScan`` (receipts, and any list that turns out unsorted) makes repeated full scans.
Each scan keeps only the ``capacity`` smallest keys after the cursor in a heap. It emits them
in key order one page at a time, with a snapshot after each page, and moves the cursor
exactly to the last one, so it is right whatever order the server uses. A scan that finds fewer than
``capacity`` objects ends the poll. The cost is ``(floor(N / capacity) + 1) * ceil(U / page
size)`` requests for N new objects in a list of U, so a capacity of many pages keeps a usual
poll to one full scan while memory stays bounded by that capacity.

Both restart a pass when the list's ``total`` drops between pages, because a removed row
shifts the later pages and page-number paging would then skip the row at a page boundary.
"""

from __future__ import annotations

import heapq
import logging
from dataclasses import dataclass, field
from typing import Any

from clicksend_sms.errors import TransientError
from clicksend_sms.triggers.cursor import (
    Cursor,
    IdKey,
    RowKey,
    cursor_at,
    id_key,
    latest,
    row_key,
    tracked_seconds,
)
from clicksend_sms.triggers.emitter import Emitter, PollStats
from clicksend_sms.triggers.sources import PageSource

logger = logging.getLogger("clicksend_sms.triggers.polling")

# Passes restarted because rows disappeared mid-pass, before the poll gives up for now.
MAX_RESTARTS = 5

# Objects a BoundedScan keeps between pages (about 1 MB of receipts). Up to this many new
# objects cost one full scan of the list; each further batch of this size costs another.
SCAN_CAPACITY = 2000


class OrderError(Exception):
    """The server returned the tracked field out of ascending order."""


@dataclass(frozen=True)
class Window:
    """The objects a poll emits: keys after ``start`` with a time at or before ``upper``."""

    start: Cursor
    upper: int
    field: str
    id_field: str

    def key(self, row: dict[str, Any]) -> RowKey | None:
        return row_key(row, self.field, self.id_field)


def _vanished(first_total: int | None, total: int | None) -> bool:
    return first_total is not None and total is not None and total < first_total


def _gave_up(source: PageSource) -> TransientError:
    return TransientError(
        f"The list kept losing rows while it was read ({MAX_RESTARTS} restarts); the "
        "trigger stopped at its last snapshot and continues from there on the next poll.",
        method="GET",
        path=source.path,
    )


class SortedScan:
    """Streams a list sorted by the tracked field; see the module docstring."""

    def __init__(
        self, source: PageSource, window: Window, emitter: Emitter, stats: PollStats
    ) -> None:
        self.source = source
        self.window = window
        self.emitter = emitter
        self.stats = stats
        self.safe = window.start
        self.highest: int | None = None
        self.previous_ids: set[IdKey] = set()

    def run(self) -> None:
        """Emit the window; raise OrderError as soon as the server's order goes backwards."""
        floor = self.window.start
        for _ in range(MAX_RESTARTS + 1):
            if self._pass(floor):
                return
            self.stats.restarts += 1
            logger.info(
                "Rows disappeared from %s while paging; reading again from %s.",
                self.source.path,
                self.safe,
            )
            floor = self.safe
            self.highest = None
        raise _gave_up(self.source)

    def _pass(self, floor: Cursor) -> bool:
        """Read one query from ``floor``; return False when it must restart."""
        first_total: int | None = None
        for page in self.source.pages(floor):
            self.stats.pages += 1
            self.stats.objects_seen += len(page.records)
            self.stats.hold(len(page.records))
            if _vanished(first_total, page.total):
                return False
            if first_total is None:
                first_total = page.total

            objects, beyond = self._select(page.records, floor)
            self.emitter.emit_objects(objects)

            if beyond or page.is_last or self.emitter.sample:
                break
            if self.highest is not None:
                self.safe = latest(self.safe, Cursor(self.highest - 1))
            self.emitter.emit_snapshot(self.safe)

        self.emitter.emit_snapshot(latest(self.safe, Cursor(self.window.upper)))
        return True

    def _select(self, records: list[dict[str, Any]], floor: Cursor) -> tuple[list[Any], bool]:
        """Return the page's objects inside the window, in time order, and whether it went past.

        The server sorts by the tracked field, so the page is already in time order. The order
        within one second does not matter, because mid-poll snapshots cover whole seconds
        only. Objects already emitted from the previous page (a row shifted by an insert
        before it) are dropped. This loop runs once per object polled, so it reads the
        fields directly.
        """
        field, id_field, upper = self.window.field, self.window.id_field, self.window.upper
        chosen: list[dict[str, Any]] = []
        chosen_ids: set[IdKey] = set()
        beyond = False
        for row in records:
            seconds = tracked_seconds(row.get(field))
            if seconds is None:
                self.stats.skipped_without_time += 1
                continue

            if self.highest is not None and seconds < self.highest:
                raise OrderError(f"{self.source.path} went back from {self.highest} to {seconds}")
            self.highest = seconds

            if seconds > upper:
                beyond = True
                continue
            if seconds < floor.time:
                continue
            identity = id_key(row.get(id_field))
            if seconds == floor.time and not floor.admits((seconds, identity)):
                continue
            if identity in self.previous_ids or identity in chosen_ids:
                continue
            chosen_ids.add(identity)
            chosen.append(row)

        self.previous_ids = chosen_ids
        return chosen, beyond


@dataclass(order=False)
class _Candidate:
    """A heap entry ordered in reverse, so the heap's top is the largest key kept."""

    key: RowKey
    row: dict[str, Any] = field(compare=False)

    def __lt__(self, other: _Candidate) -> bool:
        return self.key > other.key


class CandidateHeap:
    """The ``capacity`` smallest distinct keys offered so far, with their objects."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._heap: list[_Candidate] = []
        self._keys: set[RowKey] = set()

    def __len__(self) -> int:
        return len(self._heap)

    def offer(self, key: RowKey, row: dict[str, Any]) -> None:
        if key in self._keys:
            return
        if len(self._heap) < self.capacity:
            heapq.heappush(self._heap, _Candidate(key, row))
            self._keys.add(key)
        elif key < self._heap[0].key:
            dropped = heapq.heapreplace(self._heap, _Candidate(key, row))
            self._keys.discard(dropped.key)
            self._keys.add(key)

    def in_order(self) -> list[tuple[RowKey, dict[str, Any]]]:
        return sorted(((c.key, c.row) for c in self._heap), key=lambda item: item[0])


class BoundedScan:
    """Repeated full scans with a bounded heap; see the module docstring."""

    def __init__(
        self,
        source: PageSource,
        window: Window,
        emitter: Emitter,
        stats: PollStats,
        *,
        capacity: int,
        page_size: int,
    ) -> None:
        self.source = source
        self.window = window
        self.emitter = emitter
        self.stats = stats
        self.capacity = capacity
        self.page_size = page_size

    def run(self) -> None:
        cursor = self.window.start
        while True:
            best = self._scan(cursor)
            for start in range(0, len(best), self.page_size):
                chunk = best[start : start + self.page_size]
                self.emitter.emit_objects([row for _, row in chunk])
                last_key, last_row = chunk[-1]
                cursor = cursor_at(last_key, last_row.get(self.window.id_field))
                if start + self.page_size < len(best):
                    self.emitter.emit_snapshot(cursor)

            if len(best) < self.capacity or self.emitter.sample:
                self.emitter.emit_snapshot(latest(cursor, Cursor(self.window.upper)))
                return

            self.emitter.emit_snapshot(cursor)

    def _scan(self, cursor: Cursor) -> list[tuple[RowKey, dict[str, Any]]]:
        """Return the smallest keys after ``cursor`` in the window, at most ``capacity``."""
        for _ in range(MAX_RESTARTS + 1):
            self.stats.scans += 1
            candidates = CandidateHeap(self.capacity)
            if self._fill(candidates, cursor):
                return candidates.in_order()
            self.stats.restarts += 1
            logger.info(
                "Rows disappeared from %s while scanning; scanning again.", self.source.path
            )
        raise _gave_up(self.source)

    def _fill(self, candidates: CandidateHeap, cursor: Cursor) -> bool:
        """Offer every object of one full scan; return False when rows disappeared."""
        first_total: int | None = None
        for page in self.source.pages(cursor):
            self.stats.pages += 1
            self.stats.objects_seen += len(page.records)
            self.stats.hold(len(page.records) + len(candidates))
            if _vanished(first_total, page.total):
                return False
            if first_total is None:
                first_total = page.total

            for row in page.records:
                key = self.window.key(row)
                if key is None:
                    self.stats.skipped_without_time += 1
                elif key[0] <= self.window.upper and cursor.admits(key):
                    candidates.offer(key, row)

            if self.emitter.sample:
                break
        return True
