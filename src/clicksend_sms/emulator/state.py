"""The emulator's whole state: credentials, clock, switches, data, faults and request log."""

from __future__ import annotations

import hmac
import os
import threading
from collections import deque
from typing import Any

from clicksend_sms.emulator import switches as switch_rules
from clicksend_sms.emulator.clock import Clock
from clicksend_sms.emulator.faults import FaultQueue
from clicksend_sms.emulator.ratelimit import RateLimiter
from clicksend_sms.emulator.render import Renderer
from clicksend_sms.emulator.store import Store

DEFAULT_USERNAME = "demo-user"
DEFAULT_API_KEY = "demo-key"
# The request log keeps this many most recent /v3 requests, so long benchmarks stay bounded.
REQUEST_LOG_SIZE = 100_000


def resolve_credentials(username: str | None, api_key: str | None) -> tuple[str, str]:
    """Return the accepted credentials: arguments, else CLICKSEND_* variables, else demo ones."""
    user = username or os.environ.get("CLICKSEND_USERNAME") or DEFAULT_USERNAME
    key = api_key or os.environ.get("CLICKSEND_API_KEY") or DEFAULT_API_KEY
    return user, key


class Emulator:
    """Everything a request can read or change, guarded by one lock.

    Request handling keeps ``lock`` acquired for the whole of processing, so handlers see a
    consistent store. Only injected delays and network writes happen outside it.
    """

    def __init__(self, username: str | None = None, api_key: str | None = None) -> None:
        self.username, self.api_key = resolve_credentials(username, api_key)
        self.lock = threading.RLock()
        self.clock = Clock()
        self.store = Store()
        self.switches = switch_rules.defaults()
        self.faults = FaultQueue()
        self.limiter = RateLimiter()
        self.requests: deque[dict[str, Any]] = deque(maxlen=REQUEST_LOG_SIZE)
        # Tracebacks of handler failures (emulator bugs), for tests to surface.
        self.errors: list[str] = []
        # Counts resets, so a request delayed across a reset is dropped instead of leaking
        # into the next test's state and request log.
        self.generation = 0
        # The last successful GET body per path, for the replay fault.
        self.last_bodies: dict[str, Any] = {}

    def reset(self, switches: dict[str, Any] | None = None) -> None:
        """Empty the store, clear faults and the log, release the clock, reset switches."""
        checked = switch_rules.validate(switches or {})
        with self.lock:
            self.store = Store()
            self.switches = switch_rules.defaults()
            self.switches.update(checked)
            self.faults.clear()
            self.limiter = RateLimiter()
            self.requests.clear()
            self.errors.clear()
            self.last_bodies.clear()
            self.clock.release()
            self.generation += 1

    def update_switches(self, values: dict[str, Any]) -> dict[str, Any]:
        checked = switch_rules.validate(values)
        with self.lock:
            self.switches.update(checked)
            return dict(self.switches)

    def check_credentials(self, username: str, api_key: str) -> bool:
        """Compare in constant time, so response timing does not leak the key."""
        user_ok = hmac.compare_digest(username.encode(), self.username.encode())
        key_ok = hmac.compare_digest(api_key.encode(), self.api_key.encode())
        return user_ok and key_ok

    def renderer(self) -> Renderer:
        return Renderer(self.store, self.switches)

    @property
    def inclusive_bounds(self) -> bool:
        return bool(self.switches["date_bounds"] == "inclusive")
