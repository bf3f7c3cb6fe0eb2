"""Metadata schemas use elastic.io's dialect and convert to standard JSON Schema."""

import jsonschema
import pytest

from clicksend_sms.component.metadata import (
    field_schema,
    output_schema,
    results_schema,
    to_json_schema,
)
from clicksend_sms.objects import OBJECT_TYPES, FieldSpec, get_object_type

HISTORY_ROW = {
    "direction": "out",
    "date": 1715660441,
    "to": "+61411111111",
    "body": "Hi",
    "status": "Sent",
    "from": "+61422222222",
    "schedule": "1715660441",
    "status_code": "201",
    "status_text": "Delivered",
    "error_code": None,
    "error_text": None,
    "message_id": "1EF11A95-31A2-6B70-A3E2-750B2DF4583F",
    "message_parts": 1,
    "message_price": "0.0792",
    "from_email": None,
    "list_id": None,
    "custom_string": "x",
    "contact_id": None,
    "user_id": 1,
    "subaccount_id": 2,
    "country": "AU",
    "carrier": "V",
    "first_name": None,
    "last_name": None,
    "_api_username": "jane",
}


def test_field_schema_required_is_boolean():
    schema = field_schema(FieldSpec("name", ("string",), "Name", required=True))
    assert schema == {"type": "string", "title": "Name", "required": True}


def test_nullable_field_allows_null():
    schema = field_schema(FieldSpec("date", ("integer", "string"), "Date", nullable=True))
    assert schema["type"] == ["integer", "string", "null"]


def test_history_row_matches_output_schema():
    schema = to_json_schema(output_schema(get_object_type("smsHistory")))
    jsonschema.validate(HISTORY_ROW, schema)


def test_wrong_type_fails_output_schema():
    schema = to_json_schema(output_schema(get_object_type("smsHistory")))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**HISTORY_ROW, "user_id": "not-a-number"}, schema)


def test_results_schema_requires_results():
    schema = to_json_schema(results_schema({"type": "object", "properties": {}}))
    assert schema["required"] == ["results"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({}, schema)


@pytest.mark.parametrize("object_type", OBJECT_TYPES, ids=lambda t: t.key)
def test_every_output_schema_is_valid_json_schema(object_type):
    jsonschema.Draft7Validator.check_schema(to_json_schema(output_schema(object_type)))
