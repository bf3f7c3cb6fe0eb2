"""The exception messages: values shown as JSON."""

import pytest

from clicksend_sms.errors import InvalidInputError


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, "true"),
        ({"a": 1}, '{"a": 1}'),
        ([1, "b"], '[1, "b"]'),
        ("12abc", '"12abc"'),
        ("é", '"é"'),
        (42, "42"),
    ],
)
def test_invalid_input_shows_json_value(value, shown):
    error = InvalidInputError("listId", value, "Enter the List ID.")

    assert str(error) == f"Invalid value for 'listId': {shown}. Enter the List ID."
    assert error.value == value


def test_invalid_input_without_json_form_shows_repr():
    error = InvalidInputError("body", b"\x00", "Send JSON.")

    assert str(error) == "Invalid value for 'body': b'\\x00'. Send JSON."


def test_none_value_reads_as_missing():
    error = InvalidInputError("listId", None, "Enter the List ID.")

    assert str(error) == "Missing value for 'listId'. Enter the List ID."
    assert error.value is None
