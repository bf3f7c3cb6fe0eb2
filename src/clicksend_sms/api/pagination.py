"""Lazy page-by-page iteration over ClickSend list endpoints.

A list response puts its rows in ``data.data`` and the page metadata beside them
(``current_page``, ``last_page``, ``per_page``, ``total``, ``next_page_url``). The walk
re-sends the same query with ``page`` + 1 rather than following ``next_page_url``, whose
query parameters are not documented. It stops at the last page, on an empty page, or on a
null ``next_page_url``, and raises ResponseFormatError when a page repeats, because a repeat
would otherwise loop forever or emit the same rows twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from clicksend_sms.api.envelope import ApiResponse, as_int
from clicksend_sms.errors import InvalidInputError, ResponseFormatError

MIN_PAGE_SIZE = 15
MAX_PAGE_SIZE = 100
# Safety limit when the caller sets none: 10,000 pages of 100 rows is more than ClickSend's
# four months of SMS history holds for most accounts.
DEFAULT_MAX_PAGES = 10_000

# The id field of each object type, tried in this order to fingerprint a page.
_ID_FIELDS = ("message_id", "sms_campaign_id", "template_id", "contact_id", "list_id", "id")

FetchPage = Callable[[Mapping[str, Any]], ApiResponse]


@dataclass(frozen=True)
class Page:
    """One page of a ClickSend list response."""

    records: list[dict[str, Any]]
    number: int
    last_page: int
    total: int | None
    per_page: int | None
    next_page_url: str | None

    @property
    def is_last(self) -> bool:
        return self.number >= self.last_page or not self.records or self.next_page_url is None


def check_page_size(page_size: object) -> int:
    """Return ``page_size`` if it is an integer from 15 to 100 (ClickSend's ``limit`` range)."""
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        raise InvalidInputError("pageSize", page_size, _PAGE_SIZE_FIX)

    if not MIN_PAGE_SIZE <= page_size <= MAX_PAGE_SIZE:
        raise InvalidInputError("pageSize", page_size, _PAGE_SIZE_FIX)

    return page_size


def check_positive(field: str, value: object, *, allow_none: bool = True) -> int | None:
    """Return ``value`` if it is a whole number of at least 1 (or None when allowed)."""
    if value is None and allow_none:
        return None

    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(field, value, "Use a whole number of 1 or more.")

    return value


def walk_pages(
    fetch: FetchPage,
    method: str,
    path: str,
    params: Mapping[str, Any],
    *,
    page_size: int,
    max_pages: int | None,
    start_page: int,
) -> Iterator[Page]:
    """Yield pages from ``start_page`` on, calling ``fetch(query)`` once per page.

    Stops quietly after ``max_pages`` pages when the caller set it; without it, passing
    DEFAULT_MAX_PAGES raises ResponseFormatError. Only the current page is held.
    """
    limit = max_pages if max_pages is not None else DEFAULT_MAX_PAGES
    previous: tuple[int, str] | None = None
    number = start_page
    pages_read = 0
    last_status = 200
    while True:
        if pages_read == limit:
            if max_pages is None:
                reason = f"it still had pages after {limit} pages"
                raise _format_error(method, path, reason, last_status)
            return

        query = {**params, "page": number, "limit": page_size}
        response = fetch(query)
        page = parse_page(response, method, path, requested=number)
        fingerprint = (page.number, _fingerprint(page.records))
        _check_not_repeated(previous, fingerprint, method, path, response.status)
        previous = fingerprint
        last_status = response.status
        pages_read += 1

        yield page

        if page.is_last:
            return

        number = page.number + 1


def walk_records(pages: Iterator[Page], max_records: int | None) -> Iterator[dict[str, Any]]:
    """Yield the records of ``pages``; stop after ``max_records`` without fetching more."""
    if max_records is None:
        for page in pages:
            yield from page.records
        return

    remaining = max_records
    for page in pages:
        yield from page.records[:remaining]
        remaining -= min(len(page.records), remaining)
        if remaining == 0:
            return


def parse_page(response: ApiResponse, method: str, path: str, *, requested: int) -> Page:
    """Read the rows and page metadata from a list response's ``data``."""
    data = response.data
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        reason = "its data has no list of records in data.data"
        raise _format_error(method, path, reason, response.status)

    records = data["data"]
    if not all(isinstance(record, dict) for record in records):
        reason = "data.data holds values that are not objects"
        raise _format_error(method, path, reason, response.status)

    number = as_int(data.get("current_page"))
    number = requested if number is None else number
    next_page_url = data.get("next_page_url")
    last_page = as_int(data.get("last_page"))
    if last_page is None:
        last_page = number if next_page_url is None else number + 1

    return Page(
        records=records,
        number=number,
        last_page=last_page,
        total=as_int(data.get("total")),
        per_page=as_int(data.get("per_page")),
        next_page_url=next_page_url if isinstance(next_page_url, str) else None,
    )


def _check_not_repeated(
    previous: tuple[int, str] | None,
    current: tuple[int, str],
    method: str,
    path: str,
    status: int,
) -> None:
    if previous is None:
        return

    if current[0] == previous[0]:
        reason = f"it returned page {current[0]} twice in a row"
        raise _format_error(method, path, reason, status)

    if current[1] and current[1] == previous[1]:
        reason = f"pages {previous[0]} and {current[0]} hold the same records"
        raise _format_error(method, path, reason, status)


def _fingerprint(records: list[dict[str, Any]]) -> str:
    # A hash of the record ids when every record has one, else of the records themselves;
    # "" for no records.
    if not records:
        return ""

    identity: Any = records
    for field in _ID_FIELDS:
        if all(field in record for record in records):
            identity = [record[field] for record in records]
            break

    text = json.dumps(identity, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _format_error(method: str, path: str, reason: str, status: int | None) -> ResponseFormatError:
    return ResponseFormatError(
        f"Pagination stopped because {reason}.", method=method, path=path, status=status
    )


_PAGE_SIZE_FIX = f"Use a whole number from {MIN_PAGE_SIZE} to {MAX_PAGE_SIZE}."
