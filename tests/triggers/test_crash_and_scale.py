"""Crashes between emitting and saving lose nothing; memory does not grow with the data."""

import pytest

from clicksend_sms.triggers.scan import SCAN_CAPACITY
from tests.triggers.support import ID_FIELDS, NOW, UPPER, add_objects, run_poll


class CrashError(Exception):
    """Stands for the process dying: raised by the sink instead of saving a snapshot."""


def _crashing_sink(event_name: str, number: int, object_type: str):
    """Return a sink that dies at the ``number``-th ``event_name`` event, and its records.

    Snapshots before the crash count as saved; the crashing snapshot is not.
    """
    counts = {"data": 0, "snapshot": 0}
    saved: list = []
    emitted: list = []

    def sink(event):
        if event.name not in counts:
            return
        counts[event.name] += 1
        if event.name == event_name and counts[event.name] == number:
            raise CrashError
        if event.name == "data":
            emitted.append(event.payload["body"][ID_FIELDS[object_type]])
        else:
            saved.append(event.payload)

    return sink, saved, emitted


@pytest.mark.parametrize("object_type", ["smsHistory", "smsReceipts", "smsCampaigns"])
@pytest.mark.parametrize(
    ("event_name", "number"),
    [
        ("snapshot", 1),
        ("snapshot", 2),
        ("snapshot", 4),
        ("data", 1),
        ("data", 16),
        ("data", 20),
        ("data", 31),
        ("data", 89),
    ],
)
def test_crash_before_saving_loses_nothing(emulator, object_type, event_name, number):
    dates = [UPPER - 200 + i // 9 for i in range(90)]  # seconds of 9 straddle pages of 15
    ids = add_objects(emulator, object_type, dates)
    sink, saved, emitted = _crashing_sink(event_name, number, object_type)

    with pytest.raises(CrashError):
        run_poll(emulator, object_type=object_type, pageSize=15, on_event=sink)
    rerun = run_poll(emulator, saved[-1] if saved else None, object_type=object_type, pageSize=15)
    again = rerun.ids(object_type)

    assert set(emitted) | set(again) == set(ids)
    assert len(again) == len(set(again))
    # Only the crashed page's objects and the unfinished second before it come again.
    assert len(emitted) + len(again) - len(ids) <= 15 + 9


def test_memory_flat_for_100k_history(emulator):
    emulator.control.seed(
        "generated", collection="history", count=100_000, start=UPPER - 100_000, per_second=7
    )

    stats = run_poll(emulator).stats

    assert stats.objects_emitted == 100_000
    assert stats.pages == 1000
    assert stats.max_held <= 100


def test_memory_flat_for_receipt_scans(emulator):
    emulator.control.seed(
        "generated", collection="receipts", count=3_000, start=UPPER - 10_000, per_second=3
    )

    stats = run_poll(emulator, object_type="smsReceipts", now=NOW).stats

    assert stats.objects_emitted == 3_000
    assert stats.max_held <= SCAN_CAPACITY + 100
