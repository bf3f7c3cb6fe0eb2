"""Page drift: rows inserted or removed while a poll pages through a list.

A scripted loopback server replaces ClickSend, so rows can vanish between two page
requests of one poll (history expiring, receipts marked read by another consumer).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from clicksend_sms.component import ExecutionContext
from clicksend_sms.errors import TransientError
from clicksend_sms.triggers.polling import poll
from tests.triggers.support import NOW, UPPER, add_objects, run_poll


class ScriptedList:
    """A ClickSend-style list endpoint over ``rows`` sorted by ``field``.

    ``before_request(n)`` runs before the n-th request (1-based) and may change ``rows``.
    ``date_from``/``date_to`` are applied inclusively on ``field``.
    """

    def __init__(self, rows: list[dict], field: str, before_request: Callable[[int], None]):
        self.rows = rows
        self.field = field
        self.before_request = before_request
        self.count = 0

    def __call__(self, request: Request) -> Response:
        self.count += 1
        self.before_request(self.count)
        page = int(request.args.get("page", 1))
        limit = int(request.args.get("limit", 15))
        low = int(request.args.get("date_from", -(10**12)))
        high = int(request.args.get("date_to", 10**12))
        selected = [r for r in self.rows if low <= r[self.field] <= high]
        last_page = max(1, math.ceil(len(selected) / limit))
        chunk = selected[(page - 1) * limit : page * limit]
        data = {
            "total": len(selected),
            "per_page": limit,
            "current_page": page,
            "last_page": last_page,
            "next_page_url": None if page >= last_page else f"?page={page + 1}",
            "prev_page_url": None,
            "from": (page - 1) * limit + 1,
            "to": (page - 1) * limit + len(chunk),
            "data": chunk,
        }
        body = {"http_code": 200, "response_code": "SUCCESS", "response_msg": "ok", "data": data}
        return Response(json.dumps(body), content_type="application/json")


def _poll(server: HTTPServer, object_type: str, field: str) -> tuple[list[dict], object]:
    events = []
    cfg = {
        "username": "u",
        "apiKey": "k",
        "baseUrl": server.url_for("/v3"),
        "objectType": object_type,
        "pollConfig": field,
        "pageSize": 15,
    }
    stats = poll(ExecutionContext(events.append), cfg, {}, clock=lambda: NOW)
    return [e.payload["body"] for e in events if e.name == "data"], stats


def test_history_rows_expiring_mid_poll_are_not_skipped(httpserver: HTTPServer):
    rows = [{"message_id": f"M{n:03d}", "date": UPPER - 100 + n} for n in range(45)]
    survivors = rows[1:]

    def expire_oldest(number: int) -> None:
        if number == 2:  # between the first and second page
            del rows[0]

    httpserver.expect_request("/v3/sms/history").respond_with_handler(
        ScriptedList(rows, "date", expire_oldest)
    )

    bodies, stats = _poll(httpserver, "smsHistory", "date")

    emitted = [b["message_id"] for b in bodies]
    assert sorted(set(emitted)) == sorted({"M000"} | {r["message_id"] for r in survivors})
    assert len(emitted) == len(set(emitted))
    assert stats.restarts == 1


def test_receipts_read_elsewhere_mid_scan_are_not_skipped(httpserver: HTTPServer):
    rows = [{"message_id": f"R{n:03d}", "timestamp": UPPER - 100 + n} for n in range(40)]

    def read_elsewhere(number: int) -> None:
        if number == 2:
            del rows[3]

    httpserver.expect_request("/v3/sms/receipts").respond_with_handler(
        ScriptedList(rows, "timestamp", read_elsewhere)
    )

    bodies, stats = _poll(httpserver, "smsReceipts", "timestamp")

    emitted = [b["message_id"] for b in bodies]
    assert emitted == [f"R{n:03d}" for n in range(40) if n != 3]
    assert stats.restarts == 1


def test_rows_that_keep_vanishing_stop_the_poll(httpserver: HTTPServer):
    rows = [{"message_id": f"M{n:04d}", "date": UPPER - 1000 + n} for n in range(400)]

    def expire_each_time(number: int) -> None:
        del rows[len(rows) // 2]  # always inside the window still to be read

    httpserver.expect_request("/v3/sms/history").respond_with_handler(
        ScriptedList(rows, "date", expire_each_time)
    )

    with pytest.raises(TransientError, match="kept losing rows"):
        _poll(httpserver, "smsHistory", "date")


def test_row_shifted_by_insert_is_emitted_once(emulator):
    """An object stored late with an older date shifts the next page by one row."""
    originals = add_objects(emulator, "smsHistory", [UPPER - 100 + n for n in range(45)])
    inserted = []

    def insert_behind(event):
        if event.name == "snapshot" and not inserted:
            inserted.extend(add_objects(emulator, "smsHistory", [UPPER - 99]))

    run = run_poll(emulator, pageSize=15, on_event=insert_behind)

    emitted = run.ids("smsHistory")
    assert len(emitted) == len(set(emitted))
    assert set(originals) <= set(emitted)
