"""Fixtures for the API client tests: a loopback HTTP server, a fake clock and a client factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from clicksend_sms.api import ClickSendClient, RetryPolicy, Timeouts

USERNAME = "user+tag@example.com"
API_KEY = "k3y-!@#%:secret"


class FakeTime:
    """A wall clock that only moves when the client sleeps; records every sleep."""

    def __init__(self, start: float = 1_715_660_441.0) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self.on_sleep: Callable[[float], None] | None = None

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep(seconds)

    @staticmethod
    def jitter(cap: float) -> float:
        # The largest wait full jitter can pick, so backoff schedules are exact.
        return cap


def envelope(
    http_code: int = 200,
    response_code: str | int = "SUCCESS",
    response_msg: str = "Here are your data.",
    data: Any = None,
) -> dict[str, Any]:
    return {
        "http_code": http_code,
        "response_code": response_code,
        "response_msg": response_msg,
        "data": data,
    }


@pytest.fixture(scope="session")
def http_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(http_server: HTTPServer) -> Iterator[HTTPServer]:
    """The loopback server with no handlers and an empty request log."""
    http_server.clear()
    yield http_server
    http_server.check_handler_errors()
    http_server.clear()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_client(
    server: HTTPServer, fake_time: FakeTime
) -> Iterator[Callable[..., ClickSendClient]]:
    """Build clients against ``server`` (or ``base_url``) with the fake clock and sleep."""
    clients: list[ClickSendClient] = []

    def build(**options: Any) -> ClickSendClient:
        options.setdefault("base_url", server.url_for("/v3"))
        options.setdefault("timeouts", Timeouts(connect=2, read=2))
        options.setdefault("retry", RetryPolicy(max_attempts=5, max_elapsed=60))
        options.setdefault("clock", fake_time.clock)
        options.setdefault("sleep", fake_time.sleep)
        options.setdefault("jitter", fake_time.jitter)
        username = options.pop("username", USERNAME)
        api_key = options.pop("api_key", API_KEY)
        client = ClickSendClient(username, api_key, **options)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()
