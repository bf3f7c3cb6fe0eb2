"""The result of a Create SMS run: what each batch did, per-message status, and the error.

The report is emitted as data before any error is raised. The accepted messages, their
message ids and the custom strings of an unknown batch so reach the user even when the step
fails, and a repeated step can be limited to what was not sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from clicksend_sms.errors import (
    ApiError,
    ClickSendError,
    DeliveryStateUnknownError,
    RequestRejectedError,
)
from clicksend_sms.sms.batching import Batch
from clicksend_sms.sms.messages import OutgoingSms

ACCEPTED_STATUS = "SUCCESS"
SEND_PATH = "/sms/send"

# Error messages list at most this many rejections or custom strings. The emitted result has all.
MAX_LISTED = 20

# The SMS History check starts this long before the send, to allow for clock differences
# between this machine and ClickSend.
HISTORY_MARGIN_SECONDS = 60


class BatchState(StrEnum):
    SENT = "sent"
    UNKNOWN = "unknown"  # the request may have reached ClickSend, but no response confirmed it
    FAILED = "failed"  # ClickSend or the network rejected the request, so nothing was sent
    NOT_ATTEMPTED = "not_attempted"  # an earlier batch failed, so this one was not sent


class MessagesRejectedError(RequestRejectedError):
    """ClickSend accepted the request but rejected some of its messages.

    The request itself succeeded (HTTP 200), so the text leaves out the request detail that
    other API errors carry.
    """

    hint = (
        "Fix the rejected messages and send only those again; the accepted messages were "
        "sent and must not be sent again."
    )

    def __str__(self) -> str:
        return f"{self.args[0]} {self.hint}"


@dataclass(frozen=True)
class BatchOutcome:
    """One batch: its state, its ``(input message, ClickSend result)`` pairs and any error.

    ``started_at`` is the Unix time its request started, set for an unknown batch.
    """

    batch: Batch
    state: BatchState
    results: list[tuple[OutgoingSms | None, dict[str, Any]]] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    error: ApiError | None = None
    started_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "number": self.batch.number,
            "state": str(self.state),
            "message_count": len(self.batch.messages),
            "indexes": self.batch.index_range,
        }
        if self.state is BatchState.UNKNOWN:
            entry["custom_strings"] = self.batch.custom_strings
        if self.error is not None:
            entry["error"] = str(self.error)
        return entry


@dataclass(frozen=True)
class SendReport:
    """Every batch of one Create SMS run, in order."""

    outcomes: list[BatchOutcome]

    def message_results(self) -> list[dict[str, Any]]:
        """Return every ClickSend message result with the input ``index`` and its parts."""
        rows = []
        for outcome in self.outcomes:
            for message, result in outcome.results:
                rows.append(_result_row(message, result))
        return rows

    def rejections(self) -> list[dict[str, Any]]:
        return [
            {
                "index": row["index"],
                "to": row.get("to"),
                "status": row.get("status"),
                "custom_string": row.get("custom_string"),
                "message_id": row.get("message_id"),
            }
            for row in self.message_results()
            if row.get("status") != ACCEPTED_STATUS
        ]

    def to_dict(self) -> dict[str, Any]:
        """Return the emitted body: totals, message results, rejections and batch states."""
        sent = [outcome for outcome in self.outcomes if outcome.state is BatchState.SENT]
        messages = self.message_results()
        rejected = self.rejections()
        body: dict[str, Any] = {
            "total_price": _sum_price(outcome.totals.get("total_price") for outcome in sent),
            "total_count": _sum_count(sent, "total_count"),
            "queued_count": _sum_count(sent, "queued_count"),
            "blocked_count": _sum_count(sent, "blocked_count"),
            "accepted_count": len(messages) - len(rejected),
            "rejected_count": len(rejected),
            "messages": messages,
            "rejected": rejected,
            "batches": [outcome.to_dict() for outcome in self.outcomes],
        }
        currency = next((o.totals["_currency"] for o in sent if "_currency" in o.totals), None)
        if currency is not None:
            body["_currency"] = currency
        return body

    def error(self) -> ClickSendError | None:
        """Return the error to raise after emitting the report, or None when all went well."""
        unknown = [o for o in self.outcomes if o.state is BatchState.UNKNOWN]
        failed = [o for o in self.outcomes if o.state is BatchState.FAILED]
        rejected = self.rejections()

        if unknown:
            return self._unknown_error(unknown[0], rejected)

        if failed:
            return self._failed_error(failed[0], rejected)

        if rejected:
            total = len(self.message_results())
            error = MessagesRejectedError(
                _rejection_text(rejected, total),
                method="POST",
                path=SEND_PATH,
                status=200,
                data=rejected,
            )
            if len(rejected) == total:
                error.hint = "Fix the rejected messages and send them again; none was sent."
            return error

        return None

    def batch_summary(self) -> str:
        """Describe every batch other than the failed one, e.g. 'Batch 1 (...) was sent.'"""
        if len(self.outcomes) == 1:
            return ""

        texts = {
            BatchState.SENT: "was sent",
            BatchState.NOT_ATTEMPTED: "was not attempted",
        }
        sentences = [
            f"Batch {o.batch.number} (messages {o.batch.index_range}) {texts[o.state]}."
            for o in self.outcomes
            if o.state in texts
        ]
        return " ".join(sentences)

    def _unknown_error(
        self, outcome: BatchOutcome, rejected: list[dict[str, Any]]
    ) -> DeliveryStateUnknownError:
        custom_strings = outcome.batch.custom_strings
        listed = ", ".join(custom_strings[:MAX_LISTED])
        more = len(custom_strings) - MAX_LISTED
        if more > 0:
            listed += f" and {more} more (all listed under 'batches' in the emitted result)"

        parts = [
            f"The delivery state of batch {outcome.batch.number} of {len(self.outcomes)} "
            f"(messages {outcome.batch.index_range}) is unknown: the request may have reached "
            "ClickSend, but no response confirmed whether it was accepted.",
            _history_check(listed, outcome.started_at),
            self.batch_summary(),
        ]
        if rejected:
            parts.append(_rejection_text(rejected, len(self.message_results())))

        cause = outcome.error
        return DeliveryStateUnknownError(
            " ".join(part for part in parts if part),
            method="POST",
            path=SEND_PATH,
            status=cause.status if cause is not None else None,
            response_code=cause.response_code if cause is not None else None,
            response_msg=cause.response_msg if cause is not None else None,
            data={"custom_strings": custom_strings},
        )

    def _failed_error(self, outcome: BatchOutcome, rejected: list[dict[str, Any]]) -> ApiError:
        """Return the batch's own error, its message extended with the other batches' states."""
        error = outcome.error
        if error is None:
            raise RuntimeError("a failed batch always carries its error")

        extra = [self.batch_summary()]
        if len(self.outcomes) > 1:
            extra.insert(0, f"Batch {outcome.batch.number} of {len(self.outcomes)} was not sent.")
        if rejected:
            extra.append(_rejection_text(rejected, len(self.message_results())))

        text = " ".join(part for part in extra if part)
        if text:
            error.args = (f"{error.args[0]} {text}", *error.args[1:])
        return error


def counted(count: int, noun: str) -> str:
    """Return e.g. ``1 message`` or ``3 messages``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _history_check(listed: str, started_at: float | None) -> str:
    """Return how to find a batch's messages in SMS History, which has no custom string filter."""
    if started_at is None:
        return f"Look up these custom strings in SMS History before sending them again: {listed}."

    since = datetime.fromtimestamp(int(started_at) - HISTORY_MARGIN_SECONDS, tz=UTC)
    iso = since.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "ClickSend cannot search SMS History by custom string. To check, list the history "
        f"from {iso}, a minute before the send: `clicksend-sms lookup-many smsHistory "
        f"--date-from {iso}`, or Lookup Objects on SMS History with dateFrom {iso}. Look for "
        f"these custom_string values: {listed}. Send again only the messages missing there, "
        "after a few minutes: ClickSend does not document how soon a sent message appears."
    )


def _result_row(message: OutgoingSms | None, result: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"index": message.index if message is not None else None, **result}
    if message is not None:
        row.update(message.parts.to_dict())
    return row


def _rejection_text(rejected: list[dict[str, Any]], total: int) -> str:
    items = [_rejection_label(item) for item in rejected[:MAX_LISTED]]
    more = len(rejected) - MAX_LISTED
    listed = ", ".join(items) + (f" and {more} more" if more > 0 else "")
    accepted = total - len(rejected)
    if total == 1:
        return (
            f"ClickSend rejected the message: {listed}. The emitted result lists the rejection "
            "under 'rejected'."
        )

    if accepted == 0:
        outcome = "None was accepted."
    elif accepted == 1:
        outcome = "The other message was accepted."
    else:
        outcome = f"The other {accepted} were accepted."
    return (
        f"ClickSend rejected {len(rejected)} of {total} messages: {listed}. {outcome} "
        "The emitted result lists each rejection under 'rejected'."
    )


def _rejection_label(item: dict[str, Any]) -> str:
    index = item["index"]
    where = f"message {index}" if index is not None else f"message id {item['message_id']}"
    return f"{where} ({item['status']})"


def _sum_count(outcomes: list[BatchOutcome], key: str) -> int:
    total = 0
    for outcome in outcomes:
        value = outcome.totals.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            total += value
    return total


def _sum_price(values: Any) -> float:
    """Add prices as decimals, so 0.0792 + 0.0792 gives 0.1584 and not 0.15840000000000001."""
    total = Decimal(0)
    for value in values:
        try:
            price = Decimal(str(value))
        except (InvalidOperation, ValueError):
            continue
        if price.is_finite():
            total += price
    return float(total)
