"""Helpers for the Upsert Object tests: run the action and keep what it emitted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clicksend_sms.actions import upsert_object
from clicksend_sms.api import ClickSendClient
from clicksend_sms.component import Event, ExecutionContext, Message


@dataclass
class Run:
    """What one call of the action did: emitted bodies and the raised error, if any."""

    bodies: list[Any] = field(default_factory=list)
    error: Exception | None = None


def run_upsert(cfg: dict[str, Any], operation: str, object_type: str, body: dict[str, Any]) -> Run:
    """Run Upsert Object once; an exception is kept instead of raised, after the emits."""
    events: list[Event] = []
    context = ExecutionContext(events.append)
    step = {**cfg, "operation": operation, "objectType": object_type}
    run = Run()
    try:
        result = upsert_object.process(context, Message(body=dict(body)), step, {})
        if result:
            context.emit_data(result)
    except Exception as error:  # the tests assert on the type
        run.error = error

    run.bodies = [event.payload["body"] for event in events if event.name == "data"]
    return run


def fetch(emulator: Any, path: str) -> dict[str, Any]:
    """GET one object through the connector's client and return its data."""
    with ClickSendClient.from_config(emulator.cfg) as client:
        data = client.request("GET", path).data
    assert isinstance(data, dict)
    return data
