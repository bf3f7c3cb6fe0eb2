"""Run the polling trigger the way the platform does: through ``invoke`` with a context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from benchmarks.emulator_process import EmulatorHandle
from clicksend_sms.component import Event, ExecutionContext, Message, invoke
from clicksend_sms.triggers import polling


@dataclass(frozen=True)
class PolledType:
    """An object type the trigger polls: its keys, the date it tracks and its list path."""

    name: str
    object_type: str
    poll_field: str
    path: str
    id_field: str


POLLED_TYPES = {
    "history": PolledType("history", "smsHistory", "date", "/v3/sms/history", "message_id"),
    "receipts": PolledType(
        "receipts", "smsReceipts", "timestamp", "/v3/sms/receipts", "message_id"
    ),
    "campaigns": PolledType(
        "campaigns", "smsCampaigns", "date_added", "/v3/sms-campaigns", "sms_campaign_id"
    ),
}


def discard(event: Event) -> None:
    """Drop every event (the null sink), so only the trigger's own work is measured."""
    del event


@dataclass
class Recorder:
    """A sink that counts emitted objects and keeps the last snapshot and any errors."""

    objects: int = 0
    data_events: int = 0
    snapshot: dict[str, Any] = field(default_factory=dict)
    errors: list[Any] = field(default_factory=list)

    def __call__(self, event: Event) -> None:
        if event.name == "data":
            self.data_events += 1
            results = event.payload["body"].get("results")
            self.objects += len(results) if isinstance(results, list) else 1
        elif event.name == "snapshot":
            self.snapshot = event.payload
        elif event.name == "error":
            self.errors.append(event.payload)


def trigger_cfg(
    emulator: EmulatorHandle,
    polled: PolledType = POLLED_TYPES["history"],
    *,
    page_size: int = 100,
    emit_page: bool = False,
    start_time: str | None = None,
    lag_seconds: int | None = None,
) -> dict[str, Any]:
    """Return the trigger configuration: credentials plus the step's fields."""
    cfg: dict[str, Any] = {
        **emulator.cfg,
        "objectType": polled.object_type,
        "pollConfig": polled.poll_field,
        "pageSize": page_size,
        "emitBehavior": "emitPage" if emit_page else "emitIndividually",
    }
    if start_time is not None:
        cfg["startTime"] = start_time
    if lag_seconds is not None:
        cfg["pollLagSeconds"] = lag_seconds
    return cfg


def run_poll(
    cfg: dict[str, Any], sink: Any = discard, snapshot: dict[str, Any] | None = None
) -> bool:
    """Run one poll; return True when the trigger emitted no error."""
    context = ExecutionContext(sink)
    return invoke(polling.process, context, Message(), cfg, snapshot or {})


def recorded_poll(cfg: dict[str, Any], snapshot: dict[str, Any] | None = None) -> Recorder:
    """Run one poll into a :class:`Recorder`; raise when the trigger emitted an error."""
    recorder = Recorder()
    run_poll(cfg, recorder, snapshot)
    if recorder.errors:
        raise RuntimeError(f"the trigger emitted an error: {recorder.errors[0]}")
    return recorder
