"""Delete Object By ID against the emulator, including a DELETE whose first response is lost."""

import pytest

from clicksend_sms.actions import delete_object, lookup_object
from clicksend_sms.api import RetryPolicy
from clicksend_sms.errors import NotFoundError, RateLimitError, TransientError
from clicksend_sms.objects import get_object_type
from tests.actions.helpers import api_requests, assert_matches_out_schema, run_action

CONTACT_LIST = get_object_type("contactList")
CONTACT = get_object_type("contact")


class RecordedSleep:
    """A sleep function that returns at once and records the waits."""

    def __init__(self):
        self.waits = []

    def __call__(self, seconds):
        self.waits.append(seconds)


def _cfg(emulator, object_type):
    return {**emulator.cfg, "objectType": object_type}


def _deletes(emulator):
    return [r for r in api_requests(emulator) if r["method"] == "DELETE"]


def test_contact_list_deleted(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    cfg = _cfg(emulator, "contactList")

    bodies = run_action(delete_object, cfg, {"idValue": list_id})

    assert bodies == [
        {
            "result": {
                "id": list_id,
                "objectType": "contactList",
                "deleted": True,
                "message": f"List #{list_id} has been deleted.",
            }
        }
    ]
    assert_matches_out_schema(delete_object, cfg, bodies)
    with pytest.raises(NotFoundError):
        run_action(lookup_object, cfg, {"idValue": list_id})


def test_contact_deleted(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    [contact, other] = emulator.control.add("contacts", [{"list_id": list_id}] * 2)
    cfg = _cfg(emulator, "contact")

    bodies = run_action(delete_object, cfg, {"idValue": contact["contact_id"], "listId": list_id})

    result = bodies[0]["result"]
    assert result["id"] == contact["contact_id"]
    assert result["listId"] == list_id
    assert result["deleted"] is True
    assert result["message"] == f"Contact #{contact['contact_id']} has been deleted."
    assert _deletes(emulator)[0]["path"] == f"/v3/lists/{list_id}/contacts/{contact['contact_id']}"
    assert_matches_out_schema(delete_object, cfg, bodies)
    remaining = run_action(lookup_object, cfg, {"idValue": other["contact_id"], "listId": list_id})
    assert remaining[0]["contact_id"] == other["contact_id"]


def test_missing_list_names_type_and_id(emulator):
    with pytest.raises(NotFoundError) as caught:
        run_action(delete_object, _cfg(emulator, "contactList"), {"idValue": 987654})

    assert "Contact List 987654 was not found" in str(caught.value)
    assert len(_deletes(emulator)) == 1


def test_missing_contact_names_type_and_ids(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    body = {"idValue": 987654, "listId": contact_list["list_id"]}

    with pytest.raises(NotFoundError) as caught:
        run_action(delete_object, _cfg(emulator, "contact"), body)

    expected = f"Contact 987654 in Contact List {contact_list['list_id']} was not found"
    assert expected in str(caught.value)


def test_contact_in_missing_list_not_found(emulator):
    with pytest.raises(NotFoundError) as caught:
        run_action(delete_object, _cfg(emulator, "contact"), {"idValue": 1, "listId": 987654})

    assert "Contact 1 in Contact List 987654 was not found" in str(caught.value)


# --- a first attempt that gets no usable response --------------------------------------------


def test_lost_answer_then_404_counts_as_deleted(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    emulator.control.fault("drop_after", f"/v3/lists/{list_id}", method="DELETE")
    sleep = RecordedSleep()

    body = delete_object.delete(emulator.cfg, CONTACT_LIST, str(list_id), None, sleep=sleep)

    result = body["result"]
    assert result["deleted"] is True
    assert result["id"] == list_id
    assert "already gone" in result["message"]
    assert "most likely deleted it" in result["message"]
    assert [r["status"] for r in _deletes(emulator)][-1] == 404
    assert len(_deletes(emulator)) == 2
    assert len(sleep.waits) == 1


def test_processed_5xx_then_404_counts_as_deleted(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    [contact] = emulator.control.add("contacts", [{"list_id": list_id}])
    path = f"/v3/lists/{list_id}/contacts/{contact['contact_id']}"
    emulator.control.fault("status", path, method="DELETE", status=502, process=True)

    body = delete_object.delete(
        emulator.cfg, CONTACT, str(contact["contact_id"]), str(list_id), sleep=RecordedSleep()
    )

    assert body["result"]["deleted"] is True
    assert "(HTTP 502)" in body["result"]["message"]
    assert [r["status"] for r in _deletes(emulator)] == [502, 404]


def test_unprocessed_5xx_then_success_uses_clicksend_message(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    emulator.control.fault("status", f"/v3/lists/{list_id}", method="DELETE", status=503)

    body = delete_object.delete(
        emulator.cfg, CONTACT_LIST, str(list_id), None, sleep=RecordedSleep()
    )

    assert body["result"]["message"] == f"List #{list_id} has been deleted."
    assert [r["status"] for r in _deletes(emulator)] == [503, 200]


def test_rate_limited_then_404_is_not_found(emulator):
    # ClickSend returns a 429 before processing, so a 404 afterwards means the list never existed.
    emulator.control.fault("status", "/v3/lists/987654", method="DELETE", status=429, retry_after=3)
    sleep = RecordedSleep()

    with pytest.raises(NotFoundError) as caught:
        delete_object.delete(emulator.cfg, CONTACT_LIST, "987654", None, sleep=sleep)

    assert "Contact List 987654 was not found" in str(caught.value)
    assert sleep.waits == [3]
    assert [r["status"] for r in _deletes(emulator)] == [429, 404]


def test_retry_after_beyond_budget_raises_first_failure(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    path = f"/v3/lists/{list_id}"
    emulator.control.fault("status", path, method="DELETE", status=429, retry_after=3600)
    sleep = RecordedSleep()

    with pytest.raises(RateLimitError):
        delete_object.delete(emulator.cfg, CONTACT_LIST, str(list_id), None, sleep=sleep)

    assert sleep.waits == []
    assert len(_deletes(emulator)) == 1


def test_first_attempt_404_is_not_retried(emulator):
    with pytest.raises(NotFoundError):
        delete_object.delete(emulator.cfg, CONTACT_LIST, "987654", None, sleep=RecordedSleep())

    assert len(_deletes(emulator)) == 1


def test_failures_until_attempts_run_out_raise(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    emulator.control.fault("status", f"/v3/lists/{list_id}", method="DELETE", status=500, count=3)
    sleep = RecordedSleep()

    with pytest.raises(TransientError):
        delete_object.delete(
            emulator.cfg,
            CONTACT_LIST,
            str(list_id),
            None,
            sleep=sleep,
            policy=RetryPolicy(max_attempts=3),
        )

    assert len(_deletes(emulator)) == 3
    assert len(sleep.waits) == 2


def test_single_attempt_policy_raises_first_failure(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    emulator.control.fault("drop_after", f"/v3/lists/{list_id}", method="DELETE")

    with pytest.raises(TransientError):
        delete_object.delete(
            emulator.cfg,
            CONTACT_LIST,
            str(list_id),
            None,
            sleep=RecordedSleep(),
            policy=RetryPolicy(max_attempts=1),
        )

    assert len(_deletes(emulator)) == 1


def test_meta_model_and_types():
    contact = delete_object.get_meta_model({"objectType": "contact"})
    result = contact["out"]["properties"]["result"]["properties"]

    assert set(contact["in"]["properties"]) == {"idValue", "listId"}
    assert set(result) == {"id", "objectType", "deleted", "message", "listId"}
    assert delete_object.get_object_types({}) == {
        "contactList": "Contact List",
        "contact": "Contact",
        "smsTemplate": "SMS Template",
    }
