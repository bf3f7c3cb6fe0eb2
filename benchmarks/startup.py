"""Start-up: ``clicksend-sms --help`` against ``python -c pass``, each a fresh process.

Run by ``benchmarks/run.py``; on its own: ``python -m pytest benchmarks/startup.py``.
"""

from __future__ import annotations

import subprocess
import sys

from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.emulator_process import cli_command
from benchmarks.sizes import Sizes

GROUP = "startup"


def run_command(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def time_command(benchmark: BenchmarkFixture, sizes: Sizes, command: list[str]) -> None:
    benchmark.group = GROUP
    benchmark.extra_info["command"] = " ".join(command)
    benchmark.pedantic(run_command, args=(command,), rounds=sizes.startup_rounds, warmup_rounds=1)


def test_python_pass(benchmark: BenchmarkFixture, sizes: Sizes) -> None:
    time_command(benchmark, sizes, [sys.executable, "-c", "pass"])


def test_cli_help(benchmark: BenchmarkFixture, sizes: Sizes) -> None:
    time_command(benchmark, sizes, [*cli_command(), "--help"])
