"""Lookup Objects (plural): list SMS History, SMS Receipts, SMS Campaigns, Contact Lists,
List Contacts or SMS Templates that match server-side criteria.

Results are fetched page by page and emitted as they arrive, one page held at a time, except
with ``emitAll``, which collects every result into one message. ``maxResults`` stops paging
as soon as enough objects have been emitted. SMS Receipts lists only unread receipts, and
this action never marks them read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clicksend_sms.actions.lookup_criteria import ListQuery, build_query, input_schema
from clicksend_sms.actions.not_found import as_not_found
from clicksend_sms.api import ClickSendClient, Page
from clicksend_sms.component import ExecutionContext, Message
from clicksend_sms.component.metadata import Schema, output_schema, results_schema
from clicksend_sms.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from clicksend_sms.objects import Operation, get_object_type, select_model

OPERATION = Operation.LOOKUP_MANY

EMIT_INDIVIDUALLY = "emitIndividually"
EMIT_PAGE = "emitPage"
EMIT_ALL = "emitAll"
EMIT_BEHAVIORS = (EMIT_INDIVIDUALLY, EMIT_PAGE, EMIT_ALL)

Record = dict[str, Any]


def process(
    context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    """Emit the matching objects: one message each, one per page, or one in all."""
    del snapshot
    object_type = get_object_type(cfg.get("objectType"), OPERATION)
    behavior = emit_behavior(cfg)
    query = build_query(object_type, message.body)

    with ClickSendClient.from_config(cfg) as client:
        pages = result_pages(client, query)
        if behavior == EMIT_INDIVIDUALLY:
            for records in pages:
                for record in records:
                    context.emit_data(record)
        elif behavior == EMIT_PAGE:
            emitted = False
            for records in pages:
                context.emit_data({"results": records})
                emitted = True
            if not emitted:
                context.emit_data({"results": []})
        else:
            context.emit_data({"results": [record for records in pages for record in records]})


def result_pages(client: ClickSendClient, query: ListQuery) -> Iterator[list[Record]]:
    """Yield the non-empty pages of results, cut off after ``query.max_results`` objects.

    No request is sent for a page after the one that reached the maximum.
    """
    remaining = query.max_results
    for page in _pages(client, query):
        records = page.records if remaining is None else page.records[:remaining]
        if records:
            yield records

        if remaining is not None:
            remaining -= len(records)
            if remaining <= 0:
                return


def _pages(client: ClickSendClient, query: ListQuery) -> Iterator[Page]:
    """Yield the query's pages; a missing parent list is an error naming the list."""
    try:
        yield from client.iter_pages(query.path, query.params, page_size=query.page_size)
    except (NotFoundError, PermissionDeniedError) as error:
        if query.list_id is None:
            raise
        missing = as_not_found(get_object_type("contactList"), query.list_id, None, error)
        if missing is None:
            raise
        raise missing from error


def emit_behavior(cfg: dict[str, Any]) -> str:
    """Return the configured emit behavior; empty means ``emitIndividually``."""
    value = cfg.get("emitBehavior")
    if value is None or value == "":
        return EMIT_INDIVIDUALLY

    if value not in EMIT_BEHAVIORS:
        raise InvalidInputError("emitBehavior", value, f"Use one of: {', '.join(EMIT_BEHAVIORS)}.")

    return str(value)


def get_meta_model(cfg: dict[str, Any]) -> dict[str, Schema]:
    """Return the type's criteria and the emitted shape: an object or ``{"results": [...]}``."""
    object_type = get_object_type(cfg.get("objectType"), OPERATION)
    item = output_schema(object_type)
    out = item if emit_behavior(cfg) == EMIT_INDIVIDUALLY else results_schema(item)
    return {"in": input_schema(object_type), "out": out}


def get_object_types(cfg: dict[str, Any]) -> dict[str, str]:
    """Return the types this action can list, as ``{key: label}``."""
    del cfg
    return select_model(OPERATION)
