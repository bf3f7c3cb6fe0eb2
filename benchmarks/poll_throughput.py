"""Poll throughput: the trigger against a bare httpx loop and the official ClickSend SDK.

All three read the same SMS History pages. A verification poll records the trigger's own
requests in the emulator's request log; the bare loop and the SDK then replay exactly those
requests. The bare loop only fetches and decodes the pages, so it is the practical floor for
any Python client on httpx.

Run by ``benchmarks/run.py``; on its own: ``python -m pytest benchmarks/poll_throughput.py``.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import clicksend
import httpx
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.data import SeededRows, days_ago, seed_rows
from benchmarks.emulator_process import EmulatorHandle
from benchmarks.measure import CpuMeter
from benchmarks.sizes import Sizes
from benchmarks.trigger_poll import POLLED_TYPES, recorded_poll, run_poll, trigger_cfg

HISTORY_PATH = POLLED_TYPES["history"].path
GROUP = "poll"
PROFILE_TOP = 15
IMPORT_ROOT = re.compile(r".*/(?:site-packages|src|lib/python3\.\d+)/(.+)")

# Built once, as the connector does, so no round pays the ~18 ms of building a TLS context.
BARE_LOOP_TLS = httpx.create_ssl_context()

# Query parameters of GET /sms/history and the type view_sms_history expects for each.
SDK_PARAMETERS = {
    "page": int,
    "limit": int,
    "q": str,
    "order_by": str,
    "date_from": int,
    "date_to": int,
}


@dataclass(frozen=True)
class PollSetup:
    """The seeded rows, the trigger cfg, and the trigger's requests as (path, query) pairs."""

    rows: SeededRows
    cfg: dict[str, Any]
    requests: list[tuple[str, dict[str, str]]]
    other_requests: int


@pytest.fixture(scope="module")
def history(emulator: EmulatorHandle, sizes: Sizes) -> PollSetup:
    """Seed SMS History and record the requests of one checked trigger poll."""
    control = emulator.control
    control.reset()
    rows = seed_rows(control, "history", sizes.poll_rows, days_ago(2))
    cfg = trigger_cfg(emulator, page_size=sizes.page_size)

    control.clear_requests()
    recorder = recorded_poll(cfg)
    assert recorder.objects == rows.count, f"the trigger emitted {recorder.objects} objects"

    logged = control.requests()
    pages = [(entry["path"], entry["query"]) for entry in logged if entry["path"] == HISTORY_PATH]
    return PollSetup(rows, cfg, pages, len(logged) - len(pages))


def fetch_pages(emulator: EmulatorHandle, requests: list[tuple[str, dict[str, str]]]) -> int:
    """Send each request with httpx, decode the JSON and return the rows fetched."""
    rows = 0
    auth = (emulator.username, emulator.api_key)
    with httpx.Client(
        base_url=emulator.root, auth=auth, timeout=60, verify=BARE_LOOP_TLS
    ) as client:
        for path, query in requests:
            response = client.get(path, params=query)
            response.raise_for_status()
            rows += len(response.json()["data"]["data"])
    return rows


def list_with_sdk(emulator: EmulatorHandle, requests: list[tuple[str, dict[str, str]]]) -> int:
    """Send each request through the official SDK's SmsApi.view_sms_history; return the rows."""
    configuration = clicksend.Configuration(
        host=emulator.root, username=emulator.username, password=emulator.api_key
    )
    rows = 0
    with clicksend.ApiClient(configuration) as api_client:
        api = clicksend.SmsApi(api_client)
        for _, query in requests:
            page = api.view_sms_history(**sdk_arguments(query))
            rows += len(page.data.data)
    return rows


def sdk_arguments(query: dict[str, str]) -> dict[str, Any]:
    """Convert a logged query string to view_sms_history keyword arguments."""
    unknown = sorted(set(query) - set(SDK_PARAMETERS))
    if unknown:
        raise ValueError(f"view_sms_history has no parameter for {unknown}")
    return {name: SDK_PARAMETERS[name](value) for name, value in query.items()}


def time_rounds(benchmark: BenchmarkFixture, sizes: Sizes, meter: CpuMeter) -> Any:
    benchmark.group = GROUP
    return benchmark.pedantic(
        meter, rounds=sizes.poll_rounds, warmup_rounds=sizes.poll_warmup_rounds, iterations=1
    )


def record(benchmark: BenchmarkFixture, history: PollSetup, meter: CpuMeter, **extra: Any) -> None:
    benchmark.extra_info.update(
        objects=history.rows.count,
        requests=len(history.requests),
        cpu_seconds=meter.per_call,
        **extra,
    )


def test_trigger_emit_individually(
    benchmark: BenchmarkFixture, history: PollSetup, sizes: Sizes
) -> None:
    meter = CpuMeter(lambda: run_poll(history.cfg))
    ok = time_rounds(benchmark, sizes, meter)
    assert ok, "the trigger emitted an error"
    record(benchmark, history, meter, other_requests=history.other_requests)


def test_trigger_emit_page(benchmark: BenchmarkFixture, history: PollSetup, sizes: Sizes) -> None:
    cfg = {**history.cfg, "emitBehavior": "emitPage"}
    meter = CpuMeter(lambda: run_poll(cfg))
    ok = time_rounds(benchmark, sizes, meter)
    assert ok, "the trigger emitted an error"
    record(benchmark, history, meter)


def test_bare_httpx_loop(
    benchmark: BenchmarkFixture, emulator: EmulatorHandle, history: PollSetup, sizes: Sizes
) -> None:
    meter = CpuMeter(lambda: fetch_pages(emulator, history.requests))
    fetched = time_rounds(benchmark, sizes, meter)
    assert fetched >= history.rows.count
    record(benchmark, history, meter, rows_fetched=fetched)


def test_official_sdk(
    benchmark: BenchmarkFixture, emulator: EmulatorHandle, history: PollSetup, sizes: Sizes
) -> None:
    meter = CpuMeter(lambda: list_with_sdk(emulator, history.requests))
    fetched = time_rounds(benchmark, sizes, meter)
    assert fetched >= history.rows.count
    record(benchmark, history, meter, rows_fetched=fetched, sdk=f"clicksend {sdk_version()}")


def sdk_version() -> str:
    return version("clicksend-client")


def test_trigger_profile(history: PollSetup, profile_dir: Path | None) -> None:
    """Profile one trigger poll with cProfile; writes trigger_profile.{txt,json}."""
    if profile_dir is None:
        pytest.skip("no --profile-dir given")

    profiler = cProfile.Profile()
    ok = profiler.runcall(run_poll, history.cfg)
    assert ok, "the trigger emitted an error"

    profile_dir.mkdir(parents=True, exist_ok=True)
    stats = pstats.Stats(profiler)
    with (profile_dir / "trigger_profile.txt").open("w") as text:
        stats.stream = text
        stats.sort_stats("tottime").print_stats(PROFILE_TOP * 2)
        stats.sort_stats("cumulative").print_stats(PROFILE_TOP * 2)
    (profile_dir / "trigger_profile.json").write_text(json.dumps(profile_summary(stats), indent=2))


def profile_summary(stats: pstats.Stats) -> dict[str, Any]:
    """Return the total time, then the top functions and the connector's top ones by own time."""
    entries = stats.stats
    total = stats.total_tt
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in entries.items():
        label = name if filename == "~" else f"{short_path(filename)}:{line}({name})"
        rows.append(
            {
                "function": label,
                "calls": calls,
                "own_seconds": own,
                "cumulative_seconds": cumulative,
                "own_share": own / total if total else 0.0,
            }
        )
    rows.sort(key=lambda row: row["own_seconds"], reverse=True)
    connector = [row for row in rows if row["function"].startswith("clicksend_sms/")]
    return {
        "total_seconds": total,
        "top_by_own_time": rows[:PROFILE_TOP],
        "connector_by_own_time": connector[:PROFILE_TOP],
    }


def short_path(filename: str) -> str:
    """Shorten a file path to its import path, e.g. ``clicksend_sms/api/client.py``."""
    found = IMPORT_ROOT.match(filename)
    return found.group(1) if found else filename
