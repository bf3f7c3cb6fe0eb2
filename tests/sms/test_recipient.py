"""Recipient number checks: digits with an optional +, 7 to 15 digits, local numbers."""

import pytest

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.sms.recipient import check_recipient


@pytest.mark.parametrize(
    ("value", "country_given", "expected"),
    [
        pytest.param(None, False, None, id="none"),
        pytest.param("", False, None, id="empty"),
        pytest.param("  ", False, None, id="blank"),
        pytest.param("+61411111111", False, "+61411111111", id="e164"),
        pytest.param(" +61411111111 ", False, "+61411111111", id="surrounding-space-trimmed"),
        pytest.param("61411111111", False, "61411111111", id="international-without-plus"),
        pytest.param(61411111111, False, "61411111111", id="json-number"),
        pytest.param("411111111", True, "411111111", id="national-with-country"),
        pytest.param("0411111111", True, "0411111111", id="local-with-country"),
        pytest.param("+6834002", False, "+6834002", id="seven-digits"),
        pytest.param("+123456789012345", False, "+123456789012345", id="fifteen-digits"),
    ],
)
def test_check_recipient_accepts(value, country_given, expected):
    assert check_recipient(value, "to", country_given) == expected


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        pytest.param(
            "abc",
            "A phone number has only digits, with an optional leading +, e.g. +61411111111.",
            id="letters",
        ),
        pytest.param(
            "+61411111111x",
            "A phone number has only digits, with an optional leading +, e.g. +61411111111.",
            id="trailing-letter",
        ),
        pytest.param(
            "+61 (411) 111-111",
            "Remove the spaces, dashes, dots and brackets: ClickSend takes digits with an "
            "optional leading +, so write +61411111111.",
            id="separators",
        ),
        pytest.param(
            "123",
            "A phone number has 7 to 15 digits; this one has 3. Check for a missing or extra "
            "digit, e.g. +61411111111.",
            id="too-few-digits",
        ),
        pytest.param(
            "+1234567890123456",
            "A phone number has 7 to 15 digits; this one has 16. Check for a missing or extra "
            "digit, e.g. +61411111111.",
            id="too-many-digits",
        ),
        pytest.param(
            "+0411111111",
            "After + comes the country calling code, which never starts with 0, e.g. +61411111111.",
            id="plus-zero",
        ),
        pytest.param(
            "00447777777777", "Write + in place of the leading 00: +447777777777.", id="00"
        ),
        pytest.param(
            "0411111111",
            "A number with a leading 0 is a local number. Add 'country' with the recipient's "
            "two-letter country code (e.g. AU), or write the number in international form, "
            "e.g. +61411111111.",
            id="local-without-country",
        ),
        pytest.param(
            ["+61411111111"],
            'Use one phone number as text, e.g. "+61411111111", not an array, object, boolean '
            "or decimal number.",
            id="array",
        ),
        pytest.param(
            6.1411111111e10,
            'Use one phone number as text, e.g. "+61411111111", not an array, object, boolean '
            "or decimal number.",
            id="decimal",
        ),
        pytest.param(
            True,
            'Use one phone number as text, e.g. "+61411111111", not an array, object, boolean '
            "or decimal number.",
            id="bool",
        ),
    ],
)
def test_check_recipient_rejects(value, fix):
    with pytest.raises(InvalidInputError) as caught:
        check_recipient(value, "messages[1].to", False)

    assert caught.value.field == "messages[1].to"
    assert caught.value.value == value
    assert caught.value.fix == fix
