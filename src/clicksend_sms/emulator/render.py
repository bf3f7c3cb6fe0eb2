"""Output shaping: copies of stored rows, with timestamps and computed fields."""

from __future__ import annotations

from typing import Any

from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.store import Store

TIMESTAMP_FIELDS: dict[str, tuple[str, ...]] = {
    "history": ("date",),
    "receipts": ("timestamp_send", "timestamp"),
    "inbound": ("timestamp",),
    "campaigns": ("schedule", "date_added"),
    "contacts": ("date_added", "date_updated"),
    "send": ("date", "schedule"),
    "account": ("date_sign_up",),
}


class Renderer:
    """Render stored rows for one response, following the ``timestamps`` switch."""

    def __init__(self, store: Store, switches: dict[str, Any]) -> None:
        self.store = store
        self.string_times = switches["timestamps"] == "string"
        self.string_status_code = switches["receipt_status_code"] == "string"

    def times(self, kind: str, row: Row) -> Row:
        """Return a copy of ``row`` with its Unix timestamps as ints or numeric strings."""
        out = dict(row)
        if self.string_times:
            for name in TIMESTAMP_FIELDS[kind]:
                if isinstance(out.get(name), int):
                    out[name] = str(out[name])
        return out

    def history(self, row: Row) -> Row:
        out = self.times("history", row)
        schedule = row.get("schedule")
        out["schedule"] = "" if schedule is None else str(schedule)
        return out

    def receipt(self, row: Row) -> Row:
        out = self.times("receipts", row)
        if self.string_status_code and isinstance(out.get("status_code"), int):
            out["status_code"] = str(out["status_code"])
        return out

    def inbound(self, row: Row) -> Row:
        return self.times("inbound", row)

    def campaign(self, row: Row) -> Row:
        out = self.times("campaigns", row)
        out["_list_name"] = self._list_name(row.get("list_id"))
        return out

    def template(self, row: Row) -> Row:
        return dict(row)

    def contact_list(self, row: Row) -> Row:
        out = dict(row)
        out["_contacts_count"] = len(self.store.contacts_of(row["list_id"]))
        return out

    def contact(self, row: Row) -> Row:
        out = self.times("contacts", row)
        out["_list_name"] = self._list_name(row.get("list_id"))
        return out

    def _list_name(self, list_id: Any) -> str:
        found = self.store.lists.get(list_id)
        return str(found["list_name"]) if found else ""
