"""Memory: peak RSS of one poll over a small and a large number of SMS History rows.

Each poll runs in a fresh child process (``python -m benchmarks.memory child ...``) under
``/usr/bin/time -v``, whose "Maximum resident set size" is the figure. One data set of the
large size serves every poll; the trigger's startTime selects the last N rows of it. A poll
of 0 rows gives the baseline of the interpreter, the imports and one request. A second child
per size runs under tracemalloc, whose peak counts Python allocations only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

from benchmarks.data import days_ago, iso8601, seed_rows
from benchmarks.emulator_process import EmulatorHandle
from benchmarks.sizes import Sizes
from benchmarks.trigger_poll import Recorder, run_poll, trigger_cfg

REPO_ROOT = Path(__file__).resolve().parent.parent
TIME_COMMAND = Path("/usr/bin/time")
MAX_RSS_LINE = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
CHILD_TIMEOUT = 600
PAGE_SIZE = 100


def measure(emulator: EmulatorHandle, sizes: Sizes) -> dict[str, Any]:
    """Seed the large data set and measure a poll of 0, the small and the large row count."""
    control = emulator.control
    control.reset()
    seeded = seed_rows(control, "history", sizes.memory_large_rows, days_ago(3))

    polls = []
    for rows in (0, sizes.memory_small_rows, sizes.memory_large_rows):
        start_time = iso8601(seeded.date_before_last(rows))
        polls.append(
            {
                "rows": rows,
                "start_time": start_time,
                **measure_rss(emulator, start_time, rows),
                "tracemalloc_peak_kb": measure_tracemalloc(emulator, start_time, rows),
            }
        )

    small, large = polls[1], polls[2]
    return {
        "data_rows": seeded.count,
        "page_size": PAGE_SIZE,
        "rss_method": "/usr/bin/time -v" if TIME_COMMAND.exists() else "getrusage in the child",
        "polls": polls,
        "rss_ratio_large_to_small": large["max_rss_kb"] / small["max_rss_kb"],
        "tracemalloc_ratio_large_to_small": (
            large["tracemalloc_peak_kb"] / small["tracemalloc_peak_kb"]
        ),
    }


def child_command(start_time: str, rows: int, *, trace: bool = False) -> list[str]:
    command = [sys.executable, "-m", "benchmarks.memory", "child", start_time, str(rows)]
    return [*command, "--tracemalloc"] if trace else command


def run_child(emulator: EmulatorHandle, command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a child poll with the emulator's credentials in its environment; check its exit."""
    env = {**os.environ, **emulator.env}
    result = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip()}")
    return result


def measure_rss(emulator: EmulatorHandle, start_time: str, rows: int) -> dict[str, Any]:
    """Return the child's peak RSS in KiB, from /usr/bin/time -v when it is installed."""
    command = child_command(start_time, rows)
    if TIME_COMMAND.exists():
        command = [str(TIME_COMMAND), "-v", *command]
    result = run_child(emulator, command)
    report = json.loads(result.stdout.splitlines()[-1])

    found = MAX_RSS_LINE.search(result.stderr)
    max_rss = int(found.group(1)) if found else report["ru_maxrss_kb"]
    return {"max_rss_kb": max_rss, "child_ru_maxrss_kb": report["ru_maxrss_kb"]}


def measure_tracemalloc(emulator: EmulatorHandle, start_time: str, rows: int) -> float:
    result = run_child(emulator, child_command(start_time, rows, trace=True))
    report = json.loads(result.stdout.splitlines()[-1])
    return float(report["tracemalloc_peak_kb"])


def child_main(argv: list[str]) -> int:
    """Poll once into a counting sink and print a JSON line with the counts and peaks."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory child")
    parser.add_argument("start_time", help="the trigger's startTime (ISO 8601)")
    parser.add_argument("expected", type=int, help="objects the poll must emit")
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations")
    args = parser.parse_args(argv)

    emulator = EmulatorHandle(
        os.environ["CLICKSEND_BASE_URL"],
        os.environ["CLICKSEND_USERNAME"],
        os.environ["CLICKSEND_API_KEY"],
    )
    cfg = trigger_cfg(emulator, page_size=PAGE_SIZE, start_time=args.start_time)
    recorder = Recorder()

    if args.tracemalloc:
        tracemalloc.start()
    run_poll(cfg, recorder)
    peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0

    if recorder.errors or recorder.objects != args.expected:
        print(f"emitted {recorder.objects} objects, errors {recorder.errors}", file=sys.stderr)
        return 1
    report = {
        "objects": recorder.objects,
        "ru_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "tracemalloc_peak_kb": peak / 1024,
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["child"]:
        sys.exit("usage: python -m benchmarks.memory child START_TIME EXPECTED [--tracemalloc]")
    sys.exit(child_main(sys.argv[2:]))
