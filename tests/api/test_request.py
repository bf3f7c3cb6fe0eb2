"""What the client sends: URL, query, headers, Basic auth and JSON body."""

from __future__ import annotations

import base64
import json

import pytest
from werkzeug import Request, Response

from clicksend_sms import __version__
from clicksend_sms.api import DEFAULT_BASE_URL, ClickSendClient
from clicksend_sms.api.auth import basic_auth_header
from clicksend_sms.api.urls import origin_of
from clicksend_sms.errors import InvalidInputError
from tests.api.conftest import API_KEY, USERNAME, envelope


def _expected_basic(username: str, api_key: str) -> str:
    token = base64.b64encode(f"{username}:{api_key}".encode()).decode()
    return f"Basic {token}"


def _echo_ok(request: Request) -> Response:
    return Response(json.dumps(envelope(data={"ok": True})), content_type="application/json")


@pytest.mark.parametrize(
    ("username", "api_key", "sent_username", "sent_key"),
    [
        pytest.param(USERNAME, API_KEY, USERNAME, API_KEY, id="plus-at-and-symbols"),
        pytest.param("jürgen@müller.de", "clé-ключ", "jürgen@müller.de", "clé-ключ", id="utf8"),
        pytest.param(
            "  user@example.com\n", "\t!@#%: key \n", "user@example.com", "!@#%: key", id="trimmed"
        ),
        pytest.param("a%40b", "100%+1", "a%40b", "100%+1", id="percent-not-decoded"),
    ],
)
def test_basic_auth_header_exact(server, make_client, username, api_key, sent_username, sent_key):
    server.expect_request("/v3/account").respond_with_handler(_echo_ok)

    make_client(username=username, api_key=api_key).request("GET", "/account")

    request, _ = server.log[0]
    assert request.headers["Authorization"] == _expected_basic(sent_username, sent_key)


def test_basic_auth_header_known_value():
    # base64 of UTF-8 "user+tag@example.com:k3y-!@#%:secret"
    expected = "Basic dXNlcit0YWdAZXhhbXBsZS5jb206azN5LSFAIyU6c2VjcmV0"

    assert basic_auth_header(USERNAME, API_KEY) == expected


def test_standard_headers(server, make_client):
    server.expect_request("/v3/account").respond_with_handler(_echo_ok)

    make_client().request("GET", "/account")

    request, _ = server.log[0]
    assert request.headers["Accept"] == "application/json"
    assert request.headers["User-Agent"] == f"clicksend-sms-component/{__version__}"
    assert "Content-Type" not in request.headers


def test_json_body_and_content_type(server, make_client):
    server.expect_request("/v3/sms/send", method="POST").respond_with_handler(_echo_ok)
    body = {"messages": [{"to": "+61411111111", "body": "Grüße 👋", "source": "sdk"}]}

    make_client().request("POST", "/sms/send", json=body)

    request, _ = server.log[0]
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.get_data().decode("utf-8")) == body


def test_query_drops_none_and_keeps_path(server, make_client):
    server.expect_request("/v3/sms/history").respond_with_handler(_echo_ok)

    make_client().request(
        "GET", "/sms/history", params={"date_from": 1715660441, "q": None, "order_by": "date:asc"}
    )

    request, _ = server.log[0]
    assert request.path == "/v3/sms/history"
    assert request.args.to_dict() == {"date_from": "1715660441", "order_by": "date:asc"}


def test_method_is_case_insensitive(server, make_client):
    server.expect_request("/v3/lists/5", method="DELETE").respond_with_handler(_echo_ok)

    response = make_client().request("delete", "/lists/5")

    assert response.data == {"ok": True}


def test_base_url_trailing_slash_stripped(server, make_client):
    server.expect_request("/v3/account").respond_with_handler(_echo_ok)
    client = make_client(base_url=server.url_for("/v3") + "//")

    client.request("GET", "/account")

    assert client.base_url == server.url_for("/v3")
    assert server.log[0][0].path == "/v3/account"


def test_default_base_url():
    with ClickSendClient("user", "key") as client:
        assert client.base_url == DEFAULT_BASE_URL == "https://rest.clicksend.com/v3"


def test_from_config(server):
    cfg = {"username": " u@example.com ", "apiKey": " key ", "baseUrl": server.url_for("/v3/")}
    server.expect_request("/v3/account").respond_with_handler(_echo_ok)

    with ClickSendClient.from_config(cfg) as client:
        client.request("GET", "/account")

    assert client.base_url == server.url_for("/v3")
    assert server.log[0][0].headers["Authorization"] == _expected_basic("u@example.com", "key")


@pytest.mark.parametrize("base_url", [None, "", "   "])
def test_from_config_blank_base_url_means_default(base_url):
    with ClickSendClient.from_config({"username": "u", "apiKey": "k", "baseUrl": base_url}) as c:
        assert c.base_url == DEFAULT_BASE_URL


@pytest.mark.parametrize(
    ("cfg", "field"),
    [
        pytest.param({"apiKey": "k"}, "username", id="username-missing"),
        pytest.param({"username": "  ", "apiKey": "k"}, "username", id="username-blank"),
        pytest.param({"username": "u"}, "apiKey", id="key-missing"),
        pytest.param({"username": "u", "apiKey": " \t"}, "apiKey", id="key-blank"),
        pytest.param({"username": "u", "apiKey": 12345}, "apiKey", id="key-not-text"),
        pytest.param(
            {"username": "u", "apiKey": "k", "baseUrl": "ftp://x"}, "baseUrl", id="base-url-scheme"
        ),
        pytest.param(
            {"username": "u", "apiKey": "k", "baseUrl": "https://a:b@x/v3"},
            "baseUrl",
            id="base-url-credentials",
        ),
        pytest.param(
            {"username": "u", "apiKey": "k", "baseUrl": "https:///v3"},
            "baseUrl",
            id="base-url-no-host",
        ),
    ],
)
def test_from_config_rejects_bad_values(cfg, field):
    with pytest.raises(InvalidInputError) as caught:
        ClickSendClient.from_config(cfg)

    assert caught.value.field == field
    assert "12345" not in str(caught.value)


@pytest.mark.parametrize(
    "path",
    [
        "sms/history",
        "//evil.example/v3",
        "https://evil.example/v3",
        "/../account",
        "/sms/%2e%2e/%2E%2E/x",
        "/sms\\history",
        "/sms/history\r\nX: y",
    ],
)
def test_unsafe_path_rejected_before_request(server, make_client, path):
    client = make_client()

    with pytest.raises(InvalidInputError) as caught:
        client.request("GET", path)

    assert caught.value.field == "path"
    assert server.log == []


def test_unknown_method_rejected(server, make_client):
    with pytest.raises(InvalidInputError) as caught:
        make_client().request("TRACE", "/account")

    assert caught.value.field == "method"
    assert server.log == []


def test_unserialisable_body_rejected(server, make_client):
    with pytest.raises(InvalidInputError) as caught:
        make_client().request("POST", "/sms/send", json={"value": float("nan")})

    assert caught.value.field == "body"
    assert server.log == []


def test_repr_hides_credentials(make_client):
    client = make_client()

    assert API_KEY not in repr(client)
    assert "user" not in repr(client)


@pytest.mark.parametrize(
    ("base_url", "origin"),
    [
        ("https://rest.clicksend.com/v3", "rest.clicksend.com:443"),
        ("http://127.0.0.1/v3", "127.0.0.1:80"),
        ("http://127.0.0.1:39385/v3", "127.0.0.1:39385"),
        ("http://[::1]:8080/v3", "[::1]:8080"),
    ],
)
def test_origin_of_base_url(base_url, origin):
    assert origin_of(base_url) == origin


def test_invalid_unicode_body_rejected_before_request(server, make_client):
    with pytest.raises(InvalidInputError) as caught:
        make_client().request("POST", "/lists", json={"list_name": "a\udcff"})

    assert caught.value.field == "body"
    assert "invalid Unicode" in caught.value.fix
    assert server.log == []


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/lists", {"q": "list_name:a\udcff"}, "params"),
        ("/lists/\udcff", None, "path"),
    ],
)
def test_invalid_unicode_url_rejected_before_request(server, make_client, path, params, field):
    with pytest.raises(InvalidInputError) as caught:
        make_client().request("GET", path, params=params)

    assert caught.value.field == field
    assert "\\udcff" in caught.value.value
    assert server.log == []
