"""The local runner: run any trigger or action of component.json on this machine.

The function is called the way the platform calls it, through ``invoke``. Every event goes to
a sink supplied by the caller. The result reports whether an error was emitted, the exception
behind it and the last snapshot.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from clicksend_sms.api import DEFAULT_BASE_URL
from clicksend_sms.component import Event, ExecutionContext, Message, invoke
from clicksend_sms.component.descriptor import load_module
from clicksend_sms.component.invoke import ProcessFunction
from clicksend_sms.errors import InvalidInputError

logger = logging.getLogger("clicksend_sms.runtime")

CREDENTIAL_VARIABLES = {
    "username": "CLICKSEND_USERNAME",
    "apiKey": "CLICKSEND_API_KEY",
    "baseUrl": "CLICKSEND_BASE_URL",
}

_EMPTY_VARIABLE_FIXES = {
    "CLICKSEND_USERNAME": "Set it to the ClickSend API username.",
    "CLICKSEND_API_KEY": "Set it to the ClickSend API key.",
    "CLICKSEND_BASE_URL": f"Unset it to use {DEFAULT_BASE_URL}, or set it to the API base URL.",
}


@dataclass
class RunResult:
    """Outcome of one call of a trigger or action."""

    ok: bool
    error: Exception | None = None
    snapshot: dict[str, Any] | None = None
    data_count: int = 0


def with_env_credentials(
    cfg: Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Return ``cfg`` with ``username``, ``apiKey`` and ``baseUrl`` filled from CLICKSEND_*.

    Values already in ``cfg`` win; empty or missing ones fall back to the environment. A
    variable that is needed and set but blank raises InvalidInputError naming it, because an
    empty CLICKSEND_BASE_URL would otherwise quietly select the production API.
    """
    env = os.environ if environ is None else environ
    merged = dict(cfg)
    for key, variable in CREDENTIAL_VARIABLES.items():
        value = env.get(variable)
        if merged.get(key) not in (None, "") or value is None:
            continue
        if not value.strip():
            raise InvalidInputError(variable, value, _EMPTY_VARIABLE_FIXES[variable])
        merged[key] = value
    return merged


def sample_requested(environ: Mapping[str, str] | None = None) -> bool:
    """Return True when the platform marks this run as a sample (``ELASTICIO_FLOW_TYPE``)."""
    env = os.environ if environ is None else environ
    return env.get("ELASTICIO_FLOW_TYPE", "").lower() == "debug"


def run_function(
    name: str,
    cfg: Mapping[str, Any],
    *,
    sink: Callable[[Event], None],
    message: Message | None = None,
    snapshot: Mapping[str, Any] | None = None,
    sample: bool = False,
) -> RunResult:
    """Run trigger or action ``name`` once, sending each event to ``sink`` as it is emitted.

    ``cfg`` is used as given; call ``with_env_credentials`` first for the CLI's fallback.
    An exception raised by ``sink`` propagates (the CLI uses this to stop after a page);
    exceptions of the function itself become ``error`` events.
    """
    module = load_module(name)
    result = RunResult(ok=True)

    def record(event: Event) -> None:
        if event.name == "snapshot":
            result.snapshot = dict(event.payload)
        elif event.name == "data":
            result.data_count += 1
        sink(event)

    context = ExecutionContext(
        record, logger=logging.getLogger(f"clicksend_sms.{name}"), sample=sample
    )
    process = _capture_error(module.process, result)
    result.ok = invoke(process, context, message or Message(), cfg, snapshot)
    return result


def _capture_error(process: ProcessFunction, result: RunResult) -> ProcessFunction:
    """Wrap ``process`` so the exception behind an ``error`` event is kept in ``result``."""

    @functools.wraps(process)
    def wrapper(
        context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
    ) -> Any:
        try:
            return process(context, message, cfg, snapshot)
        except Exception as error:
            result.error = error
            raise

    return wrapper


class ProgressLine:
    """A one-line progress report (pages, objects, rate) rewritten in place on a terminal.

    Counts a page per ``snapshot`` event and an object per data body (or per entry of a
    ``{"results": [...]}`` page). Writes nothing unless ``stream`` is a terminal.
    """

    def __init__(
        self, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.clock = clock
        self.started = clock()
        self.pages = 0
        self.objects = 0
        self._line_written = False

    def observe(self, event: Event) -> None:
        if event.name == "snapshot":
            self.pages += 1
            self._show()
        elif event.name == "data":
            body = event.payload.get("body") if isinstance(event.payload, dict) else None
            results = body.get("results") if isinstance(body, dict) else None
            self.objects += len(results) if isinstance(results, list) else 1

    def finish(self) -> None:
        if self.enabled and self._line_written:
            self._show()
            self.stream.write("\n")
            self.stream.flush()

    def _show(self) -> None:
        if not self.enabled:
            return
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.objects / elapsed
        self.stream.write(f"\rpages {self.pages}  objects {self.objects}  {rate:,.0f} objects/s  ")
        self.stream.flush()
        self._line_written = True
