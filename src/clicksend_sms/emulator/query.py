"""Search (``q``, ``operator``), sort (``order_by``) and date-range filters for list endpoints.

``q=field:value[,field:value...]`` matches whole values, case-insensitively (``q=to:+6141``
does not find ``+61411111111``). An empty value (``q=custom_string:``) matches rows where the
field has any non-empty value. ``operator`` is AND (default) or OR.
``order_by=field:asc|desc``; a descending order is the exact reverse of the ascending one,
ties included. Date bounds follow the ``date_bounds`` switch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from clicksend_sms.emulator.envelope import bad_request
from clicksend_sms.emulator.index import Collection, Row, sort_value

# Scanned query results kept per collection; enough for a few concurrent page walks.
QUERY_CACHE_SIZE = 16


@dataclass(frozen=True)
class ListSpec:
    """The search, sort and date filters of one list endpoint.

    ``q_fields`` / ``order_fields`` of None accept any field of the object. ``range_params``
    maps a query parameter to ``("low" | "high", field)``.
    """

    default_order: str
    q_fields: Sequence[str] | None = None
    order_fields: Sequence[str] | None = None
    range_params: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # Public field names that are stored under another key, e.g. username -> _api_username.
    aliases: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Filter:
    field: str
    value: str
    any_value: bool


@dataclass
class ListQuery:
    filters: list[Filter]
    match_any: bool
    order_field: str
    descending: bool
    range_field: str | None = None
    low: int | None = None
    high: int | None = None
    inclusive: bool = True


def _parse_filters(text: str, spec: ListSpec) -> list[Filter]:
    filters = []
    for part in text.split(","):
        if not part.strip():
            continue
        name, colon, value = part.partition(":")
        name = name.strip().lower()
        if not colon or not name:
            raise bad_request({"q": f"Invalid search {part!r}: use field:value."})
        if spec.q_fields is not None and name not in spec.q_fields:
            allowed = ", ".join(spec.q_fields)
            raise bad_request({"q": f"Invalid search field {name!r}: use one of {allowed}."})
        stored = spec.aliases.get(name, name)
        filters.append(Filter(stored, value.strip().lower(), not value.strip()))
    return filters


def _parse_order(text: str | None, spec: ListSpec, default_desc: bool) -> tuple[str, bool]:
    if not text:
        return spec.default_order, default_desc
    name, _, direction = text.partition(":")
    name, direction = name.strip().lower(), (direction.strip().lower() or "asc")
    if direction not in ("asc", "desc"):
        raise bad_request({"order_by": f"Invalid sort direction {direction!r}: use asc or desc."})
    if spec.order_fields is not None and name not in spec.order_fields:
        allowed = ", ".join(spec.order_fields)
        raise bad_request({"order_by": f"Invalid sort field {name!r}: use one of {allowed}."})
    return spec.aliases.get(name, name), direction == "desc"


def _parse_epoch(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise bad_request({name: f"The {name} must be a Unix timestamp in seconds."}) from None


def parse_list_query(
    query: Mapping[str, str], spec: ListSpec, inclusive: bool, default_desc: bool = False
) -> ListQuery:
    """Build a ListQuery from request parameters; raise a 400 ApiRequestError on bad input."""
    operator = query.get("operator", "AND").strip().upper() or "AND"
    if operator not in ("AND", "OR"):
        raise bad_request({"operator": f"Invalid operator {operator!r}: use AND or OR."})
    order_field, descending = _parse_order(query.get("order_by"), spec, default_desc)
    result = ListQuery(
        filters=_parse_filters(query.get("q", ""), spec),
        match_any=operator == "OR",
        order_field=order_field,
        descending=descending,
        inclusive=inclusive,
    )
    for param, (side, field_name) in spec.range_params.items():
        if query.get(param, "") == "":
            continue
        result.range_field = field_name
        setattr(result, side, _parse_epoch(param, query[param]))
    return result


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.lower()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).lower()


def _matches(row: Row, query: ListQuery) -> bool:
    for item in query.filters:
        text = _text(row.get(item.field))
        hit = text != "" if item.any_value else text == item.value
        if hit and query.match_any:
            return True
        if not hit and not query.match_any:
            return False
    return not query.match_any


def _in_range(row: Row, query: ListQuery) -> bool:
    if query.range_field is None:
        return True
    value = row.get(query.range_field)
    if not isinstance(value, int):
        return False
    if query.low is not None and (
        value < query.low or (value == query.low and not query.inclusive)
    ):
        return False
    return not (
        query.high is not None
        and (value > query.high or (value == query.high and not query.inclusive))
    )


class Selection:
    """The rows a list request matched, in order, without copying them when avoidable."""

    def __init__(self, rows: Sequence[Row], start: int, stop: int, descending: bool) -> None:
        self._rows, self._start, self._stop, self._descending = rows, start, stop, descending

    @property
    def total(self) -> int:
        return self._stop - self._start

    def page(self, offset: int, count: int) -> list[Row]:
        """Return up to ``count`` rows starting at 0-based ``offset`` of the selection."""
        if offset >= self.total or count <= 0:
            return []
        if not self._descending:
            first = self._start + offset
            return list(self._rows[first : min(first + count, self._stop)])
        last = self._stop - offset
        first = max(self._start, last - count)
        return list(reversed(self._rows[first:last]))


def _by_id_candidates(collection: Collection, query: ListQuery) -> list[Row] | None:
    """Use the id map when an AND search names the collection's id field."""
    if query.match_any:
        return None
    for item in query.filters:
        if item.field == collection.id_field and not item.any_value:
            for key in (item.value, item.value.upper(), _as_int(item.value)):
                row = collection.by_id.get(key)
                if row is not None:
                    return [row]
            return []
    return None


def _as_int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def select(collection: Collection, query: ListQuery) -> Selection:
    """Return the rows of ``collection`` that ``query`` matches, in the requested order.

    A date range on an indexed field is two bisects; without ``q`` and in an indexed order the
    page is a slice. A search scans the range, or uses the id map for an id search. A sort on a
    field without an index sorts the matching rows. Such results are cached until the
    collection changes, so walking their pages scans once.
    """
    range_index = collection.indexes.get(query.range_field) if query.range_field else None
    base = range_index or collection.indexes.get(query.order_field) or collection.ordered
    start, stop = 0, len(base)
    if range_index is not None:
        start, stop = range_index.bounds(query.low, query.high, query.inclusive)

    range_done = query.range_field is None or range_index is not None
    if not query.filters and range_done and base.field == query.order_field:
        return Selection(base.rows, start, stop, query.descending)

    key = _cache_key(query)
    cached = collection.query_cache.get(key)
    if cached is not None and cached[0] == collection.version:
        return cast(Selection, cached[1])
    rows = base.rows[start:stop]
    if not range_done:
        rows = [row for row in rows if _in_range(row, query)]
    selection = _scan(collection, query, rows, base.field)
    if len(collection.query_cache) >= QUERY_CACHE_SIZE:
        collection.query_cache.clear()
    collection.query_cache[key] = (collection.version, selection)
    return selection


def _cache_key(query: ListQuery) -> tuple[Any, ...]:
    filters = tuple((f.field, f.value, f.any_value) for f in query.filters)
    return (
        filters,
        query.match_any,
        query.order_field,
        query.descending,
        query.range_field,
        query.low,
        query.high,
        query.inclusive,
    )


def _scan(collection: Collection, query: ListQuery, rows: list[Row], order: str) -> Selection:
    candidates = _by_id_candidates(collection, query)
    if candidates is not None:
        rows = [row for row in candidates if _in_range(row, query)]
    if query.filters:
        rows = [row for row in rows if _matches(row, query)]
    if order != query.order_field or candidates is not None:
        rows = _sorted(rows, query.order_field, collection)
    return Selection(rows, 0, len(rows), query.descending)


def _sorted(rows: list[Row], field_name: str, collection: Collection) -> list[Row]:
    """Sort ascending by ``field_name``, ties in storage order (stable sort over seq order)."""
    seq_of = collection.seq_of
    id_field = collection.id_field
    return sorted(rows, key=lambda row: (sort_value(row.get(field_name)), seq_of[row[id_field]]))
