"""Bad inputs to the four actions fail with the field and value named, before any request."""

import json

import pytest

from clicksend_sms.actions import delete_object, lookup_object, lookup_objects, raw_request
from clicksend_sms.errors import InvalidInputError
from tests.actions.helpers import run_action

MESSAGE_ID = "1EF11A95-31A2-6B70-A3E2-750B2DF4583F"

LOOKUP = lookup_object
MANY = lookup_objects
DELETE = delete_object
RAW = raw_request

# (action, step config, message body, field named, value named)
BAD_INPUTS = [
    # Lookup Object By ID
    pytest.param(LOOKUP, {"objectType": "smsCampaign"}, {}, "idValue", None, id="lookup-missing"),
    pytest.param(
        LOOKUP, {"objectType": "smsCampaign"}, {"idValue": ""}, "idValue", "", id="lookup-empty"
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "smsCampaign"},
        {"idValue": "   "},
        "idValue",
        "   ",
        id="lookup-blank",
    ),
    pytest.param(
        LOOKUP, {"objectType": "smsCampaign"}, {"idValue": -3}, "idValue", -3, id="lookup-negative"
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "smsCampaign"},
        {"idValue": "-3"},
        "idValue",
        "-3",
        id="lookup-negative-text",
    ),
    pytest.param(
        LOOKUP, {"objectType": "smsCampaign"}, {"idValue": 0}, "idValue", 0, id="lookup-zero"
    ),
    pytest.param(
        LOOKUP, {"objectType": "smsCampaign"}, {"idValue": True}, "idValue", True, id="lookup-bool"
    ),
    pytest.param(
        LOOKUP, {"objectType": "smsCampaign"}, {"idValue": 4.0}, "idValue", 4.0, id="lookup-float"
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "smsCampaign"},
        {"idValue": "4.5"},
        "idValue",
        "4.5",
        id="lookup-decimal-text",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "contactList"},
        {"idValue": "12/../3"},
        "idValue",
        "12/../3",
        id="lookup-path-trick",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "contactList"},
        {"idValue": "1e3"},
        "idValue",
        "1e3",
        id="lookup-exponent",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "contactList"},
        {"idValue": "+7"},
        "idValue",
        "+7",
        id="lookup-plus-sign",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "contactList"},
        {"idValue": "\u0664\u0662"},
        "idValue",
        "\u0664\u0662",
        id="lookup-non-ascii-digits",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "contactList"},
        {"idValue": 2**63},
        "idValue",
        2**63,
        id="lookup-too-large",
    ),
    pytest.param(
        LOOKUP, {"objectType": "contactList"}, {"idValue": [5]}, "idValue", [5], id="lookup-list"
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "smsReceipt"},
        {"idValue": "12345"},
        "idValue",
        "12345",
        id="receipt-short",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "smsReceipt"},
        {"idValue": MESSAGE_ID + "0"},
        "idValue",
        MESSAGE_ID + "0",
        id="receipt-37-chars",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "smsReceipt"},
        {"idValue": MESSAGE_ID.replace("-", "/")},
        "idValue",
        MESSAGE_ID.replace("-", "/"),
        id="receipt-slashes",
    ),
    pytest.param(
        LOOKUP, {"objectType": "smsReceipt"}, {"idValue": 42}, "idValue", 42, id="receipt-int"
    ),
    pytest.param(
        LOOKUP, {"objectType": "contact"}, {"idValue": 5}, "listId", None, id="contact-missing-list"
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "contact"},
        {"idValue": 5, "listId": "x"},
        "listId",
        "x",
        id="contact-bad-list",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "contactList"},
        {"idValue": 5, "listId": 3},
        "listId",
        3,
        id="lookup-unexpected-input",
    ),
    pytest.param(
        LOOKUP,
        {"objectType": "smsHistory"},
        {"idValue": 5},
        "objectType",
        "smsHistory",
        id="lookup-unsupported-type",
    ),
    pytest.param(LOOKUP, {}, {"idValue": 5}, "objectType", None, id="lookup-missing-type"),
    # Lookup Objects (plural)
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"custom_string": "x"},
        "custom_string",
        "x",
        id="many-unfilterable-field",
    ),
    pytest.param(
        MANY,
        {"objectType": "contactLists"},
        {"list_name": "x"},
        "list_name",
        "x",
        id="many-lists-no-criteria",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsReceipts"},
        {"dateFrom": "2024-05-14T04:20:41Z"},
        "dateFrom",
        "2024-05-14T04:20:41Z",
        id="many-receipts-no-dates",
    ),
    pytest.param(
        MANY,
        {"objectType": "listContacts"},
        {"status": "Sent", "listId": 1},
        "status",
        "Sent",
        id="many-contacts-no-q",
    ),
    pytest.param(
        MANY, {"objectType": "listContacts"}, {}, "listId", None, id="many-contacts-missing-list"
    ),
    pytest.param(
        MANY,
        {"objectType": "listContacts"},
        {"listId": -1},
        "listId",
        -1,
        id="many-contacts-negative-list",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"dateFrom": "2024-05-14T04:20:41"},
        "dateFrom",
        "2024-05-14T04:20:41",
        id="many-naive-date",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"dateTo": "yesterday"},
        "dateTo",
        "yesterday",
        id="many-malformed-date",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"dateFrom": "2024-05-15T00:00:00Z", "dateTo": "2024-05-14T00:00:00Z"},
        "dateTo",
        "2024-05-14T00:00:00Z",
        id="many-reversed-range",
    ),
    pytest.param(
        MANY,
        {"objectType": "listContacts"},
        {"listId": 1, "updatedAfter": 1715660441},
        "updatedAfter",
        1715660441,
        id="many-updated-after-number",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"orderBy": "custom_string:asc"},
        "orderBy",
        "custom_string:asc",
        id="many-order-field",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"orderBy": "date:up"},
        "orderBy",
        "date:up",
        id="many-order-direction",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"status": "Sent", "operator": "XOR"},
        "operator",
        "XOR",
        id="many-operator",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"operator": "OR"},
        "operator",
        "OR",
        id="many-operator-without-criteria",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"status": "Sent,Failed"},
        "status",
        "Sent,Failed",
        id="many-comma-in-value",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"status": {"eq": "Sent"}},
        "status",
        {"eq": "Sent"},
        id="many-object-value",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"subaccount_id": True},
        "subaccount_id",
        True,
        id="many-bool-value",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"pageSize": 14},
        "pageSize",
        14,
        id="many-page-size-low",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"pageSize": "101"},
        "pageSize",
        "101",
        id="many-page-size-high",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"pageSize": 50.5},
        "pageSize",
        50.5,
        id="many-page-size-float",
    ),
    pytest.param(
        MANY, {"objectType": "smsHistory"}, {"maxResults": 0}, "maxResults", 0, id="many-max-zero"
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory"},
        {"maxResults": "ten"},
        "maxResults",
        "ten",
        id="many-max-text",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsHistory", "emitBehavior": "fetchAll"},
        {},
        "emitBehavior",
        "fetchAll",
        id="many-emit-behavior",
    ),
    pytest.param(
        MANY,
        {"objectType": "smsTemplate"},
        {},
        "objectType",
        "smsTemplate",
        id="many-singular-type",
    ),
    # Delete Object By ID
    pytest.param(DELETE, {"objectType": "contactList"}, {}, "idValue", None, id="delete-missing"),
    pytest.param(
        DELETE,
        {"objectType": "contactList"},
        {"idValue": "abc"},
        "idValue",
        "abc",
        id="delete-text",
    ),
    pytest.param(
        DELETE, {"objectType": "contactList"}, {"idValue": -1}, "idValue", -1, id="delete-negative"
    ),
    pytest.param(
        DELETE,
        {"objectType": "contactList"},
        {"idValue": False},
        "idValue",
        False,
        id="delete-bool",
    ),
    pytest.param(
        DELETE, {"objectType": "contactList"}, {"idValue": 2.5}, "idValue", 2.5, id="delete-float"
    ),
    pytest.param(
        DELETE,
        {"objectType": "contact"},
        {"idValue": 1, "listId": ""},
        "listId",
        "",
        id="delete-blank-list",
    ),
    pytest.param(
        DELETE,
        {"objectType": "contact"},
        {"idValue": 1, "listId": "1/2"},
        "listId",
        "1/2",
        id="delete-list-path-trick",
    ),
    pytest.param(
        DELETE,
        {"objectType": "smsCampaign"},
        {"idValue": 1},
        "objectType",
        "smsCampaign",
        id="delete-unsupported-type",
    ),
    pytest.param(
        DELETE,
        {"objectType": "contactList"},
        {"idValue": 1, "id": 2},
        "id",
        2,
        id="delete-unexpected-input",
    ),
    # Make Raw Request
    pytest.param(RAW, {}, {"url": "lists", "method": "HEAD"}, "method", "HEAD", id="raw-head"),
    pytest.param(RAW, {}, {"url": "lists", "method": "TRACE"}, "method", "TRACE", id="raw-trace"),
    pytest.param(RAW, {}, {"url": "lists"}, "method", None, id="raw-missing-method"),
    pytest.param(RAW, {}, {"url": "lists", "method": ""}, "method", "", id="raw-empty-method"),
    pytest.param(RAW, {}, {"url": "lists", "method": 1}, "method", 1, id="raw-numeric-method"),
    pytest.param(RAW, {}, {"method": "GET"}, "url", None, id="raw-missing-url"),
    pytest.param(
        RAW,
        {},
        {"url": "//evil.test/v3", "method": "GET"},
        "url",
        "//evil.test/v3",
        id="raw-other-host",
    ),
    pytest.param(RAW, {}, {"url": "../x", "method": "GET"}, "url", "../x", id="raw-dotdot"),
    pytest.param(
        RAW,
        {},
        {"url": "lists", "method": "POST", "data": "list_name=x"},
        "data",
        "list_name=x",
        id="raw-text-data",
    ),
    pytest.param(
        RAW, {}, {"url": "lists", "method": "POST", "data": 5}, "data", 5, id="raw-number-data"
    ),
    pytest.param(
        RAW,
        {},
        {"url": "lists", "method": "GET", "body": {}},
        "body",
        {},
        id="raw-unexpected-input",
    ),
    pytest.param(
        RAW,
        {"doNotThrow404": "maybe"},
        {"url": "lists", "method": "GET"},
        "doNotThrow404",
        "maybe",
        id="raw-bad-checkbox",
    ),
]


@pytest.mark.parametrize(("action", "step", "body", "field", "value"), BAD_INPUTS)
def test_bad_input_rejected_before_request(emulator, action, step, body, field, value):
    with pytest.raises(InvalidInputError) as caught:
        run_action(action, {**emulator.cfg, **step}, body)

    assert caught.value.field == field
    assert caught.value.value == value
    assert f"'{field}'" in str(caught.value)
    shown = "Missing value" if value is None else json.dumps(value, ensure_ascii=False)
    assert shown in str(caught.value)
    assert emulator.control.requests() == []


def test_table_is_large_and_covers_every_action():
    actions = {param.values[0] for param in BAD_INPUTS}

    assert len(BAD_INPUTS) >= 40
    assert actions == {LOOKUP, MANY, DELETE, RAW}


def test_missing_credentials_named_before_request(emulator):
    cfg = {"baseUrl": emulator.base_url, "objectType": "contactList"}

    with pytest.raises(InvalidInputError) as caught:
        run_action(lookup_object, cfg, {"idValue": 1})

    assert caught.value.field == "username"
    assert emulator.control.requests() == []
