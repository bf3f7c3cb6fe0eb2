"""Placeholder until implemented."""

from __future__ import annotations

from typing import Any

from clicksend_sms.component import ExecutionContext, Message


def process(
    context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
) -> Any:
    raise NotImplementedError


def get_meta_model(cfg: dict[str, Any]) -> dict[str, Any]:
    return {"in": {"type": "object", "properties": {}}, "out": {"type": "object", "properties": {}}}


def get_object_types(cfg: dict[str, Any]) -> dict[str, str]:
    return {}
