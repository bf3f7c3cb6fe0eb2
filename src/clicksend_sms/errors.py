"""Exceptions raised by the connector, grouped by what the caller must do next.

- ``InvalidInputError``: fix the configuration or message; raised before any request is sent.
- ``CredentialsError``: fix the username or API key (``PermissionDeniedError``: or the id).
- ``RequestRejectedError`` and ``NotFoundError``: ClickSend rejected the request; fix the input.
  ``TLSError`` and ``EndpointNotFoundError``: fix the base URL (its scheme, or a missing /v3).
- ``TransientError`` (and ``RateLimitError``): retry later; the retries already made failed.
- ``DeliveryStateUnknownError``: a write may or may not have happened; check before repeating it.
- ``ResponseFormatError``: the response is not ClickSend's JSON envelope.
"""

from __future__ import annotations

import json
from typing import Any


class ClickSendError(Exception):
    """Base class of every error the connector raises on purpose."""


class InvalidInputError(ClickSendError, ValueError):
    """A configuration or message value is invalid; no request was sent.

    ``field`` names the configuration key or message property, ``value`` is what was given
    and ``fix`` describes a valid value. The message shows ``value`` as JSON
    (``true``, ``{"a": 1}``), the notation of the configuration and messages, and calls a
    None value missing.
    """

    def __init__(self, field: str, value: Any, fix: str) -> None:
        self.field = field
        self.value = value
        self.fix = fix
        if value is None:
            super().__init__(f"Missing value for '{field}'. {fix}")
        else:
            super().__init__(f"Invalid value for '{field}': {show_value(value)}. {fix}")


def show_value(value: Any) -> str:
    """Return ``value`` as JSON text, or its ``repr`` when it has no JSON form."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


class ApiError(ClickSendError):
    """ClickSend or the network failed a request.

    Carries the request method and path (never the query string or credentials), the HTTP
    status when one was received, and ClickSend's ``response_code`` and ``response_msg``.
    ``uncertain_attempt`` describes an earlier, retried attempt of the same request that may
    have been applied although its response was lost (e.g. "HTTP 502"), or is None.
    """

    hint = "Check the request and try again."

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        status: int | None = None,
        response_code: str | int | None = None,
        response_msg: str | None = None,
        data: Any = None,
        uncertain_attempt: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.response_code = response_code
        self.response_msg = response_msg
        self.data = data
        self.uncertain_attempt = uncertain_attempt
        super().__init__(message)

    def request_details(self) -> dict[str, Any]:
        """Return the request details as keyword arguments, to re-raise as another class."""
        return {
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "response_code": self.response_code,
            "response_msg": self.response_msg,
            "data": self.data,
            "uncertain_attempt": self.uncertain_attempt,
        }

    def __str__(self) -> str:
        status = f"HTTP {self.status}" if self.status is not None else "no response"
        detail = f"{self.method} {self.path} failed ({status}"
        if self.response_code is not None:
            detail += f", {self.response_code}"
        detail += ")"
        if self.response_msg:
            detail += f": {self.response_msg}"
        return f"{self.args[0]} [{detail}] {self.hint}"


class CredentialsError(ApiError):
    """ClickSend rejected the credentials (HTTP 401) or refused access (HTTP 403)."""

    hint = "Check the API username and API key in the credentials."


class PermissionDeniedError(CredentialsError):
    """ClickSend refused access (HTTP 403).

    ClickSend also returns 403 for an object that does not exist or belongs to another
    account, so the id may be wrong rather than the credentials.
    """

    hint = (
        "Check that these credentials may access the object and that the id is right; "
        "ClickSend returns 403 for ids it does not find on some routes."
    )


class RequestRejectedError(ApiError):
    """ClickSend rejected the request as invalid (HTTP 400, 405 or another 4xx)."""

    hint = "Fix the request fields named in the message and send it again."


class TLSError(RequestRejectedError):
    """The TLS handshake failed, so the request was never sent and is not repeated.

    Typical causes are an ``https://`` base URL for a server that speaks plain HTTP, or a
    certificate that is not valid for the host.
    """

    hint = (
        "Check the scheme of the base URL (https:// for a TLS server, http:// for a plain one) "
        "and that the server's certificate is valid for its host."
    )


class NotFoundError(ApiError):
    """The object or endpoint does not exist (HTTP 404, or 403 where ClickSend uses it so)."""

    hint = "Check the id and the object type."


class EndpointNotFoundError(NotFoundError):
    """ClickSend has no endpoint for the method and path (HTTP 404 "Invalid endpoint").

    ClickSend returns this for an unknown path or an unsupported method. When every request
    fails so, the base URL usually lacks ``/v3``. ``base_url`` is the configured base URL.
    """

    hint = "Check that the base URL ends in /v3 and that the method and path exist in ClickSend."

    def __init__(self, message: str, *, base_url: str | None = None, **kwargs: Any) -> None:
        self.base_url = base_url
        if base_url is not None and not base_url.endswith("/v3"):
            self.hint = f"Check that the base URL ends in /v3: it is {base_url}."
        elif base_url is not None:
            self.hint = (
                "Check the method and the path against the ClickSend API reference; the path "
                f"is relative to the base URL {base_url}."
            )
        super().__init__(message, **kwargs)


class TransientError(ApiError):
    """A temporary failure (HTTP 429, 5xx, timeout, network error) that outlasted the retries."""

    hint = "Try again later; the retries already made did not succeed."


class RateLimitError(TransientError):
    """ClickSend returned HTTP 429; ``retry_after`` is the requested wait, in seconds."""

    hint = "Wait for the rate limit to reset, then try again."

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class ResponseFormatError(TransientError):
    """The response was not ClickSend's JSON envelope (truncated, HTML, empty)."""

    hint = "The response could not be read; try again later."


class DeliveryStateUnknownError(ApiError):
    """A non-idempotent request may have reached ClickSend, but no response was received."""

    hint = "Check in ClickSend whether the request took effect before repeating it."
