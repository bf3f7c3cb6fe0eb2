"""Validate emulator responses against ClickSend's own response schemas.

The schemas come from ClickSend's OpenAPI spec (see data/README.md). OpenAPI 3.0's
``nullable`` becomes a JSON Schema null type, and ``$ref`` is inlined.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

DATA = json.loads((Path(__file__).parent / "data" / "clicksend_schemas.json").read_text())

# Fields where ClickSend's documented payloads carry values its schema does not allow.
# Each entry: schema name -> property -> extra JSON types, with the documented reason.
KNOWN_DEVIATIONS: dict[str, dict[str, list[str]]] = {
    # A blocked or invalid message in a send result has schedule "" (captured live responses).
    "sms_send_sms": {"schedule": ["string"]},
    # History rows show null from_email and contact_id (documented example), and test-number
    # sends have null status_code and status_text.
    "view_sms_history_data_allOf_data_inner": {
        "from_email": ["null"],
        "contact_id": ["null"],
        "status_code": ["null"],
        "status_text": ["null"],
    },
    # digits is for voice receipts and null for SMS (documented receipt examples).
    "sms_receipt": {"digits": ["null"]},
    # The shared pagination schema makes these nullable; the /lists copy forgot to.
    "view_lists_data": {
        "next_page_url": ["null"],
        "prev_page_url": ["null"],
        "from": ["null"],
        "to": ["null"],
    },
    # An empty page has no first or last row.
    "pagination": {"from": ["null"], "to": ["null"]},
    # The spec's text gives data: null for a single-SMS cancel and a template delete.
    "cancel-sms": {"data": ["null"]},
    "delete-sms-template": {"data": ["null"]},
}


def _convert(node: Any, name: str | None = None) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = node["$ref"].rsplit("/", 1)[1]
        return _convert(DATA["schemas"][target], target)
    out = {key: _convert(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    elif node.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    for prop, extra in KNOWN_DEVIATIONS.get(name or "", {}).items():
        prop_schema = out.get("properties", {}).get(prop)
        if prop_schema is not None:
            types = prop_schema.get("type")
            types = [types] if isinstance(types, str) else list(types or [])
            prop_schema["type"] = types + [t for t in extra if t not in types]
    return out


@cache
def validator(operation: str) -> Draft7Validator:
    """Return the validator for ``"METHOD /v3/path/{param}"`` as the spec names it."""
    name = DATA["operations"][operation]
    return Draft7Validator(_convert(DATA["schemas"][name], name))


def assert_matches(operation: str, body: Any) -> None:
    """Fail with every schema violation of ``body`` for ``operation``."""
    errors = sorted(validator(operation).iter_errors(body), key=lambda e: list(e.path))
    messages = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors]
    assert not messages, f"{operation} response breaks ClickSend's schema:\n" + "\n".join(messages)


def error_schema_matches(body: Any) -> None:
    """Check an error envelope against the spec's 400_error schema (shape only)."""
    errors = list(Draft7Validator(_convert(DATA["schemas"]["400_error"])).iter_errors(body))
    assert not errors, [e.message for e in errors]
