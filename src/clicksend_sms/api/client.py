"""The ClickSend HTTP client.

INTERFACE STUB: the signatures below are the contract the triggers and actions code against.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from clicksend_sms.api.pagination import Page

DEFAULT_BASE_URL = "https://rest.clicksend.com/v3"


@dataclass(frozen=True)
class Timeouts:
    """Connect and read timeouts in seconds; both are always set."""

    connect: float = 10.0
    read: float = 60.0


@dataclass(frozen=True)
class ApiResponse:
    """A parsed ClickSend response: HTTP status, the envelope fields and the headers."""

    status: int
    http_code: int | None
    response_code: str | int | None
    response_msg: str | None
    data: Any
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None  # the whole parsed JSON body, or the text when it was not JSON


class ClickSendClient:
    """One ClickSend account: Basic auth, one connection pool, timeouts, retries, logging."""

    def __init__(
        self,
        username: str,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeouts: Timeouts | None = None,
    ) -> None:
        raise NotImplementedError

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> ClickSendClient:
        """Build a client from step config keys ``username``, ``apiKey`` and ``baseUrl``."""
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        raise_for_status: bool = True,
    ) -> ApiResponse:
        """Send one request (with retries) and return the parsed response."""
        raise NotImplementedError

    def iter_pages(
        self,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        page_size: int = 100,
        max_pages: int | None = None,
    ) -> Iterator[Page]:
        """Yield pages lazily, one request per page."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> ClickSendClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
