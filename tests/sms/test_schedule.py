"""Schedule parsing: Unix seconds or ISO 8601 with an offset, within ClickSend's window."""

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.sms.schedule import latest_schedule, parse_schedule

# 2026-01-15T00:00:00Z
_A_NOW = 1768435200


@pytest.fixture
def local_zone():
    """Set the process time zone for one test and restore the original afterwards."""
    original = os.environ.get("TZ")

    def apply(name):
        os.environ["TZ"] = name
        time.tzset()

    yield apply

    if original is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = original
    time.tzset()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, None, id="none"),
        pytest.param("", None, id="empty"),
        pytest.param("   ", None, id="blank"),
        pytest.param(_A_NOW + 3600, _A_NOW + 3600, id="int"),
        pytest.param(str(_A_NOW + 3600), _A_NOW + 3600, id="numeric-string"),
        pytest.param(float(_A_NOW + 60), _A_NOW + 60, id="whole-float"),
        pytest.param("2026-01-15T01:00:00Z", _A_NOW + 3600, id="iso-z"),
        pytest.param("2026-01-15T12:00:00+11:00", _A_NOW + 3600, id="iso-sydney-offset"),
        pytest.param("2026-01-14T20:00:00-05:00", _A_NOW + 3600, id="iso-negative-offset"),
        pytest.param("2026-01-15T01:00:00.750+00:00", _A_NOW + 3600, id="fraction-dropped"),
    ],
)
def test_parse_schedule_accepts(value, expected):
    assert parse_schedule(value, "schedule", _A_NOW) == expected


@pytest.mark.parametrize("zone", ["UTC", "Australia/Sydney", "America/Los_Angeles"])
def test_same_instant_same_epoch_in_any_zone(local_zone, zone):
    local_zone(zone)

    assert parse_schedule("2026-01-15T12:00:00+11:00", "schedule", _A_NOW) == _A_NOW + 3600
    assert parse_schedule("2026-01-15T01:00:00Z", "schedule", _A_NOW) == _A_NOW + 3600


def test_epoch_identical_in_subprocesses_with_tz():
    script = (
        "import json, sys; from clicksend_sms.sms.schedule import parse_schedule; "
        "print(json.dumps([parse_schedule(v, 'schedule', int(sys.argv[1])) for v in "
        "('2026-01-15T12:00:00+11:00', '2026-01-15T01:00:00Z', '2026-01-15T01:00:00+00:00')]))"
    )
    results = {}
    for zone in ("UTC", "Australia/Sydney"):
        env = {**os.environ, "TZ": zone}
        completed = subprocess.run(
            [sys.executable, "-c", script, str(_A_NOW)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        results[zone] = json.loads(completed.stdout)

    assert results["UTC"] == [_A_NOW + 3600] * 3
    assert results["Australia/Sydney"] == results["UTC"]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        pytest.param("2026-01-15T12:00:00", "offset is missing", id="naive"),
        pytest.param("2026-01-15 12:00", "offset is missing", id="naive-space"),
        pytest.param("tomorrow", "Unix seconds", id="words"),
        pytest.param("2026-13-01T00:00:00Z", "Unix seconds", id="bad-month"),
        pytest.param(True, "Unix seconds", id="bool"),
        pytest.param([1], "Unix seconds", id="array"),
        pytest.param({"at": 1}, "Unix seconds", id="object"),
        pytest.param(1.5, "Unix seconds", id="fractional-float"),
        pytest.param("-5", "Unix seconds", id="negative-string"),
        pytest.param(_A_NOW * 1000, "milliseconds", id="milliseconds"),
    ],
)
def test_parse_schedule_rejects_malformed(value, fragment):
    with pytest.raises(InvalidInputError, match=fragment) as caught:
        parse_schedule(value, "messages[2].schedule", _A_NOW)

    assert caught.value.field == "messages[2].schedule"
    assert caught.value.value == value


def test_past_schedule_rejected():
    with pytest.raises(InvalidInputError, match="in the past") as caught:
        parse_schedule(_A_NOW - 3600, "schedule", _A_NOW)

    assert caught.value.field == "schedule"


def test_small_clock_skew_accepted():
    assert parse_schedule(_A_NOW - 30, "schedule", _A_NOW) == _A_NOW - 30


def test_far_future_schedule_rejected():
    with pytest.raises(InvalidInputError, match="more than 4 months ahead"):
        parse_schedule("2026-05-16T00:00:00Z", "schedule", _A_NOW)


def test_four_months_ahead_accepted():
    assert parse_schedule("2026-05-15T00:00:00Z", "schedule", _A_NOW) == latest_schedule(_A_NOW)


def test_latest_schedule_clamps_month_end():
    # 31 October plus 4 months is 28 February (2027 is not a leap year).
    october_31 = int(datetime(2026, 10, 31, 8, 30, tzinfo=UTC).timestamp())

    latest = datetime.fromtimestamp(latest_schedule(october_31), tz=UTC)

    assert latest == datetime(2027, 2, 28, 8, 30, tzinfo=UTC)
