"""Collect every invalid input of a request before raising, so one run names them all.

A user who maps 20 fields, or sends 500 messages, should see every bad value in one error
instead of fixing them one run at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from clicksend_sms.errors import InvalidInputError

T = TypeVar("T")

# The error message lists this many problems in full and counts the rest.
MAX_LISTED = 20


class InvalidInputsError(InvalidInputError):
    """Several inputs are invalid. ``errors`` contains one InvalidInputError per bad field.

    ``field`` names every bad field, separated by commas, and ``value`` maps each field to
    the value given.
    """

    def __init__(self, errors: list[InvalidInputError]) -> None:
        self.errors = errors
        fields = ", ".join(error.field for error in errors)
        values = {error.field: error.value for error in errors}
        super().__init__(fields, values, "Fix each value listed.")
        self.args = (_summary(errors),)


class ErrorCollector:
    """Run checks, keep each InvalidInputError they raise, and raise them together at the end."""

    def __init__(self) -> None:
        self.errors: list[InvalidInputError] = []

    def check(self, function: Callable[..., T], *args: Any) -> T | None:
        """Return ``function(*args)``, or None after recording its InvalidInputError."""
        try:
            return function(*args)
        except InvalidInputError as error:
            self.add(error)
            return None

    def add(self, error: InvalidInputError) -> None:
        if isinstance(error, InvalidInputsError):
            self.errors.extend(error.errors)
        else:
            self.errors.append(error)

    def raise_if_any(self) -> None:
        """Raise the one error recorded, or an InvalidInputsError for several."""
        if len(self.errors) == 1:
            raise self.errors[0]

        if self.errors:
            raise InvalidInputsError(self.errors)


def _summary(errors: list[InvalidInputError]) -> str:
    listed = " ".join(f"({n}) {error}" for n, error in enumerate(errors[:MAX_LISTED], 1))
    more = len(errors) - MAX_LISTED
    tail = f" ... and {more} more." if more > 0 else ""
    return f"{len(errors)} inputs are invalid: {listed}{tail}"
