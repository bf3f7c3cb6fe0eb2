"""Data sizes and repetition counts of the full run and of the smoke run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    """How much data each benchmark uses and how often it repeats a timing."""

    name: str
    # Poll throughput: SMS History rows polled per round, at this page size.
    poll_rows: int
    page_size: int
    poll_rounds: int
    poll_warmup_rounds: int
    # Memory: rows polled by the small and the large poll, over one data set of the large size.
    memory_small_rows: int
    memory_large_rows: int
    # Requests per poll: rows already polled, new rows per second poll, page sizes.
    requests_old_rows: int
    requests_new_rows: tuple[int, ...]
    requests_page_sizes: tuple[int, ...]
    # Bulk send: messages per Create SMS call, rounds of the batch send and of the loop.
    bulk_messages: int
    bulk_rounds: int
    single_loop_rounds: int
    # Start-up: runs of each command.
    startup_rounds: int


FULL = Sizes(
    name="full",
    poll_rows=20_000,
    page_size=100,
    poll_rounds=10,
    poll_warmup_rounds=2,
    memory_small_rows=10_000,
    memory_large_rows=200_000,
    requests_old_rows=10_000,
    requests_new_rows=(0, 1_000),
    requests_page_sizes=(15, 100),
    bulk_messages=10_000,
    bulk_rounds=3,
    single_loop_rounds=1,
    startup_rounds=30,
)

SMOKE = Sizes(
    name="smoke",
    poll_rows=240,
    page_size=100,
    poll_rounds=1,
    poll_warmup_rounds=0,
    memory_small_rows=80,
    memory_large_rows=400,
    requests_old_rows=64,
    requests_new_rows=(0, 40),
    requests_page_sizes=(15,),
    bulk_messages=24,
    bulk_rounds=1,
    single_loop_rounds=1,
    startup_rounds=2,
)

PRESETS = {sizes.name: sizes for sizes in (FULL, SMOKE)}
