"""Seed data: ``demo`` (a small realistic account) and ``generated`` (any size, deterministic).

The demo data follows ClickSend's documented example payloads, with placeholder people
(Jane Citizen and friends, example.com addresses) and ClickSend's public test numbers, so
sending to any of them costs nothing and produces no receipt. Its dates are relative to the
emulator clock at seeding time: freeze the clock first for fixed dates.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from clicksend_sms.emulator import builders, phone
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.state import Emulator

DAY = 86_400
HISTORY_STATUSES = ("Completed", "Completed", "Completed", "Sent", "Failed")
BODIES = (
    "Hi Jane, your order is ready.",
    "Your appointment is tomorrow at 10:00. Reply YES to confirm.",
    "Your verification code is 482913.",
    "Thanks for your payment of $42.00.",
)
FIRST_NAMES = ("Jane", "John", "Alex", "Sam", "Chris", "Pat", "Robin", "Taylor")
LAST_NAMES = ("Citizen", "Example", "Sample", "Doe", "Smith")
GENERATED_DEFAULT_COUNT = 100


class SeedError(ValueError):
    """An unknown seed name or an invalid seed parameter."""


def apply(emulator: Emulator, spec: Mapping[str, Any]) -> dict[str, int]:
    """Load a seed into the store and return how many objects it added per collection."""
    name = spec.get("name")
    with emulator.lock:
        if name == "demo":
            return _demo(emulator)
        if name == "generated":
            return _generated(emulator, spec)
    raise SeedError(f'unknown seed {name!r}; use "demo" or "generated"')


# demo --------------------------------------------------------------------------------------


def _demo(emulator: Emulator) -> dict[str, int]:
    now = emulator.clock.now()
    objects: dict[str, list[Row]] = {
        "lists": [
            {"list_id": 428, "list_name": "Customers"},
            {"list_id": 429, "list_name": "Staff"},
            {"list_id": 430, "list_name": "Newsletter (empty)"},
        ],
        "contacts": _demo_contacts(now),
        "templates": [
            {"template_name": "Order ready", "body": "Hi {First Name}, your order is ready."},
            {
                "template_name": "Appointment reminder",
                "body": "Reminder: your appointment is on {custom1}.\r\nReply YES to confirm.",
            },
            {"template_name": "Greeting (Unicode)", "body": "Kia ora {First Name} \U0001f44b"},
        ],
        "campaigns": _demo_campaigns(now),
        "history": _demo_history(now),
        "inbound": [
            {
                "timestamp": now - 3500,
                "from": "+61411111111",
                "to": "+61422222222",
                "body": "Yes please",
                "original_body": "Hi Jane, your order is ready.",
                "custom_string": "order-1001",
            },
        ],
    }
    counts = {
        name: len(builders.add_objects(emulator, name, rows)) for name, rows in objects.items()
    }
    counts["receipts"] = _demo_receipts(emulator)
    return counts


def _demo_contacts(now: int) -> list[Row]:
    people = [
        (428, "+61411111111", "Jane", "Citizen", "jane@example.com", "AU"),
        (428, "+61422222222", "John", "Citizen", "john@example.com", "AU"),
        (428, "+14055555555", "Alex", "Example", "alex@example.com", "US"),
        (428, "+447777777777", "Sam", "Sample", "sam@example.com", "GB"),
        (429, "+61433333333", "Chris", "Staff", "chris@example.com", "AU"),
        (429, "+61444444444", "Pat", "Staff", "pat@example.com", "AU"),
    ]
    return [
        {
            "list_id": list_id,
            "phone_number": number,
            "first_name": first,
            "last_name": last,
            "email": email,
            "address_country": country,
            "custom_1": "",
            "date_added": now - 30 * DAY + i * 60,
            "date_updated": now - 10 * DAY + i * 60,
        }
        for i, (list_id, number, first, last, email, country) in enumerate(people)
    ]


def _demo_campaigns(now: int) -> list[Row]:
    return [
        {
            "name": "Autumn sale",
            "list_id": 428,
            "from": "Example",
            "body": "Autumn sale: 20% off this week. Reply STOP to opt out.",
            "schedule": now - 7 * DAY,
            "status": "Sent",
            "date_added": now - 7 * DAY,
            "_total_count": 4,
        },
        {
            "name": "Staff meeting",
            "list_id": 429,
            "from": "Example",
            "body": "Staff meeting moved to 3pm.",
            "schedule": now + 2 * DAY,
            "status": "Scheduled",
            "date_added": now - DAY,
            "_total_count": 2,
        },
        {
            "name": "Cancelled promo",
            "list_id": 428,
            "from": "Example",
            "body": "Flash sale today only. Reply STOP to opt out.",
            "schedule": now - 3 * DAY,
            "status": "Cancelled",
            "date_added": now - 4 * DAY,
            "_total_count": 4,
        },
    ]


def _demo_history(now: int) -> list[Row]:
    base = now - 2 * DAY
    return [
        {
            "date": base,
            "to": "+61411111111",
            "body": "Hi Jane, your order is ready.",
            "status": "Completed",
            "status_code": None,
            "status_text": None,
            "message_parts": 0,
            "message_price": "0.0000",
            "custom_string": "order-1001",
        },
        # Two rows in one second, to exercise tie handling.
        {
            "date": base + 3600,
            "to": "+61298765432",
            "body": "Your order has shipped.",
            "status": "Completed",
            "custom_string": "order-1002",
        },
        {
            "date": base + 3600,
            "to": "+61298765433",
            "body": "Your order has shipped.",
            "status": "Completed",
            "custom_string": "order-1003",
        },
        {
            "date": base + 7200,
            "to": "+61298765434",
            "body": "Your appointment is tomorrow.",
            "status": "Failed",
            "status_code": "301",
            "status_text": "Failed: unknown subscriber",
            "error_code": "8",
            "error_text": "Unknown subscriber",
            "custom_string": "appt-77",
        },
        {
            "date": now - 3600,
            "to": "+14055555555",
            "body": "Hello from Example.",
            "status": "Completed",
            "status_code": None,
            "status_text": None,
            "message_parts": 0,
            "message_price": "0.0000",
            "country": "US",
            "custom_string": "",
        },
    ]


def _demo_receipts(emulator: Emulator) -> int:
    """Add unread receipts for the demo rows sent to numbers that are not test numbers."""
    rows = [row for row in emulator.store.history if row["to"] not in phone.TEST_NUMBERS]
    receipts = [
        {
            "message_id": row["message_id"],
            "timestamp_send": row["date"],
            "timestamp": row["date"] + 5,
            "custom_string": row["custom_string"],
            "status_code": row["status_code"],
            "status_text": row["status_text"],
            "error_code": row["error_code"],
            "error_text": row["error_text"],
        }
        for row in rows
    ]
    return len(builders.add_objects(emulator, "receipts", receipts))


# generated ---------------------------------------------------------------------------------


def _int_param(spec: Mapping[str, Any], name: str, default: int, minimum: int) -> int:
    value = spec.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SeedError(f"seed parameter {name!r} must be an integer >= {minimum}, got {value!r}")
    return value


def _generated(emulator: Emulator, spec: Mapping[str, Any]) -> dict[str, int]:
    collection = spec.get("collection", "history")
    maker = GENERATORS.get(str(collection))
    if maker is None:
        raise SeedError(f"cannot generate {collection!r}; use one of {sorted(GENERATORS)}")
    count = _int_param(spec, "count", GENERATED_DEFAULT_COUNT, 0)
    per_second = _int_param(spec, "per_second", 1, 1)
    start = _int_param(spec, "start", emulator.clock.now() - count // per_second, 0)
    rng = random.Random(_int_param(spec, "seed", 1, 0))  # noqa: S311 (fake data)
    dates = [start + i // per_second for i in range(count)]
    created = maker(emulator, rng, dates, spec)
    return {str(collection): created}


def _uuid(rng: random.Random, taken: Callable[[str], bool]) -> str:
    while True:
        value = str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()
        if not taken(value):
            return value


def _number(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice(sorted(phone.TEST_NUMBERS))
    return "+614" + "".join(rng.choice("0123456789") for _ in range(8))


def _gen_history(
    emulator: Emulator, rng: random.Random, dates: list[int], spec: Mapping[str, Any]
) -> int:
    store = emulator.store
    rows = []
    seen: set[str] = set()
    for i, date in enumerate(dates):
        message_id = _uuid(rng, lambda v: v in seen or v in store.history)
        seen.add(message_id)
        row = builders.history_row(
            emulator,
            {
                "date": date,
                "to": _number(rng),
                "body": rng.choice(BODIES),
                "status": rng.choice(HISTORY_STATUSES),
                "message_id": message_id,
                "custom_string": f"gen-{i}",
            },
        )
        rows.append(row)
    store.history.add_many(rows)
    return len(rows)


def _gen_receipts(
    emulator: Emulator, rng: random.Random, dates: list[int], spec: Mapping[str, Any]
) -> int:
    store = emulator.store
    rows = []
    seen: set[str] = set()
    for i, date in enumerate(dates):
        message_id = _uuid(rng, lambda v: v in seen or v in store.receipts)
        seen.add(message_id)
        rows.append(
            builders.receipt_row(
                emulator,
                {
                    "message_id": message_id,
                    "timestamp_send": date - 5,
                    "timestamp": date,
                    "custom_string": f"gen-{i}",
                },
            )
        )
    store.receipts.update((row["message_id"], row) for row in rows)
    store.unread_receipts.add_many(rows)
    return len(rows)


def _gen_inbound(
    emulator: Emulator, rng: random.Random, dates: list[int], spec: Mapping[str, Any]
) -> int:
    store = emulator.store
    rows = []
    seen: set[str] = set()
    for date in dates:
        message_id = _uuid(rng, lambda v: v in seen or v in store.inbound)
        seen.add(message_id)
        rows.append(
            builders.inbound_row(
                emulator,
                {
                    "message_id": message_id,
                    "timestamp": date,
                    "from": _number(rng),
                    "body": rng.choice(("Yes", "No", "STOP", "Thanks!", "Call me")),
                },
            )
        )
    store.inbound.update((row["message_id"], row) for row in rows)
    store.unread_inbound.add_many(rows)
    return len(rows)


def _gen_lists(
    emulator: Emulator, rng: random.Random, dates: list[int], spec: Mapping[str, Any]
) -> int:
    rows = [
        builders.list_row(emulator, {"list_name": f"Generated list {i + 1}"})
        for i in range(len(dates))
    ]
    emulator.store.lists.add_many(rows)
    return len(rows)


def _gen_contacts(
    emulator: Emulator, rng: random.Random, dates: list[int], spec: Mapping[str, Any]
) -> int:
    store = emulator.store
    list_id = spec.get("list_id")
    if list_id is None:
        list_id = builders.add_objects(emulator, "lists", [{"list_name": "Generated contacts"}])[0][
            "list_id"
        ]
    rows = []
    for date in dates:
        rows.append(
            builders.contact_row(
                emulator,
                {
                    "list_id": list_id,
                    "phone_number": _number(rng),
                    "first_name": rng.choice(FIRST_NAMES),
                    "last_name": rng.choice(LAST_NAMES),
                    "date_added": date,
                    "date_updated": date,
                },
            )
        )
    store.contacts_of(int(list_id)).add_many(rows)
    store.list_of_contact.update((row["contact_id"], row["list_id"]) for row in rows)
    return len(rows)


def _gen_templates(
    emulator: Emulator, rng: random.Random, dates: list[int], spec: Mapping[str, Any]
) -> int:
    rows = [
        builders.template_row(
            emulator, {"template_name": f"Generated template {i + 1}", "body": rng.choice(BODIES)}
        )
        for i in range(len(dates))
    ]
    emulator.store.templates.add_many(rows)
    return len(rows)


def _gen_campaigns(
    emulator: Emulator, rng: random.Random, dates: list[int], spec: Mapping[str, Any]
) -> int:
    given = {"list_id": spec["list_id"]} if "list_id" in spec else {}
    rows = [
        builders.campaign_row(
            emulator,
            {
                **given,
                "name": f"Generated campaign {i + 1}",
                "date_added": date,
                "schedule": date,
                "status": rng.choice(("Sent", "Sent", "Cancelled")),
            },
        )
        for i, date in enumerate(dates)
    ]
    emulator.store.campaigns.add_many(rows)
    return len(rows)


GENERATORS: dict[str, Callable[[Emulator, random.Random, list[int], Mapping[str, Any]], int]] = {
    "history": _gen_history,
    "receipts": _gen_receipts,
    "inbound": _gen_inbound,
    "lists": _gen_lists,
    "contacts": _gen_contacts,
    "templates": _gen_templates,
    "campaigns": _gen_campaigns,
}
