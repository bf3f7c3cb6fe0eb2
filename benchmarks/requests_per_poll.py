"""Requests per poll: API requests of a poll that finds N new rows, per object type.

For each type the emulator contains ``old`` rows that a first poll already emitted, then N new
rows arrive and a second poll runs from the first poll's snapshot. Its requests are counted
from the emulator's request log. The alternative, fetching every page without a date filter
and filtering on the client, is counted the same way on the same data.

The polls see time pass without waiting: the first poll runs with a lag of two days (its
upper bound is two days ago), the new rows are dated just after that bound, and the second
poll runs with a lag of one day. The lag is the trigger's hidden ``pollLagSeconds`` setting.
"""

from __future__ import annotations

import math
import time
from typing import Any

import httpx

from benchmarks.data import DAY, seed_rows
from benchmarks.emulator_process import EmulatorHandle
from benchmarks.sizes import Sizes
from benchmarks.trigger_poll import POLLED_TYPES, PolledType, recorded_poll, trigger_cfg

FIRST_LAG = 2 * DAY
SECOND_LAG = DAY
# Old rows start this long before the first poll's upper bound.
OLD_ROWS_AGE = DAY
# New rows start this long after the first poll's upper bound.
NEW_ROWS_OFFSET = 60


def measure(emulator: EmulatorHandle, sizes: Sizes) -> dict[str, Any]:
    rows = [
        count_requests(emulator, polled, sizes.requests_old_rows, new_rows, page_size)
        for polled in POLLED_TYPES.values()
        for page_size in sizes.requests_page_sizes
        for new_rows in sizes.requests_new_rows
    ]
    return {"old_rows": sizes.requests_old_rows, "polls": rows}


def count_requests(
    emulator: EmulatorHandle, polled: PolledType, old_rows: int, new_rows: int, page_size: int
) -> dict[str, Any]:
    """Run the two-poll scenario for one type, N and P; return both request counts."""
    control = emulator.control
    control.reset()
    first_bound = int(time.time()) - FIRST_LAG
    seed_rows(control, polled.name, old_rows, first_bound - OLD_ROWS_AGE, seed=1)

    first_cfg = trigger_cfg(emulator, polled, page_size=page_size, lag_seconds=FIRST_LAG)
    first = recorded_poll(first_cfg)
    check_count("first poll", polled, first.objects, old_rows)

    seed_rows(control, polled.name, new_rows, first_bound + NEW_ROWS_OFFSET, seed=2)
    control.clear_requests()
    second_cfg = {**first_cfg, "pollLagSeconds": SECOND_LAG}
    second = recorded_poll(second_cfg, first.snapshot)
    check_count("second poll", polled, second.objects, new_rows)
    trigger_requests = control.requests()

    control.clear_requests()
    second_bound = int(time.time()) - SECOND_LAG
    matched = fetch_all_and_filter(emulator, polled, page_size, first_bound, second_bound)
    check_count("fetch-all", polled, matched, new_rows)
    fetch_all_requests = control.requests()

    return {
        "type": polled.name,
        "new_rows": new_rows,
        "page_size": page_size,
        "trigger_requests": len(trigger_requests),
        "minimum_requests": max(1, math.ceil(new_rows / page_size)),
        "fetch_all_requests": len(fetch_all_requests),
        "trigger_query_keys": sorted({key for entry in trigger_requests for key in entry["query"]}),
    }


def fetch_all_and_filter(
    emulator: EmulatorHandle, polled: PolledType, page_size: int, after: int, until: int
) -> int:
    """Read every page of the list without a date filter; count rows dated in (after, until]."""
    matched = 0
    auth = (emulator.username, emulator.api_key)
    with httpx.Client(base_url=emulator.root, auth=auth, timeout=60) as client:
        page = 1
        while True:
            response = client.get(polled.path, params={"page": page, "limit": page_size})
            response.raise_for_status()
            data = response.json()["data"]
            matched += sum(
                1 for row in data["data"] if after < int(row[polled.poll_field]) <= until
            )
            if not data["data"] or data["current_page"] >= data["last_page"]:
                return matched
            page += 1


def check_count(step: str, polled: PolledType, emitted: int, expected: int) -> None:
    if emitted != expected:
        raise RuntimeError(f"{polled.name} {step}: {emitted} objects instead of {expected}")
