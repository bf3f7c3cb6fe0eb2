"""Small measuring helpers shared by the pytest-benchmark modules."""

from __future__ import annotations

import resource
from collections.abc import Callable
from typing import Any


def cpu_seconds() -> float:
    """Return the user plus system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class CpuMeter:
    """Wrap a benchmark target and add up the CPU time of this process over its calls.

    pytest-benchmark reports wall time. The CPU time leaves out the time spent waiting for
    the emulator, which runs in another process.
    """

    def __init__(self, target: Callable[[], Any]) -> None:
        self.target = target
        self.calls = 0
        self.total = 0.0

    def __call__(self) -> Any:
        before = cpu_seconds()
        result = self.target()
        self.total += cpu_seconds() - before
        self.calls += 1
        return result

    @property
    def per_call(self) -> float:
        return self.total / self.calls if self.calls else 0.0
