"""Seed the emulator with generated rows whose dates are known to the benchmark."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from clicksend_sms.emulator.control import EmulatorControl

DAY = 86_400

# Rows that share one second. 8 does not divide the page sizes 15 and 100, so ties straddle
# page boundaries, as they do after a bulk send.
ROWS_PER_SECOND = 8


@dataclass(frozen=True)
class SeededRows:
    """Generated rows of one collection, dated ``start`` onwards, ``per_second`` per second."""

    collection: str
    count: int
    start: int
    per_second: int

    @property
    def end(self) -> int:
        """The date of the last row (``start - 1`` when there are none)."""
        return self.start + (self.count - 1) // self.per_second if self.count else self.start - 1

    def date_before_last(self, rows: int) -> int:
        """Return the date after which exactly the last ``rows`` rows lie."""
        if rows % self.per_second:
            raise ValueError(f"{rows} is not a multiple of {self.per_second} rows per second")
        return self.end - rows // self.per_second


def seed_rows(
    control: EmulatorControl,
    collection: str,
    count: int,
    start: int,
    per_second: int = ROWS_PER_SECOND,
    seed: int = 1,
) -> SeededRows:
    """Add ``count`` generated rows to ``collection`` and check that all were stored."""
    counts = control.seed(
        "generated",
        collection=collection,
        count=count,
        seed=seed,
        start=start,
        per_second=per_second,
    )
    if counts.get(collection) != count:
        raise RuntimeError(
            f"seeding {count} {collection} rows failed: the emulator stored {counts}"
        )
    return SeededRows(collection, count, start, per_second)


def days_ago(days: float) -> int:
    return int(time.time() - days * DAY)


def iso8601(epoch: int) -> str:
    """Return ``epoch`` as an ISO 8601 UTC time, the trigger's startTime format."""
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")
