"""The snapshot: small, versioned, and readable from the shapes older triggers wrote."""

import json

import pytest

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.triggers.config import parse_settings
from clicksend_sms.triggers.cursor import Cursor
from clicksend_sms.triggers.snapshot import dump_snapshot, load_cursor
from tests.triggers.support import UPPER, add_objects, run_poll

HISTORY = parse_settings({"objectType": "smsHistory", "pollConfig": "date"}, {})
CAMPAIGNS = parse_settings({"objectType": "smsCampaigns", "pollConfig": "date_added"}, {})


def test_written_shape_round_trips():
    snapshot = dump_snapshot(Cursor(1715660441, "1EF11A95-31A2"), HISTORY)

    assert snapshot == {
        "version": 2,
        "objectType": "smsHistory",
        "pollConfig": "date",
        "cursorTime": "2024-05-14T04:20:41Z",
        "cursorId": "1EF11A95-31A2",
    }
    assert load_cursor(snapshot, HISTORY) == Cursor(1715660441, "1EF11A95-31A2")


@pytest.mark.parametrize(
    ("snapshot", "expected"),
    [
        ({}, None),
        ({"startTime": "2024-05-14T04:20:41Z"}, Cursor(1715660440)),
        ({"startTime": "2024-05-14T04:20:41.500Z"}, Cursor(1715660441)),
        ({"nextStartTime": "2024-05-14T04:20:41.000"}, Cursor(1715660440)),
        ({"nextStartTime": 1715660441000}, Cursor(1715660440)),
        ({"startTime": "1715660441"}, Cursor(1715660440)),
        ({"lastModificationTime": "2024-05-14T04:20:41Z"}, Cursor(1715660441)),
        (
            {"lastModificationTime": "2024-05-14T04:20:41+00:00", "lastSeenId": 2001},
            Cursor(1715660441, 2001),
        ),
        (
            {"lastModificationTime": "2024-05-14T06:20:41.250+02:00", "lastSeenId": 2001},
            Cursor(1715660441),
        ),
        ({"cursorTime": 1715660441, "cursorId": None}, Cursor(1715660441)),
        (
            {"cursorTime": "2024-05-14T04:20:41Z", "startTime": "1999-01-01T00:00:00Z"},
            Cursor(1715660441),
        ),
    ],
)
def test_older_shapes_are_read(snapshot, expected):
    assert load_cursor(snapshot, HISTORY) == expected


def test_unknown_shape_starts_from_config(caplog):
    assert load_cursor({"pageNumber": 3}, HISTORY) is None
    assert "pageNumber" in caplog.text


@pytest.mark.parametrize("value", ["yesterday", "", [], {"t": 1}, float("nan"), True])
def test_unreadable_time_is_rejected(value):
    if value == "":
        assert load_cursor({"cursorTime": value}, HISTORY) is None
        return
    with pytest.raises(InvalidInputError) as caught:
        load_cursor({"cursorTime": value}, HISTORY)
    assert caught.value.field == "snapshot.cursorTime"
    assert "Reset" in caught.value.fix


def test_other_order_keeps_time_not_id():
    snapshot = dump_snapshot(Cursor(1715660441, "ABC"), HISTORY)

    assert load_cursor(snapshot, CAMPAIGNS) == Cursor(1715660441)


def test_long_id_falls_back_to_previous_second():
    snapshot = dump_snapshot(Cursor(1715660441, "X" * 5000), HISTORY)

    assert snapshot["cursorId"] is None
    assert snapshot["cursorTime"] == "2024-05-14T04:20:40Z"
    assert len(json.dumps(snapshot)) < 300


def test_snapshot_small_after_five_thousand_ties(emulator):
    add_objects(emulator, "smsHistory", [UPPER - 7] * 5000)

    run = run_poll(emulator)

    assert len(run.bodies) == 5000
    assert max(len(json.dumps(s)) for s in run.snapshots) < 5 * 1024
    assert len(run.snapshots) == 50


def test_keyset_snapshot_resumes_inside_a_second(emulator):
    """A snapshot at (T, id 3) emits only the later id at T and what comes after T."""
    base = UPPER - 100
    emulator.control.add(
        "campaigns",
        [{"sms_campaign_id": n, "date_added": base, "schedule": base} for n in (1, 2, 3, 4)]
        + [{"sms_campaign_id": 5, "date_added": base + 1, "schedule": base + 1}],
    )
    snapshot = {"lastModificationTime": base, "lastSeenId": 3}

    run = run_poll(emulator, snapshot, object_type="smsCampaigns")

    assert run.ids("smsCampaigns") == [4, 5]


@pytest.mark.parametrize(
    "snapshot",
    [
        {"startTime": "2023-11-14T22:11:30Z"},
        {"nextStartTime": "2023-11-14T22:11:30Z"},
        {"lastModificationTime": "2023-11-14T22:11:29Z"},
        {"lastModificationTime": "2023-11-14T22:11:30Z", "lastSeenId": "0"},
    ],
)
def test_migrating_snapshot_loses_nothing(emulator, snapshot):
    add_objects(emulator, "smsHistory", [UPPER - 101] * 3)  # 22:11:29, before every shape
    boundary = add_objects(emulator, "smsHistory", [UPPER - 100] * 3)  # 22:11:30
    later = add_objects(emulator, "smsHistory", [UPPER - 99])

    run = run_poll(emulator, snapshot)

    assert sorted(run.ids("smsHistory")) == sorted(boundary + later)
    assert run.last_snapshot["version"] == 2
