"""The client against the bundled emulator: paging, credentials and scripted faults."""

from __future__ import annotations

import pytest

from clicksend_sms.api import ClickSendClient, RetryPolicy
from clicksend_sms.errors import (
    CredentialsError,
    DeliveryStateUnknownError,
    ResponseFormatError,
)

SEND_BODY = {"messages": [{"to": "+61411111111", "body": "Hello", "source": "tests"}]}


@pytest.fixture
def emulator_client(emulator, fake_time):
    with ClickSendClient.from_config(
        emulator.cfg,
        retry=RetryPolicy(max_attempts=3),
        clock=fake_time.clock,
        sleep=fake_time.sleep,
        jitter=fake_time.jitter,
    ) as client:
        yield client


def test_pages_through_1000_history_rows(emulator, emulator_client):
    emulator.control.seed("generated", collection="history", count=1000, seed=1)

    ids = [row["message_id"] for row in emulator_client.iter_records("/sms/history")]

    assert len(ids) == 1000
    assert len(set(ids)) == 1000
    sent = emulator.control.requests("/v3/sms/history")
    assert [(r["query"]["page"], r["query"]["limit"]) for r in sent] == [
        (str(page), "100") for page in range(1, 11)
    ]


def test_empty_history(emulator, emulator_client):
    assert list(emulator_client.iter_records("/sms/history", page_size=15)) == []
    assert len(emulator.control.requests("/v3/sms/history")) == 1


def test_wrong_key_is_credentials_error(emulator):
    cfg = {**emulator.cfg, "apiKey": "wrong-key"}

    with ClickSendClient.from_config(cfg) as client, pytest.raises(CredentialsError) as caught:
        client.request("GET", "/account")

    assert caught.value.status == 401
    assert "wrong-key" not in str(caught.value)


def test_rate_limit_fault_retried(emulator, emulator_client, fake_time):
    emulator.control.fault("status", "/v3/account", method="GET", status=429, retry_after=2)

    response = emulator_client.request("GET", "/account")

    assert response.status == 200
    assert fake_time.sleeps == [2.0]
    assert len(emulator.control.requests("/v3/account")) == 2


def test_send_dropped_after_processing_is_not_repeated(emulator, emulator_client):
    emulator.control.fault("drop_after", "/v3/sms/send", method="POST")

    with pytest.raises(DeliveryStateUnknownError):
        emulator_client.request("POST", "/sms/send", json=SEND_BODY)

    assert len(emulator.control.requests("/v3/sms/send")) == 1


def test_send_500_is_not_repeated(emulator, emulator_client):
    emulator.control.fault("status", "/v3/sms/send", method="POST", status=500, process=True)

    with pytest.raises(DeliveryStateUnknownError) as caught:
        emulator_client.request("POST", "/sms/send", json=SEND_BODY)

    assert caught.value.status == 500
    assert len(emulator.control.requests("/v3/sms/send")) == 1


def test_truncated_body_is_format_error(emulator, emulator_client):
    emulator.control.fault("truncate", "/v3/account", method="GET")

    with pytest.raises(ResponseFormatError):
        emulator_client.request("GET", "/account")
