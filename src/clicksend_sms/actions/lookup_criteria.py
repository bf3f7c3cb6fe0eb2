"""The search criteria of Lookup Objects, generated from what ClickSend filters server-side.

Each object type offers only the criteria its list endpoint applies itself (see
``ObjectType.query_fields``, ``date_range_filter``, ``order_fields`` and
``updated_after_filter``), so a result is never narrowed in memory and a criterion the
endpoint cannot apply is rejected instead of ignored. Field criteria become ClickSend's
``q=field:value,field:value`` parameter, combined with ``operator`` AND (ClickSend's
default) or OR.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from clicksend_sms.actions import inputs
from clicksend_sms.api.timestamps import ISO_EXAMPLE, parse_iso8601, to_unix
from clicksend_sms.component.metadata import Schema
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.objects import FieldSpec, ObjectType

DATE_FROM = "dateFrom"
DATE_TO = "dateTo"
ORDER_BY = "orderBy"
OPERATOR = "operator"
UPDATED_AFTER = "updatedAfter"
MAX_RESULTS = "maxResults"
PAGE_SIZE = "pageSize"

MIN_PAGE_SIZE = 15
MAX_PAGE_SIZE = 100
OPERATORS = ("AND", "OR")
DIRECTIONS = ("asc", "desc")


@dataclass(frozen=True)
class ListQuery:
    """One validated Lookup Objects request: where to page and with which parameters."""

    path: str
    params: dict[str, str | int] = field(default_factory=dict)
    page_size: int = MAX_PAGE_SIZE
    max_results: int | None = None
    list_id: str | None = None  # the parent list of List Contacts


def input_names(object_type: ObjectType) -> tuple[str, ...]:
    """Return every input the type accepts, in the order the mapper shows them."""
    names: list[str] = []
    if object_type.has_parent:
        names.append(inputs.LIST_ID_FIELD)
    names.extend(object_type.query_fields)
    if object_type.query_fields:
        names.append(OPERATOR)
    if object_type.date_range_filter:
        names.extend((DATE_FROM, DATE_TO))
    if object_type.updated_after_filter:
        names.append(UPDATED_AFTER)
    if object_type.order_fields:
        names.append(ORDER_BY)
    names.extend((MAX_RESULTS, PAGE_SIZE))
    return tuple(names)


def input_schema(object_type: ObjectType) -> Schema:
    """Return the ``in`` schema: one optional property per criterion, ``listId`` required."""
    specs = {spec.name: spec for spec in object_type.fields}
    properties: dict[str, Schema] = {}
    for name in input_names(object_type):
        if name in object_type.query_fields:
            properties[name] = _criterion_schema(name, specs.get(name))
        else:
            properties[name] = _option_schema(object_type, name)

    return {"type": "object", "properties": properties}


def build_query(object_type: ObjectType, body: Mapping[str, Any]) -> ListQuery:
    """Validate ``body`` against the type's criteria and return the request to page through."""
    inputs.reject_unknown_keys(body, input_names(object_type), f"{object_type.plural_label} lookup")

    parent = inputs.parent_id(object_type, body.get(inputs.LIST_ID_FIELD))
    path = object_type.list_url(quote(parent, safe="") if parent is not None else None)
    params: dict[str, str | int] = {}

    _add_q(object_type, body, params)
    _add_dates(object_type, body, params)
    _add_order(object_type, body, params)

    max_results = inputs.bounded_int(body.get(MAX_RESULTS), MAX_RESULTS, minimum=1, default=None)
    given_page_size = inputs.bounded_int(
        body.get(PAGE_SIZE), PAGE_SIZE, minimum=MIN_PAGE_SIZE, maximum=MAX_PAGE_SIZE, default=None
    )
    page_size = MAX_PAGE_SIZE if given_page_size is None else given_page_size
    if max_results is not None and max_results < page_size:
        # Fetch no more rows than needed, within ClickSend's page size range.
        page_size = max(MIN_PAGE_SIZE, max_results)

    return ListQuery(path, params, page_size, max_results, parent)


def _add_q(object_type: ObjectType, body: Mapping[str, Any], params: dict[str, str | int]) -> None:
    terms = [
        f"{name}:{_q_value(name, body[name])}"
        for name in object_type.query_fields
        if not inputs.is_blank(body.get(name))
    ]
    operator = _operator(body.get(OPERATOR))
    if not terms:
        if operator is not None:
            raise InvalidInputError(
                OPERATOR, body.get(OPERATOR), "Set at least one field criterion, or leave it empty."
            )
        return

    # The client percent-encodes query values, so "+61411111111" is sent as %2B61411111111.
    params["q"] = ",".join(terms)
    if operator is not None:
        params["operator"] = operator


def _q_value(name: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidInputError(name, value, "Use a text or whole-number value.")

    text = value.strip() if isinstance(value, str) else str(value)
    if "," in text:
        raise InvalidInputError(
            name,
            value,
            "Remove the comma: ClickSend separates criteria with commas, so a value cannot "
            "contain one.",
        )

    return text


def _operator(value: Any) -> str | None:
    if inputs.is_blank(value):
        return None

    if isinstance(value, str) and value.strip().upper() in OPERATORS:
        return value.strip().upper()

    raise InvalidInputError(OPERATOR, value, "Use AND or OR, or leave it empty for AND.")


def _add_dates(
    object_type: ObjectType, body: Mapping[str, Any], params: dict[str, str | int]
) -> None:
    if object_type.date_range_filter:
        date_from = _optional_unix(body.get(DATE_FROM), DATE_FROM)
        date_to = _optional_unix(body.get(DATE_TO), DATE_TO)
        if date_from is not None and date_to is not None and date_from > date_to:
            raise InvalidInputError(
                DATE_TO, body.get(DATE_TO), f"Use a time at or after dateFrom ({body[DATE_FROM]})."
            )
        if date_from is not None:
            params["date_from"] = date_from
        if date_to is not None:
            params["date_to"] = date_to

    if object_type.updated_after_filter:
        updated_after = _optional_unix(body.get(UPDATED_AFTER), UPDATED_AFTER)
        if updated_after is not None:
            params["updated_after"] = updated_after


def _optional_unix(value: Any, name: str) -> int | None:
    if inputs.is_blank(value):
        return None

    moment = parse_iso8601(value, field=name)
    if moment.timestamp() < 0:
        raise InvalidInputError(name, value, "Use a time after 1970-01-01T00:00:00Z.")

    return to_unix(moment)


def _add_order(
    object_type: ObjectType, body: Mapping[str, Any], params: dict[str, str | int]
) -> None:
    if not object_type.order_fields:
        return

    value = body.get(ORDER_BY)
    if inputs.is_blank(value):
        # An explicit order keeps paging stable; ClickSend's documented defaults vary.
        if object_type.default_order:
            params["order_by"] = object_type.default_order
        return

    fix = (
        "Use FIELD:asc or FIELD:desc, where FIELD is one of: "
        f"{', '.join(object_type.order_fields)}."
    )
    if not isinstance(value, str):
        raise InvalidInputError(ORDER_BY, value, fix)

    # The direction is required, as in ClickSend's order_by=field:asc|desc, so a sort is
    # never in an order the user did not choose.
    name, separator, direction = value.strip().partition(":")
    if name in object_type.order_fields and not separator:
        raise InvalidInputError(ORDER_BY, value, f"Add the direction: {name}:asc or {name}:desc.")

    direction = direction.lower()
    if name not in object_type.order_fields or direction not in DIRECTIONS:
        raise InvalidInputError(ORDER_BY, value, fix)

    params["order_by"] = f"{name}:{direction}"


def _criterion_schema(name: str, spec: FieldSpec | None) -> Schema:
    title = spec.title if spec is not None else name
    types: list[str] = ["string"]
    if spec is not None and "integer" in spec.types:
        types = ["string", "integer"]

    return {
        "type": types[0] if len(types) == 1 else types,
        "title": title,
        "required": False,
        "description": f"Only objects whose {name} matches this value (ClickSend q filter).",
    }


def _option_schema(object_type: ObjectType, name: str) -> Schema:
    if name == ORDER_BY:
        return _order_schema(object_type)

    return copy.deepcopy(_OPTION_SCHEMAS[name])


def _schema(json_type: str, title: str, description: str, *, required: bool = False) -> Schema:
    return {"type": json_type, "title": title, "required": required, "description": description}


def _date_schema(title: str, description: str) -> Schema:
    return _schema(
        "string", title, f"{description} ISO 8601 with Z or an offset, e.g. {ISO_EXAMPLE}."
    )


def _order_schema(object_type: ObjectType) -> Schema:
    default = f" Default: {object_type.default_order}." if object_type.default_order else ""
    schema = _schema("string", "Order By", f"Sort field and direction.{default}")
    schema["enum"] = [
        f"{name}:{direction}" for name in object_type.order_fields for direction in DIRECTIONS
    ]
    return schema


_OPTION_SCHEMAS: dict[str, Schema] = {
    inputs.LIST_ID_FIELD: _schema(
        "integer",
        "List ID",
        "The list_id of the contact list whose contacts are listed.",
        required=True,
    ),
    OPERATOR: {
        **_schema(
            "string",
            "Combine Criteria With",
            "AND (default): every criterion must match. OR: any criterion may match.",
        ),
        "enum": list(OPERATORS),
    },
    DATE_FROM: _date_schema("Date From", "Only objects dated from this time on."),
    DATE_TO: _date_schema("Date To", "Only objects dated up to this time."),
    UPDATED_AFTER: _date_schema("Updated After", "Only contacts updated after this time."),
    MAX_RESULTS: _schema(
        "integer", "Maximum Results", "Stop after this many objects. Empty means all."
    ),
    PAGE_SIZE: _schema(
        "integer",
        "Page Size",
        "Objects per request and per emitted page, 15 to 100. Empty means 100.",
    ),
}
