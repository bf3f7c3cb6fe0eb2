"""The ClickSend HTTP client: one account, one connection pool, retries, errors and logging.

The logger ``clicksend_sms.api.client`` writes one INFO line per HTTP exchange: the method,
the path without its query, the status, the elapsed milliseconds and the attempt number.
Query values and bodies appear only at DEBUG, with secret fields masked. The API key and the
Authorization header are never logged.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from clicksend_sms.api.auth import BasicAuth, clean_credential
from clicksend_sms.api.envelope import ApiResponse, parse_response
from clicksend_sms.api.error_mapping import error_for_format, error_for_network, error_for_response
from clicksend_sms.api.pagination import (
    Page,
    check_page_size,
    check_positive,
    walk_pages,
    walk_records,
)
from clicksend_sms.api.redact import for_log
from clicksend_sms.api.retry import (
    Attempted,
    Clock,
    Jitter,
    Retrier,
    RetryPolicy,
    Sleep,
    full_jitter,
)
from clicksend_sms.api.transport import NetworkFailure, Timeouts, Transport
from clicksend_sms.api.urls import (
    DEFAULT_BASE_URL,
    check_path,
    normalize_base_url,
    origin_of,
    path_without_query,
)
from clicksend_sms.errors import InvalidInputError

__all__ = ["DEFAULT_BASE_URL", "ApiResponse", "ClickSendClient", "RetryPolicy", "Timeouts"]

logger = logging.getLogger(__name__)

METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


class ClickSendClient:
    """One ClickSend account: Basic auth, one connection pool, timeouts, retries, logging.

    ``clock`` returns Unix seconds. It measures the retry budget and converts HTTP-date
    ``Retry-After`` values. ``sleep`` waits between attempts, and ``jitter(cap)`` picks a
    backoff wait between 0 and ``cap``. Tests pass fakes for all three.
    """

    def __init__(
        self,
        username: str,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        clock: Clock | None = None,
        sleep: Sleep | None = None,
        jitter: Jitter | None = None,
    ) -> None:
        username = clean_credential("username", username)
        api_key = clean_credential("apiKey", api_key)
        self._base_url = normalize_base_url(base_url)
        self._origin = origin_of(self._base_url)
        self._transport = Transport(
            self._base_url, BasicAuth(username, api_key), timeouts or Timeouts()
        )
        self._retrier = Retrier(
            retry or RetryPolicy(),
            clock or time.time,
            sleep or time.sleep,
            jitter or full_jitter,
        )

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any], **options: Any) -> ClickSendClient:
        """Build a client from step config keys ``username``, ``apiKey`` and ``baseUrl``.

        A missing or blank ``baseUrl`` means the public API. ``options`` are passed on to the
        constructor (``timeouts``, ``retry``, ``clock``, ``sleep``, ``jitter``).
        """
        base_url = cfg.get("baseUrl")
        if base_url is None or (isinstance(base_url, str) and not base_url.strip()):
            base_url = DEFAULT_BASE_URL

        # The constructor rejects a missing or non-string username or key by field name.
        username: Any = cfg.get("username")
        api_key: Any = cfg.get("apiKey")
        return cls(username, api_key, base_url=base_url, **options)

    @property
    def base_url(self) -> str:
        """The API root without a trailing slash, e.g. ``https://rest.clicksend.com/v3``."""
        return self._base_url

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        raise_for_status: bool = True,
    ) -> ApiResponse:
        """Send one request (with retries) and return the parsed response.

        ``path`` is relative to the base URL and starts with ``/``; ``None`` values in
        ``params`` are dropped and ``json=None`` sends no body. With ``raise_for_status=False``
        every response that arrived is returned, including errors and non-JSON bodies, after
        the retries the method allows; network failures still raise.
        """
        method = _check_method(method)
        check_path(path)
        query = {key: value for key, value in (params or {}).items() if value is not None}
        _check_encodable("path", [path])
        _check_encodable("params", [*query.keys(), *query.values()])
        content = _encode_body(json)
        shown_path = path_without_query(path)

        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "ClickSend %s %s query=%s body=%s",
                method,
                shown_path,
                for_log(_logged_query(path, query)),
                for_log(json) if content is not None else "none",
            )

        def send_once(attempt: int) -> ApiResponse:
            return self._exchange(
                method, path, shown_path=shown_path, query=query, content=content, attempt=attempt
            )

        attempted = self._retrier.run(method, shown_path, send_once)
        return self._finish(method, shown_path, attempted, raise_for_status=raise_for_status)

    def iter_pages(
        self,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        page_size: int = 100,
        max_pages: int | None = None,
        start_page: int = 1,
    ) -> Iterator[Page]:
        """Yield pages lazily, one GET per page, holding only the current page.

        Arguments are checked at the call, before any request: ``page_size`` must be 15..100
        (InvalidInputError on ``pageSize``). With ``max_pages`` set, iteration ends quietly
        after that many pages.
        """
        check_page_size(page_size)
        check_positive("maxPages", max_pages)
        check_positive("startPage", start_page, allow_none=False)
        check_path(path)
        base_params = dict(params or {})

        def fetch(query: Mapping[str, Any]) -> ApiResponse:
            return self.request("GET", path, params=query)

        return walk_pages(
            fetch,
            "GET",
            path_without_query(path),
            base_params,
            page_size=page_size,
            max_pages=max_pages,
            start_page=start_page,
        )

    def iter_records(
        self,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        page_size: int = 100,
        max_records: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield the records of every page lazily; stop after ``max_records`` when set."""
        check_positive("maxRecords", max_records)
        pages = self.iter_pages(path, params, page_size=page_size)
        return walk_records(pages, max_records)

    def close(self) -> None:
        """Close the connection pool."""
        self._transport.close()

    def __enter__(self) -> ClickSendClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ClickSendClient(base_url={self._base_url!r})"

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        shown_path: str,
        query: Mapping[str, Any],
        content: bytes | None,
        attempt: int,
    ) -> ApiResponse:
        started = time.perf_counter()
        try:
            raw = self._transport.send(method, path, params=query, content=content)
        except NetworkFailure as failure:
            elapsed_ms = _elapsed_ms(started)
            logger.info(
                "ClickSend %s %s failed: %s in %d ms (attempt %d)",
                method,
                shown_path,
                failure.reason,
                elapsed_ms,
                attempt,
            )
            raise

        response = parse_response(raw)
        logger.info(
            "ClickSend %s %s -> %d in %d ms (attempt %d)",
            method,
            shown_path,
            response.effective_status,
            _elapsed_ms(started),
            attempt,
        )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("ClickSend %s %s response=%s", method, shown_path, for_log(response.body))

        return response

    def _finish(
        self, method: str, path: str, attempted: Attempted, *, raise_for_status: bool
    ) -> ApiResponse:
        outcome = attempted.outcome
        if isinstance(outcome, NetworkFailure):
            raise error_for_network(
                method, path, outcome, attempts=attempted.attempts, origin=self._origin
            ) from outcome

        if not raise_for_status:
            return dataclasses.replace(outcome, attempts=attempted.attempts)

        if outcome.is_error or not 200 <= outcome.status < 300:
            raise error_for_response(
                method,
                path,
                outcome,
                attempts=attempted.attempts,
                retry_after=attempted.retry_after,
                note=attempted.note,
                uncertain_attempt=attempted.uncertain_attempt,
                base_url=self._base_url,
            )

        if not outcome.is_envelope:
            raise error_for_format(method, path, outcome)

        return outcome


def _logged_query(path: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Return the query written in ``path`` merged with ``params``, as the request sends it."""
    written = dict(parse_qsl(urlsplit(path).query, keep_blank_values=True))
    return {**written, **params}


def _check_method(method: object) -> str:
    normalized = method.upper() if isinstance(method, str) else method
    if normalized not in METHODS:
        raise InvalidInputError("method", method, f"Use one of {', '.join(sorted(METHODS))}.")

    return str(normalized)


def _encode_body(body: Any) -> bytes | None:
    if body is None:
        return None

    try:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        # A lone surrogate (from text that was not valid UTF-8) fails here.
        return text.encode("utf-8")
    except (TypeError, ValueError) as error:
        raise InvalidInputError(
            "body",
            f"<{type(body).__name__}>",
            f"Send a JSON-serialisable value without NaN, Infinity or invalid Unicode ({error}).",
        ) from None


def _check_encodable(field: str, values: Iterable[Any]) -> None:
    """Reject text that UTF-8 cannot encode (lone surrogates), which httpx would raise on."""
    for value in values:
        if isinstance(value, str) and not _is_utf8_encodable(value):
            fix = "Remove the characters that are not valid Unicode; was the input UTF-8?"
            raise InvalidInputError(field, value.encode("utf-8", "backslashreplace").decode(), fix)


def _is_utf8_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False

    return True


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
