"""SMS Receipts polling: no server filter or sort, so bounded repeated scans."""

import logging
import math

import pytest

from clicksend_sms.triggers.scan import SCAN_CAPACITY
from tests.triggers.support import NOW, UPPER, add_objects, run_poll


def test_receipts_emitted_once_in_order(emulator):
    dates = [UPPER - 30 + (i * 7) % 20 for i in range(120)]  # unsorted arrival, many ties
    ids = add_objects(emulator, "smsReceipts", dates)

    first = run_poll(emulator, object_type="smsReceipts", pageSize=15)
    second = run_poll(emulator, first.last_snapshot, object_type="smsReceipts", now=NOW + 5)

    assert sorted(first.ids("smsReceipts")) == sorted(ids)
    assert len(first.ids("smsReceipts")) == len(ids)
    keys = [(b["timestamp"], b["message_id"]) for b in first.bodies]
    assert keys == sorted(keys)
    assert second.bodies == []


def test_receipts_by_send_time(emulator):
    ids = add_objects(emulator, "smsReceipts", [UPPER - 3] * 20, field_name="timestamp_send")
    late = add_objects(emulator, "smsReceipts", [UPPER + 2], field_name="timestamp_send")

    first = run_poll(emulator, object_type="smsReceipts", pollConfig="timestamp_send")
    second = run_poll(
        emulator,
        first.last_snapshot,
        object_type="smsReceipts",
        pollConfig="timestamp_send",
        now=NOW + 10,
    )

    assert sorted(first.ids("smsReceipts")) == sorted(ids)
    assert second.ids("smsReceipts") == late


def test_receipts_never_marked_read(emulator):
    add_objects(emulator, "smsReceipts", [UPPER - 1] * 40)

    run_poll(emulator, object_type="smsReceipts", pageSize=15)
    methods = {r["method"] for r in emulator.control.requests()}
    again = run_poll(emulator, object_type="smsReceipts", pageSize=15)

    assert methods == {"GET"}
    assert len(again.bodies) == 40


@pytest.mark.parametrize("new", [45, SCAN_CAPACITY + 5])
def test_scan_cost_matches_formula(emulator, new):
    old = 200
    add_objects(emulator, "smsReceipts", [UPPER - 5000 + i for i in range(old)])
    first = run_poll(emulator, object_type="smsReceipts", now=NOW - 4000)
    add_objects(emulator, "smsReceipts", [UPPER - 3000 + i for i in range(new)])
    emulator.control.clear_requests()

    second = run_poll(emulator, first.last_snapshot, object_type="smsReceipts", pageSize=100)

    pages_per_scan = math.ceil((old + new) / 100)
    scans = new // SCAN_CAPACITY + 1
    assert len(second.bodies) == new
    assert len(emulator.control.requests("/v3/sms/receipts")) == scans * pages_per_scan
    assert second.stats.scans == scans


def test_scan_memory_bounded_by_capacity(emulator):
    count = 2 * SCAN_CAPACITY + 100
    add_objects(emulator, "smsReceipts", [UPPER - count + i % 1000 for i in range(count)])

    run = run_poll(emulator, object_type="smsReceipts", pageSize=50)

    assert len(run.bodies) == count
    assert len({body["message_id"] for body in run.bodies}) == count
    assert run.stats.scans == 3
    assert run.stats.max_held <= SCAN_CAPACITY + 50


def test_empty_receipts_list_is_explained(emulator, caplog):
    caplog.set_level(logging.INFO, logger="clicksend_sms.triggers.polling")

    run = run_poll(emulator, object_type="smsReceipts")

    assert run.bodies == []
    assert "delivery-report rule" in caplog.text
    assert "POLL" in caplog.text


@pytest.mark.parametrize("emit_behavior", ["emitIndividually", "emitPage"])
def test_receipt_pages(emulator, emit_behavior):
    ids = add_objects(emulator, "smsReceipts", [UPPER - 40 + i for i in range(32)])

    run = run_poll(emulator, object_type="smsReceipts", pageSize=15, emitBehavior=emit_behavior)

    if emit_behavior == "emitPage":
        assert [len(b["results"]) for b in run.bodies] == [15, 15, 2]
        assert [r["message_id"] for b in run.bodies for r in b["results"]] == ids
    else:
        assert run.ids("smsReceipts") == ids
