# ruff: noqa: E402 (the repository root goes on sys.path before the benchmarks package loads)
"""Run every benchmark against one emulator process and write the results.

    python benchmarks/run.py            # full sizes; writes benchmarks/results/
    python benchmarks/run.py --smoke    # tiny sizes, well under a minute; a temporary folder

Exits non-zero when a benchmark fails. The smoke run checks that the benchmarks still work;
it does not judge the targets. docs/benchmarks.md explains the method and the figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import argparse
import json
import subprocess
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from benchmarks import memory, report, requests_per_poll
from benchmarks.emulator_process import EmulatorHandle, EmulatorProcess
from benchmarks.machine import machine_facts
from benchmarks.sizes import FULL, SMOKE, Sizes

DEFAULT_OUTPUT = REPO_ROOT / "benchmarks" / "results"
BENCHMARKS = ("poll", "memory", "requests", "send", "startup")
# The pytest-benchmark module of each timed benchmark.
TIMED_MODULES = {
    "poll": "benchmarks/poll_throughput.py",
    "send": "benchmarks/bulk_send.py",
    "startup": "benchmarks/startup.py",
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Run the connector benchmarks against a local emulator process.",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny sizes and one round each, to check that every benchmark still runs",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=BENCHMARKS,
        help="run only this benchmark; repeat for several (default: all)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help=f"folder for the results (default: {DEFAULT_OUTPUT.relative_to(REPO_ROOT)}, "
        "or a new temporary folder with --smoke)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    sizes = SMOKE if args.smoke else FULL
    selected = args.only or list(BENCHMARKS)
    output = args.output or (
        Path(tempfile.mkdtemp(prefix="clicksend-bench-")) if args.smoke else DEFAULT_OUTPUT
    )
    output.mkdir(parents=True, exist_ok=True)

    results: dict[str, Any] = {
        "command": " ".join(["python", "benchmarks/run.py", *argv]),
        "sizes": asdict(sizes),
        "machine": machine_facts(),
        "failures": {},
    }
    with EmulatorProcess() as emulator:
        run_all(results, emulator, sizes, selected, output)

    derive_figures(results, output)
    write_results(results, output)
    return 1 if results["failures"] else 0


def run_all(
    results: dict[str, Any],
    emulator: EmulatorHandle,
    sizes: Sizes,
    selected: list[str],
    output: Path,
) -> None:
    timed_modules = [TIMED_MODULES[name] for name in selected if name in TIMED_MODULES]
    if timed_modules:
        run_stage(results, "timed", lambda: run_pytest(emulator, sizes, timed_modules, output))
    if "memory" in selected:
        run_stage(results, "memory", lambda: memory.measure(emulator, sizes))
    if "requests" in selected:
        run_stage(results, "requests", lambda: requests_per_poll.measure(emulator, sizes))


def run_stage(results: dict[str, Any], name: str, stage: Callable[[], Any]) -> None:
    """Run one stage; record its result, or its error without stopping the other stages."""
    print(f"== {name}", file=sys.stderr, flush=True)
    try:
        results[name] = stage()
    except Exception as error:  # every failure is reported, then the run fails
        traceback.print_exc()
        results["failures"][name] = f"{type(error).__name__}: {error}"


def run_pytest(
    emulator: EmulatorHandle, sizes: Sizes, modules: list[str], output: Path
) -> dict[str, Any]:
    """Run the pytest-benchmark modules and return their results by test name."""
    json_path = output / "pytest-benchmark.json"
    command = [
        sys.executable,
        "-m",
        "pytest",
        *modules,
        "--emulator-url",
        emulator.base_url,
        "--sizes",
        sizes.name,
        "--profile-dir",
        str(output),
        "--benchmark-json",
        str(json_path),
        "--benchmark-columns=min,median,mean,stddev,rounds",
        "-p",
        "no:cacheprovider",
        "-q",
    ]
    completed = subprocess.run(command, cwd=REPO_ROOT, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"pytest exited with {completed.returncode}: {' '.join(command)}")
    return report.timed_results(json.loads(json_path.read_text()))


def derive_figures(results: dict[str, Any], output: Path) -> None:
    timed = results.get("timed", {})
    results["poll"] = report.poll_figures(timed)
    results["send"] = report.send_figures(timed)
    results["startup"] = report.startup_figures(timed)
    profile = output / "trigger_profile.json"
    if results["poll"] is not None and profile.exists():
        results["profile"] = json.loads(profile.read_text())
    imports = output / "cli_imports.json"
    if results["startup"] is not None and imports.exists():
        results["cli_imports"] = json.loads(imports.read_text())


def write_results(results: dict[str, Any], output: Path) -> None:
    markdown = report.render_markdown(results)
    (output / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (output / "results.md").write_text(markdown)
    print(markdown)
    print(f"Results written to {output}/results.json and results.md", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
