"""Laravel-style page envelopes: ``page``/``limit`` in, ``total``/``last_page``/URLs out."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from clicksend_sms.emulator.envelope import bad_request
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.query import Selection

DEFAULT_LIMIT = 15
MIN_LIMIT = 15
MAX_LIMIT = 100
# How many numbered page links /lists shows on each side of the current page.
LINK_WINDOW = 3


def parse_paging(query: Mapping[str, str], policy: str) -> tuple[int, int]:
    """Return ``(page, limit)``.

    A missing, non-numeric or < 1 ``page`` means page 1. ``limit`` defaults to 15; outside
    15..100 it is clamped into range (policy "clamp") or rejected with a 400 ("reject").
    """
    page = _int_or_none(query.get("page"))
    page = page if page is not None and page >= 1 else 1
    raw_limit = query.get("limit")
    limit = _int_or_none(raw_limit)
    if raw_limit in (None, ""):
        return page, DEFAULT_LIMIT
    if limit is not None and MIN_LIMIT <= limit <= MAX_LIMIT:
        return page, limit
    if policy == "reject":
        raise bad_request(
            {"limit": f"The limit must be an integer from {MIN_LIMIT} to {MAX_LIMIT}."}
        )
    if limit is None:
        return page, DEFAULT_LIMIT
    return page, min(max(limit, MIN_LIMIT), MAX_LIMIT)


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def page_body(
    selection: Selection,
    *,
    page: int,
    limit: int,
    url: str,
    render: Callable[[Row], Row],
    empty_last_page: int,
    with_links: bool = False,
) -> dict[str, Any]:
    """Return the ``data`` object of a paginated response.

    ``url`` is the endpoint's absolute URL; page URLs are ``url?page=N``, without the other
    query parameters (the client re-sends its own query with the next page number).
    """
    total = selection.total
    last_page = math.ceil(total / limit) if total else empty_last_page
    rows = [render(row) for row in selection.page((page - 1) * limit, limit)]
    first = (page - 1) * limit + 1 if rows else None
    body: dict[str, Any] = {
        "total": total,
        "per_page": limit,
        "current_page": page,
        "last_page": last_page,
        "next_page_url": f"{url}?page={page + 1}" if page < last_page else None,
        "prev_page_url": f"{url}?page={page - 1}" if page > 1 else None,
        "from": first,
        "to": first + len(rows) - 1 if first is not None else None,
        "data": rows,
    }
    if with_links:
        body.update(_laravel_links(url, page, last_page))
    return body


def _laravel_links(url: str, page: int, last_page: int) -> dict[str, Any]:
    """Return the extra keys GET /lists carries: first/last page URLs, path and links."""
    shown = sorted(
        {1, max(last_page, 1)}
        | set(range(max(1, page - LINK_WINDOW), min(last_page, page + LINK_WINDOW) + 1))
    )
    links: list[dict[str, Any]] = [
        {
            "url": f"{url}?page={page - 1}" if page > 1 else None,
            "label": "&laquo; Previous",
            "page": page - 1 if page > 1 else None,
            "active": False,
        }
    ]
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append({"url": None, "label": "...", "page": None, "active": False})
        links.append(
            {
                "url": f"{url}?page={number}",
                "label": str(number),
                "page": number,
                "active": number == page,
            }
        )
        previous = number
    links.append(
        {
            "url": f"{url}?page={page + 1}" if page < last_page else None,
            "label": "Next &raquo;",
            "page": page + 1 if page < last_page else None,
            "active": False,
        }
    )
    return {
        "first_page_url": f"{url}?page=1",
        "last_page_url": f"{url}?page={max(last_page, 1)}",
        "path": url,
        "links": links,
    }
