"""ClickSend's response envelope ``{http_code, response_code, response_msg, data}``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from clicksend_sms.api.transport import RawResponse

_ENVELOPE_KEYS = frozenset({"http_code", "response_code", "response_msg"})


@dataclass(frozen=True)
class ApiResponse:
    """A parsed ClickSend response: HTTP status, the envelope fields and the headers.

    ``is_envelope`` is False when the body was not a JSON object with the envelope fields.
    Then ``body`` is the parsed JSON value, or the text when it was not JSON.
    """

    status: int
    http_code: int | None
    response_code: str | int | None
    response_msg: str | None
    data: Any
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None  # the whole parsed JSON body, or the text when it was not JSON
    is_envelope: bool = True
    attempts: int = 1  # how many times the client sent the request, retries included

    @property
    def effective_status(self) -> int:
        """The HTTP status, or the envelope's ``http_code`` when a 2xx carries an error."""
        if 200 <= self.status < 300 and self.http_code is not None and self.http_code >= 400:
            return self.http_code

        return self.status

    @property
    def is_error(self) -> bool:
        """True for a 4xx or 5xx, including a 2xx whose envelope ``http_code`` is 400 or more."""
        return self.effective_status >= 400

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def parse_response(raw: RawResponse) -> ApiResponse:
    """Parse a raw response into an ApiResponse.

    A body that is not JSON, or not the envelope, gives ``is_envelope=False`` instead of an
    exception, so the caller decides whether that is an error.
    """
    body = _decode_body(raw.content)
    if not (isinstance(body, dict) and _ENVELOPE_KEYS & body.keys()):
        return ApiResponse(
            status=raw.status,
            http_code=None,
            response_code=None,
            response_msg=None,
            data=None,
            headers=raw.headers,
            body=body,
            is_envelope=False,
        )

    return ApiResponse(
        status=raw.status,
        http_code=as_int(body.get("http_code")),
        response_code=_as_code(body.get("response_code")),
        response_msg=_as_text(body.get("response_msg")),
        data=body.get("data"),
        headers=raw.headers,
        body=body,
    )


def _decode_body(content: bytes) -> Any:
    text = content.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


def as_int(value: Any) -> int | None:
    """Return an int or a string of digits as an int; anything else as None."""
    if isinstance(value, bool):
        return None

    if isinstance(value, int):
        return value

    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())

    return None


def _as_code(value: Any) -> str | int | None:
    # ClickSend documents a string code, but a 400 has been seen with the integer 400.
    if value is None or (isinstance(value, str | int) and not isinstance(value, bool)):
        return value

    return str(value)


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value

    return str(value)
