"""Upsert Object for Lists and Contacts against the emulator."""

import pytest

from clicksend_sms.errors import InvalidInputError, NotFoundError
from tests.actions.upsert_helpers import fetch, run_upsert


def _new_list(emulator, name="Customers"):
    [created] = emulator.control.add("lists", [{"list_name": name}])
    return created["list_id"]


def test_create_list_round_trip(emulator):
    run = run_upsert(emulator.cfg, "create", "contactList", {"list_name": "VIP customers"})

    assert run.error is None
    [created] = run.bodies
    assert created["list_name"] == "VIP customers"
    assert fetch(emulator, f"/lists/{created['list_id']}")["list_name"] == "VIP customers"


def test_update_list_round_trip(emulator):
    list_id = _new_list(emulator)

    run = run_upsert(
        emulator.cfg, "update", "contactList", {"idValue": list_id, "list_name": "Renamed"}
    )

    assert run.error is None
    assert run.bodies[0]["list_name"] == "Renamed"
    assert fetch(emulator, f"/lists/{list_id}")["list_name"] == "Renamed"
    methods = [r["method"] for r in emulator.control.requests("/v3/lists")]
    assert methods == ["PUT", "GET"]


def test_update_missing_list_names_type_and_id(emulator):
    run = run_upsert(emulator.cfg, "update", "contactList", {"idValue": 999, "list_name": "x"})

    assert isinstance(run.error, NotFoundError)
    assert "999" in str(run.error)
    assert "Contact List" in str(run.error)


def test_create_contact_round_trip(emulator):
    list_id = _new_list(emulator)
    fields = {
        "phone_number": "+61411111111",
        "first_name": "Jane",
        "last_name": "Citizen",
        "email": "jane@example.com",
        "custom_1": "gold",
    }

    run = run_upsert(emulator.cfg, "create", "contact", {"listId": list_id, **fields})

    assert run.error is None
    [created] = run.bodies
    stored = fetch(emulator, f"/lists/{list_id}/contacts/{created['contact_id']}")
    for name, value in fields.items():
        assert stored[name] == value


def test_create_contact_in_missing_list_names_list(emulator):
    run = run_upsert(emulator.cfg, "create", "contact", {"listId": 999, "email": "a@example.com"})

    assert isinstance(run.error, NotFoundError)
    assert "List 999" in str(run.error)


def test_update_contact_keeps_omitted_fields(emulator):
    list_id = _new_list(emulator)
    [contact] = emulator.control.add(
        "contacts",
        [
            {
                "list_id": list_id,
                "phone_number": "+61411111111",
                "first_name": "Jane",
                "last_name": "Citizen",
                "email": "jane@example.com",
                "custom_2": "keep me",
            }
        ],
    )
    contact_id = contact["contact_id"]

    run = run_upsert(
        emulator.cfg,
        "update",
        "contact",
        {"idValue": contact_id, "listId": list_id, "first_name": "Janet"},
    )

    assert run.error is None
    stored = fetch(emulator, f"/lists/{list_id}/contacts/{contact_id}")
    assert stored["first_name"] == "Janet"
    assert stored["last_name"] == "Citizen"
    assert stored["phone_number"] == "+61411111111"
    assert stored["email"] == "jane@example.com"
    assert stored["custom_2"] == "keep me"
    put = [r for r in emulator.control.requests("/v3/lists") if r["method"] == "PUT"]
    assert put[0]["body"]["first_name"] == "Janet"
    assert put[0]["body"]["last_name"] == "Citizen"


def test_update_contact_clears_field_with_empty_string(emulator):
    list_id = _new_list(emulator)
    [contact] = emulator.control.add(
        "contacts", [{"list_id": list_id, "phone_number": "+61411111111", "custom_1": "old"}]
    )

    run = run_upsert(
        emulator.cfg,
        "update",
        "contact",
        {"idValue": contact["contact_id"], "listId": list_id, "custom_1": ""},
    )

    assert run.error is None
    assert fetch(emulator, f"/lists/{list_id}/contacts/{contact['contact_id']}")["custom_1"] == ""


def test_update_missing_contact_is_not_found(emulator):
    list_id = _new_list(emulator)

    run = run_upsert(
        emulator.cfg, "update", "contact", {"idValue": 12345, "listId": list_id, "first_name": "x"}
    )

    assert isinstance(run.error, NotFoundError)
    assert "Contact 12345" in str(run.error)


@pytest.mark.parametrize(
    ("operation", "object_type", "body", "field"),
    [
        pytest.param("create", "contactList", {}, "list_name", id="list-name-missing"),
        pytest.param("create", "contactList", {"list_name": " "}, "list_name", id="list-blank"),
        pytest.param("create", "contactList", {"list_name": ["a"]}, "list_name", id="list-array"),
        pytest.param(
            "create", "contactList", {"list_name": "a", "idValue": 1}, "idValue", id="create-id"
        ),
        pytest.param("create", "contactList", {"list_name": "a", "x": 1}, "x", id="unknown-key"),
        pytest.param("update", "contactList", {"list_name": "a"}, "idValue", id="update-no-id"),
        pytest.param("update", "contactList", {"idValue": 1}, "list_name", id="update-no-name"),
        pytest.param(
            "update", "contactList", {"idValue": "abc", "list_name": "a"}, "idValue", id="bad-id"
        ),
        pytest.param("create", "contact", {"email": "a@example.com"}, "listId", id="no-list"),
        pytest.param("create", "contact", {"listId": 1}, "phone_number", id="no-identifier"),
        pytest.param(
            "create",
            "contact",
            {"listId": 1, "phone_number": "", "email": " "},
            "phone_number",
            id="blank-identifiers",
        ),
        pytest.param(
            "update", "contact", {"idValue": 1, "listId": 1}, "phone_number", id="nothing-to-change"
        ),
        pytest.param(
            "update",
            "contact",
            {"idValue": 1, "listId": 1, "phone_number": "", "email": "", "fax_number": ""},
            "phone_number",
            id="clears-all-identifiers",
        ),
        pytest.param(
            "create",
            "contact",
            {"listId": 1, "phone_number": {"n": "1"}},
            "phone_number",
            id="object-value",
        ),
    ],
)
def test_bad_input_named_without_request(emulator, operation, object_type, body, field):
    run = run_upsert(emulator.cfg, operation, object_type, body)

    assert isinstance(run.error, InvalidInputError)
    assert field in run.error.field.split(", ")
    assert run.bodies == []
    assert emulator.control.requests() == []


def test_several_bad_inputs_named_together(emulator):
    run = run_upsert(emulator.cfg, "update", "contact", {"idValue": "x", "listId": "y"})

    assert isinstance(run.error, InvalidInputError)
    assert run.error.field.split(", ") == ["idValue", "listId", "phone_number"]
    assert emulator.control.requests() == []
