"""The control API: reset, switches, seeds, objects, request log, clock and state."""

from __future__ import annotations

import time

import pytest

from clicksend_sms.emulator.control import ControlApiError


def test_clock_freeze_advance_release(emulator):
    control = emulator.control
    assert control.set_clock(1_700_000_000) == 1_700_000_000
    assert control.now() == 1_700_000_000
    assert control.advance_clock(90) == 1_700_000_090
    real = control.real_clock()
    assert abs(real - time.time()) < 5


def test_clock_dates_new_objects(api, emulator, frozen):
    list_id = api.post("/lists", json={"list_name": "x"}).json()["data"]["list_id"]
    contact = api.post(f"/lists/{list_id}/contacts", json={"email": "a@example.com"}).json()
    assert contact["data"]["date_added"] == frozen
    emulator.control.advance_clock(10)
    contact_id = contact["data"]["contact_id"]
    updated = api.put(f"/lists/{list_id}/contacts/{contact_id}", json={"first_name": "A"}).json()
    assert (updated["data"]["date_added"], updated["data"]["date_updated"]) == (frozen, frozen + 10)


def test_reset_empties_and_restores_defaults(api, emulator, frozen):
    control = emulator.control
    control.seed("demo")
    control.switches(wrong_method=405)
    control.fault("status", "/v3/lists", status=500)
    api.get("/account")
    switches = control.reset()["switches"]
    state = control.state()
    assert switches["wrong_method"] == 404
    assert (state["history"], state["lists"], state["requests"]) == (0, 0, 0)
    assert state["faults"] == []
    assert state["clock"]["frozen"] is False


def test_reset_applies_given_switches(emulator):
    assert emulator.control.reset(timestamps="string")["switches"]["timestamps"] == "string"


@pytest.mark.parametrize(
    "switches",
    [
        pytest.param({"date_bounds": "open"}, id="bad-value"),
        pytest.param({"no_such_switch": 1}, id="unknown"),
        pytest.param({"rate_limit": {"limit": 0}}, id="bad-rate-limit"),
        pytest.param({"wrong_method": True}, id="bool-for-int"),
    ],
)
def test_invalid_switch_is_rejected(emulator, switches):
    with pytest.raises(ControlApiError, match="switch"):
        emulator.control.switches(**switches)


def test_string_timestamps_switch(api, emulator, demo):
    emulator.control.switches(timestamps="string")
    row = api.get("/sms/history").json()["data"]["data"][0]
    receipt = api.get("/sms/receipts").json()["data"]["data"][0]
    contact = api.get("/lists/428/contacts").json()["data"]["data"][0]
    campaign = api.get("/sms-campaigns").json()["data"]["data"][0]
    assert isinstance(row["date"], str)
    assert isinstance(receipt["timestamp"], str)
    assert isinstance(contact["date_updated"], str)
    assert isinstance(campaign["date_added"], str)
    assert int(row["date"]) == demo - 2 * 86_400


def test_receipt_status_code_string_switch(api, emulator, demo):
    emulator.control.switches(receipt_status_code="string")
    assert api.get("/sms/receipts").json()["data"]["data"][0]["status_code"] == "201"


def test_demo_seed_counts_and_people(api, emulator, demo):
    state = emulator.control.state()
    assert {
        k: state[k]
        for k in (
            "lists",
            "contacts",
            "templates",
            "campaigns",
            "history",
            "unread_receipts",
            "inbound",
        )
    } == {
        "lists": 3,
        "contacts": 6,
        "templates": 3,
        "campaigns": 3,
        "history": 5,
        "unread_receipts": 3,
        "inbound": 1,
    }
    jane = api.get("/lists/428/contacts").json()["data"]["data"][0]
    assert (jane["first_name"], jane["last_name"], jane["email"]) == (
        "Jane",
        "Citizen",
        "jane@example.com",
    )


def test_demo_history_has_a_tie(api, demo):
    dates = [row["date"] for row in api.get("/sms/history").json()["data"]["data"]]
    assert len(dates) != len(set(dates))


def test_generated_seed_is_deterministic(emulator, frozen):
    def load():
        emulator.control.reset()
        emulator.control.set_clock(frozen)
        emulator.control.seed("generated", collection="history", count=50, seed=7, start=1000)
        return emulator.control.objects("history")

    first, second = load(), load()
    assert first == second
    emulator.control.reset()
    emulator.control.set_clock(frozen)
    emulator.control.seed("generated", collection="history", count=50, seed=8, start=1000)
    assert emulator.control.objects("history") != first


def test_generated_seed_per_second_makes_ties(api, emulator, frozen):
    counts = emulator.control.seed(
        "generated", collection="history", count=1000, start=5000, per_second=250
    )
    assert counts == {"history": 1000}
    rows = emulator.control.objects("history")
    assert [row["date"] for row in rows[::250]] == [5000, 5001, 5002, 5003]
    same_second = api.get("/sms/history", params={"date_from": 5001, "date_to": 5001})
    assert same_second.json()["data"]["total"] == 250


@pytest.mark.parametrize(
    "collection", ["history", "receipts", "inbound", "lists", "contacts", "templates", "campaigns"]
)
def test_generated_seed_for_each_collection(emulator, frozen, collection):
    assert emulator.control.seed("generated", collection=collection, count=20) == {collection: 20}
    assert len(emulator.control.objects(collection)) == 20


def test_unknown_seed_is_rejected(emulator):
    with pytest.raises(ControlApiError, match="unknown seed"):
        emulator.control.seed("bogus")


def test_added_objects_get_defaults(emulator, frozen):
    history = emulator.control.add("history", [{"to": "+61298765432"}])[0]
    assert history["date"] == frozen
    assert len(history["message_id"]) == 36
    assert history["country"] == "AU"
    contact = emulator.control.add("contacts", [{"list_id": 55}])[0]
    assert contact["date_updated"] == frozen
    assert emulator.control.objects("lists")[0]["list_id"] == 55


def test_added_numeric_string_dates_become_ints(emulator, frozen):
    row = emulator.control.add("history", [{"date": "1715660441"}])[0]
    assert row["date"] == 1715660441


def test_added_duplicate_id_is_rejected(emulator, frozen):
    emulator.control.add("lists", [{"list_id": 1}])
    with pytest.raises(ControlApiError, match="already exists"):
        emulator.control.add("lists", [{"list_id": 1}])


def test_explicit_ids_push_counters_up(api, emulator, frozen):
    emulator.control.add("lists", [{"list_id": 5000}])
    assert api.post("/lists", json={"list_name": "next"}).json()["data"]["list_id"] == 5001


def test_contact_without_list_is_rejected(emulator):
    with pytest.raises(ControlApiError, match="list_id"):
        emulator.control.add("contacts", [{"first_name": "x"}])


def test_unknown_collection_is_rejected(emulator):
    with pytest.raises(ControlApiError, match="collection"):
        emulator.control.add("users", [{}])


def test_request_log_records_v3_requests(api, emulator):
    api.get("/sms/history", params={"page": 2, "q": "status:Sent"})
    api.post("/lists", json={"list_name": "x"})
    log = emulator.control.requests()
    assert [(e["method"], e["path"], e["status"]) for e in log] == [
        ("GET", "/v3/sms/history", 200),
        ("POST", "/v3/lists", 200),
    ]
    assert log[0]["query"] == {"page": "2", "q": "status:Sent"}
    assert log[1]["body"] == {"list_name": "x"}
    assert [e["path"] for e in emulator.control.requests("/v3/lists")] == ["/v3/lists"]
    emulator.control.clear_requests()
    assert emulator.control.requests() == []


def test_request_log_starts_empty_each_test(emulator):
    assert emulator.control.requests() == []
