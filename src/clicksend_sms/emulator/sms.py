"""``/sms/send``, ``/sms/price`` and cancelling scheduled messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from clicksend_sms.emulator import delivery
from clicksend_sms.emulator.account import CURRENCY
from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import ApiRequestError, Response, bad_request, not_found, ok
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.messages import (
    BLOCKED_STATUSES,
    Recipient,
    evaluate,
    history_row,
    ordered,
)
from clicksend_sms.emulator.state import Emulator

MAX_RECIPIENTS = 1000


def _messages(request: ApiRequest) -> list[Row]:
    messages = request.json_object().get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_request({"messages": "The messages field is required."})
    for position, message in enumerate(messages):
        if not isinstance(message, dict):
            raise bad_request({f"messages.{position}": "Each message must be an object."})
    return messages


def _recipients(emulator: Emulator, message: Row) -> list[Recipient]:
    """Return one recipient per number: the ``to`` field, or each contact of ``list_id``.

    Contacts without a phone number are skipped; an unknown list gives one rejected result.
    """
    list_id = message.get("list_id")
    if list_id in (None, ""):
        return [Recipient(message.get("to"))]
    key = _int_or_none(list_id)
    if key is None or key not in emulator.store.lists:
        return [Recipient(None, missing_list=True)]
    contacts = emulator.store.contacts_of(key)
    return [Recipient(row["phone_number"], row) for row in contacts if row.get("phone_number")]


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _plan(emulator: Emulator, messages: list[Row]) -> list[tuple[Row, Recipient]]:
    plan = [
        (message, recipient) for message in messages for recipient in _recipients(emulator, message)
    ]
    if len(plan) > MAX_RECIPIENTS:
        raise ApiRequestError(
            400, f"Too many recipients: {len(plan)}. Send at most {MAX_RECIPIENTS} per request."
        )
    return plan


def _result(emulator: Emulator, message: Row, recipient: Recipient, now: int) -> Row:
    if recipient.missing_list:
        result = evaluate(emulator, message, recipient, now)
        result["status"] = "NOT_ENOUGH_PERMISSION_TO_LIST_ID"
        return result
    return evaluate(emulator, message, recipient, now)


def _totals(results: list[Row]) -> Row:
    accepted = [r for r in results if r["status"] == "SUCCESS"]
    total = sum((Decimal(r["message_price"]) for r in accepted), Decimal(0))
    return {
        "total_price": float(total),
        "total_count": len(results),
        "queued_count": len(accepted),
        "blocked_count": sum(1 for r in results if r["status"] in BLOCKED_STATUSES),
    }


def send_sms(request: ApiRequest) -> Response:
    emulator = request.emulator
    now = emulator.clock.now()
    results = []
    for message, recipient in _plan(emulator, _messages(request)):
        result = _result(emulator, message, recipient, now)
        if result["status"] == "SUCCESS":
            delivery.accept(emulator, history_row(emulator, result, recipient))
        results.append(result)
    renderer = emulator.renderer()
    rendered = [renderer.times("send", ordered(r)) for r in results]
    data = {**_totals(results), "messages": rendered, "_currency": dict(CURRENCY)}
    return ok("Messages queued for delivery.", data)


def _price_message(result: Row) -> Row:
    """Return a price result: string dates, no account fields, contact_id only for lists."""
    keys = (
        "to",
        "body",
        "from",
        "message_id",
        "message_parts",
        "message_price",
        "is_shared_system_number",
        "country",
        "status",
    )
    priced = {key: result.get(key) for key in keys}
    priced["custom_string"] = result.get("custom_string") or ""
    if result.get("contact_id") is not None:
        priced["contact_id"] = result["contact_id"]
    priced["date"] = str(result.get("date", ""))
    scheduled = result["schedule"] not in ("", result.get("date"))
    priced["schedule"] = str(result["schedule"]) if scheduled else ""
    return priced


def price_sms(request: ApiRequest) -> Response:
    emulator = request.emulator
    now = emulator.clock.now()
    messages = _messages(request)
    results = [_result(emulator, m, r, now) for m, r in _plan(emulator, messages)]
    data: Row = {
        **_totals(results),
        "messages": [_price_message(r) for r in results],
        "_currency": dict(CURRENCY),
    }
    if any(m.get("show_summary") for m in messages):
        data["_summary"] = _summary(results)
    return ok("Here is some pricing.", data)


def _summary(results: list[Row]) -> Row:
    countries: dict[str, int] = {}
    for result in results:
        countries[result["country"]] = countries.get(result["country"], 0) + 1
    return {
        "test_message": "",
        "countries": [
            {
                "country": {
                    "registration_type": 0,
                    "receipient_count": count,
                    "usable_sender_id": True,
                    "selected": True,
                    "name": code,
                }
            }
            for code, count in countries.items()
        ],
    }


def cancel_sms(request: ApiRequest) -> Response:
    emulator = request.emulator
    message_id = request.params["message_id"]
    row = emulator.store.history.get(message_id) or emulator.store.history.get(message_id.upper())
    if row is None:
        raise not_found("Scheduled sms message not found.")
    if row["status"] != "Scheduled":
        status = row["status"]
        raise ApiRequestError(
            400, f"Message {message_id} is not scheduled: its status is {status}."
        )
    delivery.cancel(emulator, row)
    return ok("Scheduled sms message has been cancelled.", None)


def cancel_all_sms(request: ApiRequest) -> Response:
    emulator = request.emulator
    custom_string = request.json_object().get("custom_string")
    rows = [
        row
        for row in delivery.scheduled_rows(emulator)
        if custom_string in (None, "") or row.get("custom_string") == custom_string
    ]
    for row in rows:
        delivery.cancel(emulator, row)
    return ok(f"{len(rows)} sms messages have been cancelled.", {"count": len(rows)})
