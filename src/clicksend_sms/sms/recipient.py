"""Check a recipient number (``to``) before sending.

ClickSend documents ``to`` as an E.164 number (``+61411111111``) and accepts a local number
together with the recipient's ``country``. It documents no spaces, dashes or brackets, so a
number is accepted only as digits with an optional leading ``+``:

- ``+`` and digits: an international number.
- Digits without ``+`` or a leading 0 (``61411111111``): passed on as given. ClickSend reads
  them as an international number. With ``country`` it may read them as a number of that
  country, which ClickSend does not document.
- A leading 0 (``0411111111``): a local number. It needs ``country``, because without it
  ClickSend would pick the country itself.
- A leading ``00``: rejected, because ``+`` says the same without depending on the country.

E.164 numbers have at most 15 digits. NOTE: the minimum of 7 is an estimate of the shortest
numbers in use (e.g. +683 and 4 digits in Niue); ClickSend documents no minimum.
"""

from __future__ import annotations

import re

from clicksend_sms.errors import InvalidInputError

MIN_DIGITS = 7
MAX_DIGITS = 15

NUMBER = re.compile(r"\+?[0-9]+")
SEPARATORS = re.compile(r"[\s\-().]")
EXAMPLE = "+61411111111"


def check_recipient(value: object, field: str, country_given: bool) -> str | None:
    """Return the number without surrounding whitespace, or None when it is empty.

    ``country_given`` is True when the message has a ``country``. Raises InvalidInputError
    naming ``field`` for anything but digits with an optional leading ``+``, a digit count
    outside 7 to 15, a ``00`` or ``+0`` prefix, and a local number without ``country``.
    """
    if value is None:
        return None

    number = _as_text(value, field).strip()
    if not number:
        return None

    if not NUMBER.fullmatch(number):
        raise InvalidInputError(field, value, _format_fix(number))

    digits = number.removeprefix("+")
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        raise InvalidInputError(
            field,
            value,
            f"A phone number has {MIN_DIGITS} to {MAX_DIGITS} digits; this one has "
            f"{len(digits)}. Check for a missing or extra digit, e.g. {EXAMPLE}.",
        )

    _check_prefix(number, value, field, country_given)
    return number


def _as_text(value: object, field: str) -> str:
    """Return a string as it is and an integer as its digits. Raise for every other type."""
    if isinstance(value, str):
        return value

    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)

    raise InvalidInputError(
        field,
        value,
        f'Use one phone number as text, e.g. "{EXAMPLE}", not an array, object, boolean or '
        "decimal number.",
    )


def _format_fix(number: str) -> str:
    compact = SEPARATORS.sub("", number)
    if compact and NUMBER.fullmatch(compact):
        return (
            "Remove the spaces, dashes, dots and brackets: ClickSend takes digits with an "
            f"optional leading +, so write {compact}."
        )

    return f"A phone number has only digits, with an optional leading +, e.g. {EXAMPLE}."


def _check_prefix(number: str, value: object, field: str, country_given: bool) -> None:
    if number.startswith("+0"):
        raise InvalidInputError(
            field,
            value,
            f"After + comes the country calling code, which never starts with 0, e.g. {EXAMPLE}.",
        )

    if number.startswith("00"):
        raise InvalidInputError(field, value, f"Write + in place of the leading 00: +{number[2:]}.")

    if number.startswith("0") and not country_given:
        raise InvalidInputError(
            field,
            value,
            "A number with a leading 0 is a local number. Add 'country' with the "
            f"recipient's two-letter country code (e.g. AU), or write the number in "
            f"international form, e.g. {EXAMPLE}.",
        )
