"""The emulator's in-memory data: collections, id counters, pending deliveries."""

from __future__ import annotations

import heapq
import itertools
import random
import uuid
from typing import Any

from clicksend_sms.emulator.index import Collection, Row

# First ids handed out after a reset; they only need to look like ClickSend's integers.
FIRST_IDS = {"list": 1001, "contact": 500001, "template": 10001, "campaign": 2001}

COLLECTION_NAMES = ("history", "receipts", "campaigns", "lists", "contacts", "templates", "inbound")


class Store:
    """Every ClickSend object the emulator holds, with the indexes its queries use.

    Receipts and inbound messages are kept twice: all of them by message id (for lookups that
    include read ones) and the unread ones in a sorted collection (what the list endpoints show).
    """

    def __init__(self, random_seed: int = 0) -> None:
        self.history = Collection("message_id", "date")
        self.receipts: dict[str, Row] = {}
        self.unread_receipts = Collection("message_id", "timestamp")
        self.inbound: dict[str, Row] = {}
        self.unread_inbound = Collection("message_id", "timestamp")
        self.campaigns = Collection("sms_campaign_id", "date_added")
        self.templates = Collection("template_id", "template_id")
        self.lists = Collection("list_id", "list_id")
        # Messages waiting for their schedule time, by message id, for cancel-all.
        self.scheduled: dict[str, Row] = {}
        self.contacts: dict[int, Collection] = {}
        self.list_of_contact: dict[int, int] = {}
        self.random = random.Random(random_seed)  # noqa: S311 (fake data, not security)
        self._counters = {name: itertools.count(first) for name, first in FIRST_IDS.items()}
        self._pending: list[tuple[float, int, str, Any]] = []
        self._pending_sequence = itertools.count()

    # ids ---------------------------------------------------------------------------------

    def next_id(self, kind: str) -> int:
        """Return the next integer id for ``kind`` (list, contact, template, campaign)."""
        return next(self._counters[kind])

    def reserve_id(self, kind: str, used: int) -> None:
        """Make sure later ids of ``kind`` stay above an id given explicitly by a caller."""
        counter = self._counters[kind]
        current = next(counter)
        self._counters[kind] = itertools.count(max(current, used + 1))

    def message_id(self) -> str:
        """Return a new upper-case UUID, deterministic after a reset."""
        while True:
            value = str(uuid.UUID(int=self.random.getrandbits(128), version=4)).upper()
            if value not in self.history and value not in self.receipts:
                return value

    # contacts ----------------------------------------------------------------------------

    def contacts_of(self, list_id: int) -> Collection:
        """Return the contacts of a list, creating the empty collection on first use."""
        contacts = self.contacts.get(list_id)
        if contacts is None:
            contacts = Collection("contact_id", "contact_id", ["date_updated"])
            self.contacts[list_id] = contacts
        return contacts

    def add_contact(self, row: Row) -> Row:
        if row["contact_id"] in self.list_of_contact:
            raise KeyError(f"contact_id {row['contact_id']!r} already exists")
        self.contacts_of(row["list_id"]).add(row)
        self.list_of_contact[row["contact_id"]] = row["list_id"]
        return row

    def remove_list(self, list_id: int) -> Row | None:
        for contact_id in list(self.contacts_of(list_id).by_id):
            self.list_of_contact.pop(contact_id, None)
        self.contacts.pop(list_id, None)
        return self.lists.remove(list_id)

    # receipts and inbound ----------------------------------------------------------------

    def add_receipt(self, row: Row) -> Row:
        """Store a receipt as unread, replacing an earlier receipt for the same message."""
        message_id = row["message_id"]
        if message_id in self.receipts:
            self.unread_receipts.remove(message_id)
        self.receipts[message_id] = row
        self.unread_receipts.add(row)
        return row

    def add_inbound(self, row: Row) -> Row:
        self.inbound[row["message_id"]] = row
        self.unread_inbound.add(row)
        return row

    # pending events ----------------------------------------------------------------------

    def schedule(self, due: float, kind: str, key: Any) -> None:
        """Queue an event (a scheduled send or a receipt) for emulator time ``due``."""
        heapq.heappush(self._pending, (due, next(self._pending_sequence), kind, key))

    def pop_due(self, now: float) -> list[tuple[float, str, Any]]:
        """Remove and return the events due at ``now``, earliest first."""
        due: list[tuple[float, str, Any]] = []
        while self._pending and self._pending[0][0] <= now:
            when, _, kind, key = heapq.heappop(self._pending)
            due.append((when, kind, key))
        return due

    def counts(self) -> dict[str, int]:
        """Return the number of objects per collection, as ``GET /_emulator/state`` shows."""
        return {
            "history": len(self.history),
            "receipts": len(self.receipts),
            "unread_receipts": len(self.unread_receipts),
            "campaigns": len(self.campaigns),
            "lists": len(self.lists),
            "contacts": len(self.list_of_contact),
            "templates": len(self.templates),
            "inbound": len(self.inbound),
            "unread_inbound": len(self.unread_inbound),
            "pending_events": len(self._pending),
        }
