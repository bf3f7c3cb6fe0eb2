"""Turn the measurements of one run into derived figures and a markdown report."""

from __future__ import annotations

from typing import Any

# Targets the figures are judged against.
POLL_TARGET = 1.15  # trigger time at most 1.15 x the bare httpx loop's
MEMORY_TARGET = 1.10  # peak RSS of the large poll at most 1.10 x the small poll's


def timed_results(pytest_json: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return each pytest-benchmark result by test name: seconds and extra info."""
    results = {}
    for bench in pytest_json.get("benchmarks", []):
        stats = bench["stats"]
        results[bench["name"].removeprefix("test_")] = {
            "min": stats["min"],
            "median": stats["median"],
            "mean": stats["mean"],
            "stddev": stats["stddev"],
            "rounds": stats["rounds"],
            **bench.get("extra_info", {}),
        }
    return results


def poll_figures(timed: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """Return objects per second per contender and the trigger's time ratios."""
    names = ("trigger_emit_individually", "trigger_emit_page", "bare_httpx_loop", "official_sdk")
    if not all(name in timed for name in names):
        return None
    trigger, page, bare, sdk = (timed[name] for name in names)
    return {
        "objects": trigger["objects"],
        "requests": trigger["requests"],
        "objects_per_second": {
            name: timed[name]["objects"] / timed[name]["median"] for name in names
        },
        "trigger_to_bare": trigger["median"] / bare["median"],
        "trigger_to_bare_min": trigger["min"] / bare["min"],
        "trigger_to_sdk": trigger["median"] / sdk["median"],
        "emit_page_to_bare": page["median"] / bare["median"],
        "cpu_trigger_to_bare": trigger["cpu_seconds"] / bare["cpu_seconds"],
        "target": POLL_TARGET,
        "target_met": trigger["median"] / bare["median"] <= POLL_TARGET,
    }


def send_figures(timed: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    batch = timed.get("create_sms_batch")
    single = timed.get("create_sms_one_call_per_message")
    if batch is None or single is None:
        return None
    client = timed.get("client_construction")
    return {
        "messages": batch["messages"],
        "client_construction_ms": None if client is None else client["median"] * 1000,
        "batch_calls": batch["api_calls"],
        "single_calls": single["api_calls"],
        "batch_seconds": batch["median"],
        "single_seconds": single["median"],
        "time_ratio_single_to_batch": single["median"] / batch["median"],
        "messages_per_second_batch": batch["messages"] / batch["median"],
        "messages_per_second_single": single["messages"] / single["median"],
    }


STARTUP_COMMANDS = {
    "python_pass": "`python -c pass`",
    "python_import_httpx": '`python -c "import httpx"`',
    "cli_help": "`clicksend-sms --help`",
}


def startup_figures(timed: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    if not all(name in timed for name in STARTUP_COMMANDS):
        return None
    python, cli = timed["python_pass"], timed["cli_help"]
    return {
        "commands": {
            name: {
                "median_ms": timed[name]["median"] * 1000,
                "min_ms": timed[name]["min"] * 1000,
                "stddev_ms": timed[name]["stddev"] * 1000,
            }
            for name in STARTUP_COMMANDS
        },
        "rounds": cli["rounds"],
        "extra_ms": (cli["median"] - python["median"]) * 1000,
        "ratio": cli["median"] / python["median"],
    }


def render_markdown(results: dict[str, Any]) -> str:
    """Return the report: run facts, then one table per benchmark that ran."""
    lines = [*run_section(results)]
    sections = (
        ("poll", poll_section),
        ("memory", memory_section),
        ("requests", requests_section),
        ("send", send_section),
        ("startup", startup_section),
        ("cli_imports", imports_section),
        ("profile", profile_section),
    )
    for key, render in sections:
        if results.get(key):
            lines += ["", *render(results[key], results)]
    for name, error in results.get("failures", {}).items():
        lines += ["", f"FAILED {name}: {error}"]
    return "\n".join(lines) + "\n"


def run_section(results: dict[str, Any]) -> list[str]:
    machine = results["machine"]
    packages = ", ".join(f"{name} {ver}" for name, ver in machine["packages"].items())
    return [
        f"Run: `{results['command']}` ({results['sizes']['name']} sizes), {machine['date']}, "
        f"commit {machine['commit']}.",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gib']} GiB RAM, "
        f"{machine['os']}; {machine['python']}; {packages}.",
    ]


def poll_section(poll: dict[str, Any], results: dict[str, Any]) -> list[str]:
    timed = results["timed"]
    rate = poll["objects_per_second"]
    rows = [
        ("Trigger, emitIndividually (default)", "trigger_emit_individually"),
        ("Trigger, emitPage", "trigger_emit_page"),
        ("Bare httpx loop (floor)", "bare_httpx_loop"),
        (f"Official SDK ({timed['official_sdk'].get('sdk', 'clicksend')})", "official_sdk"),
    ]
    verdict = _verdict(poll["target_met"], results)
    return [
        f"### Poll throughput: {poll['objects']:,} SMS History rows, page size "
        f"{results['sizes']['page_size']}, {poll['requests']:,} requests",
        "",
        "| Contender | Median s | Min s | Objects/s | CPU s | Rounds |",
        "|---|---:|---:|---:|---:|---:|",
        *[
            f"| {label} | {timed[key]['median']:.3f} | {timed[key]['min']:.3f} | "
            f"{rate[key]:,.0f} | {timed[key]['cpu_seconds']:.3f} | {timed[key]['rounds']} |"
            for label, key in rows
        ],
        "",
        f"- Trigger time / bare loop time: **{poll['trigger_to_bare']:.2f}x** (median; "
        f"{poll['trigger_to_bare_min']:.2f}x on the minimum). Target {poll['target']}x: "
        f"{verdict}.",
        f"- Trigger time / official SDK time: **{poll['trigger_to_sdk']:.2f}x**.",
        f"- emitPage time / bare loop time: {poll['emit_page_to_bare']:.2f}x.",
        f"- Trigger CPU / bare loop CPU (connector process only): "
        f"{poll['cpu_trigger_to_bare']:.2f}x.",
    ]


def _verdict(met: bool, results: dict[str, Any]) -> str:
    if results["sizes"]["name"] == "smoke":
        return "not judged at smoke sizes"
    return "met" if met else "missed"


def memory_section(memory: dict[str, Any], results: dict[str, Any]) -> list[str]:
    met = memory["rss_ratio_large_to_small"] <= MEMORY_TARGET
    return [
        f"### Memory: polls over one data set of {memory['data_rows']:,} SMS History rows, "
        f"page size {memory['page_size']} (peak RSS by {memory['rss_method']})",
        "",
        "| Rows polled | Peak RSS MiB | tracemalloc peak MiB |",
        "|---:|---:|---:|",
        *[
            f"| {poll['rows']:,} | {poll['max_rss_kb'] / 1024:.1f} | "
            f"{poll['tracemalloc_peak_kb'] / 1024:.2f} |"
            for poll in memory["polls"]
        ],
        "",
        f"- Peak RSS, large / small poll: **{memory['rss_ratio_large_to_small']:.3f}x**. "
        f"Target within 10%: {_verdict(met, results)}.",
        f"- tracemalloc peak, large / small poll: "
        f"{memory['tracemalloc_ratio_large_to_small']:.3f}x.",
    ]


def requests_section(requests: dict[str, Any], results: dict[str, Any]) -> list[str]:
    del results
    return [
        f"### Requests per poll: N new rows after {requests['old_rows']:,} already polled",
        "",
        "| Type | N new | Page size | Trigger | Minimum ceil(N/P) | Fetch all and filter |",
        "|---|---:|---:|---:|---:|---:|",
        *[
            f"| {poll['type']} | {poll['new_rows']:,} | {poll['page_size']} | "
            f"{poll['trigger_requests']:,} | {poll['minimum_requests']:,} | "
            f"{poll['fetch_all_requests']:,} |"
            for poll in requests["polls"]
        ],
    ]


def send_section(send: dict[str, Any], results: dict[str, Any]) -> list[str]:
    del results
    lines = [
        f"### Bulk send: {send['messages']:,} messages through Create SMS",
        "",
        "| Method | API calls | Median s | Messages/s |",
        "|---|---:|---:|---:|",
        f"| One call with `messages: [...]` | {send['batch_calls']:,} | "
        f"{send['batch_seconds']:.2f} | {send['messages_per_second_batch']:,.0f} |",
        f"| One action call per message | {send['single_calls']:,} | "
        f"{send['single_seconds']:.2f} | {send['messages_per_second_single']:,.0f} |",
        "",
        f"- Time, one call per message / batch: **{send['time_ratio_single_to_batch']:.1f}x**.",
    ]
    if send["client_construction_ms"] is not None:
        lines.append(
            f"- Creating and closing one ClickSendClient, which each action call does: "
            f"{send['client_construction_ms']:.1f} ms (median)."
        )
    return lines


def startup_section(startup: dict[str, Any], results: dict[str, Any]) -> list[str]:
    del results
    commands = startup["commands"]
    return [
        f"### Start-up: {startup['rounds']} runs of each command, each a new process",
        "",
        "| Command | Median ms | Min ms | Std dev ms |",
        "|---|---:|---:|---:|",
        *[
            f"| {label} | {commands[name]['median_ms']:.1f} | {commands[name]['min_ms']:.1f} | "
            f"{commands[name]['stddev_ms']:.1f} |"
            for name, label in STARTUP_COMMANDS.items()
        ],
        "",
        f"- `clicksend-sms --help` takes {startup['extra_ms']:.0f} ms more than the bare "
        f"interpreter ({startup['ratio']:.1f}x).",
    ]


def imports_section(imports: dict[str, Any], results: dict[str, Any]) -> list[str]:
    del results
    return [
        f"### Slowest top-level imports of `clicksend-sms --help` (`{imports['command']}`)",
        "",
        "| Module | Cumulative ms |",
        "|---|---:|",
        *[
            f"| `{name}` | {milliseconds:.1f} |"
            for name, milliseconds in imports["top_level_imports_ms"].items()
        ],
    ]


def profile_section(profile: dict[str, Any], results: dict[str, Any]) -> list[str]:
    del results
    total = profile["total_seconds"]
    return [
        f"### Trigger profile (cProfile, one poll, {total:.2f} s profiled)",
        "",
        "Top functions by own time:",
        "",
        *profile_table(profile["top_by_own_time"][:10], total),
        "",
        "Connector functions (clicksend_sms) by own time:",
        "",
        *profile_table(profile["connector_by_own_time"][:10], total),
    ]


def profile_table(rows: list[dict[str, Any]], total: float) -> list[str]:
    return [
        "| Function | Calls | Own s | Cumulative s | Cumulative share |",
        "|---|---:|---:|---:|---:|",
        *[
            f"| `{row['function']}` | {row['calls']:,} | {row['own_seconds']:.3f} | "
            f"{row['cumulative_seconds']:.3f} | {row['cumulative_seconds'] / total:.0%} |"
            for row in rows
        ],
    ]
