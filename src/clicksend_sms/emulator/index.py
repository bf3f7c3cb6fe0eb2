"""Collections of rows with sorted indexes, so pages and date ranges are slices, not scans."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

Row = dict[str, Any]


def sort_value(value: Any) -> tuple[int, Any]:
    """Return a key that orders None first, then numbers, then strings (case-insensitive)."""
    if value is None:
        return (0, 0)
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value).lower())


class SortedIndex:
    """Rows ordered by ``(field value, insertion sequence)``.

    The sequence number breaks ties between equal values, so the order is total and stable:
    two rows sent in the same second keep the order in which they were stored.
    """

    def __init__(self, field: str) -> None:
        self.field = field
        self.keys: list[tuple[tuple[int, Any], int]] = []
        self.rows: list[Row] = []

    def __len__(self) -> int:
        return len(self.rows)

    def key_of(self, row: Row, seq: int) -> tuple[tuple[int, Any], int]:
        return (sort_value(row.get(self.field)), seq)

    def insert(self, row: Row, seq: int) -> None:
        key = self.key_of(row, seq)
        position = bisect_right(self.keys, key)
        self.keys.insert(position, key)
        self.rows.insert(position, row)

    def remove(self, row: Row, seq: int) -> None:
        key = self.key_of(row, seq)
        position = bisect_left(self.keys, key)
        if position < len(self.keys) and self.keys[position] == key:
            del self.keys[position]
            del self.rows[position]

    def extend(self, pairs: Iterable[tuple[Row, int]]) -> None:
        """Add many rows at once and re-sort once, for seeding large collections."""
        for row, seq in pairs:
            self.keys.append(self.key_of(row, seq))
            self.rows.append(row)
        order = sorted(range(len(self.keys)), key=self.keys.__getitem__)
        self.keys = [self.keys[i] for i in order]
        self.rows = [self.rows[i] for i in order]

    def bounds(self, low: Any = None, high: Any = None, inclusive: bool = True) -> tuple[int, int]:
        """Return the slice ``[start, stop)`` of rows whose value lies between the bounds."""
        start, stop = 0, len(self.keys)
        if low is not None:
            probe = ((1, low), -1) if inclusive else ((1, low), float("inf"))
            start = bisect_left(self.keys, probe)
        if high is not None:
            probe = ((1, high), float("inf")) if inclusive else ((1, high), -1)
            stop = bisect_left(self.keys, probe)
        return start, max(start, stop)


class Collection:
    """Rows keyed by id, with one sorted index per listed field.

    ``order_field`` is the index used for the default order. Updating an indexed field goes
    through :meth:`update`, which moves the row within each index.
    """

    def __init__(self, id_field: str, order_field: str, index_fields: Iterable[str] = ()) -> None:
        self.id_field = id_field
        self.order_field = order_field
        self.by_id: dict[Any, Row] = {}
        self.seq_of: dict[Any, int] = {}
        fields = dict.fromkeys([order_field, *index_fields])
        self.indexes = {name: SortedIndex(name) for name in fields}
        self._sequence = itertools.count(1)
        # Bumped by every change, so cached query results know when they are stale. Rows must
        # be changed through this class, never in place, for that to hold.
        self.version = 0
        self.query_cache: dict[Any, tuple[int, Any]] = {}

    def __len__(self) -> int:
        return len(self.by_id)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.indexes[self.order_field].rows)

    def __contains__(self, row_id: Any) -> bool:
        return row_id in self.by_id

    @property
    def ordered(self) -> SortedIndex:
        return self.indexes[self.order_field]

    def get(self, row_id: Any) -> Row | None:
        return self.by_id.get(row_id)

    def add(self, row: Row) -> Row:
        self.version += 1
        seq = self._register(row)
        for index in self.indexes.values():
            index.insert(row, seq)
        return row

    def add_many(self, rows: list[Row]) -> None:
        """Add rows in bulk: one sort per index instead of one insertion per row."""
        self.version += 1
        pairs = [(row, self._register(row)) for row in rows]
        for index in self.indexes.values():
            index.extend(pairs)

    def _register(self, row: Row) -> int:
        """Store ``row`` by its id and return its insertion sequence number."""
        row_id = row[self.id_field]
        if row_id in self.by_id:
            raise KeyError(f"{self.id_field} {row_id!r} already exists")
        seq = next(self._sequence)
        self.by_id[row_id] = row
        self.seq_of[row_id] = seq
        return seq

    def update(self, row_id: Any, changes: Row) -> Row:
        self.version += 1
        row = self.by_id[row_id]
        seq = self.seq_of[row_id]
        moved = [index for name, index in self.indexes.items() if name in changes]
        for index in moved:
            index.remove(row, seq)
        row.update(changes)
        for index in moved:
            index.insert(row, seq)
        return row

    def remove(self, row_id: Any) -> Row | None:
        self.version += 1
        row = self.by_id.pop(row_id, None)
        if row is None:
            return None
        seq = self.seq_of.pop(row_id)
        for index in self.indexes.values():
            index.remove(row, seq)
        return row

    def remove_first(self, count: int) -> list[Row]:
        """Remove the first ``count`` rows of the default order in one slice operation."""
        self.version += 1
        ordered = self.ordered
        removed = ordered.rows[:count]
        pairs = [(row, self.seq_of.pop(row[self.id_field])) for row in removed]
        for row in removed:
            del self.by_id[row[self.id_field]]
        del ordered.keys[:count]
        del ordered.rows[:count]
        for index in self.indexes.values():
            if index is not ordered:
                for row, seq in pairs:
                    index.remove(row, seq)
        return removed
