"""Fixtures of the pytest-benchmark modules (poll_throughput, bulk_send, startup).

``benchmarks/run.py`` starts one emulator and passes ``--emulator-url``; without it, the
session starts its own emulator process.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.emulator_process import EmulatorHandle, EmulatorProcess
from benchmarks.sizes import PRESETS, Sizes


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("clicksend-sms benchmarks")
    group.addoption(
        "--emulator-url",
        default=None,
        help="base URL (.../v3) of a running emulator that accepts bench-user / bench-key",
    )
    group.addoption(
        "--sizes",
        choices=sorted(PRESETS),
        default="full",
        help="data sizes and rounds: full (the documented figures) or smoke (a quick check)",
    )
    group.addoption(
        "--profile-dir",
        default=None,
        help="folder for the trigger's cProfile and the CLI's import times (skipped without it)",
    )


@pytest.fixture(scope="session")
def sizes(request: pytest.FixtureRequest) -> Sizes:
    return PRESETS[request.config.getoption("--sizes")]


@pytest.fixture(scope="session")
def profile_dir(request: pytest.FixtureRequest) -> Path | None:
    value = request.config.getoption("--profile-dir")
    return None if value is None else Path(value)


@pytest.fixture(scope="session")
def emulator(request: pytest.FixtureRequest) -> Iterator[EmulatorHandle]:
    url = request.config.getoption("--emulator-url")
    if url:
        yield EmulatorHandle(url)
        return
    with EmulatorProcess() as handle:
        yield handle
