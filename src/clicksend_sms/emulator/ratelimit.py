"""Per-route fixed-window request limits and the rate-limit headers on every /v3 response.

A window opens at a route's first request and lasts ``window`` seconds of emulator time;
``ratelimit-reset`` is the whole seconds left in it. Requests with bad credentials count too,
as observed on the live API.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

# Shown in the headers when no limit is enforced; the figure seen on a busy live route.
NOMINAL = {"limit": 6000, "window": 60}
CLICKSEND_PRESET: dict[str, Any] = {
    "limit": 6000,
    "window": 60,
    "routes": {"GET /v3/account": {"limit": 20, "window": 60}},
}


@dataclass
class Decision:
    allowed: bool
    headers: dict[str, str]
    retry_after: int


class RateLimiter:
    """Counts requests per route key such as ``GET /v3/sms/history``."""

    def __init__(self) -> None:
        self._windows: dict[str, tuple[float, int]] = {}

    def check(self, route: str, setting: Any, now: float) -> Decision:
        """Count one request on ``route`` and return whether the limit allows it."""
        bucket, enforced = _bucket_for(route, setting)
        limit, window = int(bucket["limit"]), float(bucket["window"])
        start, used = self._windows.get(route, (now, 0))
        if now >= start + window or now < start:
            start, used = now, 0
        allowed = not enforced or used < limit
        used += 1 if allowed else 0
        self._windows[route] = (start, used)
        reset = max(0, math.ceil(start + window - now))
        headers = {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(max(0, limit - used)),
            "ratelimit-reset": str(reset),
        }
        return Decision(allowed, headers, reset)


def _bucket_for(route: str, setting: Any) -> tuple[dict[str, Any], bool]:
    if setting is None:
        return NOMINAL, False
    config = CLICKSEND_PRESET if setting == "clicksend" else setting
    routes = config.get("routes", {})
    if route in routes:
        return routes[route], True
    if "limit" in config:
        return config, True
    return NOMINAL, False
