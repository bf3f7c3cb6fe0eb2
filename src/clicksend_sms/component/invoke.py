"""Call a trigger or action function the way the elastic.io runtime does."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from clicksend_sms.component.context import ExecutionContext
from clicksend_sms.component.message import Message

ProcessFunction = Callable[[ExecutionContext, Message, dict[str, Any], dict[str, Any]], Any]


def invoke(
    process: ProcessFunction,
    context: ExecutionContext,
    message: Message,
    cfg: Mapping[str, Any],
    snapshot: Mapping[str, Any] | None = None,
) -> bool:
    """Run ``process`` once and finish with an ``end`` event.

    A non-empty return value is emitted as ``data``; an exception is emitted as ``error``
    (and logged) instead of propagating. ``cfg`` and ``snapshot`` are deep-copied so the
    function cannot change the caller's copies. Returns True when no error was emitted.
    """
    ok = True
    try:
        result = process(
            context, message, copy.deepcopy(dict(cfg)), copy.deepcopy(dict(snapshot or {}))
        )
        if result:
            context.emit_data(result)
    except Exception as error:
        ok = False
        # One line without a traceback: most failures are expected input or API errors.
        module = getattr(process, "__module__", "process")
        context.logger.error("%s failed: %s", module, error)  # noqa: TRY400
        context.emit_error(error)
    context.emit("end")
    return ok
