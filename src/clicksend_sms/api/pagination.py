"""Lazy page-by-page iteration over ClickSend list endpoints.

INTERFACE STUB: see client.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
