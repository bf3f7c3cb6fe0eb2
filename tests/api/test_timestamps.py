"""Timestamp helpers: ClickSend's Unix seconds in every JSON type, and ISO 8601 input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clicksend_sms.api.timestamps import (
    from_unix,
    parse_iso8601,
    parse_timestamp,
    to_unix,
    unix_seconds,
)
from clicksend_sms.errors import InvalidInputError

MOMENT = datetime(2024, 5, 14, 4, 20, 41, tzinfo=UTC)
EPOCH = 1715660441


@pytest.mark.parametrize(
    "value",
    [EPOCH, str(EPOCH), f" {EPOCH} ", f"{EPOCH}.0", float(EPOCH)],
    ids=["int", "string", "padded-string", "decimal-string", "float"],
)
def test_parse_timestamp_accepts_numbers(value):
    parsed = parse_timestamp(value)

    assert parsed == MOMENT
    assert parsed.tzinfo is UTC


def test_parse_timestamp_keeps_fractions():
    assert parse_timestamp("1715660441.5") == MOMENT + timedelta(milliseconds=500)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_parse_timestamp_empty_is_none(value):
    assert parse_timestamp(value) is None


def test_parse_timestamp_zero_is_epoch():
    assert parse_timestamp(0) == datetime(1970, 1, 1, tzinfo=UTC)


def test_parse_timestamp_php_datetime():
    value = {"date": "2024-05-14 04:20:41.000000", "timezone_type": 3, "timezone": "UTC"}

    assert parse_timestamp(value) == MOMENT


@pytest.mark.parametrize(
    "value",
    ["soon", "1715660441,", "nan", "inf", True, [1], {"date": "x", "timezone": "UTC"}, 1e20],
    ids=["word", "trailing-comma", "nan", "inf", "bool", "list", "bad-php-date", "overflow"],
)
def test_parse_timestamp_rejects_garbage(value):
    with pytest.raises(InvalidInputError) as caught:
        parse_timestamp(value, field="date")

    assert caught.value.field == "date"
    assert "Unix seconds" in caught.value.fix


def test_to_unix_and_from_unix_round_trip():
    assert to_unix(MOMENT) == EPOCH
    assert from_unix(EPOCH) == MOMENT
    assert from_unix(EPOCH).tzinfo is UTC


def test_to_unix_floors_fractions_and_converts_offsets():
    plus_ten = timezone(timedelta(hours=10))

    assert to_unix(MOMENT + timedelta(milliseconds=999)) == EPOCH
    assert to_unix(MOMENT.astimezone(plus_ten)) == EPOCH
    assert to_unix(datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC)) == -1


def test_to_unix_rejects_naive():
    with pytest.raises(ValueError, match="aware"):
        to_unix(datetime(2024, 5, 14, 4, 20, 41))


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-14T04:20:41Z",
        "2024-05-14T04:20:41+00:00",
        "2024-05-14T14:20:41+10:00",
        "2024-05-13T23:20:41-05:00",
        "2024-05-14T04:20:41.000Z",
        " 2024-05-14 04:20:41Z ",
    ],
)
def test_parse_iso8601_with_zone(text):
    parsed = parse_iso8601(text)

    assert parsed == MOMENT
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-14T04:20:41",
        "2024-05-14",
        "yesterday",
        "",
        "2024-13-01T00:00:00Z",
        None,
        1715660441,
    ],
    ids=["naive", "date-only", "word", "empty", "bad-month", "none", "int"],
)
def test_parse_iso8601_rejects(text):
    with pytest.raises(InvalidInputError) as caught:
        parse_iso8601(text, field="startTime")

    assert caught.value.field == "startTime"
    assert caught.value.value == text
    assert "2024-05-14T04:20:41Z" in caught.value.fix


def test_parse_iso8601_naive_says_zone_missing():
    with pytest.raises(InvalidInputError) as caught:
        parse_iso8601("2024-05-14T04:20:41", field="schedule")

    assert caught.value.field == "schedule"
    assert "time zone is missing" in str(caught.value)


@given(
    st.one_of(
        st.integers(min_value=-(10**13), max_value=10**13),
        st.integers(min_value=0, max_value=10**13).map(str),
        st.floats(min_value=-1e10, max_value=1e10, allow_nan=False),
        st.just(""),
        st.none(),
    )
)
def test_unix_seconds_matches_datetime_path(value):
    try:
        expected = parse_timestamp(value)
    except InvalidInputError:
        with pytest.raises(InvalidInputError):
            unix_seconds(value)
        return

    assert unix_seconds(value) == (None if expected is None else to_unix(expected))


def test_unix_seconds_of_usual_forms():
    assert unix_seconds(1715660441) == 1715660441
    assert unix_seconds("1715660441") == 1715660441
    assert unix_seconds("1715660441.9") == 1715660441
    assert unix_seconds("") is None
    with pytest.raises(InvalidInputError, match="timestamp"):
        unix_seconds(True)
