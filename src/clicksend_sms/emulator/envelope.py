"""The ClickSend response envelope and the error bodies the emulator returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INVALID_ENDPOINT = "Invalid endpoint. Please try again."
UNAUTHORIZED_BODY: dict[str, Any] = {
    "http_code": 401,
    "response_code": "UNAUTHORIZED",
    "response_msg": "Authorization failed.",
    "data": None,
}
TOO_MANY_REQUESTS_BODY: dict[str, Any] = {
    "http_code": 429,
    "response_code": "HTTP_TOO_MANY_REQUESTS",
    "response_msg": "Too many attempts.",
    "data": None,
}

# response_code per HTTP status, from ClickSend's legacy status table (405 really is NOT_FOUND).
RESPONSE_CODES = {
    200: "SUCCESS",
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "NOT_FOUND",
    429: "HTTP_TOO_MANY_REQUESTS",
    500: "INTERNAL_SERVER_ERROR",
}
DEFAULT_MESSAGES = {
    400: "Invalid input.",
    403: "Resource not found or you don't have the permissions to access this resource.",
    404: INVALID_ENDPOINT,
    405: "Method not allowed.",
    429: "Too many attempts.",
    500: "Internal server error.",
    502: "Bad gateway.",
    503: "Service unavailable.",
    504: "Gateway timeout.",
}


def envelope(status: int, message: str, data: Any, code: Any = None) -> dict[str, Any]:
    """Return ``{http_code, response_code, response_msg, data}`` for ``status``."""
    if code is None:
        code = RESPONSE_CODES.get(status, "INTERNAL_SERVER_ERROR" if status >= 500 else "ERROR")
    return {"http_code": status, "response_code": code, "response_msg": message, "data": data}


def error_body(status: int, message: str | None = None, data: Any = None) -> dict[str, Any]:
    """Return the envelope of an error response; ``data`` is null unless a field map is given."""
    text = message if message is not None else DEFAULT_MESSAGES.get(status, "Error.")
    return envelope(status, text, data)


@dataclass
class Response:
    """What a route handler returns: the HTTP status, the JSON body and extra headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def ok(message: str, data: Any) -> Response:
    """Return a 200 SUCCESS response."""
    return Response(200, envelope(200, message, data))


class ApiRequestError(Exception):
    """Raised by a handler to return an error envelope."""

    def __init__(
        self, status: int, message: str | None = None, data: Any = None, code: Any = None
    ) -> None:
        super().__init__(message or DEFAULT_MESSAGES.get(status, "Error."))
        self.status = status
        self.body = error_body(status, message, data)
        if code is not None:
            self.body["response_code"] = code

    def response(self) -> Response:
        return Response(self.status, self.body)


def bad_request(fields: dict[str, str]) -> ApiRequestError:
    """Return the 400 for missing or invalid fields: ``data`` maps each field to its problem."""
    return ApiRequestError(400, "Invalid input.", dict(fields))


def not_found(message: str) -> ApiRequestError:
    return ApiRequestError(404, message)
