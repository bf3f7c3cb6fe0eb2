"""Fixtures for the emulator's own tests: an authenticated client and a frozen clock."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

# A fixed emulator time (2027-01-15 08:00:00 UTC) so dates in assertions are exact.
FROZEN_NOW = 1_800_000_000


@pytest.fixture
def api(emulator) -> Iterator[httpx.Client]:
    """An httpx client on the emulator's /v3 with valid credentials."""
    with httpx.Client(
        base_url=emulator.base_url, auth=(emulator.username, emulator.api_key), timeout=10
    ) as client:
        yield client


@pytest.fixture
def frozen(emulator) -> int:
    """Freeze the emulator clock at FROZEN_NOW and return it."""
    return emulator.control.set_clock(FROZEN_NOW)


@pytest.fixture
def demo(emulator, frozen) -> int:
    """Load the demo seed at the frozen time and return that time."""
    emulator.control.seed("demo")
    return frozen
