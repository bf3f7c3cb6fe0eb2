"""A small client for the emulator's control API, for tests and benchmarks (stdlib only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

DEFAULT_TIMEOUT = 30.0


class ControlApiError(RuntimeError):
    """The control API rejected a request; the message carries its explanation."""


class EmulatorControl:
    """Drive a running emulator: reset, switches, seeds, objects, faults, log, clock.

    ``root`` is the server root (``http://127.0.0.1:PORT``); a trailing ``/v3`` or
    ``/_emulator`` is accepted and removed.
    """

    def __init__(self, root: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        root = root.rstrip("/")
        for suffix in ("/v3", "/_emulator"):
            root = root.removesuffix(suffix)
        self.root = root
        self.timeout = timeout

    def call(self, method: str, endpoint: str, body: dict[str, Any] | None = None) -> Any:
        """Send one control request and return its decoded JSON body."""
        data = json.dumps(body).encode() if body is not None else None
        # The root is an http:// URL given by the test or benchmark that started the emulator.
        request = urllib.request.Request(  # noqa: S310
            f"{self.root}/_emulator/{endpoint}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (http only)
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", errors="replace")
            raise ControlApiError(f"{method} /_emulator/{endpoint} failed: {detail}") from None

    def reset(self, **switches: Any) -> dict[str, Any]:
        """Empty the store, clear log and faults, use real time, set defaults plus ``switches``."""
        result: dict[str, Any] = self.call("POST", "reset", {"switches": switches})
        return result

    def switches(self, **values: Any) -> dict[str, Any]:
        """Change some switches; with no arguments, return the current ones."""
        if not values:
            return dict(self.call("GET", "switches")["switches"])
        return dict(self.call("POST", "switches", values)["switches"])

    def seed(self, name: str, **params: Any) -> dict[str, int]:
        """Load the ``demo`` or ``generated`` seed; return the objects added per collection."""
        return dict(self.call("POST", "seed", {"name": name, **params})["counts"])

    def add(self, collection: str, objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Store objects (missing fields get defaults) and return them as stored."""
        return list(self.call("POST", f"objects/{collection}", {"objects": objects})["objects"])

    def objects(self, collection: str) -> list[dict[str, Any]]:
        """Return every stored object of a collection, receipts and inbound including read ones."""
        return list(self.call("GET", f"objects/{collection}")["objects"])

    def fault(
        self, type: str, path: str, method: str = "*", count: int = 1, **params: Any
    ) -> list[dict[str, Any]]:
        """Make the next ``count`` requests matching ``method`` and ``path`` prefix fail."""
        spec = {"type": type, "path": path, "method": method, "count": count, **params}
        return list(self.call("POST", "faults", spec)["faults"])

    def clear_faults(self) -> None:
        self.call("DELETE", "faults")

    def requests(self, path: str | None = None) -> list[dict[str, Any]]:
        """Return the logged /v3 requests in order, optionally only those under ``path``."""
        logged = list(self.call("GET", "requests")["requests"])
        if path is None:
            return logged
        return [entry for entry in logged if str(entry["path"]).startswith(path)]

    def clear_requests(self) -> None:
        self.call("DELETE", "requests")

    def set_clock(self, epoch: float) -> int:
        """Freeze the emulator clock at ``epoch``; return the new time."""
        return int(self.call("POST", "clock", {"now": epoch})["now"])

    def advance_clock(self, seconds: float) -> int:
        """Move the emulator clock forward by ``seconds`` (freezing it); return the new time."""
        return int(self.call("POST", "clock", {"advance": seconds})["now"])

    def real_clock(self) -> int:
        return int(self.call("POST", "clock", {"real": True})["now"])

    def now(self) -> int:
        return int(self.call("GET", "clock")["now"])

    def state(self) -> dict[str, Any]:
        """Return object counts per collection, switches, clock, pending faults and errors."""
        return dict(self.call("GET", "state"))

    def errors(self) -> list[str]:
        """Return tracebacks of emulator handler failures since the last reset."""
        return list(self.state()["errors"])
