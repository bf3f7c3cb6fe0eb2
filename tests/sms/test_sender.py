"""Sender ID checks: alphanumeric limits, numeric senders kept whole."""

import pytest

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.sms.sender import check_sender


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, None, id="none"),
        pytest.param("", None, id="empty"),
        pytest.param("  ", None, id="blank"),
        pytest.param("MyShop", "MyShop", id="alphanumeric"),
        pytest.param("ABCDEFGHIJK", "ABCDEFGHIJK", id="alphanumeric-11"),
        pytest.param(" MyShop ", "MyShop", id="surrounding-space-trimmed"),
        pytest.param("+61411111111", "+61411111111", id="e164"),
        pytest.param("+6141111111122334455", "+6141111111122334455", id="long-number-kept"),
        pytest.param("61411111111", "61411111111", id="number-without-plus"),
        pytest.param(61411111111, "61411111111", id="json-number"),
    ],
)
def test_check_sender_accepts(value, expected):
    assert check_sender(value, "from") == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        pytest.param("ABCDEFGHIJKL", "at most 11 characters", id="alphanumeric-12"),
        pytest.param("My Shop", "cannot contain spaces", id="inner-space"),
        pytest.param("+61 411 111 111", "cannot contain spaces", id="number-with-spaces"),
        pytest.param("My\tShop", "cannot contain spaces", id="tab"),
        pytest.param(["+61411111111"], "as text", id="array"),
        pytest.param({"number": "+61411111111"}, "as text", id="object"),
        pytest.param(True, "as text", id="bool"),
    ],
)
def test_check_sender_rejects(value, fragment):
    with pytest.raises(InvalidInputError, match=fragment) as caught:
        check_sender(value, "messages[0].from")

    assert caught.value.field == "messages[0].from"
