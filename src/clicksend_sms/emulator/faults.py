"""Scripted failures for the next N matching /v3 requests.

Types:
- ``status``: respond with ``status`` (default 500) without processing the request; a 429 gets
  the rate-limit body and ``Retry-After: retry_after``. ``process: true`` processes the request
  first (a send is stored) and then responds with the error. ``body`` replaces the JSON envelope
  (a string is sent as text/html, e.g. a proxy's error page).
- ``delay``: wait ``seconds`` (real time), then process and respond normally.
- ``truncate``: process, then send only the first ``bytes`` bytes of the body (default half),
  with a Content-Length that matches, so the HTTP exchange completes but the JSON is cut short.
- ``drop_before``: close the connection without processing or responding.
- ``drop_after``: process the request (a send is stored), then close without responding.
- ``replay``: process the request, then send the body of the previous successful GET of the
  same path instead (query ignored), so a client walking pages sees one page twice. Without a
  previous response the emulator responds normally.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FAULT_TYPES = ("status", "delay", "truncate", "drop_before", "drop_after", "replay")
METHODS = ("*", "GET", "POST", "PUT", "DELETE", "PATCH")


class FaultError(ValueError):
    """An invalid fault specification sent to the control API."""


@dataclass
class Fault:
    type: str
    method: str
    path: str
    remaining: int
    params: dict[str, Any] = field(default_factory=dict)

    def matches(self, method: str, path: str) -> bool:
        return self.remaining > 0 and self.method in ("*", method) and path.startswith(self.path)

    def describe(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "method": self.method,
            "path": self.path,
            "remaining": self.remaining,
            **self.params,
        }


def _number(spec: Mapping[str, Any], name: str, default: float, minimum: float) -> float:
    value = spec.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise FaultError(f"fault {name!r} must be a number >= {minimum}, got {value!r}")
    return value


def parse_fault(spec: Mapping[str, Any]) -> Fault:
    """Check a fault specification from the control API and return the Fault."""
    kind = spec.get("type")
    if kind not in FAULT_TYPES:
        raise FaultError(f"fault type must be one of {list(FAULT_TYPES)}, got {kind!r}")
    method = str(spec.get("method", "*")).upper()
    if method not in METHODS:
        raise FaultError(f"fault method must be one of {list(METHODS)}, got {method!r}")
    path = spec.get("path", "/v3")
    if not isinstance(path, str) or not path.startswith("/"):
        raise FaultError(f"fault path must be a path prefix such as /v3/sms/send, got {path!r}")
    count = int(_number(spec, "count", 1, 1))
    params = {
        key: value for key, value in spec.items() if key not in ("type", "method", "path", "count")
    }
    if kind == "status":
        params["status"] = int(_number(spec, "status", 500, 100))
        if "retry_after" in spec:
            params["retry_after"] = _number(spec, "retry_after", 0, 0)
    if kind == "delay":
        params["seconds"] = _number(spec, "seconds", 1, 0)
    if kind == "truncate" and "bytes" in spec:
        params["bytes"] = int(_number(spec, "bytes", 0, 0))
    return Fault(kind, method, path, count, params)


class FaultQueue:
    """Faults in the order they were added; the first matching one with uses left applies."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        self._faults.append(fault)

    def take(self, method: str, path: str) -> Fault | None:
        """Return the fault for this request and use up one of its repetitions."""
        for fault in self._faults:
            if fault.matches(method, path):
                fault.remaining -= 1
                return fault
        return None

    def pending(self) -> list[dict[str, Any]]:
        return [fault.describe() for fault in self._faults if fault.remaining > 0]

    def clear(self) -> None:
        self._faults.clear()
