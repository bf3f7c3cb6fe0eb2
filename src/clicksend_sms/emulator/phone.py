"""Phone numbers: E.164 normalisation, the recipient's country and ClickSend's test numbers."""

from __future__ import annotations

import re

# ClickSend's documented test numbers: accepted, never delivered, never charged, no receipt.
TEST_NUMBERS = frozenset(
    {
        "+61411111111",
        "+61422222222",
        "+61433333333",
        "+61444444444",
        "+14055555555",
        "+14055555666",
        "+447777777777",
        "+8615555555555",
    }
)

# Calling codes for the countries the emulator supports, longest prefixes first when matching.
CALLING_CODES = {
    "AU": "61",
    "NZ": "64",
    "US": "1",
    "CA": "1",
    "GB": "44",
    "IE": "353",
    "CN": "86",
    "IN": "91",
    "SG": "65",
    "DE": "49",
    "FR": "33",
    "ES": "34",
    "IT": "39",
    "NL": "31",
    "ZA": "27",
    "PH": "63",
    "JP": "81",
    "BR": "55",
    "MX": "52",
    "KP": "850",
}
_COUNTRY_BY_CODE = {code: country for country, code in reversed(list(CALLING_CODES.items()))}
CARRIERS = {"AU": "Telstra", "NZ": "Spark", "US": "AT&T", "GB": "Vodafone", "CN": "China Mobile"}

_DIGITS = re.compile(r"^\+?[0-9]+$")
_SEPARATORS = re.compile(r"[\s\-().]")
MIN_DIGITS = 8
MAX_DIGITS = 15


def normalise(number: str, country: str | None = "AU") -> str | None:
    """Return ``number`` in E.164 form, or None when it cannot be a phone number.

    Separators (spaces, dashes, dots, brackets) are dropped and ``00`` becomes ``+``. A local
    number (a leading 0) takes the calling code of ``country`` in place of the 0. Other digits
    without ``+`` are an international number with its calling code: ``447777777777`` is
    ``+447777777777``. Fewer than 8 or more than 15 digits is invalid, and so is a calling
    code starting with 0.
    """
    compact = _SEPARATORS.sub("", number or "")
    if not _DIGITS.match(compact) or compact.startswith("+0"):
        return None

    if compact.startswith("00"):
        compact = "+" + compact[2:]
    elif compact.startswith("0"):
        code = CALLING_CODES.get((country or "AU").upper())
        if code is None:
            return None
        compact = "+" + code + compact[1:]
    elif not compact.startswith("+"):
        compact = "+" + compact

    digits = len(compact) - 1
    return compact if MIN_DIGITS <= digits <= MAX_DIGITS else None


def country_of(number: str) -> str:
    """Return the ISO country code for an E.164 number, or "" when the prefix is unknown."""
    digits = number.removeprefix("+")
    for length in (3, 2, 1):
        country = _COUNTRY_BY_CODE.get(digits[:length])
        if country is not None:
            return country
    return ""


def carrier_of(country: str) -> str:
    return CARRIERS.get(country, "")
