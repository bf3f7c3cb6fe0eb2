"""verifyCredentials: one GET /account; bad credentials are reported, outages are raised."""

import pytest

from clicksend_sms.api import ClickSendClient
from clicksend_sms.api.client import RetryPolicy
from clicksend_sms.errors import InvalidInputError, TransientError
from clicksend_sms.verify_credentials import verify_credentials


def _account_requests(emulator):
    return emulator.control.requests("/v3/account")


def test_valid_credentials_verified(emulator):
    assert verify_credentials(emulator.cfg) == {"verified": True}
    assert len(_account_requests(emulator)) == 1


def test_wrong_key_not_verified(emulator):
    result = verify_credentials({**emulator.cfg, "apiKey": "wrong-key"})

    assert result["verified"] is False
    assert "rejected the username or API key" in result["reason"]
    assert "wrong-key" not in result["reason"]
    assert len(_account_requests(emulator)) == 1


def test_key_with_trailing_space_verified(emulator):
    cfg = {**emulator.cfg, "apiKey": emulator.api_key + " ", "username": " " + emulator.username}

    assert verify_credentials(cfg) == {"verified": True}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"apiKey": None}, "apiKey"),
        ({"apiKey": ""}, "apiKey"),
        ({"username": "  "}, "username"),
        ({"baseUrl": "ftp://127.0.0.1/v3"}, "baseUrl"),
        ({"baseUrl": "not a url"}, "baseUrl"),
    ],
)
def test_invalid_input_raises_without_request(emulator, change, field):
    cfg = {key: value for key, value in {**emulator.cfg, **change}.items() if value is not None}

    with pytest.raises(InvalidInputError) as caught:
        verify_credentials(cfg)

    assert caught.value.field == field
    assert emulator.control.requests() == []


def test_forbidden_not_verified(emulator):
    emulator.control.fault("status", "/v3/account", status=403)

    result = verify_credentials(emulator.cfg)

    assert result["verified"] is False
    assert "HTTP 403" in result["reason"]


def test_server_error_raises_transient(emulator):
    emulator.control.fault("status", "/v3/account", method="GET", count=10, status=503)
    waits = []
    client = ClickSendClient.from_config(
        emulator.cfg, retry=RetryPolicy(max_attempts=3), sleep=waits.append
    )

    with pytest.raises(TransientError) as caught:
        verify_credentials(emulator.cfg, client=client)

    assert caught.value.status == 503
    assert len(_account_requests(emulator)) == 3
    assert len(waits) == 2


def test_server_error_then_success_verified(emulator):
    emulator.control.fault("status", "/v3/account", method="GET", count=1, status=503)
    client = ClickSendClient.from_config(emulator.cfg, sleep=lambda seconds: None)

    assert verify_credentials(emulator.cfg, client=client) == {"verified": True}
    assert len(_account_requests(emulator)) == 2


def test_dropped_connection_raises_transient(emulator):
    emulator.control.fault("drop_before", "/v3/account", method="GET", count=10)
    client = ClickSendClient.from_config(
        emulator.cfg, retry=RetryPolicy(max_attempts=2), sleep=lambda seconds: None
    )

    with pytest.raises(TransientError):
        verify_credentials(emulator.cfg, client=client)
