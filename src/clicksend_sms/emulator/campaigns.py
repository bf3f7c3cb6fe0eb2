"""SMS campaigns: list, view, send, update and cancel (``/sms-campaigns``).

A campaign sends one message per contact with a phone number in its list, when its schedule
comes on the emulator clock (at once when it has no future schedule). Its messages appear in
SMS history with the campaign's ``custom_string`` and follow the usual message lifecycle.
Only a Scheduled campaign can be updated or cancelled.
"""

from __future__ import annotations

from typing import Any

from clicksend_sms.emulator import delivery
from clicksend_sms.emulator.account import SUBACCOUNT_ID, USER_ID
from clicksend_sms.emulator.contacts import PHP_ARRAY_WARNING
from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import ApiRequestError, Response, bad_request, not_found, ok
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.listing import list_response
from clicksend_sms.emulator.messages import Recipient, evaluate, history_row
from clicksend_sms.emulator.query import ListSpec
from clicksend_sms.emulator.state import Emulator

Q_FIELDS = (
    "sms_campaign_id", "name", "user_id", "subaccount_id", "list_id", "from", "body",
    "schedule", "status", "date_added", "custom_string", "url_to_shorten", "unsubscribe_link",
    "source",
)  # fmt: skip
CAMPAIGN_SPEC = ListSpec(
    default_order="date_added",
    q_fields=Q_FIELDS,
    order_fields=Q_FIELDS,
    range_params={"date_from": ("low", "date_added"), "date_to": ("high", "date_added")},
)
CAMPAIGN_NOT_FOUND = "SMS Campaign not found."
LIST_NOT_FOUND = "Your list is not found."
REQUIRED = {
    "list_id": "The list id field is required.",
    "name": "The name field is required.",
    "from": "The from field is required.",
    "body": "The body field is required.",
}
EDITABLE = ("list_id", "name", "from", "body", "schedule", "source", "url_to_shorten", "senders")


def view_campaigns(request: ApiRequest) -> Response:
    emulator = request.emulator
    descending = emulator.switches["campaign_order"] == "desc"
    return list_response(
        request,
        emulator.store.campaigns,
        CAMPAIGN_SPEC,
        emulator.renderer().campaign,
        "Here are your SMS campaigns.",
        default_desc=descending,
    )


def _campaign_or_404(request: ApiRequest) -> Row:
    found = request.emulator.store.campaigns.get(request.int_param("campaign_id"))
    if found is None:
        raise not_found(CAMPAIGN_NOT_FOUND)
    return found


def view_campaign(request: ApiRequest) -> Response:
    return ok("Your SMS Campaign.", request.emulator.renderer().campaign(_campaign_or_404(request)))


def _clean(body: Row) -> Row:
    """Return the editable fields of a request body, with list_id and schedule as ints."""
    fields: Row = {}
    for name in EDITABLE:
        if name not in body:
            continue
        value = body[name]
        if isinstance(value, dict) or (isinstance(value, list) and name != "senders"):
            raise ApiRequestError(400, PHP_ARRAY_WARNING, code=400)
        fields[name] = value
    problems = {}
    for name in ("list_id", "schedule"):
        if name not in fields:
            continue
        if fields[name] in (None, ""):
            fields[name] = None
            continue
        try:
            fields[name] = int(fields[name])
        except (TypeError, ValueError):
            problems[name] = f"The {name.replace('_', ' ')} must be an integer."
    if problems:
        raise bad_request(problems)
    return fields


def _check_list(emulator: Emulator, list_id: Any) -> None:
    if list_id not in emulator.store.lists:
        raise not_found(LIST_NOT_FOUND)


def send_campaign(request: ApiRequest) -> Response:
    emulator = request.emulator
    fields = _clean(request.json_object())
    missing = {k: v for k, v in REQUIRED.items() if fields.get(k) in (None, "")}
    if missing:
        raise bad_request(missing)
    _check_list(emulator, fields["list_id"])
    row = _new_campaign(emulator, fields)
    emulator.store.campaigns.add(row)
    _start(emulator, row)
    return ok("Your new campaign has been added.", emulator.renderer().campaign(row))


def _new_campaign(emulator: Emulator, fields: Row) -> Row:
    now = emulator.clock.now()
    campaign_id = emulator.store.next_id("campaign")
    schedule = fields.get("schedule") or now
    return {
        "sms_campaign_id": campaign_id,
        "name": str(fields["name"]),
        "user_id": USER_ID,
        "subaccount_id": SUBACCOUNT_ID,
        "list_id": fields["list_id"],
        "from": str(fields["from"]),
        "body": str(fields["body"]),
        "schedule": schedule,
        "status": "Scheduled",
        "date_added": now,
        "custom_string": f"sms_campaign_{campaign_id}",
        "url_to_shorten": str(fields.get("url_to_shorten") or ""),
        "unsubscribe_link": 0,
        "source": fields.get("source"),
        "senders": fields.get("senders") or [],
        "_total_count": len(emulator.store.contacts_of(fields["list_id"])),
    }


def _start(emulator: Emulator, row: Row) -> None:
    """Send a campaign now, or queue it for its schedule time."""
    if row["schedule"] > emulator.clock.now():
        emulator.store.schedule(row["schedule"], "campaign", row["sms_campaign_id"])
    else:
        _send_messages(emulator, row, emulator.clock.now())


def _send_messages(emulator: Emulator, row: Row, at: int) -> None:
    message = {"from": row["from"], "body": row["body"], "custom_string": row["custom_string"]}
    contacts = [c for c in emulator.store.contacts_of(row["list_id"]) if c.get("phone_number")]
    for contact in contacts:
        recipient = Recipient(contact["phone_number"], contact)
        result = evaluate(emulator, message, recipient, at)
        if result["status"] == "SUCCESS":
            delivery.accept(emulator, history_row(emulator, result, recipient))
    changes = {"status": "Sent", "_total_count": len(contacts)}
    emulator.store.campaigns.update(row["sms_campaign_id"], changes)


def _on_campaign_due(emulator: Emulator, campaign_id: Any, when: float) -> None:
    row = emulator.store.campaigns.get(campaign_id)
    if row is not None and row["status"] == "Scheduled" and row["schedule"] <= when:
        _send_messages(emulator, row, int(when))


# The delivery module runs due events; campaign releases are registered here, next to the
# code that sends them.
delivery.EVENT_HANDLERS["campaign"] = _on_campaign_due


def _scheduled_or_400(row: Row, action: str) -> None:
    if row["status"] != "Scheduled":
        raise ApiRequestError(
            400, f"Only scheduled campaigns can be {action}: this one is {row['status']}."
        )


def update_campaign(request: ApiRequest) -> Response:
    """Update the fields sent of a Scheduled campaign.

    By default (switch ``campaign_update_schedule`` "replace", as ClickSend's legacy
    documentation describes), a request without a schedule replaces it with now, so the
    campaign goes out at once. With "keep" the schedule stays as it was.
    """
    emulator = request.emulator
    row = _campaign_or_404(request)
    _scheduled_or_400(row, "updated")
    fields = _clean(request.json_object())
    if fields.get("list_id") is None:
        fields.pop("list_id", None)
    else:
        _check_list(emulator, fields["list_id"])
        fields["_total_count"] = len(emulator.store.contacts_of(fields["list_id"]))
    if "schedule" in fields or emulator.switches["campaign_update_schedule"] == "replace":
        fields["schedule"] = fields.get("schedule") or emulator.clock.now()
    emulator.store.campaigns.update(row["sms_campaign_id"], fields)
    if "schedule" in fields:
        _start(emulator, row)
    return ok("Your SMS Campaign has been updated.", emulator.renderer().campaign(row))


def cancel_campaign(request: ApiRequest) -> Response:
    emulator = request.emulator
    row = _campaign_or_404(request)
    _scheduled_or_400(row, "cancelled")
    emulator.store.campaigns.update(row["sms_campaign_id"], {"status": "Cancelled"})
    return ok("Your SMS Campaign has been cancelled.", emulator.renderer().campaign(row))
