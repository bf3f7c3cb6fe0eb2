"""Helpers for the action tests: run an action in-process and check its output metadata."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import jsonschema

from clicksend_sms.component import Event, ExecutionContext, Message
from clicksend_sms.component.metadata import to_json_schema


def run_action(
    module: ModuleType, cfg: dict[str, Any], body: dict[str, Any] | None = None
) -> list[Any]:
    """Run ``module.process`` as the runtime does and return the emitted bodies in order.

    Errors propagate, so a test can assert on the exception the action raises.
    """
    events: list[Event] = []
    context = ExecutionContext(events.append)
    result = module.process(context, Message(body=dict(body or {})), dict(cfg), {})
    if result:
        context.emit_data(result)

    return [event.payload["body"] for event in events if event.name == "data"]


def assert_matches_out_schema(module: ModuleType, cfg: dict[str, Any], bodies: list[Any]) -> None:
    """Validate every emitted body against the action's own ``out`` metadata."""
    schema = to_json_schema(module.get_meta_model(cfg)["out"])
    for body in bodies:
        jsonschema.validate(body, schema)


def api_requests(emulator: Any, path: str = "/v3") -> list[dict[str, Any]]:
    """Return the /v3 requests the emulator received under ``path``."""
    return emulator.control.requests(path)
