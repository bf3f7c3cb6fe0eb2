"""Shared fixtures: one ClickSend emulator per test session, reset before every test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from clicksend_sms.emulator.control import EmulatorControl
from clicksend_sms.emulator.server import EmulatorServer

EMULATOR_USERNAME = "demo-user"
EMULATOR_API_KEY = "demo-key"


@dataclass
class EmulatorHandle:
    """What a test needs to talk to the emulator and to script it."""

    base_url: str
    username: str
    api_key: str
    control: EmulatorControl
    server: EmulatorServer
    cfg: dict[str, str] = field(init=False)
    env: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.cfg = {"username": self.username, "apiKey": self.api_key, "baseUrl": self.base_url}
        self.env = {
            "CLICKSEND_USERNAME": self.username,
            "CLICKSEND_API_KEY": self.api_key,
            "CLICKSEND_BASE_URL": self.base_url,
        }


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[EmulatorServer]:
    """One emulator on a free loopback port for the whole session."""
    server = EmulatorServer(port=0, username=EMULATOR_USERNAME, api_key=EMULATOR_API_KEY)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def emulator(emulator_server: EmulatorServer) -> Iterator[EmulatorHandle]:
    """The session emulator, reset to an empty store, default switches and real time.

    After the test, any emulator handler failure (an emulator bug returned as a 500) fails
    the test with its traceback, so a broken fake cannot pass for a server error.
    """
    control = EmulatorControl(emulator_server.control_url)
    control.reset()
    yield EmulatorHandle(
        base_url=emulator_server.base_url,
        username=emulator_server.username,
        api_key=emulator_server.api_key,
        control=control,
        server=emulator_server,
    )
    errors = control.errors()
    if errors:
        pytest.fail("emulator handler failed:\n" + "\n".join(errors), pytrace=False)
