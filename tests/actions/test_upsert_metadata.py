"""Upsert Object select model and metadata: per type and operation, and matching real output."""

import jsonschema
import pytest

from clicksend_sms.actions import upsert_object
from clicksend_sms.component.metadata import to_json_schema
from clicksend_sms.errors import InvalidInputError
from tests.actions.upsert_helpers import run_upsert

_TYPES = ("smsTemplate", "smsCampaign", "contactList", "contact")


def _meta(operation, object_type):
    return upsert_object.get_meta_model({"operation": operation, "objectType": object_type})


def _required(schema):
    return sorted(name for name, prop in schema["properties"].items() if prop["required"])


def test_object_types_for_create_include_sms():
    assert upsert_object.get_object_types({"operation": "create"}) == {
        "smsTemplate": "SMS Template",
        "smsCampaign": "SMS Campaign",
        "contactList": "List",
        "contact": "Contact",
        "sms": "SMS",
    }


@pytest.mark.parametrize("cfg", [{"operation": "update"}, {}], ids=["update", "no-operation"])
def test_object_types_without_create_exclude_sms(cfg):
    assert "sms" not in upsert_object.get_object_types(cfg)
    assert list(upsert_object.get_object_types(cfg)) == list(_TYPES)


def test_object_types_reject_unknown_operation():
    with pytest.raises(InvalidInputError, match="create or update"):
        upsert_object.get_object_types({"operation": "delete"})


@pytest.mark.parametrize(
    ("object_type", "required"),
    [
        pytest.param("smsTemplate", ["body", "template_name"], id="template"),
        pytest.param("smsCampaign", ["body", "from", "list_id", "name"], id="campaign"),
        pytest.param("contactList", ["list_name"], id="list"),
        pytest.param("contact", ["listId"], id="contact"),
    ],
)
def test_create_inputs_required(object_type, required):
    schema = _meta("create", object_type)["in"]

    assert _required(schema) == required
    assert "idValue" not in schema["properties"]


@pytest.mark.parametrize(
    ("object_type", "title", "required"),
    [
        pytest.param("smsTemplate", "SMS Template ID", ["idValue"], id="template"),
        pytest.param("smsCampaign", "SMS Campaign ID", ["idValue"], id="campaign"),
        pytest.param("contactList", "List ID", ["idValue", "list_name"], id="list"),
        pytest.param("contact", "Contact ID", ["idValue", "listId"], id="contact"),
    ],
)
def test_update_adds_required_id(object_type, title, required):
    schema = _meta("update", object_type)["in"]

    assert next(iter(schema["properties"])) == "idValue"
    assert schema["properties"]["idValue"]["title"] == title
    assert _required(schema) == required


def test_contact_inputs_list_every_writable_field():
    properties = _meta("create", "contact")["in"]["properties"]

    assert {"phone_number", "email", "fax_number", "custom_4", "address_country"} <= set(properties)
    assert properties["phone_number"]["type"] == "string"


def test_campaign_schedule_accepts_number_or_text():
    schedule = _meta("create", "smsCampaign")["in"]["properties"]["schedule"]

    assert schedule["type"] == ["integer", "string"]
    assert "ISO 8601" in schedule["description"]


def test_sms_metadata_offers_single_and_batch():
    meta = _meta("create", "sms")
    properties = meta["in"]["properties"]

    assert {
        "to",
        "listId",
        "body",
        "from",
        "schedule",
        "customString",
        "country",
        "fromEmail",
    } <= set(properties)
    assert properties["messages"]["type"] == "array"
    assert properties["messages"]["items"]["properties"]["body"]["required"] is True
    assert _required(meta["in"]) == []
    assert {"messages", "rejected", "batches", "accepted_count"} <= set(meta["out"]["properties"])


def test_sms_update_metadata_rejected():
    with pytest.raises(InvalidInputError) as caught:
        _meta("update", "sms")

    assert caught.value.field == "objectType"


def test_unknown_type_rejected():
    with pytest.raises(InvalidInputError, match="smsTemplate"):
        _meta("create", "smsHistory")


@pytest.mark.parametrize("operation", ["create", "update"])
@pytest.mark.parametrize("object_type", _TYPES)
def test_every_schema_is_valid_json_schema(operation, object_type):
    meta = _meta(operation, object_type)

    for schema in meta.values():
        jsonschema.Draft7Validator.check_schema(to_json_schema(schema))


def _assert_out(operation, object_type, body):
    schema = to_json_schema(_meta(operation, object_type)["out"])
    jsonschema.validate(body, schema)


def test_emitted_objects_match_out_schema(emulator):
    [listed] = emulator.control.add("lists", [{"list_name": "L"}])
    emulator.control.add(
        "contacts", [{"list_id": listed["list_id"], "phone_number": "+61411111111"}]
    )
    campaign = {"list_id": listed["list_id"], "name": "C", "from": "MyShop", "body": "Hi"}
    cases = [
        ("smsCampaign", campaign),
        ("contactList", {"list_name": "New list"}),
        ("contact", {"listId": listed["list_id"], "phone_number": "+61411111111"}),
        ("smsTemplate", {"template_name": "T", "body": "B"}),
        (
            "sms",
            {
                "messages": [
                    {"to": "+61411111111", "body": "x"},
                    {"to": "+85021234567", "body": "y"},
                ]
            },
        ),
    ]

    for object_type, body in cases:
        run = run_upsert(emulator.cfg, "create", object_type, body)
        assert run.bodies, f"{object_type} emitted nothing: {run.error}"
        _assert_out("create", object_type, run.bodies[0])
