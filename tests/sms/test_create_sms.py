"""Create SMS against the emulator: batches, per-message outcomes and never sending twice."""

import logging
import re
import time

import pytest

from clicksend_sms.actions import lookup_objects, upsert_object
from clicksend_sms.api import ClickSendClient, RetryPolicy
from clicksend_sms.component import Event, ExecutionContext, Message, invoke
from clicksend_sms.errors import DeliveryStateUnknownError, InvalidInputError, RequestRejectedError
from clicksend_sms.sms.create import send_sms
from clicksend_sms.sms.messages import SOURCE, parse_messages
from clicksend_sms.sms.report import MessagesRejectedError
from tests.actions.helpers import run_action
from tests.actions.upsert_helpers import run_upsert

SEND_PATH = "/v3/sms/send"
_A_NUMBER = "+61411111111"
# The emulator returns COUNTRY_NOT_ENABLED for +850 numbers, and INVALID_SENDER_ID for a
# sender with a dash, which the connector lets through.
_A_DISABLED_NUMBER = "+85021234567"
_A_REJECTED_SENDER = "My-Shop"


def _send_requests(emulator):
    return [r for r in emulator.control.requests(SEND_PATH) if r["method"] == "POST"]


def _history(emulator):
    return emulator.control.objects("history")


def _create(emulator, body):
    return run_upsert(emulator.cfg, "create", "sms", body)


def _send_with_client(client, body):
    """Run send_sms with a prepared client; return the emitted bodies and any error."""
    events = []
    context = ExecutionContext(events.append)
    error = None
    try:
        send_sms(context, client, parse_messages(body, time.time()))
    except Exception as caught:  # the tests assert on the type
        error = caught
    return [e.payload["body"] for e in events if e.name == "data"], error


def test_single_message_sent_once(emulator):
    body = "Héllo & welcome #1 😀\r\nLine two\nLine three"

    run = _create(emulator, {"to": _A_NUMBER, "body": body, "from": "MyShop"})

    assert run.error is None
    [result] = run.bodies
    [message] = result["messages"]
    assert message["status"] == "SUCCESS"
    assert message["index"] == 0
    assert message["encoding"] == "Unicode"
    assert result["accepted_count"] == 1
    assert result["rejected_count"] == 0
    assert result["rejected"] == []
    assert result["batches"] == [{"number": 1, "state": "sent", "message_count": 1, "indexes": "0"}]
    [sent] = _send_requests(emulator)
    [entry] = sent["body"]["messages"]
    assert entry["body"] == body
    assert entry["source"] == SOURCE
    assert entry["custom_string"].startswith("csc-")
    [row] = _history(emulator)
    assert row["body"] == body
    assert row["custom_string"] == entry["custom_string"]


def test_numeric_sender_sent_whole(emulator):
    run = _create(emulator, {"to": _A_NUMBER, "body": "Hi", "from": "+61422222222"})

    assert run.error is None
    assert _send_requests(emulator)[0]["body"]["messages"][0]["from"] == "+61422222222"


def test_user_custom_string_kept(emulator):
    run = _create(emulator, {"to": _A_NUMBER, "body": "Hi", "customString": "order-1001"})

    assert run.error is None
    assert _history(emulator)[0]["custom_string"] == "order-1001"


def test_far_future_schedule_sends_nothing(emulator):
    run = _create(emulator, {"to": _A_NUMBER, "body": "Later", "schedule": "2099-01-01T00:00:00Z"})

    assert isinstance(run.error, InvalidInputError)
    assert run.error.field == "schedule"
    assert emulator.control.requests() == []


def test_iso_schedule_sent_as_unix_seconds(emulator):
    in_one_day = int(time.time()) + 86400
    iso = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(in_one_day))

    run = _create(emulator, {"to": _A_NUMBER, "body": "Later", "schedule": iso})

    assert run.error is None
    assert _send_requests(emulator)[0]["body"]["messages"][0]["schedule"] == in_one_day
    assert _history(emulator)[0]["status"] == "Scheduled"


def test_parts_reported_per_message(emulator):
    messages = [
        {"to": _A_NUMBER, "body": "a" * 160},
        {"to": _A_NUMBER, "body": "a" * 161},
        {"to": _A_NUMBER, "body": "ж" * 70},
        {"to": _A_NUMBER, "body": "ж" * 71},
    ]

    run = _create(emulator, {"messages": messages})

    assert run.error is None
    rows = run.bodies[0]["messages"]
    assert [(r["encoding"], r["characters"], r["parts"]) for r in rows] == [
        ("GSM-7", 160, 1),
        ("GSM-7", 161, 2),
        ("Unicode", 70, 1),
        ("Unicode", 71, 2),
    ]


def test_2500_messages_make_three_calls(emulator):
    messages = [{"to": f"+6141{i:07d}", "body": f"Message {i}"} for i in range(2500)]

    run = _create(emulator, {"messages": messages})

    assert run.error is None
    calls = _send_requests(emulator)
    assert [len(call["body"]["messages"]) for call in calls] == [1000, 1000, 500]
    history = _history(emulator)
    assert len(history) == 2500
    assert len({row["custom_string"] for row in history}) == 2500
    assert sorted(row["to"] for row in history) == sorted(m["to"] for m in messages)
    result = run.bodies[0]
    assert result["accepted_count"] == 2500
    assert result["queued_count"] == 2500
    assert [b["state"] for b in result["batches"]] == ["sent", "sent", "sent"]
    assert [row["index"] for row in result["messages"]] == list(range(2500))


def test_partial_rejection_reports_each(emulator):
    messages = [
        {"to": _A_NUMBER, "body": "ok"},
        {"to": _A_DISABLED_NUMBER, "body": "blocked"},
        {"to": "+61422222222", "body": "ok too"},
        {"to": _A_NUMBER, "body": "bad sender", "from": _A_REJECTED_SENDER},
    ]

    run = _create(emulator, {"messages": messages})

    assert isinstance(run.error, MessagesRejectedError)
    text = str(run.error)
    assert text == (
        "ClickSend rejected 2 of 4 messages: message 1 (COUNTRY_NOT_ENABLED), message 3 "
        "(INVALID_SENDER_ID). The other 2 were accepted. The emitted result lists each "
        "rejection under 'rejected'. Fix the rejected messages and send only those again; "
        "the accepted messages were sent and must not be sent again."
    )
    assert _A_DISABLED_NUMBER not in text
    [result] = run.bodies
    assert result["accepted_count"] == 2
    assert [(r["index"], r["status"]) for r in result["rejected"]] == [
        (1, "COUNTRY_NOT_ENABLED"),
        (3, "INVALID_SENDER_ID"),
    ]
    assert [r["index"] for r in result["messages"] if r["status"] == "SUCCESS"] == [0, 2]
    assert len(_send_requests(emulator)) == 1
    assert len(_history(emulator)) == 2


def test_all_rejected_fails(emulator):
    messages = [
        {"to": _A_DISABLED_NUMBER, "body": "x"},
        {"to": _A_NUMBER, "body": "y", "from": _A_REJECTED_SENDER},
    ]

    run = _create(emulator, {"messages": messages})

    assert isinstance(run.error, MessagesRejectedError)
    assert str(run.error) == (
        "ClickSend rejected 2 of 2 messages: message 0 (COUNTRY_NOT_ENABLED), message 1 "
        "(INVALID_SENDER_ID). None was accepted. The emitted result lists each rejection "
        "under 'rejected'. Fix the rejected messages and send them again; none was sent."
    )
    assert run.bodies[0]["accepted_count"] == 0
    assert _history(emulator) == []


def test_single_rejection_names_message(emulator):
    run = _create(emulator, {"to": _A_DISABLED_NUMBER, "body": "x"})

    assert isinstance(run.error, MessagesRejectedError)
    assert str(run.error) == (
        "ClickSend rejected the message: message 0 (COUNTRY_NOT_ENABLED). The emitted result "
        "lists the rejection under 'rejected'. Fix the rejected messages and send them again; "
        "none was sent."
    )


def test_rate_limit_before_sending_retried_once(emulator):
    emulator.control.fault("status", SEND_PATH, method="POST", status=429, retry_after=3)
    waits = []
    client = ClickSendClient.from_config(emulator.cfg, sleep=waits.append)

    bodies, error = _send_with_client(client, {"to": _A_NUMBER, "body": "Hi"})

    assert error is None
    assert waits == [3]
    assert len(_send_requests(emulator)) == 2
    assert len(_history(emulator)) == 1
    assert bodies[0]["accepted_count"] == 1


def test_dropped_after_sending_not_repeated(emulator):
    emulator.control.fault("drop_after", SEND_PATH, method="POST")

    run = _create(emulator, {"to": _A_NUMBER, "body": "Hi"})

    assert isinstance(run.error, DeliveryStateUnknownError)
    [sent] = _send_requests(emulator)
    custom_string = sent["body"]["messages"][0]["custom_string"]
    assert custom_string in str(run.error)
    assert "SMS History" in str(run.error)
    assert len(_history(emulator)) == 1
    [result] = run.bodies
    assert result["batches"] == [
        {
            "number": 1,
            "state": "unknown",
            "message_count": 1,
            "indexes": "0",
            "custom_strings": [custom_string],
            "error": result["batches"][0]["error"],
        }
    ]
    assert result["messages"] == []


def test_unknown_state_names_history_check(emulator, caplog):
    emulator.control.fault("drop_after", SEND_PATH, method="POST")
    messages = parse_messages({"to": _A_NUMBER, "body": "Hi", "customString": "mine-1"}, 0)
    context = ExecutionContext(lambda event: None)

    with (
        ClickSendClient.from_config(emulator.cfg) as client,
        pytest.raises(DeliveryStateUnknownError) as caught,
    ):
        send_sms(context, client, messages, clock=lambda: 1_800_000_059.5)

    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith("Batch 1 of 1 (1 message): delivery state unknown: ")

    assert caught.value.args[0] == (
        "The delivery state of batch 1 of 1 (messages 0) is unknown: the request may have "
        "reached ClickSend, but no response confirmed whether it was accepted. ClickSend "
        "cannot search SMS History by custom string. To check, list the history from "
        "2027-01-15T07:59:59Z, a minute before the send: `clicksend-sms lookup-many "
        "smsHistory --date-from 2027-01-15T07:59:59Z`, or Lookup Objects on SMS History with "
        "dateFrom 2027-01-15T07:59:59Z. Look for these custom_string values: mine-1. Send "
        "again only the messages missing there, after a few minutes: ClickSend does not "
        "document how soon a sent message appears."
    )


def test_history_check_finds_unknown_message(emulator):
    emulator.control.fault("drop_after", SEND_PATH, method="POST")

    run = _create(emulator, {"to": _A_NUMBER, "body": "Hi", "customString": "mine-1"})

    assert isinstance(run.error, DeliveryStateUnknownError)
    date_from = re.search(r"--date-from (\S+)`", str(run.error)).group(1)
    cfg = {**emulator.cfg, "objectType": "smsHistory"}
    rows = run_action(lookup_objects, cfg, {"dateFrom": date_from})
    assert [row["custom_string"] for row in rows] == ["mine-1"]


def test_server_error_after_sending_not_repeated(emulator):
    emulator.control.fault("status", SEND_PATH, method="POST", status=503, process=True)

    run = _create(emulator, {"to": _A_NUMBER, "body": "Hi", "customString": "mine-1"})

    assert isinstance(run.error, DeliveryStateUnknownError)
    assert "mine-1" in str(run.error)
    assert len(_send_requests(emulator)) == 1
    assert len(_history(emulator)) == 1


def test_truncated_answer_is_unknown(emulator):
    emulator.control.fault("truncate", SEND_PATH, method="POST")

    run = _create(emulator, {"to": _A_NUMBER, "body": "Hi", "customString": "mine-2"})

    assert isinstance(run.error, DeliveryStateUnknownError)
    assert "mine-2" in str(run.error)
    assert len(_send_requests(emulator)) == 1


def test_list_send_and_oversized_list_stop_later_batches(emulator):
    [small, big] = emulator.control.add("lists", [{"list_name": "Small"}, {"list_name": "Big"}])
    emulator.control.add(
        "contacts",
        [{"list_id": small["list_id"], "phone_number": f"+6142{i:07d}"} for i in range(3)]
        + [{"list_id": big["list_id"], "phone_number": f"+6143{i:07d}"} for i in range(1001)],
    )
    messages = [
        {"to": _A_NUMBER, "body": "direct"},
        {"listId": small["list_id"], "body": "to small list"},
        {"listId": big["list_id"], "body": "to big list"},
        {"to": "+61422222222", "body": "never sent"},
    ]

    run = _create(emulator, {"messages": messages})

    assert isinstance(run.error, RequestRejectedError)
    text = str(run.error)
    assert "Batch 3 of 4 was not sent" in text
    assert "Batch 1 (messages 0) was sent" in text
    assert "Batch 2 (messages 1) was sent" in text
    assert "Batch 4 (messages 3) was not attempted" in text
    [result] = run.bodies
    assert [b["state"] for b in result["batches"]] == ["sent", "sent", "failed", "not_attempted"]
    assert [r["index"] for r in result["messages"]] == [0, 1, 1, 1]
    assert len(_send_requests(emulator)) == 3
    assert len(_history(emulator)) == 4


def test_second_batch_unknown_names_each_batch(httpserver):
    accepted = {
        "http_code": 200,
        "response_code": "SUCCESS",
        "response_msg": "Messages queued for delivery.",
        "data": {
            "total_price": 0,
            "total_count": 2,
            "queued_count": 2,
            "blocked_count": 0,
            "messages": [
                {"to": _A_NUMBER, "status": "SUCCESS", "custom_string": "a-0", "message_id": "1"},
                {"to": _A_NUMBER, "status": "SUCCESS", "custom_string": "a-1", "message_id": "2"},
            ],
        },
    }
    httpserver.expect_ordered_request("/v3/sms/send", method="POST").respond_with_json(accepted)
    httpserver.expect_ordered_request("/v3/sms/send", method="POST").respond_with_json(
        {"http_code": 500, "response_code": "INTERNAL_SERVER_ERROR", "response_msg": "x"},
        status=500,
    )
    client = ClickSendClient(
        "user", "key", base_url=httpserver.url_for("/v3"), retry=RetryPolicy(max_attempts=3)
    )
    messages = parse_messages(
        {"messages": [{"to": _A_NUMBER, "body": "x", "customString": f"a-{i}"} for i in range(5)]},
        time.time(),
    )
    events: list[Event] = []

    with pytest.raises(DeliveryStateUnknownError) as caught:
        send_sms(ExecutionContext(events.append), client, messages, batch_size=2)

    text = str(caught.value)
    assert "batch 2 of 3 (messages 2-3) is unknown" in text
    assert "a-2, a-3" in text
    assert "Batch 1 (messages 0-1) was sent" in text
    assert "Batch 3 (messages 4) was not attempted" in text
    assert len(httpserver.log) == 2
    [result] = [e.payload["body"] for e in events if e.name == "data"]
    assert [b["state"] for b in result["batches"]] == ["sent", "unknown", "not_attempted"]
    assert result["batches"][1]["custom_strings"] == ["a-2", "a-3"]
    assert result["accepted_count"] == 2


def test_bad_messages_send_nothing(emulator):
    messages = [
        {"to": _A_NUMBER, "body": "fine"},
        {"to": _A_NUMBER, "body": "x", "from": "Way Too Long Sender"},
        {"to": [_A_NUMBER], "body": "x"},
        {"to": _A_NUMBER, "body": "x", "schedule": "2020-01-01T00:00:00Z"},
    ]

    run = _create(emulator, {"messages": messages})

    assert isinstance(run.error, InvalidInputError)
    assert run.error.field.split(", ") == [
        "messages[1].from",
        "messages[2].to",
        "messages[3].schedule",
    ]
    assert run.bodies == []
    assert emulator.control.requests() == []


def test_bad_recipient_stops_whole_send(emulator):
    messages = [{"to": _A_NUMBER, "body": "ok"}, {"to": "abc", "body": "x"}]

    run = _create(emulator, {"messages": messages})

    assert isinstance(run.error, InvalidInputError)
    assert run.error.field == "messages[1].to"
    assert str(run.error) == (
        "Invalid value for 'messages[1].to': \"abc\". A phone number has only digits, with "
        "an optional leading +, e.g. +61411111111."
    )
    assert run.bodies == []
    assert emulator.control.requests() == []


def test_local_number_without_country_sends_nothing(emulator):
    run = _create(emulator, {"to": "0411111111", "body": "Hi"})

    assert isinstance(run.error, InvalidInputError)
    assert run.error.field == "to"
    assert "Add 'country'" in run.error.fix
    assert emulator.control.requests() == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param({"to": 61411111111}, "+61411111111", id="json-number-international"),
        pytest.param({"to": "447777777777"}, "+447777777777", id="gb-without-plus"),
        pytest.param({"to": "0411111111", "country": "AU"}, "+61411111111", id="local-au"),
    ],
)
def test_number_without_plus_reaches_right_recipient(emulator, message, expected):
    run = _create(emulator, {**message, "body": "Hi"})

    assert run.error is None
    assert run.bodies[0]["messages"][0]["to"] == expected
    assert [row["to"] for row in _history(emulator)] == [expected]


def test_long_body_sends_nothing(emulator):
    run = _create(emulator, {"to": _A_NUMBER, "body": "a" * 2000})

    assert isinstance(run.error, InvalidInputError)
    assert run.error.field == "body"
    assert "14 SMS parts" in str(run.error)
    assert run.bodies == []
    assert emulator.control.requests() == []


def test_seven_parts_sent_with_warning(emulator, caplog):
    messages = [{"to": _A_NUMBER, "body": "short"}, {"to": _A_NUMBER, "body": "a" * 1000}]

    run = _create(emulator, {"messages": messages})

    assert run.error is None
    assert [row["parts"] for row in run.bodies[0]["messages"]] == [1, 7]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "More than 6 SMS parts in 1 message (input index 1): ClickSend cuts these off after 6 "
        "parts on accounts whose part limit is 6"
    ]
    assert len(_send_requests(emulator)) == 1


def test_sms_update_rejected(emulator):
    run = run_upsert(emulator.cfg, "update", "sms", {"idValue": "x", "body": "y"})

    assert isinstance(run.error, InvalidInputError)
    assert run.error.field == "objectType"
    assert emulator.control.requests() == []


@pytest.mark.parametrize("fault", [None, "drop_after"], ids=["rejection", "unknown"])
def test_info_logs_hold_no_numbers_or_bodies(emulator, caplog, fault):
    if fault is not None:
        emulator.control.fault(fault, SEND_PATH, method="POST")
    body = "Secret text for Jane"
    messages = [{"to": "+61499999901", "body": body}, {"to": _A_DISABLED_NUMBER, "body": body}]
    events = []
    context = ExecutionContext(events.append)
    step = {**emulator.cfg, "operation": "create", "objectType": "sms"}

    with caplog.at_level(logging.INFO):
        ok = invoke(upsert_object.process, context, Message(body={"messages": messages}), step)

    assert ok is False
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Batch 1 of 1" in logged
    for secret in ("+61499999901", _A_DISABLED_NUMBER, body, emulator.api_key):
        assert secret not in logged
