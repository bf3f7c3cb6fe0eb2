"""SMS Campaigns polling: sorted by the tracked field, old pages skipped by binary search."""

import json
import math

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from clicksend_sms.component import ExecutionContext
from clicksend_sms.triggers.polling import poll
from tests.triggers.support import NOW, UPPER, add_objects, run_poll


def test_campaigns_once_and_old_pages_skipped(emulator):
    dates = [UPPER - 5000 + i // 4 for i in range(1000)]
    old = add_objects(emulator, "smsCampaigns", dates)
    first = run_poll(emulator, object_type="smsCampaigns")
    new = add_objects(emulator, "smsCampaigns", [UPPER + 3] * 5)
    emulator.control.clear_requests()

    second = run_poll(emulator, first.last_snapshot, object_type="smsCampaigns", now=NOW + 10)

    requests = emulator.control.requests("/v3/sms-campaigns")
    pages = math.ceil(1005 / 100)
    assert sorted(first.ids("smsCampaigns")) == sorted(old)
    assert second.ids("smsCampaigns") == new
    assert len(requests) <= 1 + math.ceil(math.log2(pages)) + 1
    assert {r["query"]["order_by"] for r in requests} == {"date_added:asc"}
    assert all("date_from" not in r["query"] for r in requests)


@pytest.mark.parametrize("position", [0, 1, 14, 15, 16, 59])
def test_search_lands_inside_a_burst(emulator, position):
    """A cursor inside a second whose objects span several pages resumes exactly."""
    before = add_objects(emulator, "smsCampaigns", [UPPER - 100 + i for i in range(20)])
    burst = add_objects(emulator, "smsCampaigns", [UPPER - 50] * 60)
    after = add_objects(emulator, "smsCampaigns", [UPPER - 49 + i for i in range(10)])
    burst_sorted = sorted(burst)
    snapshot = {
        "cursorTime": UPPER - 50,
        "cursorId": burst_sorted[position],
        "objectType": "smsCampaigns",
        "pollConfig": "date_added",
    }

    run = run_poll(emulator, snapshot, object_type="smsCampaigns", pageSize=15)

    assert run.ids("smsCampaigns") == burst_sorted[position + 1 :] + after
    assert not set(run.ids("smsCampaigns")) & set(before)


def test_poll_by_schedule_skips_unscheduled(emulator):
    scheduled = add_objects(
        emulator, "smsCampaigns", [UPPER - 30, UPPER - 20], field_name="schedule"
    )
    emulator.control.add("campaigns", [{"date_added": UPPER - 25, "schedule": ""}])
    future = add_objects(emulator, "smsCampaigns", [NOW + 3600], field_name="schedule")

    first = run_poll(emulator, object_type="smsCampaigns", pollConfig="schedule")
    later = run_poll(
        emulator,
        first.last_snapshot,
        object_type="smsCampaigns",
        pollConfig="schedule",
        now=NOW + 7200,
    )

    assert first.ids("smsCampaigns") == scheduled
    assert first.stats.skipped_without_time == 1
    assert later.ids("smsCampaigns") == future


def _campaign(number: int, date: int) -> dict:
    return {"sms_campaign_id": number, "name": f"c{number}", "date_added": date, "schedule": date}


def _serve_pages(server: HTTPServer, rows: list[dict]) -> None:
    """Serve ``rows`` in the given (unsorted) order, whatever order_by requests."""

    def handler(request: Request) -> Response:
        page = int(request.args.get("page", 1))
        limit = int(request.args.get("limit", 15))
        last_page = max(1, math.ceil(len(rows) / limit))
        chunk = rows[(page - 1) * limit : page * limit]
        data = {
            "total": len(rows),
            "per_page": limit,
            "current_page": page,
            "last_page": last_page,
            "next_page_url": None if page >= last_page else f"/v3/sms-campaigns?page={page + 1}",
            "prev_page_url": None,
            "from": (page - 1) * limit + 1,
            "to": (page - 1) * limit + len(chunk),
            "data": chunk,
        }
        body = {
            "http_code": 200,
            "response_code": "SUCCESS",
            "response_msg": "Here are your SMS campaigns.",
            "data": data,
        }
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/v3/sms-campaigns").respond_with_handler(handler)


def test_unsorted_server_falls_back_to_scans(httpserver: HTTPServer, caplog):
    rows = [_campaign(n, UPPER - 100 + n) for n in range(1, 31)]
    rows = rows[15:] + rows[:15]  # a server that ignores order_by
    _serve_pages(httpserver, rows)
    events = []
    cfg = {
        "username": "u",
        "apiKey": "k",
        "baseUrl": httpserver.url_for("/v3"),
        "objectType": "smsCampaigns",
        "pollConfig": "date_added",
        "pageSize": 15,
    }

    stats = poll(ExecutionContext(events.append), cfg, {}, clock=lambda: NOW)

    bodies = [e.payload["body"] for e in events if e.name == "data"]
    snapshots = [e.payload for e in events if e.name == "snapshot"]
    emitted = [b["sms_campaign_id"] for b in bodies]
    assert stats.unsorted is True
    # The first page's objects come again after the rewind: at-least-once, nothing lost.
    assert emitted == list(range(16, 31)) + list(range(1, 31))
    assert snapshots[1]["cursorTime"] == "1970-01-01T00:00:00Z"  # rewound before rescanning
    assert snapshots[-1]["cursorTime"] == "2023-11-14T22:13:10Z"
    assert "out of ascending order" in caplog.text
