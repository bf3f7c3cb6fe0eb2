"""Sample runs: one small page, no snapshot, and a clear error when nothing is found."""

import pytest

from clicksend_sms.component import ExecutionContext, Message, invoke
from clicksend_sms.triggers import polling
from clicksend_sms.triggers.polling import NoObjectFoundError
from tests.triggers.support import UPPER, add_objects, run_poll


@pytest.mark.parametrize("object_type", ["smsHistory", "smsReceipts", "smsCampaigns"])
def test_sample_emits_ten_from_one_request(emulator, object_type):
    ids = add_objects(emulator, object_type, [UPPER - 100 + i for i in range(40)])

    run = run_poll(emulator, object_type=object_type, sample=True)

    requests = emulator.control.requests()
    assert run.ids(object_type) == ids[:10]
    assert run.snapshots == []
    assert len(requests) == 1
    assert requests[0]["query"]["limit"] == "15"


def test_sample_page(emulator):
    ids = add_objects(emulator, "smsHistory", [UPPER - 5] * 30)

    run = run_poll(emulator, sample=True, emitBehavior="emitPage")

    # One request of 15 objects, of which the first 10 in server order (all one second).
    shown = [r["message_id"] for r in run.bodies[0]["results"]]
    assert len(run.bodies) == 1
    assert len(emulator.control.requests("/v3/sms/history")) == 1
    assert len(shown) == 10
    assert len(set(shown)) == 10
    assert set(shown) <= set(ids)


def test_sample_ignores_objects_inside_lag(emulator):
    add_objects(emulator, "smsHistory", [UPPER + 5])

    with pytest.raises(NoObjectFoundError):
        run_poll(emulator, sample=True)


def test_empty_sample_is_an_error(emulator):
    events = []
    cfg = {**emulator.cfg, "objectType": "smsHistory", "pollConfig": "date"}

    ok = invoke(polling.process, ExecutionContext(events.append, sample=True), Message(), cfg, {})

    assert ok is False
    assert [e.name for e in events] == ["error", "end"]
    assert events[0].payload["name"] == "NoObjectFoundError"
    assert events[0].payload["message"].startswith("No object found")


def test_empty_normal_poll_emits_no_data(emulator):
    run = run_poll(emulator)

    assert run.bodies == []
    assert len(run.snapshots) == 1


def test_sample_with_future_start_time(emulator):
    add_objects(emulator, "smsHistory", [UPPER - 1])

    with pytest.raises(NoObjectFoundError) as caught:
        run_poll(emulator, sample=True, startTime="2030-01-01T00:00:00Z")

    assert "after 2030-01-01T00:00:00Z" in str(caught.value)
    assert emulator.control.requests() == []
