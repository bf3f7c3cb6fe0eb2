"""HTTP Basic authentication with the ClickSend API username and API key."""

from __future__ import annotations

import base64
from collections.abc import Generator

import httpx

from clicksend_sms.errors import InvalidInputError


def basic_auth_header(username: str, api_key: str) -> str:
    """Build the ``Authorization`` header value for ``username`` and ``api_key``.

    Both are encoded as UTF-8 before base64, so ``@``, ``+``, ``%``, ``:`` and non-ASCII
    characters are sent unchanged. Callers strip surrounding whitespace first. A ``:`` in the
    username cannot be told apart from the separator (RFC 7617), and servers usually split at the
    first one.
    """
    token = base64.b64encode(f"{username}:{api_key}".encode()).decode("ascii")
    return f"Basic {token}"


def clean_credential(field: str, value: object) -> str:
    """Return ``value`` without surrounding whitespace; reject a missing or blank value."""
    if not isinstance(value, str) or not value.strip():
        shown = value if field == "username" else _describe_secret(value)
        raise InvalidInputError(field, shown, f"Enter the ClickSend API {_label(field)}.")

    return value.strip()


class BasicAuth(httpx.Auth):
    """Adds the precomputed Basic ``Authorization`` header to every request.

    The header is sent up front because ClickSend's 401 carries no ``WWW-Authenticate``
    challenge. ``repr`` never shows the credentials.
    """

    def __init__(self, username: str, api_key: str) -> None:
        self._header = basic_auth_header(username, api_key)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "BasicAuth(<hidden>)"


def _label(field: str) -> str:
    return "username" if field == "username" else "key"


def _describe_secret(value: object) -> object:
    # A blank or missing key is shown as such; a key of the wrong type is not echoed.
    if value is None or (isinstance(value, str) and not value.strip()):
        return value

    return f"<{type(value).__name__}>"
