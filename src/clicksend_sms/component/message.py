"""The message every trigger and action receives and emits."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Message:
    """An elastic.io message: a JSON ``body`` plus routing and passthrough data."""

    body: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=_new_id)
    attachments: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, Any] = field(default_factory=dict)
    passthrough: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Message:
        """Build a message from its JSON form; a missing ``body`` becomes ``{}``."""
        body = raw.get("body")
        if body is None:
            body = {}
        if not isinstance(body, dict):
            raise TypeError(f"message body must be a JSON object, got {type(body).__name__}")
        return cls(
            body=body,
            id=str(raw.get("id") or _new_id()),
            attachments=dict(raw.get("attachments") or {}),
            headers=dict(raw.get("headers") or {}),
            passthrough=dict(raw.get("passthrough") or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "body": self.body,
            "attachments": self.attachments,
            "headers": self.headers,
            "passthrough": self.passthrough,
        }
