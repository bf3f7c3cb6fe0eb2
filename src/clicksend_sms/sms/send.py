"""Send batches through ``POST /sms/send`` without ever sending a message twice.

The client repeats a POST only when the request provably never reached ClickSend (no
connection, or a 429). This module adds the batch rules on top:

- Batches go out one at a time, in order. The first batch that fails stops the run, and the
  later batches are not attempted, so nothing is sent after an error.
- A batch whose request may have reached ClickSend without a readable response is recorded
  as ``unknown`` with the custom strings of its messages. That covers a dropped connection, a
  read timeout, a 5xx and a truncated body. The user can look the strings up in SMS History.
- ClickSend answers 200 even when it rejects single messages; each message result carries its
  own ``status``, and every status other than ``SUCCESS`` is a rejection.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from clicksend_sms.api import ClickSendClient
from clicksend_sms.errors import ApiError, DeliveryStateUnknownError, ResponseFormatError
from clicksend_sms.sms.batching import Batch
from clicksend_sms.sms.messages import OutgoingSms
from clicksend_sms.sms.report import (
    ACCEPTED_STATUS,
    SEND_PATH,
    BatchOutcome,
    BatchState,
    SendReport,
    counted,
)

logger = logging.getLogger(__name__)


def send_batches(
    client: ClickSendClient,
    batches: Sequence[Batch],
    clock: Callable[[], float] = time.time,
) -> SendReport:
    """Send ``batches`` in order and return what happened to each one.

    Errors from ClickSend or the network are recorded in the report, not raised. The caller
    emits the report and then raises ``report.error()``. ``clock`` returns Unix seconds and
    dates each request, so an unknown outcome can say where to look in SMS History.
    """
    outcomes: list[BatchOutcome] = []
    stopped = False

    for batch in batches:
        if stopped:
            outcomes.append(BatchOutcome(batch, BatchState.NOT_ATTEMPTED))
            continue

        outcome = _send_one(client, batch, len(batches), clock())
        outcomes.append(outcome)
        stopped = outcome.state is not BatchState.SENT

    return SendReport(outcomes)


def _send_one(
    client: ClickSendClient, batch: Batch, batch_count: int, started_at: float
) -> BatchOutcome:
    payload = {"messages": [message.payload() for message in batch.messages]}

    try:
        response = client.request("POST", SEND_PATH, json=payload)
    except (DeliveryStateUnknownError, ResponseFormatError) as error:
        logger.warning(
            "Batch %d of %d (%s): delivery state unknown: %s",
            batch.number,
            batch_count,
            counted(len(batch.messages), "message"),
            error,
        )
        return BatchOutcome(batch, BatchState.UNKNOWN, error=error, started_at=started_at)
    except ApiError as error:
        logger.warning("Batch %d of %d was not sent: %s", batch.number, batch_count, error)
        return BatchOutcome(batch, BatchState.FAILED, error=error)

    data = response.data if isinstance(response.data, dict) else {}
    results = data.get("messages")
    if not isinstance(results, list) or not all(isinstance(item, dict) for item in results):
        unreadable = ResponseFormatError(
            "ClickSend accepted the send, but its response has no list of message results.",
            method="POST",
            path=SEND_PATH,
            status=response.status,
        )
        return BatchOutcome(batch, BatchState.UNKNOWN, error=unreadable, started_at=started_at)

    matched = match_results(batch, results)
    accepted = sum(1 for item in results if item.get("status") == ACCEPTED_STATUS)
    logger.info(
        "Batch %d of %d sent: %s, %s, %d accepted, %d rejected",
        batch.number,
        batch_count,
        counted(len(batch.messages), "message"),
        counted(len(results), "result"),
        accepted,
        len(results) - accepted,
    )
    return BatchOutcome(batch, BatchState.SENT, results=matched, totals=data)


def match_results(
    batch: Batch, results: list[dict[str, Any]]
) -> list[tuple[OutgoingSms | None, dict[str, Any]]]:
    """Pair each message result with the input message it belongs to.

    A list send returns one result per contact, all for the single list message of its batch.
    Otherwise a result is matched by its ``custom_string`` when that string is unique in the
    batch, else by position when ClickSend returned one result per message. A result that
    matches neither way is paired with None.
    """
    if batch.is_list_send:
        return [(batch.messages[0], result) for result in results]

    counts = Counter(message.custom_string for message in batch.messages)
    unique = {m.custom_string: m for m in batch.messages if counts[m.custom_string] == 1}
    same_length = len(results) == len(batch.messages)

    pairs: list[tuple[OutgoingSms | None, dict[str, Any]]] = []
    for position, result in enumerate(results):
        message = unique.get(str(result.get("custom_string")))
        if message is None and same_length:
            message = batch.messages[position]
        pairs.append((message, result))

    return pairs
