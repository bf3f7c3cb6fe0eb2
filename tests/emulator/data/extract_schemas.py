"""Extract the response schemas the emulator tests validate against from ClickSend's OpenAPI spec.

Usage (from the repository root; the spec is not part of this repository):

    .venv/bin/python tests/emulator/data/extract_schemas.py path/to/openapi.yaml \
        > tests/emulator/data/clicksend_schemas.json

The output keeps ClickSend's schemas unchanged (OpenAPI 3.0, with ``nullable``), minus the
``description`` and ``example`` texts, plus the operation table that maps each route to its
response schema. The tests convert them to JSON Schema when they load them.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import yaml

SOURCE = {
    "repository": "ClickSend/clicksend-go-v2",
    "path": "api/openapi.yaml",
    "commit": "2125d84dce581a6eee673f00b5725320dc1d6d26",
}
OPERATIONS = [
    ("GET", "/v3/account"),
    ("POST", "/v3/sms/send"),
    ("POST", "/v3/sms/price"),
    ("PUT", "/v3/sms/{message_id}/cancel"),
    ("PUT", "/v3/sms/cancel-all"),
    ("GET", "/v3/sms/history"),
    ("GET", "/v3/sms/receipts"),
    ("GET", "/v3/sms/receipts/{message_id}"),
    ("PUT", "/v3/sms/receipts-read"),
    ("GET", "/v3/sms/inbound"),
    ("GET", "/v3/sms/templates"),
    ("POST", "/v3/sms/templates"),
    ("GET", "/v3/sms/templates/{template_id}"),
    ("PUT", "/v3/sms/templates/{template_id}"),
    ("DELETE", "/v3/sms/templates/{template_id}"),
    ("GET", "/v3/sms-campaigns"),
    ("POST", "/v3/sms-campaigns/send"),
    ("GET", "/v3/sms-campaigns/{sms_campaign_id}"),
    ("PUT", "/v3/sms-campaigns/{sms_campaign_id}"),
    ("PUT", "/v3/sms-campaigns/{sms_campaign_id}/cancel"),
    ("GET", "/v3/lists"),
    ("POST", "/v3/lists"),
    ("GET", "/v3/lists/{list_id}"),
    ("PUT", "/v3/lists/{list_id}"),
    ("DELETE", "/v3/lists/{list_id}"),
    ("GET", "/v3/lists/{list_id}/contacts"),
    ("POST", "/v3/lists/{list_id}/contacts"),
    ("GET", "/v3/lists/{list_id}/contacts/{contact_id}"),
    ("PUT", "/v3/lists/{list_id}/contacts/{contact_id}"),
    ("DELETE", "/v3/lists/{list_id}/contacts/{contact_id}"),
]
EXTRA_SCHEMAS = ["400_error", "pagination"]
REF = re.compile(r"#/components/schemas/([^\"]+)")


def strip_text(node: Any) -> Any:
    """Drop descriptions and examples, which are prose and sample data, not structure."""
    if isinstance(node, dict):
        return {
            k: strip_text(v)
            for k, v in node.items()
            if k not in ("description", "example", "examples")
        }
    if isinstance(node, list):
        return [strip_text(item) for item in node]
    return node


def response_schema(spec: dict[str, Any], method: str, path: str) -> str:
    operation = spec["paths"][path][method.lower()]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[1]


def main(spec_path: str) -> None:
    with open(spec_path, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    components = spec["components"]["schemas"]
    operations = {f"{m} {p}": response_schema(spec, m, p) for m, p in OPERATIONS}
    pending = [*operations.values(), *EXTRA_SCHEMAS]
    schemas: dict[str, Any] = {}
    while pending:
        name = pending.pop()
        if name in schemas:
            continue
        schemas[name] = strip_text(components[name])
        pending.extend(REF.findall(json.dumps(schemas[name])))
    output = {"source": SOURCE, "operations": operations, "schemas": dict(sorted(schemas.items()))}
    json.dump(output, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
