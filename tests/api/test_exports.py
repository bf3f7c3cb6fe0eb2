"""The package exports exactly the client contract, and its value objects check themselves."""

from __future__ import annotations

import pytest

import clicksend_sms.api as api
from clicksend_sms.api import Timeouts


def test_public_names():
    assert sorted(api.__all__) == [
        "ApiResponse",
        "ClickSendClient",
        "DEFAULT_BASE_URL",
        "Page",
        "RetryPolicy",
        "Timeouts",
    ]
    for name in api.__all__:
        assert getattr(api, name) is not None


def test_timeouts_defaults():
    timeouts = Timeouts()

    assert (timeouts.connect, timeouts.read) == (10.0, 60.0)


@pytest.mark.parametrize(
    "options", [{"connect": 0}, {"read": -1}, {"read": None}, {"connect": True}]
)
def test_timeouts_must_be_positive(options):
    with pytest.raises(ValueError, match="Timeouts"):
        Timeouts(**options)
