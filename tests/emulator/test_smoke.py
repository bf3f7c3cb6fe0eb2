"""The emulator starts, returns the envelope and rejects bad credentials."""

import httpx


def test_history_page_has_envelope(emulator):
    emulator.control.seed("demo")
    response = httpx.get(
        emulator.base_url + "/sms/history", auth=(emulator.username, emulator.api_key)
    )
    body = response.json()
    assert response.status_code == 200
    assert body["response_code"] == "SUCCESS"
    assert body["data"]["total"] == 5


def test_wrong_key_gets_exact_401(emulator):
    response = httpx.get(emulator.base_url + "/lists", auth=(emulator.username, "wrong"))
    assert response.status_code == 401
    assert response.json() == {
        "http_code": 401,
        "response_code": "UNAUTHORIZED",
        "response_msg": "Authorization failed.",
        "data": None,
    }
    assert "www-authenticate" not in response.headers
