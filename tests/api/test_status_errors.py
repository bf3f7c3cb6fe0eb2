"""Each HTTP status, malformed body and network failure maps to the right exception."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess

import pytest
from pytest_httpserver import HTTPServer

from clicksend_sms.api import ApiResponse, RetryPolicy, Timeouts
from clicksend_sms.errors import (
    ApiError,
    CredentialsError,
    DeliveryStateUnknownError,
    EndpointNotFoundError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestRejectedError,
    ResponseFormatError,
    TLSError,
    TransientError,
)
from tests.api.conftest import envelope
from tests.api.rawserver import RawServer, free_port

ONE_ATTEMPT = RetryPolicy(max_attempts=1)


def _get_error(make_client, **options) -> ApiError:
    client = make_client(retry=ONE_ATTEMPT, **options)
    with pytest.raises(ApiError) as caught:
        client.request("GET", "/sms/history", params={"q": "to:+61411111111", "page": 2})
    return caught.value


def _respond(server: HTTPServer, status: int, body: dict, headers=None) -> None:
    server.expect_request("/v3/sms/history").respond_with_json(body, status=status, headers=headers)


def test_success_returns_envelope_fields(server, make_client):
    rows = {"total": 0, "data": []}
    _respond(server, 200, envelope(data=rows))

    response = make_client().request("GET", "/sms/history")

    assert isinstance(response, ApiResponse)
    assert response.status == 200
    assert response.http_code == 200
    assert response.response_code == "SUCCESS"
    assert response.response_msg == "Here are your data."
    assert response.data == rows
    assert response.body == envelope(data=rows)
    assert response.headers["content-type"] == "application/json"
    assert response.is_error is False


@pytest.mark.parametrize(
    ("status", "body", "expected_type", "expected_status"),
    [
        pytest.param(
            200,
            envelope(400, "BAD_REQUEST", "Invalid input."),
            RequestRejectedError,
            400,
            id="200-with-error-envelope",
        ),
        pytest.param(
            200,
            envelope(500, "INTERNAL_SERVER_ERROR", "Oops"),
            TransientError,
            500,
            id="200-with-500-envelope",
        ),
        pytest.param(
            401,
            envelope(401, "UNAUTHORIZED", "Authorization failed."),
            CredentialsError,
            401,
            id="401",
        ),
        pytest.param(
            403,
            envelope(403, "FORBIDDEN", "Resource not found or no permission."),
            PermissionDeniedError,
            403,
            id="403",
        ),
        pytest.param(
            404,
            envelope(404, "NOT_FOUND", "Receipt record not found."),
            NotFoundError,
            404,
            id="404",
        ),
        pytest.param(
            404,
            envelope(404, "NOT_FOUND", "Invalid endpoint. Please try again."),
            EndpointNotFoundError,
            404,
            id="404-endpoint",
        ),
        pytest.param(
            405,
            envelope(405, "NOT_FOUND", "Method not allowed."),
            RequestRejectedError,
            405,
            id="405",
        ),
        pytest.param(
            409,
            envelope(409, "CONFLICT", "Already exists."),
            RequestRejectedError,
            409,
            id="409",
        ),
        pytest.param(
            500,
            envelope(500, "INTERNAL_SERVER_ERROR", "Server error."),
            TransientError,
            500,
            id="500",
        ),
        pytest.param(503, envelope(503, "DOWN", "Maintenance."), TransientError, 503, id="503"),
    ],
)
def test_status_maps_to_exception(
    server, make_client, status, body, expected_type, expected_status
):
    _respond(server, status, body)

    error = _get_error(make_client)

    assert type(error) is expected_type
    assert error.status == expected_status
    assert error.method == "GET"
    assert error.path == "/sms/history"
    assert error.response_code == body["response_code"]
    assert error.response_msg == body["response_msg"]
    assert body["response_msg"] in str(error)
    assert error.hint in str(error)


def test_403_is_a_credentials_error(server, make_client):
    _respond(server, 403, envelope(403, "FORBIDDEN", "No permission."))

    error = _get_error(make_client)

    assert isinstance(error, CredentialsError)
    assert "id" in error.hint


def test_400_lists_field_errors(server, make_client):
    fields = {"name": "Name field is required.", "email": ["Email field is required."]}
    _respond(server, 400, envelope(400, "BAD_REQUEST", "Invalid input.", fields))

    error = _get_error(make_client)

    assert type(error) is RequestRejectedError
    assert error.data == fields
    assert str(error).startswith(
        "ClickSend rejected the request. Field errors: name: Name field is required; "
        "email: Email field is required. [GET /sms/history failed (HTTP 400, BAD_REQUEST)"
    )
    assert ".." not in str(error)


def test_400_with_numeric_response_code(server, make_client):
    message = "preg_replace(): Parameter mismatch"
    _respond(server, 400, envelope(400, 400, message))

    error = _get_error(make_client)

    assert type(error) is RequestRejectedError
    assert error.response_code == 400
    assert error.response_msg == message


def test_429_with_retry_after(server, make_client):
    body = envelope(429, "HTTP_TOO_MANY_REQUESTS", "Too many attempts.")
    _respond(server, 429, body, headers={"Retry-After": "7"})

    error = _get_error(make_client)

    assert type(error) is RateLimitError
    assert error.retry_after == 7
    assert error.status == 429
    assert "after 1 attempt" in str(error)


def test_429_without_retry_after(server, make_client):
    _respond(server, 429, envelope(429, "HTTP_TOO_MANY_REQUESTS", "Too many attempts."))

    error = _get_error(make_client)

    assert type(error) is RateLimitError
    assert error.retry_after is None


def test_429_uses_ratelimit_reset_when_retry_after_missing(server, make_client):
    body = envelope(429, "HTTP_TOO_MANY_REQUESTS", "Too many attempts.")
    _respond(server, 429, body, headers={"ratelimit-reset": "39"})

    error = _get_error(make_client)

    assert error.retry_after == 39


def test_502_with_html_body(server, make_client):
    server.expect_request("/v3/sms/history").respond_with_data(
        "<html>Bad Gateway</html>", status=502, content_type="text/html"
    )

    error = _get_error(make_client)

    assert type(error) is TransientError
    assert error.status == 502
    assert error.response_code is None
    assert "not ClickSend's JSON envelope (text/html)" in str(error)


def test_post_500_is_delivery_state_unknown(server, make_client):
    _respond_post = server.expect_request("/v3/sms/send", method="POST")
    _respond_post.respond_with_json(envelope(500, "INTERNAL_SERVER_ERROR", "Error"), status=500)
    client = make_client(retry=ONE_ATTEMPT)

    with pytest.raises(DeliveryStateUnknownError) as caught:
        client.request("POST", "/sms/send", json={"messages": []})

    assert caught.value.status == 500
    assert caught.value.method == "POST"
    assert "may have been applied" in str(caught.value)


def test_connection_refused(make_client):
    port = free_port()
    error = _get_error(make_client, base_url=f"http://127.0.0.1:{port}/v3")

    assert type(error) is TransientError
    assert error.status is None
    assert f"No response from ClickSend at 127.0.0.1:{port}: connection failed" in str(error)
    assert "no response" in str(error)


def test_endpoint_404_hints_at_v3(server, make_client):
    server.expect_request("/sms/history").respond_with_json(
        envelope(404, "NOT_FOUND", "Invalid endpoint. Please try again."), status=404
    )
    base_url = server.url_for("/").rstrip("/")

    error = _get_error(make_client, base_url=base_url)

    assert type(error) is EndpointNotFoundError
    assert error.hint == f"Check that the base URL ends in /v3: it is {base_url}."
    assert str(error).startswith("ClickSend has no endpoint for this method and path. [")
    assert str(error).endswith(error.hint)
    assert "Check the id" not in str(error)


def test_endpoint_404_under_v3_names_base(server, make_client):
    _respond(server, 404, envelope(404, "NOT_FOUND", "Invalid endpoint. Please try again."))

    error = _get_error(make_client)

    assert type(error) is EndpointNotFoundError
    assert "Check the method and the path" in error.hint
    assert server.url_for("/v3") in error.hint


def test_404_without_envelope_is_endpoint_error(server, make_client):
    server.expect_request("/v3/sms/history").respond_with_data(
        "<h1>Not Found</h1>", status=404, content_type="text/html"
    )

    error = _get_error(make_client)

    assert type(error) is EndpointNotFoundError


def test_https_to_plain_server_not_retried(server, make_client, fake_time):
    base_url = server.url_for("/v3").replace("http://", "https://")
    origin = base_url.split("/")[2]
    client = make_client(base_url=base_url, retry=RetryPolicy(max_attempts=5))

    with pytest.raises(TLSError) as caught:
        client.request("GET", "/account")

    error = caught.value
    assert isinstance(error, RequestRejectedError)
    assert fake_time.sleeps == []
    assert error.status is None
    assert str(error).startswith(f"The request to ClickSend at {origin} was not sent: ")
    assert "the TLS handshake failed (WRONG_VERSION_NUMBER)" in str(error)
    assert "Check the scheme of the base URL" in str(error)


@pytest.fixture
def self_signed_server(tmp_path):
    """An HTTPS server on loopback whose certificate no trust store accepts."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    https = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    https.start()
    yield https
    https.stop()


def test_untrusted_certificate_not_retried(self_signed_server, make_client, fake_time):
    base_url = self_signed_server.url_for("/v3")
    client = make_client(base_url=base_url, retry=RetryPolicy(max_attempts=5))

    with pytest.raises(TLSError) as caught:
        client.request("GET", "/account")

    assert fake_time.sleeps == []
    assert "the TLS handshake failed (certificate verify failed: " in str(caught.value)
    assert self_signed_server.log == []


def test_read_timeout(make_client):
    with RawServer(hang=True) as raw:
        error = _get_error(
            make_client, base_url=raw.base_url, timeouts=Timeouts(connect=2, read=0.2)
        )

    assert type(error) is TransientError
    assert error.status is None
    assert "read timed out" in str(error)


def test_connection_closed_without_response(make_client):
    with RawServer() as raw:
        error = _get_error(make_client, base_url=raw.base_url)

    assert type(error) is TransientError
    assert "connection closed before a complete response" in str(error)


def test_body_shorter_than_content_length(make_client):
    reply = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
        b'{"http_code":200,"resp'
    )
    with RawServer(reply) as raw:
        error = _get_error(make_client, base_url=raw.base_url)

    assert type(error) is TransientError
    assert error.status is None


def test_truncated_json(server, make_client):
    text = json.dumps(envelope(data={"data": []}))[:25]
    server.expect_request("/v3/sms/history").respond_with_data(
        text, content_type="application/json"
    )

    error = _get_error(make_client)

    assert type(error) is ResponseFormatError
    assert error.status == 200
    assert "not valid JSON" in str(error)


def test_non_json_body(server, make_client):
    server.expect_request("/v3/sms/history").respond_with_data(
        "<html>maintenance</html>", content_type="text/html"
    )

    error = _get_error(make_client)

    assert type(error) is ResponseFormatError
    assert "content type text/html" in str(error)


def test_json_without_envelope(server, make_client):
    server.expect_request("/v3/sms/history").respond_with_json([1, 2, 3])

    error = _get_error(make_client)

    assert type(error) is ResponseFormatError
    assert "not ClickSend's envelope" in str(error)


def test_unexpected_redirect_is_not_followed(server, make_client):
    server.expect_request("/v3/sms/history").respond_with_data(
        "", status=302, headers={"Location": "http://127.0.0.1:1/elsewhere"}
    )

    error = _get_error(make_client)

    assert type(error) is RequestRejectedError
    assert error.status == 302
    assert "baseUrl" in str(error)


def test_raise_for_status_false_returns_errors(server, make_client):
    body = envelope(404, "NOT_FOUND", "Receipt record not found.")
    _respond(server, 404, body)

    response = make_client().request("GET", "/sms/history", raise_for_status=False)

    assert response.status == 404
    assert response.response_msg == "Receipt record not found."
    assert response.is_error is True


def test_raise_for_status_false_returns_non_json(server, make_client):
    server.expect_request("/v3/sms/history").respond_with_data("plain", content_type="text/plain")

    response = make_client().request("GET", "/sms/history", raise_for_status=False)

    assert response.status == 200
    assert response.is_envelope is False
    assert response.body == "plain"


def test_raise_for_status_false_still_raises_network_errors(make_client):
    client = make_client(base_url=f"http://127.0.0.1:{free_port()}/v3", retry=ONE_ATTEMPT)

    with pytest.raises(TransientError):
        client.request("GET", "/sms/history", raise_for_status=False)
