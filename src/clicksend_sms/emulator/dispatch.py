"""The /v3 request pipeline: faults, rate limits, authentication, routing, the request log."""

from __future__ import annotations

import base64
import binascii
import json
import logging
import time
import traceback
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from clicksend_sms.emulator import delivery, routes
from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import (
    INVALID_ENDPOINT,
    TOO_MANY_REQUESTS_BODY,
    UNAUTHORIZED_BODY,
    ApiRequestError,
    Response,
    error_body,
)
from clicksend_sms.emulator.faults import Fault
from clicksend_sms.emulator.state import Emulator

logger = logging.getLogger(__name__)

HALF_BODY = -1


@dataclass
class ApiCall:
    """A raw /v3 request as the HTTP layer received it."""

    method: str
    path: str
    query: dict[str, str]
    raw_body: bytes
    content_type: str
    authorization: str | None
    base_url: str


@dataclass
class Outcome:
    """The action for the HTTP layer: send ``response`` (cut to ``truncate`` bytes) or drop.

    ``truncate`` is a byte count, or HALF_BODY for half of the encoded body.
    """

    response: Response | None
    truncate: int | None = None


def handle_api(emulator: Emulator, call: ApiCall) -> Outcome:
    """Run one /v3 request through faults, limits, auth and its handler."""
    with emulator.lock:
        fault = emulator.faults.take(call.method, call.path)
        generation = emulator.generation
    if fault is not None and fault.type == "drop_before":
        _log(emulator, call, None)
        return Outcome(None)
    if fault is not None and fault.type == "delay":
        time.sleep(float(fault.params["seconds"]))

    with emulator.lock:
        if emulator.generation != generation:
            return Outcome(None)
        response = _process(emulator, call, fault)
        _log(emulator, call, response.status)

    if fault is not None and fault.type == "drop_after":
        return Outcome(None)
    if fault is not None and fault.type == "truncate":
        return Outcome(response, int(fault.params.get("bytes", HALF_BODY)))
    return Outcome(response)


def _process(emulator: Emulator, call: ApiCall, fault: Fault | None) -> Response:
    found = routes.match(call.path)
    route_key = f"{call.method} {found[0].template if found else call.path}"
    decision = emulator.limiter.check(
        route_key, emulator.switches["rate_limit"], emulator.clock.now_float()
    )
    status_fault = fault if fault is not None and fault.type == "status" else None
    if status_fault is not None and not status_fault.params.get("process"):
        response = _fault_response(status_fault)
    elif not decision.allowed:
        response = Response(
            429, dict(TOO_MANY_REQUESTS_BODY), {"Retry-After": str(decision.retry_after)}
        )
    else:
        response = _authorised(emulator, call, found)
        if status_fault is not None:
            response = _fault_response(status_fault)
        response = _replay(emulator, call, fault, response)
    response.headers.update(decision.headers)
    return response


def _replay(emulator: Emulator, call: ApiCall, fault: Fault | None, response: Response) -> Response:
    """Remember each successful GET body per path; a replay fault sends the previous one."""
    key = f"{call.method} {call.path}"
    previous = emulator.last_bodies.get(key)
    if call.method == "GET" and response.status == 200:
        emulator.last_bodies[key] = response.body
    if fault is not None and fault.type == "replay" and previous is not None:
        return Response(200, previous)
    return response


def _authorised(
    emulator: Emulator, call: ApiCall, found: tuple[routes.Route, dict[str, str]] | None
) -> Response:
    if not _credentials_ok(emulator, call.authorization):
        return Response(401, dict(UNAUTHORIZED_BODY))
    if found is None:
        return Response(404, error_body(404, INVALID_ENDPOINT))
    route, params = found
    handler = route.methods.get(call.method)
    if handler is None:
        return _wrong_method(emulator, route)
    try:
        body = _parse_body(call)
        delivery.process_due(emulator)
        request = ApiRequest(
            call.method, call.path, call.query, body, call.base_url, emulator, params
        )
        return handler(request)
    except ApiRequestError as failure:
        return failure.response()
    except Exception as error:  # a bug in the emulator: return 500 and keep the traceback
        logger.exception("emulator handler failed for %s %s", call.method, call.path)
        emulator.errors.append(traceback.format_exc())
        return Response(500, error_body(500, f"Emulator error: {error!r}"))


def _wrong_method(emulator: Emulator, route: routes.Route) -> Response:
    if emulator.switches["wrong_method"] == 405:
        return Response(405, error_body(405), {"Allow": ", ".join(sorted(route.methods))})
    return Response(404, error_body(404, INVALID_ENDPOINT))


def _credentials_ok(emulator: Emulator, header: str | None) -> bool:
    scheme, _, encoded = (header or "").partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return False
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    username, colon, api_key = decoded.partition(":")
    return bool(colon) and emulator.check_credentials(username, api_key)


def _parse_body(call: ApiCall) -> Any:
    if not call.raw_body.strip():
        return None
    text = call.raw_body.decode("utf-8", errors="replace")
    if "application/x-www-form-urlencoded" in call.content_type:
        return dict(parse_qsl(text, keep_blank_values=True))
    try:
        return json.loads(text)
    except ValueError:
        raise ApiRequestError(400, "The request body is not valid JSON.") from None


def _fault_response(fault: Fault) -> Response:
    status = int(fault.params["status"])
    headers: dict[str, str] = {}
    if "retry_after" in fault.params:
        headers["Retry-After"] = str(fault.params["retry_after"])
    if "body" in fault.params:
        return Response(status, fault.params["body"], headers)
    body = dict(TOO_MANY_REQUESTS_BODY) if status == 429 else error_body(status)
    return Response(status, body, headers)


def _log(emulator: Emulator, call: ApiCall, status: int | None) -> None:
    try:
        body: Any = json.loads(call.raw_body) if call.raw_body.strip() else None
    except ValueError:
        body = call.raw_body.decode("utf-8", errors="replace")
    emulator.requests.append(
        {
            "method": call.method,
            "path": call.path,
            "query": dict(call.query),
            "body": body,
            "status": status,
            "time": emulator.clock.now_float(),
        }
    )
