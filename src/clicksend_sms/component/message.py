"""The message every trigger and action receives and emits."""

from __future__ import annotations

import itertools
import os
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _id_prefix() -> str:
    """Return the random first 80 bits of this process's message ids, in UUID layout."""
    digits = f"{random.getrandbits(80):020x}"
    variant = "89ab"[int(digits[15], 16) & 3]
    return f"{digits[:8]}-{digits[8:12]}-4{digits[12:15]}-{variant}{digits[16:19]}-"


_ID_PREFIX = _id_prefix()
_id_counter = itertools.count()


def _renew_id_prefix() -> None:
    # A forked child would otherwise repeat its parent's ids.
    global _ID_PREFIX, _id_counter  # noqa: PLW0603
    _ID_PREFIX = _id_prefix()
    _id_counter = itertools.count()


os.register_at_fork(after_in_child=_renew_id_prefix)


def _new_id() -> str:
    """Return a message id shaped like a version-4 UUID, unique within and across processes.

    A random per-process prefix plus a counter replaces ``uuid.uuid4()``, whose system call
    cost about a tenth of a poll's time when every object is emitted as its own message.
    Message ids need to be unique, not unpredictable.
    """
    return f"{_ID_PREFIX}{next(_id_counter) & 0xFFFFFFFFFFFF:012x}"


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


def message_payload(body: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON form of a new message with ``body``, as ``Message(body).to_dict()``.

    Triggers emit one message per object polled, so this skips building a Message.
    """
    return {"id": _new_id(), "body": body, "attachments": {}, "headers": {}, "passthrough": {}}
