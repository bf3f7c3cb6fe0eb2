"""One paginated list response, shared by every list endpoint."""

from __future__ import annotations

from collections.abc import Callable

from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import Response, ok
from clicksend_sms.emulator.index import Collection, Row
from clicksend_sms.emulator.paging import page_body, parse_paging
from clicksend_sms.emulator.query import ListSpec, parse_list_query, select


def list_response(
    request: ApiRequest,
    collection: Collection,
    spec: ListSpec,
    render: Callable[[Row], Row],
    message: str,
    *,
    with_links: bool = False,
    default_desc: bool = False,
) -> Response:
    """Parse paging, search, sort and date filters, select the rows and wrap one page."""
    emulator = request.emulator
    page, limit = parse_paging(request.query, emulator.switches["limit_policy"])
    query = parse_list_query(request.query, spec, emulator.inclusive_bounds, default_desc)
    selection = select(collection, query)
    body = page_body(
        selection,
        page=page,
        limit=limit,
        url=request.url,
        render=render,
        empty_last_page=emulator.switches["empty_last_page"],
        with_links=with_links,
    )
    return ok(message, body)
