"""The HTTP layer and the Python API: keep-alive, credentials, handler failures."""

from __future__ import annotations

import base64
import http.client
import json

import httpx
import pytest

from clicksend_sms.emulator import routes
from clicksend_sms.emulator.server import EmulatorServer


def test_keep_alive_serves_many_requests_on_one_connection(emulator):
    host, port = emulator.server.control_url.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    auth = "Basic " + base64.b64encode(b"demo-user:demo-key").decode()
    statuses = []
    for _ in range(3):
        connection.request("GET", "/v3/lists", headers={"Authorization": auth})
        response = connection.getresponse()
        json.loads(response.read())
        statuses.append((response.status, response.version))
    connection.close()
    assert statuses == [(200, 11)] * 3


def test_server_context_manager_and_urls():
    with EmulatorServer(port=0, username="u", api_key="k", seed="demo") as server:
        assert server.base_url == server.control_url + "/v3"
        assert server.base_url.startswith("http://127.0.0.1:")
        response = httpx.get(server.base_url + "/lists", auth=("u", "k"))
        assert response.json()["data"]["total"] == 3


def test_credentials_come_from_environment(monkeypatch):
    monkeypatch.setenv("CLICKSEND_USERNAME", "env-user")
    monkeypatch.setenv("CLICKSEND_API_KEY", "env-key")
    server = EmulatorServer(port=0)
    assert (server.username, server.api_key) == ("env-user", "env-key")
    server.stop()


def test_credentials_default_to_demo_pair(monkeypatch):
    monkeypatch.delenv("CLICKSEND_USERNAME", raising=False)
    monkeypatch.delenv("CLICKSEND_API_KEY", raising=False)
    server = EmulatorServer(port=0)
    assert (server.username, server.api_key) == ("demo-user", "demo-key")
    server.stop()


def test_constructor_switches_apply():
    with EmulatorServer(port=0, switches={"wrong_method": 405}) as server:
        response = httpx.put(server.base_url + "/lists", auth=(server.username, server.api_key))
        assert response.status_code == 405


def test_handler_failure_is_500_and_recorded(api, emulator, monkeypatch):
    def broken(request):
        raise RuntimeError("boom")

    route = routes._route("/v3/broken", get=broken)
    monkeypatch.setattr(routes, "ROUTES", (*routes.ROUTES, route))
    response = api.get("/broken")
    assert response.status_code == 500
    assert "boom" in response.json()["response_msg"]
    errors = emulator.control.errors()
    assert len(errors) == 1
    assert "RuntimeError: boom" in errors[0]
    emulator.control.reset()


@pytest.mark.parametrize("method", ["PATCH", "OPTIONS"])
def test_other_methods_are_routed(api, method):
    assert api.request(method, "/lists").status_code == 404
