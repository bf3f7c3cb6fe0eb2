"""The lifecycle of an accepted message: scheduling, sending, receipts.

Lifecycle on the emulator clock (all transitions are applied lazily, before each request):
- a test number: history status Completed at once, no receipt, no charge;
- a scheduled message: Scheduled until its ``schedule`` time, then as below;
- any other number: Sent (status_code 200) when it goes out, then after ``receipt_delay``
  seconds Completed (status_code 201) with an unread delivery receipt.
A Cancelled message is skipped by its pending events.
"""

from __future__ import annotations

from typing import Any

from clicksend_sms.emulator import phone
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.state import Emulator

RECEIPT_STATUS_TEXT = "Success: Message received on handset."
SENT_STATUS_TEXT = "Sent to network"


def _status(status: str, code: str | None, text: str | None) -> Row:
    return {"status": status, "status_code": code, "status_text": text}


def accept(emulator: Emulator, row: Row) -> None:
    """Store an accepted history row and start its lifecycle."""
    store, now = emulator.store, emulator.clock.now()
    schedule = row.get("schedule")
    if isinstance(schedule, int) and schedule > now:
        row.update(status="Scheduled", status_code=None, status_text=None)
        store.history.add(row)
        store.scheduled[row["message_id"]] = row
        store.schedule(schedule, "release", row["message_id"])
        return
    store.history.add(row)
    release(emulator, row, now)


def release(emulator: Emulator, row: Row, at: int) -> None:
    """Send a message: Completed for a test number, else Sent and a receipt after the delay."""
    emulator.store.scheduled.pop(row["message_id"], None)
    history = emulator.store.history
    if row.get("to") in phone.TEST_NUMBERS:
        history.update(row["message_id"], _status("Completed", None, None))
        return
    history.update(row["message_id"], _status("Sent", "200", SENT_STATUS_TEXT))
    delay = emulator.switches["receipt_delay"]
    if delay:
        emulator.store.schedule(at + delay, "receipt", row["message_id"])
    else:
        deliver(emulator, row, at)


def cancel(emulator: Emulator, row: Row) -> None:
    """Cancel a scheduled message; its pending release event then does nothing."""
    emulator.store.history.update(row["message_id"], _status("Cancelled", None, None))
    emulator.store.scheduled.pop(row["message_id"], None)


def scheduled_rows(emulator: Emulator) -> list[Row]:
    """Return the messages still waiting for their schedule time, in send order."""
    return list(emulator.store.scheduled.values())


def deliver(emulator: Emulator, row: Row, at: float) -> None:
    """Mark a sent message delivered and add its unread receipt."""
    emulator.store.history.update(
        row["message_id"], _status("Completed", "201", RECEIPT_STATUS_TEXT)
    )
    emulator.store.add_receipt(receipt_for(row, int(at)))


def receipt_for(row: Row, at: int) -> Row:
    schedule = row.get("schedule")
    sent_at = schedule if isinstance(schedule, int) else row["date"]
    return {
        "timestamp_send": sent_at,
        "timestamp": at,
        "message_id": row["message_id"],
        "status_code": 201,
        "status_text": RECEIPT_STATUS_TEXT,
        "error_code": None,
        "error_text": None,
        "custom_string": row.get("custom_string"),
        "subaccount_id": row.get("subaccount_id"),
        "message_type": "sms",
        "digits": None,
    }


def process_due(emulator: Emulator) -> None:
    """Apply every pending event whose time has come on the emulator clock."""
    store = emulator.store
    for when, kind, key in store.pop_due(emulator.clock.now()):
        handler = EVENT_HANDLERS.get(kind)
        if handler is not None:
            handler(emulator, key, when)


def _on_release(emulator: Emulator, message_id: Any, when: float) -> None:
    row = emulator.store.history.get(message_id)
    if row is not None and row["status"] == "Scheduled":
        release(emulator, row, int(when))


def _on_receipt(emulator: Emulator, message_id: Any, when: float) -> None:
    row = emulator.store.history.get(message_id)
    if row is not None and row["status"] == "Sent":
        deliver(emulator, row, when)


EVENT_HANDLERS: dict[str, Any] = {"release": _on_release, "receipt": _on_receipt}
