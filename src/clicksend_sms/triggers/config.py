"""The polling trigger's configuration, validated before any request is sent."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from clicksend_sms.api.timestamps import parse_iso8601
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.objects import ObjectType, Operation, get_object_type

EMIT_INDIVIDUALLY = "emitIndividually"
EMIT_PAGE = "emitPage"
EMIT_BEHAVIORS = (EMIT_INDIVIDUALLY, EMIT_PAGE)

MIN_PAGE_SIZE = 15
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 100

DEFAULT_START_TIME = datetime(1970, 1, 1, tzinfo=UTC)

# The upper bound of every poll is "now" minus this many seconds. One second lets the
# current second finish (ClickSend dates have whole-second resolution, so rows can still
# arrive with the current second's date). The rest covers the unknown delay between
# ClickSend stamping a row and listing it, and a few seconds of clock difference between
# this host and ClickSend.
DEFAULT_LAG_SECONDS = 10
MAX_LAG_SECONDS = 7 * 24 * 3600
LAG_KEY = "pollLagSeconds"
LAG_VARIABLE = "CLICKSEND_POLL_LAG_SECONDS"


@dataclass(frozen=True)
class PollSettings:
    """The validated trigger configuration."""

    object_type: ObjectType
    field: str
    emit_page: bool
    page_size: int
    start_time: datetime
    lag_seconds: int


def parse_settings(
    cfg: Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> PollSettings:
    """Validate the trigger fields of ``cfg``; raise InvalidInputError on the first bad one.

    The lag comes from the hidden config key ``pollLagSeconds``, else the environment
    variable CLICKSEND_POLL_LAG_SECONDS, else DEFAULT_LAG_SECONDS.
    """
    env = os.environ if environ is None else environ
    object_type = get_object_type(cfg.get("objectType"), Operation.POLL)
    field = parse_poll_field(object_type, cfg.get("pollConfig"))
    emit_page = parse_emit_behavior(cfg.get("emitBehavior")) == EMIT_PAGE
    page_size = parse_page_size(cfg.get("pageSize"))
    start_time = parse_start_time(cfg.get("startTime"))

    lag_value = cfg.get(LAG_KEY)
    lag_field = LAG_KEY
    if _is_empty(lag_value) and not _is_empty(env.get(LAG_VARIABLE)):
        lag_value, lag_field = env.get(LAG_VARIABLE), LAG_VARIABLE
    lag_seconds = parse_lag(lag_value, lag_field)

    return PollSettings(object_type, field, emit_page, page_size, start_time, lag_seconds)


def parse_poll_field(object_type: ObjectType, value: Any) -> str:
    choices = ", ".join(object_type.poll_fields)
    if value not in object_type.poll_fields:
        raise InvalidInputError(
            "pollConfig", value, f"For {object_type.plural_label} use one of: {choices}."
        )
    return str(value)


def parse_emit_behavior(value: Any) -> str:
    if _is_empty(value):
        return EMIT_INDIVIDUALLY
    if value not in EMIT_BEHAVIORS:
        raise InvalidInputError(
            "emitBehavior", value, f"Use one of: {', '.join(EMIT_BEHAVIORS)} (or leave it empty)."
        )
    return str(value)


def parse_page_size(value: Any) -> int:
    """Return the page size: an integer from 15 to 100, or 100 when the value is empty.

    Integers, whole-number floats and strings of digits are accepted; booleans, fractions
    and other text are not.
    """
    fix = (
        f"Use a whole number from {MIN_PAGE_SIZE} to {MAX_PAGE_SIZE}, or leave it empty "
        f"for {DEFAULT_PAGE_SIZE}."
    )
    if _is_empty(value):
        return DEFAULT_PAGE_SIZE

    number = _whole_number(value)
    if number is None or not MIN_PAGE_SIZE <= number <= MAX_PAGE_SIZE:
        raise InvalidInputError("pageSize", value, fix)
    return number


def parse_start_time(value: Any) -> datetime:
    if _is_empty(value):
        return DEFAULT_START_TIME
    return parse_iso8601(value, "startTime")


def parse_lag(value: Any, field: str = LAG_KEY) -> int:
    if _is_empty(value):
        return DEFAULT_LAG_SECONDS

    number = _whole_number(value)
    if number is None or not 0 <= number <= MAX_LAG_SECONDS:
        raise InvalidInputError(
            field, value, f"Use a whole number of seconds from 0 to {MAX_LAG_SECONDS}."
        )
    return number


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
