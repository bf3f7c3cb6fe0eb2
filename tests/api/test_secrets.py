"""Secrets never reach logs or errors, at any level; phone numbers and bodies only at DEBUG."""

from __future__ import annotations

import base64
import logging
import re

import pytest

from clicksend_sms.api import ClickSendClient, RetryPolicy, Timeouts
from clicksend_sms.errors import ApiError, ClickSendError
from tests.api.conftest import envelope
from tests.api.rawserver import RawServer, free_port

USERNAME = "ops+alerts@example.com"
API_KEY = "S3cr3t-K3y!@#%:Zz"
SUBACCOUNT_KEY = "SUBACCOUNT-KEY-7F3A9"
PASSWORD = "pw-Hunter2-secret"
PHONE = "+61411111111"
BASIC_TOKEN = base64.b64encode(f"{USERNAME}:{API_KEY}".encode()).decode()
AUTHORIZATION_WITH_VALUE = re.compile(r"authorization['\"]?\s*[:=]\s*['\"]?\w", re.IGNORECASE)

ACCOUNT = envelope(
    data={
        "user_id": 1,
        "username": USERNAME,
        "_subaccount": {"api_username": USERNAME, "api_key": SUBACCOUNT_KEY},
    }
)


def _forbidden_in(text: str) -> list[str]:
    found = [s for s in (API_KEY, BASIC_TOKEN, SUBACCOUNT_KEY, PASSWORD) if s in text]
    if AUTHORIZATION_WITH_VALUE.search(text):
        found.append("Authorization header value")
    return found


def _run_full_cycle(server, fake_time) -> list[BaseException]:
    """Drive requests, retries and every kind of failure; return the errors raised."""
    server.expect_oneshot_request("/v3/account").respond_with_json(
        envelope(500, "INTERNAL_SERVER_ERROR", "Oops"), status=500
    )
    server.expect_oneshot_request("/v3/account").respond_with_json(
        envelope(429, "HTTP_TOO_MANY_REQUESTS", "Too many attempts."),
        status=429,
        headers={"Retry-After": "1"},
    )
    server.expect_oneshot_request("/v3/account").respond_with_json(ACCOUNT)
    server.expect_oneshot_request("/v3/account").respond_with_data(
        f'{{"http_code":200,"data":{{"_subaccount":{{"api_key":"{SUBACCOUNT_KEY}',
        content_type="application/json",
    )
    server.expect_request("/v3/sms/send", method="POST").respond_with_json(
        envelope(400, "BAD_REQUEST", "Invalid input.", {"to": "The to field is invalid."}),
        status=400,
    )
    server.expect_request("/v3/sms/history").respond_with_json(
        envelope(401, "UNAUTHORIZED", "Authorization failed."), status=401
    )

    errors: list[BaseException] = []
    options = {
        "clock": fake_time.clock,
        "sleep": fake_time.sleep,
        "jitter": fake_time.jitter,
        "retry": RetryPolicy(max_attempts=3),
        "timeouts": Timeouts(connect=2, read=0.2),
    }
    with ClickSendClient(
        f" {USERNAME} ", f"  {API_KEY}\n", base_url=server.url_for("/v3"), **options
    ) as client:
        client.request("GET", "/account")
        _collect(errors, client.request, "GET", "/account")
        _collect(
            errors,
            client.request,
            "POST",
            "/sms/send",
            json={"messages": [{"to": PHONE, "body": "Hello"}], "password": PASSWORD},
        )
        _collect(errors, client.request, "GET", "/sms/history", params={"q": f"to:{PHONE}"})

    with (
        RawServer(hang=True) as raw,
        ClickSendClient(USERNAME, API_KEY, base_url=raw.base_url, **options) as client,
    ):
        _collect(errors, client.request, "POST", "/sms/send", json={"to": PHONE})

    closed_port_url = f"http://127.0.0.1:{free_port()}/v3"
    with ClickSendClient(USERNAME, API_KEY, base_url=closed_port_url, **options) as client:
        _collect(errors, client.request, "GET", "/account")

    _collect(errors, ClickSendClient, USERNAME, "   ")
    return errors


def _collect(errors: list[BaseException], call, *args, **kwargs) -> None:
    with pytest.raises(ClickSendError) as caught:
        call(*args, **kwargs)
    errors.append(caught.value)


def test_debug_log_of_full_cycle_has_no_secrets(server, fake_time, caplog):
    caplog.set_level(logging.DEBUG)

    errors = _run_full_cycle(server, fake_time)

    assert len(errors) == 6
    assert sum(isinstance(e, ApiError) for e in errors) == 5
    assert len(caplog.records) > 20
    assert _forbidden_in(caplog.text) == []
    for record in caplog.records:
        assert _forbidden_in(record.getMessage()) == [], record.name


def test_errors_have_no_secrets(server, fake_time):
    errors = _run_full_cycle(server, fake_time)

    for error in errors:
        rendered = " ".join([str(error), repr(error), repr(error.args), repr(vars(error))])
        assert _forbidden_in(rendered) == [], type(error).__name__


def test_debug_log_masks_secret_fields_but_shows_bodies(server, fake_time, caplog):
    caplog.set_level(logging.DEBUG, logger="clicksend_sms")

    _run_full_cycle(server, fake_time)

    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("clicksend_sms"))
    assert '"api_key": "***"' in ours
    assert '"password": "***"' in ours
    assert '"api_key":"***"' in ours  # the truncated, non-JSON body
    assert PHONE in ours


def test_phone_numbers_only_at_debug(server, fake_time, caplog):
    caplog.set_level(logging.DEBUG, logger="clicksend_sms")

    _run_full_cycle(server, fake_time)

    ours = [r for r in caplog.records if r.name.startswith("clicksend_sms")]
    assert any(PHONE in r.getMessage() for r in ours if r.levelno == logging.DEBUG)
    assert [
        r.getMessage() for r in ours if r.levelno > logging.DEBUG and PHONE in r.getMessage()
    ] == []


def test_info_line_per_request(server, make_client, caplog):
    server.expect_request("/v3/sms/history").respond_with_json(envelope(data={"data": []}))
    caplog.set_level(logging.INFO, logger="clicksend_sms")

    make_client().request("GET", "/sms/history", params={"q": f"to:{PHONE}", "page": 2})

    lines = [r for r in caplog.records if r.name.startswith("clicksend_sms")]
    assert len(lines) == 1
    assert lines[0].name == "clicksend_sms.api.client"
    assert lines[0].levelno == logging.INFO
    assert re.fullmatch(
        r"ClickSend GET /sms/history -> 200 in \d+ ms \(attempt 1\)", lines[0].getMessage()
    )


@pytest.mark.parametrize(
    ("base_url", "shown"),
    [
        ("http://demo-user:demo-key@127.0.0.1:39385/v3", "http://***@127.0.0.1:39385/v3"),
        ("https://demo-user@127.0.0.1/v3", "https://***@127.0.0.1/v3"),
        ("http://demo-user:demo/key@127.0.0.1/v3", "http://***@127.0.0.1/v3"),
        ("ftp://demo-user:demo-key@127.0.0.1/v3", "ftp://***@127.0.0.1/v3"),
        ("demo-user:demo-key@127.0.0.1/v3", "***@127.0.0.1/v3"),
    ],
)
def test_base_url_credentials_masked_in_error(base_url, shown, caplog):
    caplog.set_level(logging.DEBUG)

    with pytest.raises(ClickSendError) as caught:
        ClickSendClient(USERNAME, API_KEY, base_url=base_url)

    rendered = " ".join([str(caught.value), repr(vars(caught.value)), caplog.text])
    assert caught.value.value == shown
    assert f'"{shown}"' in str(caught.value)
    assert "demo-key" not in rendered
    assert "demo-user" not in rendered


def test_query_secret_not_logged_by_http_library(server, make_client, caplog):
    server.expect_request("/v3/lists").respond_with_json(envelope(data={"data": []}))
    caplog.set_level(logging.DEBUG)

    make_client().request("GET", "/lists?api_key=SEKRETQ&page=2")

    # werkzeug's access log belongs to the test server, not to the client.
    client_lines = [r.getMessage() for r in caplog.records if r.name != "werkzeug"]
    assert len(server.log) == 1
    assert [line for line in client_lines if "SEKRETQ" in line] == []
    assert any('query={"api_key": "***", "page": "2"}' in line for line in client_lines)
