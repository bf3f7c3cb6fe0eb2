"""Where each object type's pages come from, and what the server does for us there.

- SMS History: ClickSend filters by ``date_from``/``date_to`` and sorts by ``date``. Whether
  the bounds include their value is not documented, so each is widened by one second and
  the window is applied exactly in memory. Both readings then return every needed row.
- SMS Campaigns: ``order_by`` on the tracked field is documented, but which field
  ``date_from``/``date_to`` test is not, so no date filter is sent. A binary search over the
  pages of the ascending order skips the pages that end before the cursor.
- SMS Receipts: no filter and no sort, so every scan reads the whole unread list.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from clicksend_sms.api import ClickSendClient, Page
from clicksend_sms.triggers.config import PollSettings
from clicksend_sms.triggers.cursor import Cursor, RowKey, row_key
from clicksend_sms.triggers.emitter import PollStats

logger = logging.getLogger("clicksend_sms.triggers.polling")


class PageSource(Protocol):
    """Pages of one object type that may hold objects after a cursor."""

    path: str
    sorted: bool  # True when the server returns the tracked field in ascending order

    def pages(self, floor: Cursor) -> Iterator[Page]:
        """Yield the pages that may hold objects after ``floor``, one request each."""
        ...


def counted(pages: Iterator[Page], stats: PollStats) -> Iterator[Page]:
    """Yield ``pages`` and count one request per page."""
    for page in pages:
        stats.requests += 1
        yield page


@dataclass
class HistorySource:
    client: ClickSendClient
    settings: PollSettings
    upper: int
    page_size: int
    stats: PollStats
    path: str = "/sms/history"
    sorted: bool = True

    def pages(self, floor: Cursor) -> Iterator[Page]:
        params = {"order_by": f"{self.settings.field}:asc", **self.date_params(floor)}
        return counted(
            self.client.iter_pages(self.path, params, page_size=self.page_size), self.stats
        )

    def date_params(self, floor: Cursor) -> dict[str, int]:
        """Return ``date_from``/``date_to`` one second wider than the window on each side.

        With inclusive bounds that reads one extra second at each end; with exclusive
        bounds it reads exactly the window. A lower bound at or before 1970 is left out.
        """
        params = {"date_to": self.upper + 1}
        date_from = floor.first_open_second - 1
        if date_from > 0:
            params["date_from"] = date_from
        return params


@dataclass
class ReceiptSource:
    client: ClickSendClient
    page_size: int
    stats: PollStats
    path: str = "/sms/receipts"
    sorted: bool = False

    def pages(self, floor: Cursor) -> Iterator[Page]:
        del floor  # the list has no filter: every scan reads all unread receipts
        return counted(self.client.iter_pages(self.path, {}, page_size=self.page_size), self.stats)


@dataclass
class CampaignSource:
    """Campaigns in ascending order of the tracked field, starting near the cursor.

    The binary search is only as safe as the server's sort: it assumes the order is the same
    on every request and that no campaign moves across a page boundary between requests.
    Pages that hold no time at all (null or empty values, which may sort first or last)
    stop the search at the last page proven to end before the cursor.
    """

    client: ClickSendClient
    settings: PollSettings
    page_size: int
    stats: PollStats
    path: str = "/sms-campaigns"
    sorted: bool = True

    @property
    def params(self) -> dict[str, Any]:
        return {"order_by": f"{self.settings.field}:asc"}

    def pages(self, floor: Cursor) -> Iterator[Page]:
        first = self.fetch(1)
        start = 1
        if not first.is_last and self.ends_before(first, floor) is True:
            start, first = self.search(floor, 2, first.last_page)

        yield first
        if first.is_last:
            return
        rest = self.client.iter_pages(
            self.path, self.params, page_size=self.page_size, start_page=start + 1
        )
        yield from counted(rest, self.stats)

    def fetch(self, number: int) -> Page:
        pages = self.client.iter_pages(
            self.path, self.params, page_size=self.page_size, max_pages=1, start_page=number
        )
        page = next(iter(pages))
        self.stats.requests += 1
        self.stats.hold(len(page.records))
        return page

    def search(self, floor: Cursor, low: int, high: int) -> tuple[int, Page]:
        """Return the first page in ``low..high`` that may hold objects after ``floor``.

        Every page before ``low`` is known to end before the cursor; ``high`` is the last
        page, which is read whatever it holds.
        """
        found: Page | None = None
        while low < high:
            middle = (low + high) // 2
            page = self.fetch(middle)
            verdict = self.ends_before(page, floor)
            if verdict is None:
                logger.info(
                    "Campaign page %d has no %s values; scanning from page %d.",
                    middle,
                    self.settings.field,
                    low,
                )
                high = low
                found = None
                break
            if verdict:
                low = middle + 1
            else:
                high, found = middle, page
        if found is None or found.number != low:
            found = self.fetch(low)
        return low, found

    def ends_before(self, page: Page, floor: Cursor) -> bool | None:
        """Return True when every timed object of ``page`` lies before the cursor's open seconds.

        Returns None when the page has no object with a time, so it proves nothing.
        """
        times = [key[0] for key in self.keys(page) if key is not None]
        if not times:
            return None
        return max(times) < floor.first_open_second

    def keys(self, page: Page) -> Iterator[RowKey | None]:
        field, id_field = self.settings.field, self.settings.object_type.id_field
        return (row_key(row, field, id_field) for row in page.records)
