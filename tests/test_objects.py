"""The object-type table resolves keys, operations and select models consistently."""

import pytest

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.objects import OBJECT_TYPES, Operation, get_object_type, select_model


def test_poll_select_model():
    assert select_model(Operation.POLL) == {
        "smsHistory": "SMS History",
        "smsReceipts": "SMS Receipts",
        "smsCampaigns": "SMS Campaigns",
    }


def test_lookup_select_model_uses_singular_keys():
    assert select_model(Operation.LOOKUP) == {
        "smsReceipt": "SMS Receipt",
        "smsCampaign": "SMS Campaign",
        "contactList": "Contact List",
        "contact": "Contact",
        "smsTemplate": "SMS Template",
    }


def test_delete_select_model():
    assert select_model(Operation.DELETE) == {
        "contactList": "Contact List",
        "contact": "Contact",
        "smsTemplate": "SMS Template",
    }


def test_plural_and_singular_keys_resolve_to_one_type():
    assert get_object_type("smsReceipts") is get_object_type("smsReceipt")


def test_operation_not_allowed_lists_valid_keys():
    with pytest.raises(InvalidInputError) as caught:
        get_object_type("contactList", Operation.POLL)
    assert caught.value.field == "objectType"
    assert "smsHistory, smsReceipts, smsCampaigns" in str(caught.value)


@pytest.mark.parametrize(
    ("key", "operation"),
    [
        ("contact", Operation.LOOKUP_MANY),
        ("smsReceipt", Operation.POLL),
        ("contactLists", Operation.DELETE),
    ],
)
def test_wrong_key_form_for_operation_rejected(key, operation):
    with pytest.raises(InvalidInputError, match="objectType"):
        get_object_type(key, operation)


@pytest.mark.parametrize("bad", [None, "", "SMSHISTORY", 3, ["smsHistory"]])
def test_unknown_key_rejected(bad):
    with pytest.raises(InvalidInputError, match="objectType"):
        get_object_type(bad)


def test_item_url_fills_ids():
    contact = get_object_type("contact")
    assert contact.item_url("7", "42") == "/lists/42/contacts/7"
    assert contact.list_url("42") == "/lists/42/contacts"


@pytest.mark.parametrize("object_type", OBJECT_TYPES, ids=lambda t: t.key)
def test_id_field_is_an_output_field(object_type):
    assert object_type.id_field in {spec.name for spec in object_type.fields}


@pytest.mark.parametrize("object_type", OBJECT_TYPES, ids=lambda t: t.key)
def test_poll_fields_are_output_fields(object_type):
    names = {spec.name for spec in object_type.fields}
    assert set(object_type.poll_fields) <= names
