"""Create SMS input: one message or a batch, checked field by field before sending."""

import itertools

import pytest

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.sms.input_errors import InvalidInputsError
from clicksend_sms.sms.messages import SOURCE, new_custom_string, parse_messages

_A_NOW = 1768435200
_A_LATER = _A_NOW + 86400


def _counter():
    numbers = itertools.count(1)
    return lambda: f"generated-{next(numbers)}"


def test_single_message_payload():
    body = {
        "to": " +61411111111 ",
        "body": "Hi & welcome #1\n😀",
        "from": "MyShop",
        "schedule": _A_LATER,
        "customString": "order-1",
        "country": "au",
        "fromEmail": "replies@example.com",
    }

    [message] = parse_messages(body, _A_NOW)

    assert message.index == 0
    assert message.payload() == {
        "to": "+61411111111",
        "body": "Hi & welcome #1\n😀",
        "from": "MyShop",
        "schedule": _A_LATER,
        "custom_string": "order-1",
        "country": "AU",
        "from_email": "replies@example.com",
        "source": SOURCE,
    }
    assert message.custom_string_generated is False


def test_body_kept_byte_for_byte():
    text = "  Ünïcødé &amp; #tag\r\n\tend  "

    [message] = parse_messages({"to": "+61411111111", "body": text}, _A_NOW)

    assert message.payload()["body"] == text


def test_missing_custom_string_is_generated():
    [message] = parse_messages(
        {"to": "+61411111111", "body": "Hi"}, _A_NOW, make_custom_string=_counter()
    )

    assert message.custom_string == "generated-1"
    assert message.custom_string_generated is True


def test_default_custom_string_format():
    value = new_custom_string()

    assert value.startswith("csc-")
    assert len(value) == 36
    assert value != new_custom_string()


def test_list_message_payload():
    [message] = parse_messages({"listId": "428", "body": "Hi"}, _A_NOW, _counter())

    assert message.payload() == {
        "list_id": 428,
        "body": "Hi",
        "custom_string": "generated-1",
        "source": SOURCE,
    }


def test_batch_keeps_order_and_indexes():
    body = {"messages": [{"to": f"+6141111111{i}", "body": f"n{i}"} for i in range(5)]}

    messages = parse_messages(body, _A_NOW, _counter())

    assert [m.index for m in messages] == [0, 1, 2, 3, 4]
    assert [m.body for m in messages] == ["n0", "n1", "n2", "n3", "n4"]
    assert [m.custom_string for m in messages] == [f"generated-{i}" for i in range(1, 6)]


def test_numbers_become_text():
    [message] = parse_messages({"to": 61411111111, "body": 42}, _A_NOW)

    assert message.to == "61411111111"
    assert message.body == "42"


@pytest.mark.parametrize(
    ("body", "field", "fragment"),
    [
        pytest.param({"body": "Hi"}, "to", "recipient is required", id="no-recipient"),
        pytest.param(
            {"to": "+61411111111", "listId": 5, "body": "Hi"}, "listId", "not both", id="both"
        ),
        pytest.param({"to": "+61411111111"}, "body", "required", id="no-body"),
        pytest.param({"to": "+61411111111", "body": "  "}, "body", "blank", id="blank-body"),
        pytest.param({"to": ["+61411111111"], "body": "Hi"}, "to", "not an array", id="to-array"),
        pytest.param({"to": {"n": 1}, "body": "Hi"}, "to", "not an array", id="to-object"),
        pytest.param(
            {"to": "+61411111111", "body": ["Hi"]}, "body", "not an array", id="body-array"
        ),
        pytest.param(
            {"to": "+61411111111", "body": {"t": "Hi"}}, "body", "not an array", id="body-object"
        ),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "from": ["x"]}, "from", "as text", id="from-array"
        ),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "from": "TwelveLetter"},
            "from",
            "at most 11",
            id="from-too-long",
        ),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "from": "My Shop"},
            "from",
            "spaces",
            id="from-space",
        ),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "schedule": "2026-02-01T10:00:00"},
            "schedule",
            "offset is missing",
            id="schedule-naive",
        ),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "schedule": _A_NOW - 86400},
            "schedule",
            "past",
            id="schedule-past",
        ),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "schedule": _A_NOW + 200 * 86400},
            "schedule",
            "4 months",
            id="schedule-far",
        ),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "country": "AUS"},
            "country",
            "two-letter",
            id="country",
        ),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "fromEmail": "nobody"},
            "fromEmail",
            "email address",
            id="from-email",
        ),
        pytest.param({"listId": "abc", "body": "Hi"}, "listId", "positive whole", id="list-id"),
        pytest.param({"listId": True, "body": "Hi"}, "listId", "positive whole", id="list-id-bool"),
        pytest.param(
            {"to": "+61411111111", "body": "Hi", "custom_string": "x"},
            "custom_string",
            "customString",
            id="snake-case-key",
        ),
        pytest.param({"messages": []}, "messages", "non-empty array", id="empty-batch"),
        pytest.param({"messages": {"to": "x"}}, "messages", "non-empty array", id="batch-object"),
        pytest.param({"messages": ["hi"]}, "messages[0]", "must be an object", id="batch-string"),
        pytest.param(
            {"messages": [{"to": "+61411111111", "body": "Hi"}], "from": "MyShop"},
            "from",
            "not both",
            id="batch-and-top-level",
        ),
    ],
)
def test_invalid_input_names_field(body, field, fragment):
    with pytest.raises(InvalidInputError, match=fragment) as caught:
        parse_messages(body, _A_NOW)

    assert caught.value.field == field


def test_every_bad_field_is_named():
    body = {
        "messages": [
            {"to": "+61411111111", "body": "ok"},
            {"to": ["x"], "body": "Hi"},
            {"to": "+61411111111", "body": "Hi", "from": "Far Too Long Sender"},
            {"to": "+61411111111"},
        ]
    }

    with pytest.raises(InvalidInputsError) as caught:
        parse_messages(body, _A_NOW)

    fields = [error.field for error in caught.value.errors]
    assert fields == ["messages[1].to", "messages[2].from", "messages[3].body"]
    assert caught.value.field == "messages[1].to, messages[2].from, messages[3].body"
    assert "3 inputs are invalid" in str(caught.value)
    assert isinstance(caught.value, InvalidInputError)


def test_many_errors_are_capped_in_message():
    body = {"messages": [{"to": "+61411111111"} for _ in range(50)]}

    with pytest.raises(InvalidInputsError) as caught:
        parse_messages(body, _A_NOW)

    assert len(caught.value.errors) == 50
    assert "and 30 more" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        pytest.param("a" * 1224, 8, id="gsm-8-parts"),
        pytest.param("ж" * 536, 8, id="unicode-8-parts"),
    ],
)
def test_body_of_eight_parts_accepted(body, parts):
    [message] = parse_messages({"to": "+61411111111", "body": body}, 0)

    assert message.parts.parts == parts
    assert message.body == body


def test_body_over_eight_parts_rejected():
    with pytest.raises(InvalidInputError) as caught:
        parse_messages({"to": "+61411111111", "body": "a" * 2000}, 0)

    assert caught.value.field == "body"
    assert caught.value.value == "a" * 2000
    assert str(caught.value) == (
        f"Invalid value for 'body': \"{'a' * 40}...\". This message is 2000 characters of "
        "GSM-7, 14 SMS parts. ClickSend sends at most 8 parts (1224 GSM-7 or 536 Unicode "
        "characters), or 6 on some accounts, and cuts off the rest. Shorten it or split it "
        "into several messages."
    )


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("a" * 1225, id="gsm-1225"),
        pytest.param("a" * 1223 + "€", id="gsm-extension-counts-2"),
        pytest.param("ж" * 537, id="unicode-537"),
    ],
)
def test_body_of_nine_parts_named_in_batch(body):
    messages = [{"to": "+61411111111", "body": "ok"}, {"to": "+61411111111", "body": body}]

    with pytest.raises(InvalidInputError) as caught:
        parse_messages({"messages": messages}, 0)

    assert caught.value.field == "messages[1].body"
    assert "9 SMS parts" in caught.value.fix
