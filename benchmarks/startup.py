"""Start-up: ``clicksend-sms --help`` against ``python -c pass``, each a fresh process.

``python -c "import httpx"`` is timed too, as a reference for the part of the start-up that
the HTTP library alone costs. With ``--profile-dir``, ``python -X importtime`` breaks the
CLI's start-up down by top-level import.

Run by ``benchmarks/run.py``; on its own: ``python -m pytest benchmarks/startup.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.emulator_process import cli_command
from benchmarks.sizes import Sizes

GROUP = "startup"
IMPORT_TOP = 8


def run_command(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def time_command(benchmark: BenchmarkFixture, sizes: Sizes, command: list[str]) -> None:
    benchmark.group = GROUP
    benchmark.extra_info["command"] = " ".join(command)
    benchmark.pedantic(run_command, args=(command,), rounds=sizes.startup_rounds, warmup_rounds=1)


def test_python_pass(benchmark: BenchmarkFixture, sizes: Sizes) -> None:
    time_command(benchmark, sizes, [sys.executable, "-c", "pass"])


def test_python_import_httpx(benchmark: BenchmarkFixture, sizes: Sizes) -> None:
    time_command(benchmark, sizes, [sys.executable, "-c", "import httpx"])


def test_cli_help(benchmark: BenchmarkFixture, sizes: Sizes) -> None:
    time_command(benchmark, sizes, [*cli_command(), "--help"])


def test_cli_import_times(profile_dir: Path | None) -> None:
    """Write the slowest top-level imports of ``clicksend-sms --help`` to cli_imports.json."""
    if profile_dir is None:
        pytest.skip("no --profile-dir given")

    command = [sys.executable, "-X", "importtime", "-m", "clicksend_sms.cli", "--help"]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    imports = top_level_imports(result.stderr)
    assert any(name.startswith("clicksend_sms") for name, _ in imports)

    profile_dir.mkdir(parents=True, exist_ok=True)
    summary = {
        "command": "python -X importtime -m clicksend_sms.cli --help",
        "top_level_imports_ms": dict(imports[:IMPORT_TOP]),
    }
    (profile_dir / "cli_imports.json").write_text(json.dumps(summary, indent=2))


def top_level_imports(importtime_output: str) -> list[tuple[str, float]]:
    """Return (module, cumulative ms) of the imports not nested in another, slowest first.

    A line reads ``import time: <self us> | <cumulative us> | <indented module name>``; the
    name of a top-level import is indented by exactly one space.
    """
    imports = []
    for line in importtime_output.splitlines():
        fields = line.split("|")
        if len(fields) != 3 or not fields[1].strip().isdigit():
            continue
        name = fields[2]
        if name.startswith(" ") and not name.startswith("  "):
            imports.append((name.strip(), int(fields[1]) / 1000))
    return sorted(imports, key=lambda item: item[1], reverse=True)
