"""The emulator's clock: real time by default, or frozen and moved by the control API."""

from __future__ import annotations

import threading
import time


class Clock:
    """Unix time in seconds that tests can freeze, advance and release.

    Every date the emulator writes (send dates, receipt times, contact updates, rate-limit
    windows) and every "is this scheduled message due yet" decision reads this clock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frozen_at: float | None = None

    def now(self) -> int:
        """Return the current emulator time in whole Unix seconds."""
        return int(self.now_float())

    def now_float(self) -> float:
        """Return the current emulator time with its fraction, for rate-limit windows."""
        with self._lock:
            frozen = self._frozen_at
        return time.time() if frozen is None else frozen

    def freeze(self, epoch: float) -> None:
        """Stop the clock at ``epoch``; it stays there until advanced or released."""
        with self._lock:
            self._frozen_at = float(epoch)

    def advance(self, seconds: float) -> None:
        """Move the clock forward (or back, for a negative value); a real clock is frozen first."""
        with self._lock:
            start = time.time() if self._frozen_at is None else self._frozen_at
            self._frozen_at = start + float(seconds)

    def release(self) -> None:
        """Return to real time."""
        with self._lock:
            self._frozen_at = None

    @property
    def frozen(self) -> bool:
        with self._lock:
            return self._frozen_at is not None
