"""Bulk send: Create SMS with ``messages: [...]`` against one action call per message.

Both go through Upsert Object (objectType sms, operation create) and ``invoke``, as the
platform runs them. API calls are counted from the emulator's request log.

Run by ``benchmarks/run.py``; on its own: ``python -m pytest benchmarks/bulk_send.py``.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.emulator_process import EmulatorHandle
from benchmarks.measure import CpuMeter
from benchmarks.sizes import Sizes
from benchmarks.trigger_poll import discard
from clicksend_sms.actions import upsert_object
from clicksend_sms.api import ClickSendClient
from clicksend_sms.component import ExecutionContext, Message, invoke

SEND_PATH = "/v3/sms/send"
GROUP = "send"
CLIENT_ROUNDS = 20


def outgoing_messages(count: int) -> list[dict[str, Any]]:
    """Return ``count`` distinct single-part messages to Australian mobile numbers."""
    return [
        {"to": f"+614{index:08d}", "body": f"Benchmark message {index}: your order is ready."}
        for index in range(count)
    ]


def send_cfg(emulator: EmulatorHandle) -> dict[str, Any]:
    return {**emulator.cfg, "operation": "create", "objectType": "sms"}


def send(cfg: dict[str, Any], body: dict[str, Any]) -> None:
    """Run Create SMS once; raise when the action emitted an error."""
    ok = invoke(upsert_object.process, ExecutionContext(discard), Message(body=body), cfg, {})
    if not ok:
        raise RuntimeError("Create SMS emitted an error")


def reset_emulator(emulator: EmulatorHandle) -> None:
    """Empty the emulator before a round; returns None, as pedantic's ``setup`` must."""
    emulator.control.reset()


def check_sent(emulator: EmulatorHandle, messages: int) -> int:
    """Check that the last round stored every message; return its API calls."""
    control = emulator.control
    stored = control.state()["counts"]["history"]
    assert stored == messages, f"the emulator stored {stored} of {messages} messages"
    return len(control.requests(SEND_PATH))


def test_create_sms_batch(
    benchmark: BenchmarkFixture, emulator: EmulatorHandle, sizes: Sizes
) -> None:
    cfg = send_cfg(emulator)
    body = {"messages": outgoing_messages(sizes.bulk_messages)}
    meter = CpuMeter(lambda: send(cfg, body))

    benchmark.group = GROUP
    benchmark.pedantic(meter, setup=partial(reset_emulator, emulator), rounds=sizes.bulk_rounds)

    calls = check_sent(emulator, sizes.bulk_messages)
    benchmark.extra_info.update(
        messages=sizes.bulk_messages, api_calls=calls, cpu_seconds=meter.per_call
    )


def test_create_sms_one_call_per_message(
    benchmark: BenchmarkFixture, emulator: EmulatorHandle, sizes: Sizes
) -> None:
    cfg = send_cfg(emulator)
    messages = outgoing_messages(sizes.bulk_messages)

    def send_each() -> None:
        for message in messages:
            send(cfg, message)

    meter = CpuMeter(send_each)
    benchmark.group = GROUP
    benchmark.pedantic(
        meter, setup=partial(reset_emulator, emulator), rounds=sizes.single_loop_rounds
    )

    calls = check_sent(emulator, sizes.bulk_messages)
    benchmark.extra_info.update(
        messages=sizes.bulk_messages, api_calls=calls, cpu_seconds=meter.per_call
    )


def test_client_construction(benchmark: BenchmarkFixture, emulator: EmulatorHandle) -> None:
    """Time creating and closing a ClickSendClient, which every action call does once."""

    def construct() -> None:
        ClickSendClient.from_config(emulator.cfg).close()

    benchmark.group = "client"
    benchmark.pedantic(construct, rounds=CLIENT_ROUNDS, warmup_rounds=1)
