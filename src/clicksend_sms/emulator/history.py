"""SMS history, delivery receipts and inbound messages: the read side of sending."""

from __future__ import annotations

from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import Response, bad_request, not_found, ok
from clicksend_sms.emulator.index import Collection
from clicksend_sms.emulator.listing import list_response
from clicksend_sms.emulator.query import ListSpec

HISTORY_SPEC = ListSpec(
    default_order="date",
    q_fields=("status", "to", "from", "subaccount_id", "message_id"),
    order_fields=("date", "username", "from", "to", "status", "body"),
    range_params={"date_from": ("low", "date"), "date_to": ("high", "date")},
    aliases={"username": "_api_username"},
)
# Receipts and inbound have no documented search or sort; any field is accepted.
RECEIPT_SPEC = ListSpec(default_order="timestamp")
INBOUND_SPEC = ListSpec(default_order="timestamp")


def view_history(request: ApiRequest) -> Response:
    emulator = request.emulator
    return list_response(
        request,
        emulator.store.history,
        HISTORY_SPEC,
        emulator.renderer().history,
        "Here are your data.",
    )


def view_receipts(request: ApiRequest) -> Response:
    emulator = request.emulator
    return list_response(
        request,
        emulator.store.unread_receipts,
        RECEIPT_SPEC,
        emulator.renderer().receipt,
        "Here are your delivery receipts.",
    )


def view_receipt(request: ApiRequest) -> Response:
    receipts = request.emulator.store.receipts
    message_id = request.params["message_id"]
    found = receipts.get(message_id) or receipts.get(message_id.upper())
    if found is None:
        raise not_found("Receipt record not found.")
    return ok("Your receipt.", request.emulator.renderer().receipt(found))


def _date_before(request: ApiRequest) -> int | None:
    value = request.json_object().get("date_before")
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request({"date_before": "The date before must be a Unix timestamp."}) from None


def _mark_read(unread: Collection, date_before: int | None, inclusive: bool) -> int:
    """Remove rows up to ``date_before`` (all rows when None) from an unread collection."""
    index = unread.ordered
    stop = len(index) if date_before is None else index.bounds(None, date_before, inclusive)[1]
    return len(unread.remove_first(stop))


def mark_receipts_read(request: ApiRequest) -> Response:
    emulator = request.emulator
    _mark_read(emulator.store.unread_receipts, _date_before(request), emulator.inclusive_bounds)
    return ok("Receipts have been marked as read.", None)


def view_inbound(request: ApiRequest) -> Response:
    emulator = request.emulator
    return list_response(
        request,
        emulator.store.unread_inbound,
        INBOUND_SPEC,
        emulator.renderer().inbound,
        "Here are your data.",
    )


def mark_inbound_read(request: ApiRequest) -> Response:
    emulator = request.emulator
    _mark_read(emulator.store.unread_inbound, _date_before(request), emulator.inclusive_bounds)
    return ok("Inbound messages have been marked as read.", None)
