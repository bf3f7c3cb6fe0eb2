"""Complete rows from partial objects, for the control API and the seeds.

Missing fields get realistic defaults: new ids, dates at the emulator clock's now, the demo
account's user and subaccount ids, placeholder names and ClickSend test numbers. Timestamps
given as numeric strings are stored as integers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clicksend_sms.emulator import contacts, phone
from clicksend_sms.emulator.account import SUBACCOUNT_ID, USER_ID
from clicksend_sms.emulator.delivery import RECEIPT_STATUS_TEXT
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.state import Emulator

INT_FIELDS: dict[str, tuple[str, ...]] = {
    "history": ("date", "schedule", "message_parts", "user_id", "subaccount_id"),
    "receipts": ("timestamp_send", "timestamp", "status_code", "error_code", "subaccount_id"),
    "inbound": ("timestamp",),
    "campaigns": (
        "sms_campaign_id",
        "list_id",
        "schedule",
        "date_added",
        "user_id",
        "subaccount_id",
        "unsubscribe_link",
        "_total_count",
    ),
    "lists": ("list_id",),
    "contacts": ("contact_id", "list_id", "date_added", "date_updated"),
    "templates": ("template_id",),
}


class ObjectError(ValueError):
    """An object the control API cannot store (e.g. a duplicate id)."""


def _as_int(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ObjectError(f"{name} must be an integer or a numeric string, got {value!r}") from None


def _ints(kind: str, row: Row) -> Row:
    for name in INT_FIELDS[kind]:
        if name in row:
            row[name] = _as_int(row[name], name)
    return row


def history_row(emulator: Emulator, given: Row) -> Row:
    now = emulator.clock.now()
    to = given.get("to", "+61411111111")
    country = phone.country_of(str(to))
    row: Row = {
        "direction": "out",
        "date": now,
        "to": to,
        "body": "Hi Jane, your order is ready.",
        "status": "Sent",
        "from": "+61422222222",
        "schedule": None,
        "status_code": "201",
        "status_text": RECEIPT_STATUS_TEXT,
        "error_code": None,
        "error_text": None,
        "message_id": emulator.store.message_id(),
        "message_parts": 1,
        "message_price": "0.0792",
        "from_email": None,
        "list_id": None,
        "custom_string": "",
        "contact_id": None,
        "user_id": USER_ID,
        "subaccount_id": SUBACCOUNT_ID,
        "country": country,
        "carrier": phone.carrier_of(country),
        "first_name": None,
        "last_name": None,
        "_api_username": emulator.username,
    }
    row.update(given)
    _ints("history", row)
    if row["schedule"] is None:
        row["schedule"] = row["date"]
    return row


def receipt_row(emulator: Emulator, given: Row) -> Row:
    now = emulator.clock.now()
    row: Row = {
        "timestamp_send": now,
        "timestamp": now,
        "message_id": emulator.store.message_id(),
        "status_code": 201,
        "status_text": RECEIPT_STATUS_TEXT,
        "error_code": None,
        "error_text": None,
        "custom_string": None,
        "subaccount_id": SUBACCOUNT_ID,
        "message_type": "sms",
        "digits": None,
    }
    row.update(given)
    return _ints("receipts", row)


def inbound_row(emulator: Emulator, given: Row) -> Row:
    row: Row = {
        "timestamp": emulator.clock.now(),
        "from": "+61411111111",
        "body": "Yes please",
        "original_body": "Hi Jane, your order is ready.",
        "original_message_id": "",
        "to": "+61422222222",
        "custom_string": "",
        "message_id": emulator.store.message_id(),
    }
    row.update(given)
    row.setdefault("_keyword", (str(row["body"]).split() or [""])[0].lower())
    return _ints("inbound", row)


def campaign_row(emulator: Emulator, given: Row) -> Row:
    store, now = emulator.store, emulator.clock.now()
    first_list = next(iter(store.lists), None)
    row: Row = {
        "sms_campaign_id": None,
        "name": "Spring sale",
        "user_id": USER_ID,
        "subaccount_id": SUBACCOUNT_ID,
        "list_id": first_list["list_id"] if first_list else 0,
        "from": "Example",
        "body": "Spring sale: 20% off this week. Reply STOP to opt out.",
        "schedule": now,
        "status": "Sent",
        "date_added": now,
        "custom_string": None,
        "url_to_shorten": "",
        "unsubscribe_link": 0,
        "source": None,
        "senders": [],
    }
    row.update(given)
    _ints("campaigns", row)
    row["sms_campaign_id"] = _new_or_reserved(emulator, "campaign", row["sms_campaign_id"])
    row.setdefault("_total_count", len(store.contacts_of(row["list_id"])))
    row.pop("_list_name", None)
    return row


def list_row(emulator: Emulator, given: Row) -> Row:
    list_id = _new_or_reserved(emulator, "list", _as_int(given.get("list_id"), "list_id"))
    row: Row = {
        "list_id": list_id,
        "list_name": f"List {list_id}",
        "list_email_id": contacts.list_email_id(emulator.store),
        "_import_in_progress": 0,
        "_optout_in_progress": 0,
    }
    row.update(given)
    row["list_id"] = list_id
    row.pop("_contacts_count", None)
    return row


def contact_row(emulator: Emulator, given: Row) -> Row:
    list_id = _as_int(given.get("list_id"), "list_id")
    if list_id is None:
        raise ObjectError("each contact needs a list_id")
    if list_id not in emulator.store.lists:
        emulator.store.lists.add(list_row(emulator, {"list_id": list_id}))
    now = emulator.clock.now()
    row: Row = {"contact_id": None, "list_id": list_id, **contacts.CONTACT_DEFAULTS}
    row.update(phone_number="+61411111111", first_name="Jane", last_name="Citizen")
    row.update(date_added=now, date_updated=now)
    row.update(given)
    _ints("contacts", row)
    row["contact_id"] = _new_or_reserved(emulator, "contact", row["contact_id"])
    row.pop("_list_name", None)
    return row


def template_row(emulator: Emulator, given: Row) -> Row:
    template_id = _new_or_reserved(
        emulator, "template", _as_int(given.get("template_id"), "template_id")
    )
    row: Row = {
        "template_id": template_id,
        "template_name": f"Template {template_id}",
        "body": "Hi {First Name}, your order is ready.",
    }
    row.update(given)
    row["template_id"] = template_id
    return row


def _new_or_reserved(emulator: Emulator, kind: str, given: int | None) -> int:
    if given is None:
        return emulator.store.next_id(kind)
    emulator.store.reserve_id(kind, given)
    return given


BUILDERS: dict[str, Callable[[Emulator, Row], Row]] = {
    "history": history_row,
    "receipts": receipt_row,
    "inbound": inbound_row,
    "campaigns": campaign_row,
    "lists": list_row,
    "contacts": contact_row,
    "templates": template_row,
}


def store_row(emulator: Emulator, collection: str, row: Row) -> None:
    """Store a built row in its collection; receipts and inbound messages arrive unread."""
    store = emulator.store
    adders: dict[str, Callable[[Row], Any]] = {
        "history": store.history.add,
        "receipts": store.add_receipt,
        "inbound": store.add_inbound,
        "campaigns": store.campaigns.add,
        "lists": store.lists.add,
        "contacts": store.add_contact,
        "templates": store.templates.add,
    }
    try:
        adders[collection](row)
    except KeyError as error:
        raise ObjectError(f"{collection}: {error.args[0]}") from None


def add_objects(emulator: Emulator, collection: str, objects: list[Row]) -> list[Row]:
    """Build and store each object; return copies of the stored rows."""
    builder = BUILDERS.get(collection)
    if builder is None:
        raise ObjectError(f"unknown collection {collection!r}; use one of {sorted(BUILDERS)}")
    created = []
    for given in objects:
        if not isinstance(given, dict):
            raise ObjectError(f"each object must be a JSON object, got {given!r}")
        row = builder(emulator, dict(given))
        store_row(emulator, collection, row)
        created.append(dict(row))
    return created
