"""SMS History polling against the emulator: exactly once, ascending, few requests."""

import math

import pytest

from clicksend_sms.api import ClickSendClient
from tests.triggers.support import LAG, NOW, UPPER, add_objects, run_poll

BOUNDS = ("inclusive", "exclusive")


@pytest.mark.parametrize("bounds", BOUNDS)
def test_thousand_rows_in_one_second(emulator, bounds):
    emulator.control.switches(date_bounds=bounds)
    ids = add_objects(emulator, "smsHistory", [UPPER - 100] * 1000)

    first = run_poll(emulator, pageSize=15)

    assert sorted(first.ids("smsHistory")) == sorted(ids)
    assert len(first.ids("smsHistory")) == 1000
    assert first.last_snapshot["cursorTime"] == "2023-11-14T22:13:10Z"
    assert first.last_snapshot["cursorId"] is None

    again = run_poll(emulator, first.last_snapshot, now=NOW + 60, pageSize=15)
    assert again.bodies == []


@pytest.mark.parametrize("bounds", BOUNDS)
def test_ties_across_pages_and_polls(emulator, bounds):
    emulator.control.switches(date_bounds=bounds)
    dates = [UPPER - 50 + i // 7 for i in range(40)]  # seconds of 7 rows straddle pages of 15
    old_ids = add_objects(emulator, "smsHistory", dates)

    first = run_poll(emulator, pageSize=15)
    new_dates = [UPPER + 1] * 20 + [UPPER + 5] * 3  # after the first poll's upper bound
    new_ids = add_objects(emulator, "smsHistory", new_dates)
    second = run_poll(emulator, first.last_snapshot, now=NOW + 30, pageSize=15)

    assert sorted(first.ids("smsHistory")) == sorted(old_ids)
    assert sorted(second.ids("smsHistory")) == sorted(new_ids)
    emitted = [b["date"] for b in first.bodies + second.bodies]
    assert emitted == sorted(emitted)


@pytest.mark.parametrize("bounds", BOUNDS)
def test_rows_inside_lag_wait_for_next_poll(emulator, bounds):
    emulator.control.switches(date_bounds=bounds)
    inside = add_objects(emulator, "smsHistory", [UPPER])
    lagging = add_objects(emulator, "smsHistory", [UPPER + 1, NOW])

    first = run_poll(emulator)
    second = run_poll(emulator, first.last_snapshot, now=NOW + LAG)

    assert first.ids("smsHistory") == inside
    assert sorted(second.ids("smsHistory")) == sorted(lagging)


def test_second_poll_right_after_first(emulator):
    add_objects(emulator, "smsHistory", [UPPER - 5] * 30)
    first = run_poll(emulator)
    emulator.control.clear_requests()

    same_second = run_poll(emulator, first.last_snapshot)
    next_second = run_poll(emulator, first.last_snapshot, now=NOW + 1)

    assert same_second.bodies == []
    assert next_second.bodies == []
    assert len(emulator.control.requests("/v3/sms/history")) == 1
    assert next_second.last_snapshot["cursorTime"] == "2023-11-14T22:13:11Z"


@pytest.mark.parametrize("bounds", BOUNDS)
@pytest.mark.parametrize(
    ("count", "page_size"), [(0, 100), (1, 15), (100, 100), (250, 100), (45, 15), (1000, 100)]
)
def test_request_count_bound(emulator, bounds, count, page_size):
    emulator.control.switches(date_bounds=bounds)
    add_objects(emulator, "smsHistory", [UPPER - 3000 + i for i in range(120)])
    first = run_poll(emulator, now=NOW - 1000)
    add_objects(emulator, "smsHistory", [UPPER - 900 + i // 3 for i in range(count)])
    emulator.control.clear_requests()

    second = run_poll(emulator, first.last_snapshot, pageSize=page_size)

    requests = emulator.control.requests("/v3/sms/history")
    assert len(second.bodies) == count
    assert len(requests) <= math.ceil(count / page_size) + 1
    assert {r["query"]["order_by"] for r in requests} == {"date:asc"}


def test_filters_sent_around_the_window(emulator):
    add_objects(emulator, "smsHistory", [UPPER - 10])
    first = run_poll(emulator, startTime="2023-11-14T00:00:00Z")
    emulator.control.clear_requests()
    run_poll(emulator, first.last_snapshot, now=NOW + 100)

    first_query = emulator.control.requests("/v3/sms/history")[0]["query"]
    assert first_query["date_from"] == str(UPPER)
    assert first_query["date_to"] == str(UPPER + 100 + 1)
    assert first_query["limit"] == "100"


def test_objects_added_while_paging(emulator):
    old = add_objects(emulator, "smsHistory", [UPPER - 200 + i // 10 for i in range(100)])
    added: list = []
    pages_seen = []

    def add_between_pages(event):
        if event.name == "snapshot" and len(pages_seen) < 3:
            pages_seen.append(event)
            # New objects carry the current time, which is after this poll's upper bound.
            added.extend(add_objects(emulator, "smsHistory", [NOW - 3 + len(pages_seen)] * 4))

    first = run_poll(emulator, pageSize=15, on_event=add_between_pages)
    second = run_poll(emulator, first.last_snapshot, now=NOW + LAG + 5)

    assert sorted(first.ids("smsHistory")) == sorted(old)
    assert sorted(second.ids("smsHistory")) == sorted(added)
    assert len(added) == 12


def test_rows_before_start_time_are_skipped(emulator):
    add_objects(emulator, "smsHistory", [UPPER - 100, UPPER - 99])
    later = add_objects(emulator, "smsHistory", [UPPER - 98])

    run = run_poll(emulator, startTime="2023-11-14T22:11:31Z")  # UPPER - 99, exclusive

    assert run.ids("smsHistory") == later


def test_future_start_time_warns(emulator, caplog):
    add_objects(emulator, "smsHistory", [UPPER - 1])

    run = run_poll(emulator, startTime="2023-11-14T23:13:20Z")  # NOW + 3600

    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert run.bodies == []
    assert run.last_snapshot["cursorTime"] == "2023-11-14T23:13:20Z"
    assert emulator.control.requests() == []
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "startTime 2023-11-14T23:13:20Z is after now (2023-11-14T22:13:20Z)"
    )
    assert "No object after it exists yet" in warnings[0]


def test_future_snapshot_position_warns(emulator, caplog):
    snapshot = {"cursorTime": "2023-11-14T23:13:20Z", "cursorId": None}

    run = run_poll(emulator, snapshot, startTime="2020-01-01T00:00:00Z")

    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert run.bodies == []
    assert len(warnings) == 1
    assert warnings[0].startswith("The snapshot's position 2023-11-14T23:13:20Z is after now")


def test_start_time_within_the_lag_is_quiet(emulator, caplog):
    run = run_poll(emulator, startTime="2023-11-14T22:13:15Z")  # NOW - 5, after UPPER

    assert run.last_snapshot["cursorTime"] == "2023-11-14T22:13:15Z"
    assert [r for r in caplog.records if r.levelname == "WARNING"] == []


def test_string_timestamps(emulator):
    emulator.control.switches(timestamps="string")
    ids = add_objects(emulator, "smsHistory", [UPPER - 2] * 20 + [UPPER - 1] * 20)

    run = run_poll(emulator, pageSize=15)

    assert sorted(run.ids("smsHistory")) == sorted(ids)
    assert all(isinstance(b["date"], str) for b in run.bodies)


def test_emit_page_groups_by_request(emulator):
    ids = add_objects(emulator, "smsHistory", [UPPER - 60 + i for i in range(40)])

    run = run_poll(emulator, pageSize=15, emitBehavior="emitPage")

    assert [len(b["results"]) for b in run.bodies] == [15, 15, 10]
    assert [row["message_id"] for b in run.bodies for row in b["results"]] == ids
    assert len(run.snapshots) == 3


def test_objects_emitted_unchanged(emulator):
    add_objects(emulator, "smsHistory", [UPPER - 1])
    with ClickSendClient.from_config(emulator.cfg) as client:
        listed = client.request("GET", "/sms/history").data["data"]

    run = run_poll(emulator)

    assert run.bodies == listed
    assert list(run.bodies[0]) == list(listed[0])
