"""Lookup Object By ID against the emulator: each type found, not found, and its metadata."""

import pytest

from clicksend_sms.actions import lookup_object
from clicksend_sms.api import ClickSendClient
from clicksend_sms.errors import EndpointNotFoundError, NotFoundError
from tests.actions.helpers import api_requests, assert_matches_out_schema, run_action

MISSING_MESSAGE_ID = "00000000-0000-4000-8000-000000000000"


def _cfg(emulator, object_type):
    return {**emulator.cfg, "objectType": object_type}


def test_receipt_found_by_message_id(emulator):
    [receipt] = emulator.control.add("receipts", [{"custom_string": "order-1001"}])
    cfg = _cfg(emulator, "smsReceipt")

    bodies = run_action(lookup_object, cfg, {"idValue": receipt["message_id"]})

    assert len(bodies) == 1
    assert bodies[0]["message_id"] == receipt["message_id"]
    assert bodies[0]["custom_string"] == "order-1001"
    assert api_requests(emulator)[0]["path"] == f"/v3/sms/receipts/{receipt['message_id']}"
    assert_matches_out_schema(lookup_object, cfg, bodies)


def test_receipt_found_after_marked_read(emulator):
    [receipt] = emulator.control.add("receipts", [{}])
    cfg = _cfg(emulator, "smsReceipt")
    with ClickSendClient.from_config(emulator.cfg) as client:
        client.request("PUT", "/sms/receipts-read", json={})
        unread = client.request("GET", "/sms/receipts").data["data"]

    bodies = run_action(lookup_object, cfg, {"idValue": receipt["message_id"]})

    assert unread == []
    assert [body["message_id"] for body in bodies] == [receipt["message_id"]]


def test_receipt_id_case_and_spaces_kept_valid(emulator):
    [receipt] = emulator.control.add("receipts", [{}])
    cfg = _cfg(emulator, "smsReceipt")

    bodies = run_action(lookup_object, cfg, {"idValue": f"  {receipt['message_id']} "})

    assert bodies[0]["message_id"] == receipt["message_id"]


def test_campaign_found(emulator):
    [campaign] = emulator.control.add("campaigns", [{"name": "Winter sale"}])
    cfg = _cfg(emulator, "smsCampaign")

    bodies = run_action(lookup_object, cfg, {"idValue": campaign["sms_campaign_id"]})

    assert bodies[0]["sms_campaign_id"] == campaign["sms_campaign_id"]
    assert bodies[0]["name"] == "Winter sale"
    assert_matches_out_schema(lookup_object, cfg, bodies)


def test_contact_list_found_with_string_id(emulator):
    [contact_list] = emulator.control.add("lists", [{"list_name": "Customers"}])
    cfg = _cfg(emulator, "contactList")

    bodies = run_action(lookup_object, cfg, {"idValue": str(contact_list["list_id"])})

    assert bodies[0]["list_id"] == contact_list["list_id"]
    assert bodies[0]["list_name"] == "Customers"
    assert api_requests(emulator)[0]["path"] == f"/v3/lists/{contact_list['list_id']}"
    assert_matches_out_schema(lookup_object, cfg, bodies)


def test_contact_found_in_its_list(emulator):
    [contact_list] = emulator.control.add("lists", [{"list_name": "Customers"}])
    [contact] = emulator.control.add(
        "contacts", [{"list_id": contact_list["list_id"], "first_name": "Ann"}]
    )
    cfg = _cfg(emulator, "contact")
    body = {"idValue": contact["contact_id"], "listId": contact_list["list_id"]}

    bodies = run_action(lookup_object, cfg, body)

    assert bodies[0]["contact_id"] == contact["contact_id"]
    assert bodies[0]["first_name"] == "Ann"
    expected = f"/v3/lists/{contact_list['list_id']}/contacts/{contact['contact_id']}"
    assert api_requests(emulator)[0]["path"] == expected
    assert_matches_out_schema(lookup_object, cfg, bodies)


def test_leading_zeros_are_dropped_from_id(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    cfg = _cfg(emulator, "contactList")

    run_action(lookup_object, cfg, {"idValue": f"000{contact_list['list_id']}"})

    assert api_requests(emulator)[0]["path"] == f"/v3/lists/{contact_list['list_id']}"


@pytest.mark.parametrize(
    ("object_type", "object_id", "label"),
    [
        ("smsReceipt", MISSING_MESSAGE_ID, "SMS Receipt"),
        ("smsCampaign", 987654, "SMS Campaign"),
        ("contactList", 987654, "Contact List"),
    ],
)
def test_missing_object_names_type_and_id(emulator, object_type, object_id, label):
    with pytest.raises(NotFoundError) as caught:
        run_action(lookup_object, _cfg(emulator, object_type), {"idValue": object_id})

    assert f"{label} {object_id} was not found" in str(caught.value)
    assert len(api_requests(emulator)) == 1


def test_missing_contact_in_existing_list(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    body = {"idValue": 987654, "listId": contact_list["list_id"]}

    with pytest.raises(NotFoundError) as caught:
        run_action(lookup_object, _cfg(emulator, "contact"), body)

    expected = f"Contact 987654 in Contact List {contact_list['list_id']} was not found"
    assert expected in str(caught.value)


def test_contact_in_missing_list_is_not_found(emulator):
    with pytest.raises(NotFoundError) as caught:
        run_action(lookup_object, _cfg(emulator, "contact"), {"idValue": 5, "listId": 987654})

    assert "Contact 5 in Contact List 987654 was not found" in str(caught.value)


def test_base_url_without_v3_is_endpoint_error(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    root = emulator.base_url.removesuffix("/v3")
    cfg = {**_cfg(emulator, "contactList"), "baseUrl": root}

    with pytest.raises(EndpointNotFoundError) as caught:
        run_action(lookup_object, cfg, {"idValue": contact_list["list_id"]})

    assert "was not found" not in str(caught.value)
    assert "Invalid endpoint" in str(caught.value)
    assert str(caught.value).endswith(f"Check that the base URL ends in /v3: it is {root}.")


def test_meta_model_inputs_per_type():
    contact = lookup_object.get_meta_model({"objectType": "contact"})["in"]["properties"]
    receipt = lookup_object.get_meta_model({"objectType": "smsReceipt"})["in"]["properties"]

    assert set(contact) == {"idValue", "listId"}
    assert contact["idValue"]["required"] is True
    assert contact["listId"]["required"] is True
    assert set(receipt) == {"idValue"}
    assert receipt["idValue"]["type"] == "string"


def test_object_types_select_model():
    assert lookup_object.get_object_types({}) == {
        "smsReceipt": "SMS Receipt",
        "smsCampaign": "SMS Campaign",
        "contactList": "Contact List",
        "contact": "Contact",
        "smsTemplate": "SMS Template",
    }
