"""SMS templates: ``/sms/templates`` list and CRUD."""

from __future__ import annotations

from clicksend_sms.emulator.contacts import PHP_ARRAY_WARNING
from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import ApiRequestError, Response, bad_request, not_found, ok
from clicksend_sms.emulator.index import Row
from clicksend_sms.emulator.listing import list_response
from clicksend_sms.emulator.query import ListSpec

TEMPLATE_FIELDS = ("template_id", "template_name", "body")
TEMPLATE_SPEC = ListSpec(
    default_order="template_id", q_fields=TEMPLATE_FIELDS, order_fields=TEMPLATE_FIELDS
)
TEMPLATE_NOT_FOUND = "Template not found."
REQUIRED = {
    "template_name": "The template name field is required.",
    "body": "The body field is required.",
}


def view_templates(request: ApiRequest) -> Response:
    emulator = request.emulator
    return list_response(
        request,
        emulator.store.templates,
        TEMPLATE_SPEC,
        emulator.renderer().template,
        "Here are your data.",
    )


def _fields(request: ApiRequest, required: bool) -> Row:
    body = request.json_object()
    fields: Row = {}
    missing = {}
    for name, problem in REQUIRED.items():
        value = body.get(name)
        if isinstance(value, dict | list):
            raise ApiRequestError(400, PHP_ARRAY_WARNING, code=400)
        if value is None or str(value).strip() == "":
            missing[name] = problem
        else:
            fields[name] = str(value)
    if required and missing:
        raise bad_request(missing)
    return fields


def _template_or_404(request: ApiRequest) -> Row:
    found = request.emulator.store.templates.get(request.int_param("template_id"))
    if found is None:
        raise not_found(TEMPLATE_NOT_FOUND)
    return found


def create_template(request: ApiRequest) -> Response:
    store = request.emulator.store
    row = {"template_id": store.next_id("template"), **_fields(request, required=True)}
    store.templates.add(row)
    return ok("New template has been saved.", dict(row))


def view_template(request: ApiRequest) -> Response:
    return ok("Here is your template.", dict(_template_or_404(request)))


def update_template(request: ApiRequest) -> Response:
    """Update the fields sent; a field left out keeps its value."""
    found = _template_or_404(request)
    request.emulator.store.templates.update(found["template_id"], _fields(request, False))
    return ok("Your template has been updated.", dict(found))


def delete_template(request: ApiRequest) -> Response:
    found = _template_or_404(request)
    request.emulator.store.templates.remove(found["template_id"])
    return ok("Your template has been deleted.", None)
