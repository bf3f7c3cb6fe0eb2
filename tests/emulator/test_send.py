"""Sending: per-message outcomes, list expansion, limits, test numbers, receipts, schedules."""

from __future__ import annotations

import pytest

OTHER_NUMBER = "+61298765432"  # not a ClickSend test number: charged, gets a receipt
TEST_NUMBER = "+61411111111"


def _send(api, *messages, **extra):
    response = api.post("/sms/send", json={"messages": list(messages), **extra})
    assert response.status_code == 200
    return response.json()["data"]


def test_partial_failure_is_http_200_with_statuses(api, frozen):
    data = _send(
        api,
        {"to": OTHER_NUMBER, "body": "ok"},
        {"to": "not-a-number", "body": "x"},
        {"to": "+6112", "body": "too short"},
        {"to": "+850212345678", "body": "blocked"},
        {"to": OTHER_NUMBER, "body": ""},
        {"to": OTHER_NUMBER, "body": "x", "schedule": "tomorrow"},
        {"to": OTHER_NUMBER, "body": "x", "from": "Far Too Long Sender"},
    )
    statuses = [m["status"] for m in data["messages"]]
    assert statuses == [
        "SUCCESS",
        "INVALID_RECIPIENT",
        "INVALID_RECIPIENT",
        "COUNTRY_NOT_ENABLED",
        "EMPTY_MESSAGE",
        "INVALID_SCHEDULE",
        "INVALID_SENDER_ID",
    ]
    assert (data["total_count"], data["queued_count"], data["blocked_count"]) == (7, 1, 2)


def test_rejected_message_has_reduced_shape(api, frozen):
    rejected = _send(api, {"to": "abc", "body": "x", "custom_string": "r1"})["messages"][0]
    assert set(rejected) == {
        "to",
        "body",
        "from",
        "schedule",
        "message_id",
        "message_parts",
        "message_price",
        "custom_string",
        "is_shared_system_number",
        "country",
        "carrier",
        "status",
    }
    assert (rejected["schedule"], rejected["message_parts"], rejected["message_price"]) == (
        "",
        0,
        "0.0000",
    )
    assert rejected["custom_string"] == "r1"
    assert len(rejected["message_id"]) == 36


def test_accepted_message_fields(api, frozen):
    data = _send(
        api, {"to": "0298765432", "body": "Hello", "custom_string": "ref-9", "from": "Example"}
    )
    sent = data["messages"][0]
    assert sent["to"] == "+61298765432"
    assert (sent["date"], sent["schedule"], sent["direction"]) == (frozen, frozen, "out")
    assert (sent["custom_string"], sent["from"], sent["country"]) == ("ref-9", "Example", "AU")
    assert (sent["message_parts"], sent["message_price"]) == (1, "0.0792")
    assert sent["is_shared_system_number"] is False
    assert sent["message_id"] == sent["message_id"].upper()
    assert data["total_price"] == pytest.approx(0.0792)
    assert data["_currency"]["currency_name_short"] == "AUD"


@pytest.mark.parametrize(
    ("to", "country", "expected"),
    [
        pytest.param("+61411111111", None, "+61411111111", id="e164"),
        pytest.param("61411111111", None, "+61411111111", id="international-without-plus"),
        pytest.param("61411111111", "AU", "+61411111111", id="international-with-country"),
        pytest.param("447777777777", None, "+447777777777", id="gb-without-plus"),
        pytest.param("0411111111", None, "+61411111111", id="local-default-au"),
        pytest.param("07777777777", "GB", "+447777777777", id="local-with-country"),
        pytest.param("0044 7777 777777", None, "+447777777777", id="double-zero"),
        pytest.param("+61 (4) 1111-1111", None, "+61411111111", id="separators"),
    ],
)
def test_recipient_normalised_to_e164(api, frozen, to, country, expected):
    message = {"to": to, "body": "x"}
    if country is not None:
        message["country"] = country

    [result] = _send(api, message)["messages"]

    assert result["status"] == "SUCCESS"
    assert result["to"] == expected


@pytest.mark.parametrize(
    "to",
    [
        pytest.param("+0411111111", id="calling-code-zero"),
        pytest.param("6141111", id="seven-digits"),
        pytest.param("+6141111111111111", id="sixteen-digits"),
        pytest.param("0411111111x", id="letter"),
    ],
)
def test_invalid_recipient_rejected(api, frozen, to):
    [result] = _send(api, {"to": to, "body": "x"})["messages"]

    assert result["status"] == "INVALID_RECIPIENT"
    assert result["to"] == to


def test_contact_number_without_plus_is_international(api, demo):
    response = api.post("/lists/428/contacts", json={"phone_number": "61298765432"})

    assert response.status_code == 200
    assert response.json()["data"]["phone_number"] == "+61298765432"


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        pytest.param("a" * 160, 1, id="gsm-160"),
        pytest.param("a" * 161, 2, id="gsm-161"),
        pytest.param("a" * 306, 2, id="gsm-306"),
        pytest.param("a" * 307, 3, id="gsm-307"),
        pytest.param("é" * 160, 1, id="gsm-accented"),
        pytest.param("ж" * 70, 1, id="unicode-70"),
        pytest.param("ж" * 71, 2, id="unicode-71"),
        pytest.param("a\n" * 54, 2, id="line-breaks-count-double"),
        pytest.param("[" * 81, 2, id="gsm-extension-counts-double"),
    ],
)
def test_message_parts(api, frozen, body, parts):
    assert _send(api, {"to": OTHER_NUMBER, "body": body})["messages"][0]["message_parts"] == parts


def test_test_number_is_free_and_has_no_receipt(api, emulator, frozen):
    sent = _send(api, {"to": TEST_NUMBER, "body": "Hello"})
    message = sent["messages"][0]
    assert (message["message_parts"], message["message_price"]) == (0, "0.0000")
    assert sent["total_price"] == 0
    assert api.get("/sms/receipts").json()["data"]["total"] == 0
    assert api.get(f"/sms/receipts/{message['message_id']}").status_code == 404
    row = api.get("/sms/history").json()["data"]["data"][0]
    assert (row["status"], row["status_code"], row["status_text"]) == ("Completed", None, None)


def test_other_number_gets_history_and_unread_receipt(api, frozen):
    message = _send(api, {"to": OTHER_NUMBER, "body": "Hello", "custom_string": "c-1"})["messages"][
        0
    ]
    row = api.get("/sms/history").json()["data"]["data"][0]
    assert (row["message_id"], row["status"], row["status_code"]) == (
        message["message_id"],
        "Completed",
        "201",
    )
    assert (row["custom_string"], row["schedule"], row["date"]) == ("c-1", str(frozen), frozen)
    receipts = api.get("/sms/receipts").json()["data"]["data"]
    assert [r["message_id"] for r in receipts] == [message["message_id"]]
    assert (receipts[0]["status_code"], receipts[0]["custom_string"]) == (201, "c-1")


def test_receipt_delay_keeps_message_sent_until_due(api, emulator, frozen):
    emulator.control.switches(receipt_delay=30)
    _send(api, {"to": OTHER_NUMBER, "body": "Hello"})
    assert api.get("/sms/history").json()["data"]["data"][0]["status"] == "Sent"
    assert api.get("/sms/receipts").json()["data"]["total"] == 0
    emulator.control.advance_clock(30)
    assert api.get("/sms/history").json()["data"]["data"][0]["status"] == "Completed"
    receipt = api.get("/sms/receipts").json()["data"]["data"][0]
    assert (receipt["timestamp_send"], receipt["timestamp"]) == (frozen, frozen + 30)


def test_scheduled_message_waits_for_clock(api, emulator, frozen):
    message = _send(api, {"to": OTHER_NUMBER, "body": "Later", "schedule": frozen + 600})[
        "messages"
    ][0]
    assert message["schedule"] == frozen + 600
    assert api.get("/sms/history").json()["data"]["data"][0]["status"] == "Scheduled"
    emulator.control.advance_clock(599)
    assert api.get("/sms/history").json()["data"]["data"][0]["status"] == "Scheduled"
    emulator.control.advance_clock(1)
    assert api.get("/sms/history").json()["data"]["data"][0]["status"] == "Completed"
    receipt = api.get("/sms/receipts").json()["data"]["data"][0]
    assert receipt["timestamp_send"] == frozen + 600


def test_past_schedule_sends_now(api, frozen):
    message = _send(api, {"to": OTHER_NUMBER, "body": "x", "schedule": frozen - 5})["messages"][0]
    assert message["schedule"] == frozen


def test_cancelled_message_never_sends(api, emulator, frozen):
    message = _send(api, {"to": OTHER_NUMBER, "body": "Later", "schedule": frozen + 60})[
        "messages"
    ][0]
    api.put(f"/sms/{message['message_id']}/cancel")
    emulator.control.advance_clock(120)
    assert api.get("/sms/history").json()["data"]["data"][0]["status"] == "Cancelled"
    assert api.get("/sms/receipts").json()["data"]["total"] == 0


def test_cancel_of_sent_message_is_400(api, frozen):
    message = _send(api, {"to": OTHER_NUMBER, "body": "now"})["messages"][0]
    response = api.put(f"/sms/{message['message_id']}/cancel")
    assert response.status_code == 400
    assert response.json()["data"] is None


def test_cancel_all_by_custom_string(api, frozen):
    _send(
        api,
        {"to": OTHER_NUMBER, "body": "a", "schedule": frozen + 60, "custom_string": "x"},
        {"to": OTHER_NUMBER, "body": "b", "schedule": frozen + 60, "custom_string": "y"},
    )
    assert api.put("/sms/cancel-all", json={"custom_string": "x"}).json()["data"] == {"count": 1}
    statuses = [r["status"] for r in api.get("/sms/history").json()["data"]["data"]]
    assert statuses == ["Cancelled", "Scheduled"]


def test_list_id_expands_to_one_result_per_contact(api, demo):
    data = _send(
        api, {"to": OTHER_NUMBER, "body": "direct"}, {"list_id": 428, "body": "to the list"}
    )
    assert data["total_count"] == 5
    listed = data["messages"][1:]
    assert [m["to"] for m in listed] == [
        "+61411111111",
        "+61422222222",
        "+14055555555",
        "+447777777777",
    ]
    assert {m["list_id"] for m in listed} == {"428"}
    history = api.get("/sms/history", params={"order_by": "date:desc", "limit": 15}).json()
    newest = history["data"]["data"][0]
    assert (newest["first_name"], newest["last_name"]) == ("Sam", "Sample")


def test_unknown_list_gives_rejected_result(api, demo):
    message = _send(api, {"list_id": 999, "body": "x"})["messages"][0]
    assert message["status"] == "NOT_ENOUGH_PERMISSION_TO_LIST_ID"


def test_disabled_prefixes_switch(api, emulator, frozen):
    emulator.control.switches(disabled_prefixes=["+44"])
    message = _send(api, {"to": "+447777777777", "body": "x"})["messages"][0]
    assert message["status"] == "COUNTRY_NOT_ENABLED"


def test_1000_messages_accepted(api, frozen):
    data = _send(api, *[{"to": TEST_NUMBER, "body": "x"}] * 1000)
    assert data["queued_count"] == 1000


def test_1001_messages_rejected_with_400(api, emulator, frozen):
    response = api.post("/sms/send", json={"messages": [{"to": TEST_NUMBER, "body": "x"}] * 1001})
    assert response.status_code == 400
    assert response.json()["data"] is None
    assert emulator.control.state()["history"] == 0


def test_list_expansion_counts_towards_1000(api, emulator, frozen):
    emulator.control.seed("generated", collection="contacts", count=1000, list_id=5)
    response = api.post(
        "/sms/send",
        json={"messages": [{"list_id": 5, "body": "x"}, {"to": TEST_NUMBER, "body": "x"}]},
    )
    assert response.status_code == 400


def test_campaign_sends_to_list_at_schedule(api, emulator, demo):
    campaign = api.post(
        "/sms-campaigns/send",
        json={
            "list_id": 429,
            "name": "Later",
            "from": "Example",
            "body": "Meeting",
            "schedule": demo + 60,
        },
    ).json()["data"]
    before = api.get("/sms/history", params={"q": "status:Completed"}).json()["data"]["total"]
    emulator.control.advance_clock(60)
    viewed = api.get(f"/sms-campaigns/{campaign['sms_campaign_id']}").json()["data"]
    assert viewed["status"] == "Sent"
    rows = api.get("/sms/history", params={"q": "status:Completed"}).json()["data"]["data"]
    mine = [r for r in rows if r["custom_string"] == campaign["custom_string"]]
    assert len(rows) == before + 2
    assert {r["to"] for r in mine} == {"+61433333333", "+61444444444"}


def test_campaign_update_without_schedule_sends_now_by_default(api, emulator, demo):
    campaign = api.post(
        "/sms-campaigns/send",
        json={
            "list_id": 429,
            "name": "Later",
            "from": "Example",
            "body": "x",
            "schedule": demo + 600,
        },
    ).json()["data"]
    path = f"/sms-campaigns/{campaign['sms_campaign_id']}"
    assert api.put(path, json={"name": "Renamed"}).json()["data"]["status"] == "Sent"


def test_campaign_update_keeps_schedule_by_switch(api, emulator, demo):
    emulator.control.switches(campaign_update_schedule="keep")
    campaign = api.post(
        "/sms-campaigns/send",
        json={
            "list_id": 429,
            "name": "Later",
            "from": "Example",
            "body": "x",
            "schedule": demo + 600,
        },
    ).json()["data"]
    updated = api.put(
        f"/sms-campaigns/{campaign['sms_campaign_id']}", json={"name": "Renamed"}
    ).json()["data"]
    assert (updated["status"], updated["schedule"]) == ("Scheduled", demo + 600)


def test_receipts_read_all(api, demo):
    api.put("/sms/receipts-read")
    assert api.get("/sms/receipts").json()["data"]["total"] == 0


@pytest.mark.parametrize(("bounds", "left"), [("inclusive", 1), ("exclusive", 2)])
def test_receipts_read_with_date_before(api, emulator, frozen, bounds, left):
    emulator.control.switches(date_bounds=bounds)
    emulator.control.add("receipts", [{"timestamp": 100}, {"timestamp": 200}, {"timestamp": 300}])
    api.put("/sms/receipts-read", json={"date_before": 200})
    assert api.get("/sms/receipts").json()["data"]["total"] == left


def test_read_receipt_still_viewable_by_id(api, emulator, frozen):
    receipt = emulator.control.add("receipts", [{"timestamp": 100}])[0]
    api.put("/sms/receipts-read")
    response = api.get(f"/sms/receipts/{receipt['message_id']}")
    assert response.status_code == 200
    assert response.json()["data"]["message_id"] == receipt["message_id"]


def test_inbound_read_hides_messages(api, demo):
    assert api.put("/sms/inbound-read").json()["response_msg"] == (
        "Inbound messages have been marked as read."
    )
    assert api.get("/sms/inbound").json()["data"]["total"] == 0
