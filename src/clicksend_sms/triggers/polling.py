"""Get New and Updated Objects Polling: emit each new SMS History row, SMS Receipt or SMS
Campaign once, in ascending order of the tracked date field.

A poll emits the objects whose (tracked time, id) lies after the snapshot's cursor (else after
``startTime``) and whose time is at or before an upper bound fixed when the poll starts: now
minus a safety lag. It snapshots after every page and never past an object it has not
emitted. The guarantees and their limits are described in docs/trigger.md.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping
from typing import Any

from clicksend_sms.api import ClickSendClient
from clicksend_sms.component import ExecutionContext, Message
from clicksend_sms.component.metadata import (
    Schema,
    empty_schema,
    output_schema,
    results_schema,
)
from clicksend_sms.errors import ClickSendError
from clicksend_sms.objects import Operation, get_object_type, select_model
from clicksend_sms.triggers.config import (
    EMIT_PAGE,
    MIN_PAGE_SIZE,
    PollSettings,
    parse_emit_behavior,
    parse_settings,
)
from clicksend_sms.triggers.cursor import Cursor
from clicksend_sms.triggers.emitter import SAMPLE_SIZE, Emitter, PollStats
from clicksend_sms.triggers.scan import (
    SCAN_CAPACITY,
    BoundedScan,
    OrderError,
    SortedScan,
    Window,
)
from clicksend_sms.triggers.snapshot import format_time, load_cursor
from clicksend_sms.triggers.sources import (
    CampaignSource,
    HistorySource,
    PageSource,
    ReceiptSource,
)

logger = logging.getLogger("clicksend_sms.triggers.polling")

Clock = Callable[[], float]


class NoObjectFoundError(ClickSendError):
    """A sample run found no object to show."""


def process(
    context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    """Run one poll; the incoming message of a polling trigger carries nothing."""
    del message
    poll(context, cfg, snapshot)


def poll(
    context: ExecutionContext,
    cfg: Mapping[str, Any],
    snapshot: Mapping[str, Any] | None = None,
    *,
    clock: Clock = time.time,
    environ: Mapping[str, str] | None = None,
) -> PollStats:
    """Run one poll and return its counters.

    Every configuration and snapshot value is checked before the first request.
    ``context.sample`` makes it a sample run: at most SAMPLE_SIZE objects from one page,
    no snapshot, and NoObjectFoundError when there is nothing to show.
    """
    settings = parse_settings(cfg, environ)
    saved = load_cursor(snapshot or {}, settings)
    start = saved or Cursor(math.floor(settings.start_time.timestamp()))
    now = clock()
    upper = math.floor(now) - settings.lag_seconds
    if start.time > now:
        _warn_future_start(cfg.get("startTime") if saved is None else None, start, now)
    stats = PollStats()
    emitter = Emitter(context, settings, stats, sample=context.sample)

    if start.first_open_second <= upper:
        with ClickSendClient.from_config(cfg) as client:
            _scan_window(
                client,
                settings,
                Window(start, upper, settings.field, settings.object_type.id_field),
                emitter,
                stats,
            )
    else:
        ClickSendClient.from_config(cfg).close()  # credentials are checked even so
        emitter.emit_snapshot(start)

    if context.sample and stats.objects_emitted == 0:
        raise NoObjectFoundError(_nothing_found(settings, start, upper))
    _log_summary(settings, start, upper, stats, emitter)
    return stats


def _scan_window(
    client: ClickSendClient,
    settings: PollSettings,
    window: Window,
    emitter: Emitter,
    stats: PollStats,
) -> None:
    page_size = MIN_PAGE_SIZE if emitter.sample else settings.page_size
    capacity = SAMPLE_SIZE if emitter.sample else max(settings.page_size, SCAN_CAPACITY)
    source = _source(client, settings, window.upper, page_size, stats)

    if source.sorted:
        try:
            SortedScan(source, window, emitter, stats).run()
        except OrderError as error:
            _fall_back_to_unsorted(error, window, emitter, stats)
        else:
            return

    BoundedScan(
        source, window, emitter, stats, capacity=capacity, page_size=settings.page_size
    ).run()

    if settings.object_type.plural_key == "smsReceipts" and stats.objects_seen == 0:
        logger.info(
            "The unread receipts list is empty. Receipts appear only when the account has "
            "an SMS delivery-report rule whose action is POLL."
        )


def _source(
    client: ClickSendClient, settings: PollSettings, upper: int, page_size: int, stats: PollStats
) -> PageSource:
    key = settings.object_type.plural_key
    if key == "smsHistory":
        return HistorySource(client, settings, upper, page_size, stats)
    if key == "smsCampaigns":
        return CampaignSource(client, settings, page_size, stats)
    return ReceiptSource(client, page_size, stats)


def _fall_back_to_unsorted(
    error: OrderError, window: Window, emitter: Emitter, stats: PollStats
) -> None:
    """Rewind the snapshot to the poll's start before scanning without trusting the order.

    Snapshots taken while the order looked sorted may lie past objects not yet seen, so the
    snapshot goes back to where this poll started. Objects already emitted in this poll may
    then be emitted again, but none is lost.
    """
    logger.warning(
        "ClickSend returned %s out of ascending order (%s); rescanning this poll's window "
        "without relying on the order. Objects emitted earlier in this poll may repeat.",
        window.field,
        error,
    )
    stats.unsorted = True
    if emitter.last_snapshot is not None:
        emitter.emit_snapshot(window.start)


def _warn_future_start(start_time: Any, start: Cursor, now: float) -> None:
    """Log that the poll starts after now, naming the configured startTime or the snapshot."""
    if start_time is not None:
        origin = f"startTime {start_time}"
    else:
        origin = f"The snapshot's position {format_time(start.time)}"
    logger.warning(
        "%s is after now (%s). No object after it exists yet, so polls emit nothing until "
        "then, and the position stays at that time until the snapshot is reset.",
        origin,
        format_time(math.floor(now)),
    )


def _nothing_found(settings: PollSettings, start: Cursor, upper: int) -> str:
    return (
        f"No object found: no {settings.object_type.plural_label} object has a "
        f"'{settings.field}' after {format_time(start.time)} and at or before "
        f"{format_time(upper)}. Execution stopped. This error appears only in sample runs; "
        "a normal poll that finds nothing emits nothing."
    )


def _log_summary(
    settings: PollSettings, start: Cursor, upper: int, stats: PollStats, emitter: Emitter
) -> None:
    end = emitter.last_snapshot
    logger.info(
        "Polled %s by %s from %s to %s: %d objects emitted, %d pages, %d requests, cursor now %s.",
        settings.object_type.plural_key,
        settings.field,
        format_time(start.time),
        format_time(upper),
        stats.objects_emitted,
        stats.pages,
        stats.requests,
        "unchanged" if end is None else f"{format_time(end.time)} id={end.last_id!r}",
    )
    if stats.skipped_without_time:
        logger.info(
            "Skipped %d objects whose '%s' is empty, because they have no place in the order.",
            stats.skipped_without_time,
            settings.field,
        )


def get_object_types(cfg: dict[str, Any]) -> dict[str, str]:
    """Return the select model of the object types the trigger polls."""
    del cfg
    return select_model(Operation.POLL)


def get_poll_config_model(cfg: dict[str, Any]) -> dict[str, str]:
    """Return ``{field: label}`` of the date fields the chosen object type can be polled by."""
    object_type = get_object_type(cfg.get("objectType"), Operation.POLL)
    titles = {spec.name: spec.title or spec.name for spec in object_type.fields}
    descriptions = {spec.name: spec.description for spec in object_type.fields}
    model = {}
    for name in object_type.poll_fields:
        label = titles.get(name, name)
        if descriptions.get(name):
            label = f"{label} ({descriptions[name]})"
        model[name] = label
    return model


def get_meta_model(cfg: dict[str, Any]) -> dict[str, Schema]:
    """Return the trigger's metadata: no input; each object, or ``{"results": [...]}`` pages."""
    object_type = get_object_type(cfg.get("objectType"), Operation.POLL)
    item = output_schema(object_type)
    emit_page = parse_emit_behavior(cfg.get("emitBehavior")) == EMIT_PAGE
    return {"in": empty_schema(), "out": results_schema(item) if emit_page else item}
