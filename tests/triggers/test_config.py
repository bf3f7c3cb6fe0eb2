"""Trigger configuration: each bad value is named in its own error before any request."""

import json
from datetime import UTC, datetime

import pytest

from clicksend_sms.component import ExecutionContext, Message, invoke
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.triggers import polling
from clicksend_sms.triggers.config import DEFAULT_LAG_SECONDS, parse_settings

VALID = {"objectType": "smsHistory", "pollConfig": "date"}

INVALID = [
    ("objectType", "smsTemplates"),
    ("objectType", None),
    ("pollConfig", "timestamp"),
    ("pollConfig", None),
    ("emitBehavior", "emitAll"),
    ("pageSize", "abc"),
    ("pageSize", 14),
    ("pageSize", 101),
    ("pageSize", 50.5),
    ("pageSize", True),
    ("pageSize", "-20"),
    ("pageSize", 0),
    ("startTime", "2024-05-14T04:20:41"),
    ("startTime", "14/05/2024"),
    ("startTime", 1715660441),
    ("pollLagSeconds", -1),
    ("pollLagSeconds", "soon"),
]


@pytest.mark.parametrize(("field", "value"), INVALID)
def test_invalid_value_names_field(field, value):
    with pytest.raises(InvalidInputError) as caught:
        parse_settings({**VALID, field: value}, {})

    assert caught.value.field == field
    assert caught.value.value == value
    assert ("Missing value" if value is None else json.dumps(value)) in str(caught.value)


@pytest.mark.parametrize(("field", "value"), INVALID)
def test_invalid_value_sends_no_request(emulator, field, value):
    events = []
    cfg = {**emulator.cfg, **VALID, field: value}

    ok = invoke(polling.process, ExecutionContext(events.append), Message(), cfg, {})

    assert ok is False
    assert [e.name for e in events] == ["error", "end"]
    assert events[0].payload["name"] == "InvalidInputError"
    assert field in events[0].payload["message"]
    assert emulator.control.requests() == []


def test_missing_credentials_send_no_request(emulator):
    events = []
    cfg = {"baseUrl": emulator.base_url, **VALID}

    invoke(polling.process, ExecutionContext(events.append), Message(), cfg, {})

    assert "username" in events[0].payload["message"]
    assert emulator.control.requests() == []


def test_bad_snapshot_sends_no_request(emulator):
    events = []
    snapshot = {"cursorTime": "not a time"}

    invoke(
        polling.process,
        ExecutionContext(events.append),
        Message(),
        {**emulator.cfg, **VALID},
        snapshot,
    )

    assert "snapshot.cursorTime" in events[0].payload["message"]
    assert emulator.control.requests() == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 100),
        ("", 100),
        ("  ", 100),
        (15, 15),
        ("50", 50),
        (" 60 ", 60),
        (70.0, 70),
        (100, 100),
    ],
)
def test_page_size_accepted(value, expected):
    assert parse_settings({**VALID, "pageSize": value}, {}).page_size == expected


def test_defaults():
    settings = parse_settings(VALID, {})

    assert settings.emit_page is False
    assert settings.page_size == 100
    assert settings.start_time == datetime(1970, 1, 1, tzinfo=UTC)
    assert settings.lag_seconds == DEFAULT_LAG_SECONDS


def test_start_time_with_offset():
    settings = parse_settings({**VALID, "startTime": "2024-05-14T14:20:41+10:00"}, {})

    assert settings.start_time == datetime(2024, 5, 14, 4, 20, 41, tzinfo=UTC)


def test_lag_from_environment_and_config():
    from_env = parse_settings(VALID, {"CLICKSEND_POLL_LAG_SECONDS": "3"})
    from_cfg = parse_settings({**VALID, "pollLagSeconds": 0}, {"CLICKSEND_POLL_LAG_SECONDS": "3"})

    assert from_env.lag_seconds == 3
    assert from_cfg.lag_seconds == 0


def test_bad_lag_variable_is_named():
    with pytest.raises(InvalidInputError) as caught:
        parse_settings(VALID, {"CLICKSEND_POLL_LAG_SECONDS": "x"})

    assert caught.value.field == "CLICKSEND_POLL_LAG_SECONDS"


def test_select_models():
    assert polling.get_object_types({}) == {
        "smsHistory": "SMS History",
        "smsReceipts": "SMS Receipts",
        "smsCampaigns": "SMS Campaigns",
    }
    assert list(polling.get_poll_config_model({"objectType": "smsReceipts"})) == [
        "timestamp",
        "timestamp_send",
    ]
    assert list(polling.get_poll_config_model({"objectType": "smsCampaigns"})) == [
        "date_added",
        "schedule",
    ]
    assert list(polling.get_poll_config_model({"objectType": "smsHistory"})) == ["date"]


def test_poll_config_model_needs_object_type():
    with pytest.raises(InvalidInputError) as caught:
        polling.get_poll_config_model({})

    assert caught.value.field == "objectType"


def test_meta_model_per_emit_behavior():
    single = polling.get_meta_model({"objectType": "smsCampaigns"})
    paged = polling.get_meta_model({"objectType": "smsCampaigns", "emitBehavior": "emitPage"})

    assert single["in"] == {"type": "object", "properties": {}}
    assert "sms_campaign_id" in single["out"]["properties"]
    assert paged["out"]["properties"]["results"]["items"] == single["out"]
    assert paged["out"]["properties"]["results"]["required"] is True
