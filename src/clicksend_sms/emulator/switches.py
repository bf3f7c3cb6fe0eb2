"""Behaviour switches for the points the ClickSend documentation leaves open.

Each switch has a default and a validator. The control API and the CLI's ``--switch`` both go
through :func:`validate`, so a typo in a switch name or value fails loudly instead of being
ignored.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

Switches = dict[str, Any]

DEFAULTS: Switches = {
    # Whether date_from/date_to, updated_after and date_before include their bound value.
    "date_bounds": "inclusive",
    # "int" emits Unix timestamps as JSON integers (current spec); "string" as numeric strings
    # (legacy documentation examples).
    "timestamps": "int",
    # HTTP status for a known path called with the wrong method: 404 (observed live) or 405.
    "wrong_method": 404,
    # last_page of an empty result: 0 (observed live) or 1 (stock Laravel paginator).
    "empty_last_page": 0,
    # Default order of GET /sms-campaigns by date_added.
    "campaign_order": "asc",
    # What PUT /sms-campaigns/{id} does with a schedule left out of the request: "replace" it
    # with now (legacy documentation: the campaign goes out at once) or "keep" it.
    "campaign_update_schedule": "replace",
    # None (no limit enforced), "clicksend" (20 per 60 s on GET /account, 6000 per 60 s
    # elsewhere) or {"limit": N, "window": seconds, "routes": {"GET /v3/account": {...}}}.
    "rate_limit": None,
    # What happens to a limit outside 15..100: "clamp" to the range, or "reject" with a 400.
    "limit_policy": "clamp",
    # JSON type of a receipt's status_code: "int" (spec schema) or "string" (spec examples).
    "receipt_status_code": "int",
    # Recipient prefixes whose country is not enabled on the account (COUNTRY_NOT_ENABLED).
    "disabled_prefixes": ["+850"],
    # Seconds between a message going out and its delivery receipt (history status Sent
    # until then, Completed after).
    "receipt_delay": 0,
}


class SwitchError(ValueError):
    """An unknown switch name or a value the switch does not accept."""


def _one_of(*allowed: Any) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value not in allowed or isinstance(value, bool):
            raise SwitchError(f"expected one of {list(allowed)}, got {value!r}")
        return value

    return check


def _prefix_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SwitchError(f'expected a list of prefixes such as ["+850"], got {value!r}')
    return [item if item.startswith("+") else "+" + item for item in value]


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise SwitchError(f"expected a number of seconds >= 0, got {value!r}")
    return value


def _bucket(value: Any, where: str) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise SwitchError(f'{where}: expected {{"limit": N, "window": seconds}}, got {value!r}')
    limit, window = value.get("limit"), value.get("window", 60)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise SwitchError(f"{where}.limit: expected an integer >= 1, got {limit!r}")
    if isinstance(window, bool) or not isinstance(window, int | float) or window <= 0:
        raise SwitchError(f"{where}.window: expected seconds > 0, got {window!r}")
    return {"limit": limit, "window": window}


def _rate_limit(value: Any) -> Any:
    if value is None or value == "clicksend":
        return value
    if not isinstance(value, Mapping):
        raise SwitchError(f'expected null, "clicksend" or an object, got {value!r}')
    result: dict[str, Any] = {}
    if "limit" in value:
        result.update(_bucket(value, "rate_limit"))
    routes = value.get("routes", {})
    if not isinstance(routes, Mapping):
        raise SwitchError(f"rate_limit.routes: expected an object, got {routes!r}")
    result["routes"] = {
        str(route): _bucket(bucket, f"rate_limit.routes[{route!r}]")
        for route, bucket in routes.items()
    }
    return result


VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "date_bounds": _one_of("inclusive", "exclusive"),
    "timestamps": _one_of("int", "string"),
    "wrong_method": _one_of(404, 405),
    "empty_last_page": _one_of(0, 1),
    "campaign_order": _one_of("asc", "desc"),
    "campaign_update_schedule": _one_of("replace", "keep"),
    "rate_limit": _rate_limit,
    "limit_policy": _one_of("clamp", "reject"),
    "receipt_status_code": _one_of("int", "string"),
    "disabled_prefixes": _prefix_list,
    "receipt_delay": _seconds,
}


def defaults() -> Switches:
    """Return a fresh copy of the default switches."""
    return copy.deepcopy(DEFAULTS)


def validate(values: Mapping[str, Any]) -> Switches:
    """Return ``values`` checked and normalised; raise SwitchError naming the bad switch."""
    checked: Switches = {}
    for name, value in values.items():
        validator = VALIDATORS.get(name)
        if validator is None:
            raise SwitchError(f"unknown switch {name!r}; known switches: {sorted(VALIDATORS)}")
        try:
            checked[name] = validator(value)
        except SwitchError as error:
            raise SwitchError(f"switch {name!r}: {error}") from None
    return checked
