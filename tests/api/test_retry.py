"""Retry policy: which requests are repeated, how long the client waits, when it gives up."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer

from clicksend_sms.api import RetryPolicy, Timeouts
from clicksend_sms.api.retry import full_jitter, retry_after_seconds
from clicksend_sms.errors import (
    ApiError,
    DeliveryStateUnknownError,
    RateLimitError,
    TransientError,
)
from tests.api.conftest import envelope
from tests.api.rawserver import RawServer, free_port

RATE_LIMITED = envelope(429, "HTTP_TOO_MANY_REQUESTS", "Too many attempts.")
SERVER_ERROR = envelope(500, "INTERNAL_SERVER_ERROR", "Server error.")
OK = envelope(data={"ok": True})


def _queue(server: HTTPServer, path: str, *replies, method: str = "GET") -> None:
    """Respond to the next requests to ``path`` with ``(status, body, headers)`` in order."""
    for status, body, headers in replies:
        server.expect_oneshot_request(path, method=method).respond_with_json(
            body, status=status, headers=headers
        )


def test_429_waits_retry_after_seconds(server, make_client, fake_time):
    _queue(server, "/v3/sms/history", (429, RATE_LIMITED, {"Retry-After": "2"}), (200, OK, None))

    response = make_client().request("GET", "/sms/history")

    assert response.data == {"ok": True}
    assert fake_time.sleeps == [2.0]
    assert len(server.log) == 2


def test_retry_after_http_date(server, make_client, fake_time):
    moment = datetime.fromtimestamp(fake_time.now + 5, tz=UTC)
    headers = {"Retry-After": format_datetime(moment, usegmt=True)}
    _queue(server, "/v3/sms/history", (429, RATE_LIMITED, headers), (200, OK, None))

    make_client().request("GET", "/sms/history")

    assert fake_time.sleeps == [5.0]


def test_retry_after_beyond_budget_fails_fast(server, make_client, fake_time):
    _queue(server, "/v3/sms/history", (429, RATE_LIMITED, {"Retry-After": "120"}))
    client = make_client(retry=RetryPolicy(max_attempts=5, max_elapsed=60))

    with pytest.raises(RateLimitError) as caught:
        client.request("GET", "/sms/history")

    assert fake_time.sleeps == []
    assert len(server.log) == 1
    assert caught.value.retry_after == 120
    assert "exceeds the 60.0 s left of the 60 s retry budget" in str(caught.value)


def test_503_retry_after_beyond_budget_fails_fast(server, make_client, fake_time):
    body = envelope(503, "SERVICE_UNAVAILABLE", "Maintenance.")
    _queue(server, "/v3/sms/history", (503, body, {"Retry-After": "3600"}))

    with pytest.raises(TransientError) as caught:
        make_client().request("GET", "/sms/history")

    assert type(caught.value) is TransientError
    assert fake_time.sleeps == []
    assert len(server.log) == 1


def test_500_then_200_succeeds_on_get(server, make_client, fake_time):
    _queue(server, "/v3/sms/history", (500, SERVER_ERROR, None), (200, OK, None))

    response = make_client().request("GET", "/sms/history")

    assert response.status == 200
    assert fake_time.sleeps == [0.5]
    assert len(server.log) == 2


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_idempotent_methods_retry_5xx(server, make_client, method):
    _queue(server, "/v3/lists/7", (502, SERVER_ERROR, None), (200, OK, None), method=method)

    response = make_client().request(method, "/lists/7")

    assert response.status == 200
    assert len(server.log) == 2


def test_backoff_doubles_until_attempts_run_out(server, make_client, fake_time):
    server.expect_request("/v3/sms/history").respond_with_json(SERVER_ERROR, status=503)

    with pytest.raises(TransientError) as caught:
        make_client().request("GET", "/sms/history")

    assert fake_time.sleeps == [0.5, 1.0, 2.0, 4.0]
    assert len(server.log) == 5
    assert "after 5 attempts" in str(caught.value)


def test_backoff_capped_by_max_delay(server, make_client, fake_time):
    server.expect_request("/v3/sms/history").respond_with_json(SERVER_ERROR, status=500)
    policy = RetryPolicy(max_attempts=5, base_delay=1, max_delay=3, max_elapsed=60)

    with pytest.raises(TransientError):
        make_client(retry=policy).request("GET", "/sms/history")

    assert fake_time.sleeps == [1.0, 2.0, 3.0, 3.0]


def test_total_time_budget_stops_retries(server, make_client, fake_time):
    server.expect_request("/v3/sms/history").respond_with_json(SERVER_ERROR, status=500)
    policy = RetryPolicy(max_attempts=10, base_delay=1, max_delay=30, max_elapsed=2.5)

    with pytest.raises(TransientError) as caught:
        make_client(retry=policy).request("GET", "/sms/history")

    assert fake_time.sleeps == [1.0]
    assert len(server.log) == 2
    assert "retry budget" in str(caught.value)


def test_jitter_chooses_the_wait(server, make_client, fake_time):
    _queue(server, "/v3/sms/history", (500, SERVER_ERROR, None), (200, OK, None))
    client = make_client(jitter=lambda cap: cap / 4)

    client.request("GET", "/sms/history")

    assert fake_time.sleeps == [0.125]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405])
def test_client_errors_not_retried(server, make_client, fake_time, status):
    server.expect_request("/v3/sms/history").respond_with_json(
        envelope(status, "ERR", "Rejected."), status=status
    )

    with pytest.raises(ApiError) as caught:
        make_client().request("GET", "/sms/history")

    assert not isinstance(caught.value, TransientError)
    assert len(server.log) == 1
    assert fake_time.sleeps == []


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_write_5xx_not_retried(server, make_client, fake_time, method):
    server.expect_request("/v3/sms/send", method=method).respond_with_json(SERVER_ERROR, status=500)

    with pytest.raises(DeliveryStateUnknownError) as caught:
        make_client().request(method, "/sms/send", json={"messages": []})

    assert len(server.log) == 1
    assert fake_time.sleeps == []
    assert caught.value.status == 500


def test_post_read_timeout_not_retried(make_client, fake_time):
    with RawServer(hang=True) as raw:
        client = make_client(base_url=raw.base_url, timeouts=Timeouts(connect=2, read=0.2))
        with pytest.raises(DeliveryStateUnknownError) as caught:
            client.request("POST", "/sms/send", json={"messages": []})

    assert len(raw.requests) == 1
    assert raw.requests[0].startswith(b"POST /v3/sms/send ")
    assert fake_time.sleeps == []
    assert caught.value.status is None
    assert "read timed out" in str(caught.value)


def test_post_dropped_connection_not_retried(make_client, fake_time):
    with RawServer() as raw:
        client = make_client(base_url=raw.base_url)
        with pytest.raises(DeliveryStateUnknownError):
            client.request("POST", "/sms/send", json={"messages": []})

    assert len(raw.requests) == 1
    assert fake_time.sleeps == []


def test_get_dropped_connection_retried(make_client, fake_time):
    with RawServer() as raw:
        client = make_client(base_url=raw.base_url)
        with pytest.raises(TransientError) as caught:
            client.request("GET", "/sms/history")

    assert type(caught.value) is TransientError
    assert len(raw.requests) == 5
    assert fake_time.sleeps == [0.5, 1.0, 2.0, 4.0]


def test_post_429_retried(server, make_client, fake_time):
    _queue(
        server,
        "/v3/sms/send",
        (429, RATE_LIMITED, {"Retry-After": "3"}),
        (200, OK, None),
        method="POST",
    )

    response = make_client().request("POST", "/sms/send", json={"messages": []})

    assert response.data == {"ok": True}
    assert len(server.log) == 2
    assert fake_time.sleeps == [3.0]


def test_post_429_gives_up_with_rate_limit_error(server, make_client, fake_time):
    server.expect_request("/v3/sms/send", method="POST").respond_with_json(RATE_LIMITED, status=429)

    with pytest.raises(RateLimitError):
        make_client().request("POST", "/sms/send", json={"messages": []})

    assert len(server.log) == 5


def test_post_connect_failure_retried(make_client, fake_time):
    port = free_port()
    late_server = HTTPServer(host="127.0.0.1", port=port)
    late_server.expect_request("/v3/sms/send", method="POST").respond_with_json(OK)

    def start_server_on_first_wait(seconds: float) -> None:
        if not late_server.is_running():
            late_server.start()

    fake_time.on_sleep = start_server_on_first_wait
    client = make_client(base_url=f"http://127.0.0.1:{port}/v3")
    try:
        response = client.request("POST", "/sms/send", json={"messages": []})
    finally:
        late_server.stop()

    assert response.data == {"ok": True}
    assert fake_time.sleeps == [0.5]
    assert len(late_server.log) == 1


def test_post_connect_failure_gives_up_as_transient(make_client, fake_time):
    client = make_client(base_url=f"http://127.0.0.1:{free_port()}/v3")

    with pytest.raises(TransientError) as caught:
        client.request("POST", "/sms/send", json={"messages": []})

    assert type(caught.value) is TransientError
    assert len(fake_time.sleeps) == 4


def test_raise_for_status_false_returns_after_retries(server, make_client, fake_time):
    server.expect_request("/v3/sms/history").respond_with_json(SERVER_ERROR, status=503)

    response = make_client().request("GET", "/sms/history", raise_for_status=False)

    assert response.status == 503
    assert len(server.log) == 5


def test_one_warning_per_retry(server, make_client, caplog):
    _queue(
        server,
        "/v3/sms/history",
        (500, SERVER_ERROR, None),
        (429, RATE_LIMITED, {"Retry-After": "1"}),
        (200, OK, None),
    )
    caplog.set_level(logging.INFO, logger="clicksend_sms")

    make_client().request("GET", "/sms/history", params={"page": 3})

    ours = [r for r in caplog.records if r.name.startswith("clicksend_sms.api")]
    warnings = [r.getMessage() for r in ours if r.levelno == logging.WARNING]
    assert warnings == [
        "Retrying GET /sms/history in 0.50 s after HTTP 500 (attempt 2 of 5)",
        "Retrying GET /sms/history in 1.00 s after HTTP 429 (attempt 3 of 5)",
    ]
    infos = [r.getMessage() for r in ours if r.levelno == logging.INFO]
    assert len(infos) == 3
    assert infos[0].startswith("ClickSend GET /sms/history -> 500 in ")
    assert infos[2].endswith("(attempt 3)")
    assert all("page" not in line for line in infos + warnings)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param({"retry-after": "2"}, 2.0, id="seconds"),
        pytest.param({"retry-after": "1.5"}, 1.5, id="fraction"),
        pytest.param({"retry-after": "0"}, 0.0, id="zero"),
        pytest.param({"retry-after": "-4"}, 0.0, id="negative"),
        pytest.param({"retry-after": "soon"}, None, id="garbage"),
        pytest.param({"retry-after": "Tue, 14 May 2024 04:20:51 GMT"}, 10.0, id="http-date"),
        pytest.param({"retry-after": "Tue, 14 May 2024 04:20:31 GMT"}, 0.0, id="date-in-past"),
        pytest.param({"ratelimit-reset": "39"}, None, id="reset-ignored-unless-429"),
        pytest.param({}, None, id="none"),
    ],
)
def test_retry_after_parsing(headers, expected):
    now = datetime(2024, 5, 14, 4, 20, 41, tzinfo=UTC).timestamp()

    assert retry_after_seconds(headers, now) == expected


def test_ratelimit_reset_used_for_429():
    assert retry_after_seconds({"ratelimit-reset": "39"}, 0, rate_limited=True) == 39.0


def test_full_jitter_stays_within_cap():
    samples = [full_jitter(4.0) for _ in range(200)]

    assert all(0.0 <= sample <= 4.0 for sample in samples)
    assert len(set(samples)) > 1


@pytest.mark.parametrize(
    "options",
    [{"max_attempts": 0}, {"max_elapsed": -1}, {"base_delay": -0.1}, {"max_delay": -2}],
)
def test_retry_policy_rejects_invalid_limits(options):
    with pytest.raises(ValueError, match="RetryPolicy"):
        RetryPolicy(**options)


def test_connection_refused_port_is_free():
    # Guards the fixture: a refused port must not be listening.
    port = free_port()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


NOT_FOUND = envelope(404, "NOT_FOUND", "List #7 not found.")


def test_404_after_retried_5xx_names_uncertain_attempt(server, make_client, fake_time):
    _queue(
        server, "/v3/lists/7", (502, SERVER_ERROR, None), (404, NOT_FOUND, None), method="DELETE"
    )

    with pytest.raises(ApiError) as caught:
        make_client().request("DELETE", "/lists/7")

    assert caught.value.status == 404
    assert caught.value.uncertain_attempt == "HTTP 502"


def test_404_after_429_has_no_uncertain_attempt(server, make_client, fake_time):
    _queue(
        server,
        "/v3/lists/7",
        (429, RATE_LIMITED, {"Retry-After": "1"}),
        (404, NOT_FOUND, None),
        method="DELETE",
    )

    with pytest.raises(ApiError) as caught:
        make_client().request("DELETE", "/lists/7")

    assert caught.value.status == 404
    assert caught.value.uncertain_attempt is None
