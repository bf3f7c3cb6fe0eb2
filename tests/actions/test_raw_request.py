"""Make Raw Request against the emulator: URL forms, methods, 404 handling and retries."""

import json
from urllib.parse import urlsplit

import pytest
from werkzeug import Response

from clicksend_sms.actions import raw_request
from clicksend_sms.api.redact import mask_userinfo
from clicksend_sms.errors import (
    DeliveryStateUnknownError,
    EndpointNotFoundError,
    InvalidInputError,
    NotFoundError,
    RequestRejectedError,
)
from tests.actions.helpers import api_requests, assert_matches_out_schema, run_action


class RecordedSleep:
    def __init__(self):
        self.waits = []

    def __call__(self, seconds):
        self.waits.append(seconds)


def _cfg(emulator, **step):
    return {**emulator.cfg, **step}


def _run(emulator, body, **step):
    return run_action(raw_request, _cfg(emulator, **step), body)


@pytest.mark.parametrize(
    ("url", "path", "query"),
    [
        ("sms/history", "/v3/sms/history", {}),
        ("/sms/history", "/v3/sms/history", {}),
        ("{base}/sms/history", "/v3/sms/history", {}),
        ("sms/history?page=2&limit=15", "/v3/sms/history", {"page": "2", "limit": "15"}),
        ("{base}/lists?limit=20", "/v3/lists", {"limit": "20"}),
        ("sms/x/../history", "/v3/sms/history", {}),
        ("sms/%2e/history", "/v3/sms/history", {}),
        ("sms/history?q=to:%2B61411111111", "/v3/sms/history", {"q": "to:+61411111111"}),
    ],
)
def test_relative_forms_reach_same_path(emulator, url, path, query):
    bodies = _run(emulator, {"url": url.format(base=emulator.base_url), "method": "GET"})

    [request] = api_requests(emulator)
    assert request["path"] == path
    assert request["query"] == query
    assert bodies[0]["statusCode"] == 200
    assert bodies[0]["responseBody"]["response_code"] == "SUCCESS"


def _leaving_urls(base_url):
    parts = urlsplit(base_url)
    host, port = parts.hostname, parts.port
    return [
        f"//{host}:{port}/v3/sms/history",
        "//evil.test/v3/sms/history",
        f"http://evil.test:{port}/v3/sms/history",
        f"https://{host}:{port}/v3/sms/history",
        f"http://{host}:{port + 1}/v3/sms/history",
        f"http://{host}:{port}.evil.test/v3/sms/history",
        f"http://{host}.evil.test:{port}/v3/sms/history",
        f"http://{host}:{port}@evil.test/v3/sms/history",
        f"http://user:key@{host}:{port}/v3/sms/history",
        f"http://{host}:{port}/v3/../_emulator/requests",
        f"http://{host}:{port}/_emulator/reset",
        f"http://{host}:{port}/v3x/sms/history",
        "../_emulator/requests",
        "/../_emulator/reset",
        "sms/../../_emulator/reset",
        "%2e%2e/_emulator/reset",
        "%2E./_emulator/reset",
        ".%2e/_emulator/reset",
        "%252e%252e/_emulator/reset",
        "sms/..%2f..%2f_emulator",
        "sms\\history",
        "sms/history\r\nX-Injected: 1",
        "sms/history ",
        "sms/\x00history",
        "sms/history#x",
        "ftp://evil.test/v3",
        "javascript:alert(1)",
        "",
    ]


def test_leaving_urls_rejected_without_request(emulator):
    urls = _leaving_urls(emulator.base_url)

    for url in urls:
        with pytest.raises(InvalidInputError) as caught:
            _run(emulator, {"url": url, "method": "GET"})
        assert caught.value.field == "url", url
        assert json.dumps(mask_userinfo(url)) in str(caught.value), url
        assert "user:key" not in str(caught.value), url

    assert len(urls) >= 25
    assert api_requests(emulator) == []
    assert emulator.control.requests() == []


@pytest.mark.parametrize("method", ["get", "Get", "GET"])
def test_method_any_case(emulator, method):
    bodies = _run(emulator, {"url": "lists", "method": method})

    assert bodies[0]["statusCode"] == 200
    assert api_requests(emulator)[0]["method"] == "GET"


def test_post_with_data_creates(emulator):
    cfg = _cfg(emulator)

    bodies = run_action(
        raw_request, cfg, {"url": "lists", "method": "POST", "data": {"list_name": "Raw"}}
    )

    created = bodies[0]["responseBody"]["data"]
    assert bodies[0]["statusCode"] == 200
    assert created["list_name"] == "Raw"
    assert api_requests(emulator)[0]["body"] == {"list_name": "Raw"}
    assert "content-type" in bodies[0]["headers"]
    assert_matches_out_schema(raw_request, cfg, bodies)


def test_put_and_delete(emulator):
    [contact_list] = emulator.control.add("lists", [{"list_name": "Old"}])
    url = f"lists/{contact_list['list_id']}"

    put = _run(emulator, {"url": url, "method": "PUT", "data": {"list_name": "New"}})
    deleted = _run(emulator, {"url": url, "method": "delete"})

    assert put[0]["responseBody"]["data"]["list_name"] == "New"
    assert deleted[0]["statusCode"] == 200
    assert [r["method"] for r in api_requests(emulator)] == ["PUT", "DELETE"]


def test_404_raises_with_clicksend_message(emulator):
    with pytest.raises(NotFoundError) as caught:
        _run(emulator, {"url": "lists/987654", "method": "GET"})

    assert "/lists/987654" in str(caught.value)
    assert caught.value.status == 404


@pytest.mark.parametrize("flag", [True, "true"])
def test_404_emitted_with_flag(emulator, flag):
    cfg = _cfg(emulator, doNotThrow404=flag)

    bodies = run_action(raw_request, cfg, {"url": "lists/987654", "method": "GET"})

    assert bodies[0]["statusCode"] == 404
    assert bodies[0]["responseBody"]["http_code"] == 404
    assert bodies[0]["responseBody"]["response_msg"]
    assert_matches_out_schema(raw_request, cfg, bodies)


def test_other_4xx_raises_even_with_flag(emulator):
    with pytest.raises(RequestRejectedError) as caught:
        _run(emulator, {"url": "lists", "method": "POST", "data": {}}, doNotThrow404=True)

    assert caught.value.status == 400
    assert caught.value.response_msg


def test_get_5xx_retried(emulator):
    emulator.control.fault("status", "/v3/lists", method="GET", status=503)
    sleep = RecordedSleep()

    body = raw_request.send(emulator.cfg, "GET", "lists", None, sleep=sleep)

    assert body["statusCode"] == 200
    assert [r["status"] for r in api_requests(emulator)] == [503, 200]
    assert len(sleep.waits) == 1


def test_get_5xx_exhausted_counts_attempts(emulator):
    emulator.control.fault("status", "/v3/lists", method="GET", status=500, count=10)

    with pytest.raises(Exception, match="after 5 attempts"):
        raw_request.send(emulator.cfg, "GET", "lists", None, sleep=RecordedSleep())

    assert len(api_requests(emulator)) == 5


def test_post_5xx_not_retried(emulator):
    emulator.control.fault("status", "/v3/lists", method="POST", status=502)

    with pytest.raises(DeliveryStateUnknownError):
        raw_request.send(emulator.cfg, "POST", "lists", {"list_name": "X"}, sleep=RecordedSleep())

    assert len(api_requests(emulator)) == 1


@pytest.mark.parametrize("method", ["GET", "delete"])
def test_body_with_get_or_delete_rejected(emulator, method):
    with pytest.raises(InvalidInputError) as caught:
        run_action(raw_request, emulator.cfg, {"url": "lists", "method": method, "data": {"a": 1}})

    assert caught.value.field == "data"
    assert caught.value.value == {"a": 1}
    assert caught.value.fix.startswith(f"{method.upper()} requests send no body.")
    assert api_requests(emulator) == []


@pytest.mark.parametrize("data", [{}, []])
def test_empty_body_with_get_dropped(emulator, data):
    bodies = run_action(raw_request, emulator.cfg, {"url": "lists", "method": "GET", "data": data})

    [request] = api_requests(emulator)
    assert bodies[0]["statusCode"] == 200
    assert request["body"] is None


def test_text_body_emitted_as_text(httpserver):
    httpserver.expect_request("/v3/export.csv").respond_with_response(
        Response("a,b\n1,2\n", status=200, content_type="text/csv")
    )
    cfg = {"username": "u", "apiKey": "k", "baseUrl": httpserver.url_for("/v3")}

    bodies = run_action(raw_request, cfg, {"url": "export.csv", "method": "GET"})

    assert bodies[0]["responseBody"] == "a,b\n1,2\n"
    assert bodies[0]["headers"]["content-type"].startswith("text/csv")
    assert_matches_out_schema(raw_request, cfg, bodies)


def test_base_url_without_v3_hint(emulator):
    root = emulator.base_url.removesuffix("/v3")
    cfg = {**emulator.cfg, "baseUrl": root}

    with pytest.raises(EndpointNotFoundError) as caught:
        run_action(raw_request, cfg, {"url": "account", "method": "GET"})

    assert str(caught.value).endswith(f"Check that the base URL ends in /v3: it is {root}.")


def test_account_key_masked_in_output(emulator):
    bodies = run_action(raw_request, emulator.cfg, {"url": "account", "method": "GET"})

    subaccount = bodies[0]["responseBody"]["data"]["_subaccount"]
    assert subaccount["api_key"] == "***"
    assert subaccount["api_username"] == emulator.username
    assert emulator.api_key not in json.dumps(bodies)


def test_secret_keys_masked_at_any_depth(httpserver):
    body = {
        "http_code": 200,
        "response_code": "SUCCESS",
        "response_msg": "Here you go.",
        "data": {
            "users": [{"name": "a", "password": "pw-1", "API-Key": "k-1"}],
            "nested": {"subaccount_api_key": "k-2", "note": "api_key is masked"},
        },
    }
    httpserver.expect_request("/v3/users").respond_with_json(body)
    cfg = {"username": "u", "apiKey": "k", "baseUrl": httpserver.url_for("/v3")}

    [emitted] = run_action(raw_request, cfg, {"url": "users", "method": "GET"})

    data = emitted["responseBody"]["data"]
    assert data["users"] == [{"name": "a", "password": "***", "API-Key": "***"}]
    assert data["nested"] == {"subaccount_api_key": "***", "note": "api_key is masked"}
    assert emitted["responseBody"]["response_msg"] == "Here you go."


def test_secret_keys_masked_in_text_body(httpserver):
    truncated = '{"data": {"_subaccount": {"username": "u", "api_key": "SUB-KEY-1'
    httpserver.expect_request("/v3/account").respond_with_data(
        truncated, content_type="application/json"
    )
    cfg = {"username": "u", "apiKey": "k", "baseUrl": httpserver.url_for("/v3")}

    [emitted] = run_action(raw_request, cfg, {"url": "account", "method": "GET"})

    assert emitted["responseBody"] == '{"data": {"_subaccount": {"username": "u", "api_key": "***"'


def test_meta_model_shape():
    meta = raw_request.get_meta_model({})

    assert meta["in"]["properties"]["method"]["enum"] == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    assert meta["in"]["properties"]["url"]["required"] is True
    assert meta["out"]["properties"]["statusCode"]["required"] is True
