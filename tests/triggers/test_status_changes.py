"""A status change is not a new object: history emits a message once, receipts carry delivery."""

from clicksend_sms.api import ClickSendClient
from tests.triggers.support import NOW, run_poll

RECEIPT_DELAY = 60


def _send_one(emulator) -> str:
    """Send one SMS to a number that is not a test number, so it gets a delivery receipt."""
    message = {"to": "+61499999999", "body": "Your order is ready", "source": "tests"}
    with ClickSendClient.from_config(emulator.cfg) as client:
        response = client.request("POST", "/sms/send", json={"messages": [message]})
    return str(response.data["messages"][0]["message_id"])


def test_history_emits_a_message_once_whatever_its_status(emulator):
    emulator.control.set_clock(NOW - 100)
    emulator.control.switches(receipt_delay=RECEIPT_DELAY)
    message_id = _send_one(emulator)

    first = run_poll(emulator)
    emulator.control.advance_clock(RECEIPT_DELAY + 100)
    later = NOW + RECEIPT_DELAY + 100
    second = run_poll(emulator, first.last_snapshot, now=later)
    receipts = run_poll(emulator, object_type="smsReceipts", now=later)

    assert [(b["message_id"], b["status"]) for b in first.bodies] == [(message_id, "Sent")]
    assert [b["message_id"] for b in second.bodies] == []
    history = emulator.control.objects("history")
    assert [row["status"] for row in history] == ["Completed"]
    assert [b["message_id"] for b in receipts.bodies] == [message_id]
    assert receipts.bodies[0]["status_code"] == 201
