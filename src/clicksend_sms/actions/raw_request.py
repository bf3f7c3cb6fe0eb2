"""Make Raw Request: send any request to the ClickSend API under the configured base URL.

The ``url`` input is resolved against the base URL by ``url_safety`` and rejected before any
request when it could leave it. Emits ``{"statusCode", "headers", "responseBody"}``, where
``responseBody`` is the parsed JSON, or the text when the body is not JSON. Secret values
in it are replaced by ``***`` at any depth, because the emitted body travels on through the
flow and ``GET /account`` returns the sub-account's API key. The masked keys are
``api_key``, ``password``, ``token``, ``secret``, ``authorization`` and names ending in
``apikey`` or ``password``, in any case and with ``_`` or ``-``. A 404 is emitted
when ``doNotThrow404`` is set; every other 4xx and 5xx raises the client's error with
ClickSend's message. Retries follow the client's rules: GET, PUT and DELETE repeat 429, 5xx
and network failures; POST and PATCH repeat only requests that provably were not processed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from clicksend_sms.actions import inputs
from clicksend_sms.actions.url_safety import resolve_path
from clicksend_sms.api import ApiResponse, ClickSendClient
from clicksend_sms.api.error_mapping import error_for_response
from clicksend_sms.api.redact import redact, redact_text
from clicksend_sms.api.urls import path_without_query
from clicksend_sms.component import ExecutionContext, Message
from clicksend_sms.component.metadata import Schema
from clicksend_sms.errors import InvalidInputError

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
METHODS_WITHOUT_BODY = ("GET", "DELETE")
INPUT_NAMES = ("url", "method", "data")

Sleep = Callable[[float], None]


def process(
    context: ExecutionContext, message: Message, cfg: dict[str, Any], snapshot: dict[str, Any]
) -> dict[str, Any]:
    """Send the request described by ``url``, ``method`` and ``data``; return the response."""
    del context, snapshot
    do_not_throw_404 = inputs.checkbox(cfg.get("doNotThrow404"), "doNotThrow404")
    body = message.body
    inputs.reject_unknown_keys(body, INPUT_NAMES, "Make Raw Request")
    method = request_method(body.get("method"))
    data = request_data(body.get("data"), method)
    return send(cfg, method, body.get("url"), data, do_not_throw_404=do_not_throw_404)


def send(
    cfg: dict[str, Any],
    method: str,
    url: Any,
    data: Any,
    *,
    do_not_throw_404: bool = False,
    sleep: Sleep = time.sleep,
) -> dict[str, Any]:
    """Check ``url``, send one request with the client's retries and return the emitted body.

    ``sleep`` waits between retries; tests pass one that does not block.
    """
    with ClickSendClient.from_config(cfg, sleep=sleep) as client:
        base_url = client.base_url
        path = resolve_path(url, base_url)
        response = client.request(method, path, json=data, raise_for_status=False)

    succeeded = 200 <= response.status < 300 and not response.is_error
    if not succeeded and not (do_not_throw_404 and response.effective_status == 404):
        raise error_for_response(
            method,
            path_without_query(path),
            response,
            attempts=response.attempts,
            base_url=base_url,
        )

    return result_body(response)


def result_body(response: ApiResponse) -> dict[str, Any]:
    """Return ``{"statusCode", "headers", "responseBody"}`` with secret values masked."""
    body = response.body
    return {
        "statusCode": response.status,
        "headers": dict(response.headers.items()),
        "responseBody": redact_text(body) if isinstance(body, str) else redact(body),
    }


def request_method(value: Any) -> str:
    """Return the HTTP method in upper case; only GET, POST, PUT, PATCH and DELETE pass."""
    fix = f"Use one of the supported methods: {', '.join(METHODS)} (any case)."
    if not isinstance(value, str) or value.strip().upper() not in METHODS:
        raise InvalidInputError("method", value, fix)

    return value.strip().upper()


def request_data(value: Any, method: str) -> Any:
    """Return the JSON request body: an object, an array, or None for no body.

    GET and DELETE send no body, because no ClickSend endpoint reads one. An empty object or
    array (an unmapped field) is dropped for them, and any other body is rejected.
    """
    if value is None:
        return None

    if not isinstance(value, dict | list):
        raise InvalidInputError(
            "data", value, "Use a JSON object or array as the request body, or leave it empty."
        )

    if method in METHODS_WITHOUT_BODY and not value:
        return None

    if method in METHODS_WITHOUT_BODY:
        raise InvalidInputError(
            "data",
            value,
            f"{method} requests send no body. Put parameters in the URL's query, e.g. "
            "sms/history?page=2, or use POST, PUT or PATCH.",
        )

    return value


def get_meta_model(cfg: dict[str, Any]) -> dict[str, Schema]:
    """Return the request inputs and the response shape; neither depends on ``cfg``."""
    del cfg
    return {"in": _input_schema(), "out": _output_schema()}


def _input_schema() -> Schema:
    return {
        "type": "object",
        "properties": {
            "url": {
                "type": "string",
                "title": "URL",
                "required": True,
                "description": (
                    "Path after the API base URL, e.g. sms/history?page=2 or /lists/42, "
                    "without the base URL's /v3. A full URL must start with the configured "
                    "base URL."
                ),
            },
            "method": {
                "type": "string",
                "title": "Method",
                "required": True,
                "enum": list(METHODS),
            },
            "data": {
                "type": "object",
                "title": "Request Body",
                "required": False,
                "description": (
                    "JSON body to send with POST, PUT or PATCH; leave empty for none. GET and "
                    "DELETE send no body, so a non-empty one is rejected."
                ),
            },
        },
    }


def _output_schema() -> Schema:
    return {
        "type": "object",
        "properties": {
            "statusCode": {"type": "integer", "title": "Status Code", "required": True},
            "headers": {"type": "object", "title": "HTTP Headers", "required": True},
            "responseBody": {
                "type": ["object", "array", "string", "number", "integer", "boolean", "null"],
                "title": "Response Body",
                "required": False,
                "description": (
                    "The parsed JSON body, or its text when it is not JSON. Values of secret "
                    "keys such as api_key, password or token are replaced by ***."
                ),
            },
        },
    }
