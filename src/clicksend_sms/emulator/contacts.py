"""Contact lists (``/lists``) and their contacts (``/lists/{list_id}/contacts``)."""

from __future__ import annotations

import string
from typing import Any

from clicksend_sms.emulator import phone
from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import ApiRequestError, Response, bad_request, not_found, ok
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.listing import list_response
from clicksend_sms.emulator.query import ListSpec
from clicksend_sms.emulator.store import Store

LIST_SPEC = ListSpec(default_order="list_id")
CONTACT_SPEC = ListSpec(
    default_order="contact_id", range_params={"updated_after": ("low", "date_updated")}
)
LIST_NOT_FOUND = "Your list is not found."
CONTACT_NOT_FOUND = "Contact record not found."

# Contact fields a request may set, with the value a new contact gets when one is not sent:
# custom and name fields default to "", the optional address block to null.
CONTACT_DEFAULTS: dict[str, Any] = {
    "phone_number": "",
    "first_name": "",
    "last_name": "",
    "custom_1": "",
    "custom_2": "",
    "custom_3": "",
    "custom_4": "",
    "fax_number": None,
    "organization_name": None,
    "email": None,
    "address_line_1": None,
    "address_line_2": None,
    "address_city": None,
    "address_state": None,
    "address_postal_code": None,
    "address_country": None,
}
# The message ClickSend returned when a string field received an object (a PHP warning, with the
# integer 400 as response_code).
PHP_ARRAY_WARNING = (
    "preg_replace(): Parameter mismatch, pattern is a string while replacement is an array"
)


def list_email_id(store: Store) -> str:
    """Return a 16-character upper-case code like ClickSend's list_email_id values."""
    alphabet = string.ascii_uppercase + string.digits
    return "".join(store.random.choice(alphabet) for _ in range(16))


def new_list(store: Store, name: str, list_id: int | None = None) -> Row:
    row: Row = {
        "list_id": list_id if list_id is not None else store.next_id("list"),
        "list_name": name,
        "list_email_id": list_email_id(store),
        "_import_in_progress": 0,
        "_optout_in_progress": 0,
    }
    return store.lists.add(row)


def _list_or_404(request: ApiRequest) -> Row:
    list_id = request.int_param("list_id")
    found = request.emulator.store.lists.get(list_id)
    if found is None:
        raise not_found(LIST_NOT_FOUND)
    return found


def view_lists(request: ApiRequest) -> Response:
    emulator = request.emulator
    return list_response(
        request,
        emulator.store.lists,
        LIST_SPEC,
        emulator.renderer().contact_list,
        "Here are your data.",
        with_links=True,
    )


def _list_name(request: ApiRequest, required: bool) -> str | None:
    name = request.json_object().get("list_name")
    if name is None or (isinstance(name, str) and not name.strip()):
        if required:
            raise bad_request({"list_name": "The list name field is required."})
        return None
    if not isinstance(name, str | int | float):
        raise ApiRequestError(400, PHP_ARRAY_WARNING, code=400)
    return str(name)


def create_list(request: ApiRequest) -> Response:
    name = _list_name(request, required=True)
    row = new_list(request.emulator.store, str(name))
    return ok("New list has been created.", request.emulator.renderer().contact_list(row))


def view_list(request: ApiRequest) -> Response:
    return ok(
        "Here are your data.", request.emulator.renderer().contact_list(_list_or_404(request))
    )


def update_list(request: ApiRequest) -> Response:
    found = _list_or_404(request)
    name = _list_name(request, required=False)
    if name is not None:
        request.emulator.store.lists.update(found["list_id"], {"list_name": name})
    message = f"List #{found['list_id']} has been updated."
    return ok(message, request.emulator.renderer().contact_list(found))


def delete_list(request: ApiRequest) -> Response:
    found = _list_or_404(request)
    request.emulator.store.remove_list(found["list_id"])
    return ok(f"List #{found['list_id']} has been deleted.", [])


# contacts ------------------------------------------------------------------------------------


def view_contacts(request: ApiRequest) -> Response:
    emulator = request.emulator
    found = _list_or_404(request)
    contacts = emulator.store.contacts_of(found["list_id"])
    return list_response(
        request,
        contacts,
        CONTACT_SPEC,
        emulator.renderer().contact,
        "Here's your list of contacts.",
    )


def contact_fields(body: dict[str, Any]) -> dict[str, Any]:
    """Return the contact fields of a request body as strings (null stays null)."""
    fields: dict[str, Any] = {}
    for name in CONTACT_DEFAULTS:
        if name not in body:
            continue
        value = body[name]
        if isinstance(value, dict | list):
            raise ApiRequestError(400, PHP_ARRAY_WARNING, code=400)
        fields[name] = None if value is None else str(value)
    return fields


def _normalise_phone(fields: dict[str, Any], country: str | None) -> None:
    number = fields.get("phone_number")
    if not number:
        return
    normalised = phone.normalise(number, country or "AU")
    if normalised is None:
        raise bad_request({"phone_number": f"The phone number {number!r} is invalid."})
    fields["phone_number"] = normalised


def new_contact(store: Store, list_id: int, fields: dict[str, Any], now: int) -> Row:
    row: Row = {"contact_id": store.next_id("contact"), "list_id": list_id}
    row.update(CONTACT_DEFAULTS)
    row.update(fields)
    row["date_added"] = now
    row["date_updated"] = now
    return store.add_contact(row)


def create_contact(request: ApiRequest) -> Response:
    emulator = request.emulator
    list_id = request.int_param("list_id")
    if list_id not in emulator.store.lists:
        raise ApiRequestError(403)
    fields = contact_fields(request.json_object())
    if not any(fields.get(name) for name in ("phone_number", "email", "fax_number")):
        raise bad_request({"phone_number": "A phone number, email or fax number is required."})
    _normalise_phone(fields, fields.get("address_country"))
    row = new_contact(emulator.store, int(str(list_id)), fields, emulator.clock.now())
    return ok("New contact has been created.", emulator.renderer().contact(row))


def _contact_or_404(request: ApiRequest) -> Row:
    store = request.emulator.store
    list_id, contact_id = request.int_param("list_id"), request.int_param("contact_id")
    if list_id is None or contact_id is None or store.list_of_contact.get(contact_id) != list_id:
        raise not_found(CONTACT_NOT_FOUND)
    found = store.contacts_of(list_id).get(contact_id)
    if found is None:
        raise not_found(CONTACT_NOT_FOUND)
    return found


def view_contact(request: ApiRequest) -> Response:
    return ok("Here are your data.", request.emulator.renderer().contact(_contact_or_404(request)))


def update_contact(request: ApiRequest) -> Response:
    emulator = request.emulator
    found = _contact_or_404(request)
    fields = contact_fields(request.json_object())
    _normalise_phone(fields, fields.get("address_country") or found.get("address_country"))
    fields["date_updated"] = emulator.clock.now()
    contacts = emulator.store.contacts_of(found["list_id"])
    contacts.update(found["contact_id"], fields)
    message = f"Contact #{found['contact_id']} has been updated successfully."
    return ok(message, emulator.renderer().contact(found))


def delete_contact(request: ApiRequest) -> Response:
    store = request.emulator.store
    found = _contact_or_404(request)
    store.contacts_of(found["list_id"]).remove(found["contact_id"])
    store.list_of_contact.pop(found["contact_id"], None)
    return ok(f"Contact #{found['contact_id']} has been deleted.", [])
