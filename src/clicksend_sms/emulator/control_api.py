"""The control API under /_emulator/: reset, switches, seeds, objects, faults, log, clock.

JSON in and out, no ClickSend authentication. Errors are ``{"error": "..."}`` with 400 (bad
input) or 404 (unknown control endpoint, with the list of endpoints).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from clicksend_sms.emulator import builders, delivery, seeds
from clicksend_sms.emulator.faults import FaultError, parse_fault
from clicksend_sms.emulator.state import Emulator
from clicksend_sms.emulator.switches import SwitchError

Result = tuple[int, Any]
PREFIX = "/_emulator"

ENDPOINTS = [
    "POST /_emulator/reset {switches?}",
    "GET|POST /_emulator/switches",
    "POST /_emulator/seed {name: demo|generated, ...}",
    "GET|POST /_emulator/objects/{collection}",
    "GET|POST|DELETE /_emulator/faults",
    "GET|DELETE /_emulator/requests",
    "GET|POST /_emulator/clock {now|advance|real}",
    "GET /_emulator/state",
]


class ControlError(ValueError):
    """Invalid input to a control endpoint."""


def handle(emulator: Emulator, method: str, path: str, raw_body: bytes) -> Result:
    """Run one control request and return ``(status, JSON body)``."""
    parts = path.removeprefix(PREFIX).strip("/").split("/")
    handler = _HANDLERS.get((method, parts[0]))
    if handler is None:
        return 404, {"error": f"unknown control endpoint {method} {path}", "endpoints": ENDPOINTS}
    try:
        body = json.loads(raw_body) if raw_body.strip() else {}
        if not isinstance(body, dict):
            raise ControlError("the request body must be a JSON object")
        return 200, handler(emulator, body, parts[1:])
    except ValueError as error:
        # ControlError, SwitchError, FaultError, SeedError, ObjectError and JSON errors.
        message = error.args[0] if error.args else repr(error)
        return 400, {"error": str(message)}


def _reset(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    emulator.reset(body.get("switches") or {})
    return {"switches": dict(emulator.switches)}


def _get_switches(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    return {"switches": dict(emulator.switches)}


def _set_switches(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    return {"switches": emulator.update_switches(body)}


def _seed(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    return {"counts": seeds.apply(emulator, body)}


def _collection(rest: list[str]) -> str:
    if len(rest) != 1 or rest[0] not in builders.BUILDERS:
        raise ControlError(
            f"use /_emulator/objects/<collection> with one of {sorted(builders.BUILDERS)}"
        )
    return rest[0]


def _add_objects(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    collection = _collection(rest)
    objects = body.get("objects")
    if not isinstance(objects, list):
        raise ControlError('send {"objects": [{...}, ...]}')
    with emulator.lock:
        delivery.process_due(emulator)
        return {"objects": builders.add_objects(emulator, collection, objects)}


def _list_objects(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    """Return every stored object of a collection in its default order (receipts: all)."""
    collection = _collection(rest)
    store = emulator.store
    with emulator.lock:
        delivery.process_due(emulator)
        sources: dict[str, Callable[[], Any]] = {
            "history": lambda: list(store.history),
            "receipts": lambda: list(store.receipts.values()),
            "inbound": lambda: list(store.inbound.values()),
            "campaigns": lambda: list(store.campaigns),
            "lists": lambda: list(store.lists),
            "contacts": lambda: [
                row for list_id in sorted(store.contacts) for row in store.contacts[list_id]
            ],
            "templates": lambda: list(store.templates),
        }
        return {"objects": [dict(row) for row in sources[collection]()]}


def _add_fault(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    fault = parse_fault(body)
    with emulator.lock:
        emulator.faults.add(fault)
        return {"faults": emulator.faults.pending()}


def _get_faults(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    with emulator.lock:
        return {"faults": emulator.faults.pending()}


def _clear_faults(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    with emulator.lock:
        emulator.faults.clear()
        return {"faults": []}


def _get_requests(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    with emulator.lock:
        return {"requests": list(emulator.requests)}


def _clear_requests(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    with emulator.lock:
        emulator.requests.clear()
        return {"requests": []}


def _get_clock(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    return {"now": emulator.clock.now(), "frozen": emulator.clock.frozen}


def _number(body: dict[str, Any], name: str) -> float:
    value = body[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ControlError(f"clock {name!r} must be a number of seconds, got {value!r}")
    return value


def _set_clock(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    if "now" in body:
        emulator.clock.freeze(_number(body, "now"))
    elif "advance" in body:
        emulator.clock.advance(_number(body, "advance"))
    elif body.get("real") is True:
        emulator.clock.release()
    else:
        raise ControlError('send {"now": epoch}, {"advance": seconds} or {"real": true}')
    return _get_clock(emulator, body, rest)


def _state(emulator: Emulator, body: dict[str, Any], rest: list[str]) -> Any:
    with emulator.lock:
        delivery.process_due(emulator)
        counts = emulator.store.counts()
        return {
            **counts,
            "counts": counts,
            "switches": dict(emulator.switches),
            "clock": _get_clock(emulator, body, rest),
            "faults": emulator.faults.pending(),
            "requests": len(emulator.requests),
            "errors": list(emulator.errors),
        }


_HANDLERS: dict[tuple[str, str], Callable[[Emulator, dict[str, Any], list[str]], Any]] = {
    ("POST", "reset"): _reset,
    ("GET", "switches"): _get_switches,
    ("POST", "switches"): _set_switches,
    ("POST", "seed"): _seed,
    ("GET", "objects"): _list_objects,
    ("POST", "objects"): _add_objects,
    ("GET", "faults"): _get_faults,
    ("POST", "faults"): _add_fault,
    ("DELETE", "faults"): _clear_faults,
    ("GET", "requests"): _get_requests,
    ("DELETE", "requests"): _clear_requests,
    ("GET", "clock"): _get_clock,
    ("POST", "clock"): _set_clock,
    ("GET", "state"): _state,
}

__all__ = ["ControlError", "FaultError", "SwitchError", "handle"]
