"""Create SMS: send checked messages in batches, emit the result, then raise any error."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from clicksend_sms.api import ClickSendClient
from clicksend_sms.component import ExecutionContext
from clicksend_sms.sms.batching import MAX_MESSAGES_PER_CALL, split_batches
from clicksend_sms.sms.messages import OutgoingSms
from clicksend_sms.sms.parts import LOWER_PART_LIMIT
from clicksend_sms.sms.report import MAX_LISTED, SendReport, counted
from clicksend_sms.sms.send import send_batches

logger = logging.getLogger(__name__)


def send_sms(
    context: ExecutionContext,
    client: ClickSendClient,
    messages: list[OutgoingSms],
    batch_size: int = MAX_MESSAGES_PER_CALL,
    clock: Callable[[], float] = time.time,
) -> SendReport:
    """Send ``messages``, emit the send result as data, then raise the first failure.

    The result is emitted even when the step fails, so accepted messages are reported and a
    repeated step can leave them out. Raises MessagesRejectedError when ClickSend rejected
    any message, DeliveryStateUnknownError when a batch may have been sent without a response,
    and the batch's own ApiError when a batch was not sent.
    """
    _warn_long(messages)
    report = send_batches(client, split_batches(messages, batch_size), clock)
    context.emit_data(report.to_dict())

    error = report.error()
    if error is not None:
        raise error

    return report


def _warn_long(messages: list[OutgoingSms]) -> None:
    """Log one WARNING for bodies that an account limited to 6 parts would cut off."""
    indexes = [str(m.index) for m in messages if m.parts.parts > LOWER_PART_LIMIT]
    if not indexes:
        return

    listed = ", ".join(indexes[:MAX_LISTED])
    if len(indexes) > MAX_LISTED:
        listed += f" and {len(indexes) - MAX_LISTED} more"
    logger.warning(
        "More than %d SMS parts in %s (input index %s): ClickSend cuts these off after %d "
        "parts on accounts whose part limit is %d",
        LOWER_PART_LIMIT,
        counted(len(indexes), "message"),
        listed,
        LOWER_PART_LIMIT,
        LOWER_PART_LIMIT,
    )
