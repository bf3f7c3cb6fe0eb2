"""Map failed responses and network failures to the exception tree in clicksend_sms.errors.

Every error carries the method, the path without its query string, the HTTP status (None when
no response arrived), ClickSend's ``response_code`` and ``response_msg``. The hint of each
class states what the caller should do next.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from clicksend_sms.api.envelope import ApiResponse
from clicksend_sms.api.transport import NetworkFailure
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

_MAX_FIELD_ERRORS = 10


def is_idempotent(method: str) -> bool:
    """True for methods that are safe to repeat: GET, HEAD, OPTIONS, PUT and DELETE."""
    return method.upper() in {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}


def error_for_response(
    method: str,
    path: str,
    response: ApiResponse,
    *,
    attempts: int,
    retry_after: float | None = None,
    note: str = "",
    uncertain_attempt: str | None = None,
    base_url: str | None = None,
) -> ApiError:
    """Build the exception for a received error response (``response.is_error``).

    ``base_url`` is named in the hint of an EndpointNotFoundError.
    """
    status = response.effective_status
    fields: dict[str, Any] = {
        "method": method,
        "path": path,
        "status": status,
        "response_code": response.response_code,
        "response_msg": response.response_msg,
        "data": response.data,
        "uncertain_attempt": uncertain_attempt,
    }
    suffix = _body_note(response) + note

    if status == 429:
        message = f"ClickSend rate limit reached ({_attempts(attempts)}).{suffix}"
        return RateLimitError(message, retry_after=retry_after, **fields)

    if status >= 500 and not is_idempotent(method):
        message = (
            f"ClickSend failed with {_status_text(status)} after receiving the request, "
            f"so it may have been applied.{suffix}"
        )
        return DeliveryStateUnknownError(message, **fields)

    if status >= 500:
        message = f"ClickSend failed with {_status_text(status)} ({_attempts(attempts)})."
        return TransientError(message + suffix, **fields)

    if status == 404 and _is_unknown_endpoint(response):
        message = "ClickSend has no endpoint for this method and path." + suffix
        return EndpointNotFoundError(message, base_url=base_url, **fields)

    return _client_error(status, response, suffix, fields)


def error_for_network(
    method: str, path: str, failure: NetworkFailure, *, attempts: int, origin: str | None = None
) -> ApiError:
    """Build the exception for a request that got no complete response.

    ``origin`` is the ``host:port`` the client connects to; it is named in the message.
    """
    fields: dict[str, Any] = {"method": method, "path": path}
    server = f"ClickSend at {origin}" if origin else "ClickSend"

    if failure.tls:
        return TLSError(f"The request to {server} was not sent: {failure.reason}.", **fields)

    if not failure.retryable:
        return RequestRejectedError(f"The request was not sent: {failure.reason}.", **fields)

    if failure.maybe_sent and not is_idempotent(method):
        message = (
            f"No response from {server}: {failure.reason}. The request may have been "
            "received and applied."
        )
        return DeliveryStateUnknownError(message, **fields)

    message = f"No response from {server}: {failure.reason} ({_attempts(attempts)})."
    return TransientError(message, **fields)


def error_for_format(method: str, path: str, response: ApiResponse) -> ResponseFormatError:
    """Build the exception for a 2xx response whose body is not ClickSend's JSON envelope."""
    if isinstance(response.body, str):
        shape = "is not valid JSON (possibly truncated)"
    else:
        shape = "is JSON but not ClickSend's envelope"

    message = (
        f"ClickSend returned HTTP {response.status}, but the body {shape}; "
        f"content type {response.content_type or 'missing'}."
    )
    return ResponseFormatError(message, method=method, path=path, status=response.status)


def _client_error(
    status: int, response: ApiResponse, suffix: str, fields: dict[str, Any]
) -> ApiError:
    if status == 401:
        return CredentialsError("ClickSend rejected the credentials." + suffix, **fields)

    if status == 403:
        return PermissionDeniedError("ClickSend denied access." + suffix, **fields)

    if status == 404:
        return NotFoundError("ClickSend found no such object or endpoint." + suffix, **fields)

    if status < 400:
        message = f"ClickSend returned an unexpected HTTP {status}; check baseUrl."
        return RequestRejectedError(message + suffix, **fields)

    message = "ClickSend rejected the request." + _field_errors(response.data) + suffix
    return RequestRejectedError(message, **fields)


def _is_unknown_endpoint(response: ApiResponse) -> bool:
    # ClickSend returns "Invalid endpoint. Please try again." for an unknown path or method,
    # and its own message for each missing object. A 404 that is not ClickSend's envelope
    # comes from another server, so the base URL is wrong too.
    if not response.is_envelope:
        return True

    return (response.response_msg or "").strip().lower().startswith("invalid endpoint")


def _field_errors(data: Any) -> str:
    # A 400 may map each invalid field to its message: {"name": "Name field is required."}.
    if not isinstance(data, dict) or not data:
        return ""

    # ClickSend's messages end in a full stop; it is dropped so the list ends in just one.
    items = [f"{key}: {_first_message(value).rstrip().rstrip('.')}" for key, value in data.items()]
    shown = "; ".join(items[:_MAX_FIELD_ERRORS])
    if len(items) > _MAX_FIELD_ERRORS:
        shown += f"; and {len(items) - _MAX_FIELD_ERRORS} more"

    return f" Field errors: {shown}."


def _first_message(value: Any) -> str:
    if isinstance(value, list) and value:
        return str(value[0])

    return str(value)


def _body_note(response: ApiResponse) -> str:
    if response.is_envelope:
        return ""

    return f" The body was not ClickSend's JSON envelope ({response.content_type or 'no type'})."


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _attempts(count: int) -> str:
    return "after 1 attempt" if count == 1 else f"after {count} attempts"
