"""Scripted faults, rate limiting, authentication and routing errors."""

from __future__ import annotations

import base64
import http.client
import json

import httpx
import pytest

TOO_MANY = {
    "http_code": 429,
    "response_code": "HTTP_TOO_MANY_REQUESTS",
    "response_msg": "Too many attempts.",
    "data": None,
}
UNAUTHORIZED = {
    "http_code": 401,
    "response_code": "UNAUTHORIZED",
    "response_msg": "Authorization failed.",
    "data": None,
}
SEND = {"messages": [{"to": "+61298765432", "body": "Hello"}]}


@pytest.fixture
def fresh(emulator):
    """A client that opens a new connection per request, so a dropped one cannot be reused."""
    with httpx.Client(
        base_url=emulator.base_url,
        auth=(emulator.username, emulator.api_key),
        timeout=5,
        limits=httpx.Limits(max_keepalive_connections=0),
    ) as client:
        yield client


def test_status_fault_responds_then_clears(api, emulator):
    emulator.control.fault("status", "/v3/sms/history", status=500)
    failed = api.get("/sms/history")
    assert failed.status_code == 500
    assert failed.json() == {
        "http_code": 500,
        "response_code": "INTERNAL_SERVER_ERROR",
        "response_msg": "Internal server error.",
        "data": None,
    }
    assert api.get("/sms/history").status_code == 200


def test_status_fault_429_has_retry_after(api, emulator):
    emulator.control.fault("status", "/v3/sms/history", status=429, retry_after=2)
    response = api.get("/sms/history")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "2"
    assert response.json() == TOO_MANY


def test_status_fault_does_not_process_send(api, emulator, frozen):
    emulator.control.fault("status", "/v3/sms/send", method="POST", status=503)
    assert api.post("/sms/send", json=SEND).status_code == 503
    assert emulator.control.state()["history"] == 0


def test_status_fault_can_process_first(api, emulator, frozen):
    emulator.control.fault("status", "/v3/sms/send", method="POST", status=500, process=True)
    assert api.post("/sms/send", json=SEND).status_code == 500
    assert emulator.control.state()["history"] == 1


def test_status_fault_with_text_body(api, emulator):
    emulator.control.fault("status", "/v3/lists", status=502, body="<html>Bad gateway</html>")
    response = api.get("/lists")
    assert response.status_code == 502
    assert response.text == "<html>Bad gateway</html>"
    assert response.headers["content-type"].startswith("text/html")


def test_fault_matches_method_prefix_and_count(api, emulator):
    emulator.control.fault("status", "/v3/sms", method="GET", count=2, status=500)
    assert api.put("/sms/receipts-read").status_code == 200
    assert api.get("/lists").status_code == 200
    assert api.get("/sms/history").status_code == 500
    assert api.get("/sms/receipts").status_code == 500
    assert api.get("/sms/history").status_code == 200


def test_drop_before_closes_without_processing(fresh, emulator, frozen):
    emulator.control.fault("drop_before", "/v3/sms/send")
    with pytest.raises(httpx.RemoteProtocolError):
        fresh.post("/sms/send", json=SEND)
    assert emulator.control.state()["history"] == 0
    assert emulator.control.requests("/v3/sms/send")[0]["status"] is None


def test_drop_after_processes_then_closes(fresh, emulator, frozen):
    emulator.control.fault("drop_after", "/v3/sms/send", method="POST")
    with pytest.raises(httpx.RemoteProtocolError):
        fresh.post("/sms/send", json=SEND)
    assert emulator.control.state()["history"] == 1
    assert emulator.control.requests("/v3/sms/send")[0]["status"] == 200


def test_truncate_sends_cut_json(api, emulator):
    emulator.control.fault("truncate", "/v3/account")
    response = api.get("/account")
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_truncate_to_given_bytes(api, emulator):
    emulator.control.fault("truncate", "/v3/account", bytes=7)
    assert api.get("/account").content == b'{"http_'


def test_replay_repeats_previous_page(api, emulator, frozen):
    emulator.control.seed("generated", collection="history", count=40)
    first = api.get("/sms/history", params={"page": 1}).json()
    emulator.control.fault("replay", "/v3/sms/history")
    repeated = api.get("/sms/history", params={"page": 2}).json()
    assert repeated == first
    assert api.get("/sms/history", params={"page": 2}).json()["data"]["current_page"] == 2


def test_replay_without_previous_response_is_normal(api, emulator):
    emulator.control.fault("replay", "/v3/lists")
    assert api.get("/lists").json()["data"]["current_page"] == 1


def test_delay_holds_the_response(emulator):
    emulator.control.fault("delay", "/v3/account", seconds=0.5)
    with (
        httpx.Client(
            base_url=emulator.base_url, auth=(emulator.username, emulator.api_key), timeout=0.05
        ) as client,
        pytest.raises(httpx.ReadTimeout),
    ):
        client.get("/account")


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param({"type": "explode"}, id="unknown-type"),
        pytest.param({"type": "status", "method": "FETCH"}, id="bad-method"),
        pytest.param({"type": "status", "path": "v3"}, id="relative-path"),
        pytest.param({"type": "delay", "seconds": -1}, id="negative-delay"),
        pytest.param({"type": "status", "count": 0}, id="zero-count"),
    ],
)
def test_invalid_fault_is_rejected(emulator, spec):
    status, body = _raw(emulator, "POST", "/_emulator/faults", spec)
    assert status == 400
    assert "error" in body


def _raw(emulator, method, path, payload=None):
    host, port = emulator.server.control_url.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.request(method, path, body=json.dumps(payload) if payload is not None else None)
    response = connection.getresponse()
    body = json.loads(response.read())
    connection.close()
    return response.status, body


# rate limits --------------------------------------------------------------------------------


def test_rate_limit_headers_on_every_response(api, emulator):
    for response in (
        api.get("/account"),
        api.get("/nope"),
        httpx.get(emulator.base_url + "/account"),
    ):
        assert {"x-ratelimit-limit", "x-ratelimit-remaining", "ratelimit-reset"} <= set(
            response.headers
        )


def test_rate_limit_rejects_then_resets_on_clock(api, emulator, frozen):
    emulator.control.switches(rate_limit={"limit": 2, "window": 60})
    first, second, third = (api.get("/sms/history") for _ in range(3))
    assert [r.status_code for r in (first, second, third)] == [200, 200, 429]
    assert first.headers["x-ratelimit-remaining"] == "1"
    assert second.headers["x-ratelimit-remaining"] == "0"
    assert third.json() == TOO_MANY
    assert third.headers["Retry-After"] == third.headers["ratelimit-reset"] == "60"
    emulator.control.advance_clock(45)
    assert api.get("/sms/history").headers["Retry-After"] == "15"
    emulator.control.advance_clock(15)
    assert api.get("/sms/history").status_code == 200


def test_rate_limit_is_per_route(api, emulator, frozen):
    emulator.control.switches(rate_limit={"limit": 1, "window": 60})
    assert api.get("/sms/history").status_code == 200
    assert api.get("/sms/history").status_code == 429
    assert api.get("/lists").status_code == 200
    assert api.get("/lists/1").status_code == 404
    assert api.get("/lists/2").status_code == 429


def test_rate_limit_counts_bad_credentials(api, emulator, frozen):
    emulator.control.switches(rate_limit={"limit": 1, "window": 60})
    assert httpx.get(emulator.base_url + "/account").status_code == 401
    assert api.get("/account").status_code == 429


def test_clicksend_rate_limit_preset(api, emulator, frozen):
    emulator.control.switches(rate_limit="clicksend")
    statuses = [api.get("/account").status_code for _ in range(21)]
    assert statuses == [200] * 20 + [429]
    assert api.get("/sms/history").headers["x-ratelimit-limit"] == "6000"


def test_route_specific_rate_limit(api, emulator, frozen):
    emulator.control.switches(rate_limit={"routes": {"GET /v3/lists/{list_id}": {"limit": 1}}})
    assert api.get("/lists/1").status_code == 404
    assert api.get("/lists/1").status_code == 429
    assert api.get("/lists").status_code == 200


# authentication and routing -----------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="missing"),
        pytest.param({"Authorization": "Bearer demo-key"}, id="bearer"),
        pytest.param({"Authorization": "Basic !!!"}, id="malformed"),
        pytest.param(
            {"Authorization": "Basic " + base64.b64encode(b"demo-user").decode()}, id="no-colon"
        ),
        pytest.param(
            {"Authorization": "Basic " + base64.b64encode(b"demo-user:").decode()}, id="empty-key"
        ),
        pytest.param(
            {"Authorization": "Basic " + base64.b64encode(b"other:demo-key").decode()},
            id="wrong-user",
        ),
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_bad_credentials_get_exact_401(emulator, headers, method):
    response = httpx.request(method, emulator.base_url + "/sms/history", headers=headers)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert "www-authenticate" not in response.headers


def test_wrong_method_is_404_by_default(api):
    response = api.put("/sms/history")
    assert response.status_code == 404
    assert response.json()["response_msg"] == "Invalid endpoint. Please try again."


def test_wrong_method_is_405_by_switch(api, emulator):
    emulator.control.switches(wrong_method=405)
    response = api.delete("/sms/history")
    assert response.status_code == 405
    assert response.json()["response_code"] == "NOT_FOUND"
    assert response.json()["data"] is None
    assert response.headers["Allow"] == "GET"


def test_path_outside_v3_is_invalid_endpoint(emulator):
    response = httpx.get(emulator.server.control_url + "/v2/sms/history")
    assert response.status_code == 404
    assert response.json()["response_msg"] == "Invalid endpoint. Please try again."


def test_trailing_slash_is_accepted(api):
    assert api.get("/lists/").status_code == 200


def test_unknown_control_endpoint_lists_endpoints(emulator):
    status, body = _raw(emulator, "GET", "/_emulator/nope")
    assert status == 404
    assert "POST /_emulator/reset {switches?}" in body["endpoints"]
