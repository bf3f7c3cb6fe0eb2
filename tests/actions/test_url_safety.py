"""resolve_path keeps every raw request under the configured base URL."""

import pytest

from clicksend_sms.actions.url_safety import resolve_path
from clicksend_sms.errors import InvalidInputError

BASE = "https://rest.clicksend.com/v3"

ACCEPTED = [
    pytest.param("sms/history", "/sms/history", id="relative"),
    pytest.param("/sms/history", "/sms/history", id="leading-slash"),
    pytest.param(BASE + "/sms/history", "/sms/history", id="full-url"),
    pytest.param("HTTPS://REST.clicksend.com:443/v3/lists", "/lists", id="full-url-case-port"),
    pytest.param(BASE, "/", id="base-itself"),
    pytest.param(BASE + "/", "/", id="base-slash"),
    pytest.param("/", "/", id="root"),
    pytest.param("sms/history?page=2&limit=15", "/sms/history?page=2&limit=15", id="query"),
    pytest.param("sms/history?q=to:%2B61411111111", "/sms/history?q=to:%2B61411111111", id="q"),
    pytest.param(BASE + "/lists?page=2", "/lists?page=2", id="full-url-query"),
    pytest.param("lists/", "/lists/", id="trailing-slash"),
    pytest.param("sms/x/../history", "/sms/history", id="dotdot-inside"),
    pytest.param("sms/./history", "/sms/history", id="dot"),
    pytest.param("sms/%2e/history", "/sms/history", id="encoded-dot"),
    pytest.param("sms//history", "/sms/history", id="double-slash-inside"),
    pytest.param("lists/a%20b", "/lists/a%20b", id="encoded-space-kept"),
    pytest.param("sms/history?x=..%2F..", "/sms/history?x=..%2F..", id="dots-in-query"),
]

REJECTED = [
    pytest.param("//evil.test/v3/sms/history", "another host", id="scheme-relative"),
    pytest.param("https://evil.test/v3/sms/history", "relative to", id="other-host"),
    pytest.param("http://rest.clicksend.com/v3/sms/history", "relative to", id="other-scheme"),
    pytest.param("ftp://rest.clicksend.com/v3/sms", "relative to", id="ftp"),
    pytest.param("https://rest.clicksend.com:8443/v3/sms", "relative to", id="other-port"),
    pytest.param("https://rest.clicksend.com.evil.test/v3/sms", "relative to", id="host-suffix"),
    pytest.param("https://rest.clicksend.com@evil.test/v3", "user name", id="userinfo-host"),
    pytest.param("https://user:pw@rest.clicksend.com/v3/sms", "user name", id="userinfo-creds"),
    pytest.param("https://rest.clicksend.com/v3x/sms", "relative to", id="base-path-prefix"),
    pytest.param("https://rest.clicksend.com/sms/history", "relative to", id="outside-base-path"),
    pytest.param("https://rest.clicksend.com/v3/../admin", "..", id="full-url-dotdot"),
    pytest.param("https:rest.clicksend.com/v3", "relative to", id="scheme-no-slashes"),
    pytest.param("javascript:alert(1)", "relative to", id="javascript"),
    pytest.param("..", "..", id="dotdot"),
    pytest.param("../admin", "..", id="dotdot-start"),
    pytest.param("/../admin", "..", id="slash-dotdot"),
    pytest.param("sms/../../admin", "..", id="dotdot-climb"),
    pytest.param("%2e%2e/admin", "..", id="encoded-dotdot"),
    pytest.param("%2E./admin", "..", id="mixed-encoded-dotdot"),
    pytest.param(".%2E/admin", "..", id="mixed-encoded-dotdot-2"),
    pytest.param("%252e%252e/admin", "..", id="double-encoded-dotdot"),
    pytest.param("sms/..%2fadmin", "encoded /", id="encoded-slash"),
    pytest.param("sms/%5cadmin", "encoded /", id="encoded-backslash"),
    pytest.param("sms\\history", "instead of \\", id="backslash"),
    pytest.param("\\\\evil.test\\v3", "instead of \\", id="unc"),
    pytest.param("sms/history ", "spaces", id="trailing-space"),
    pytest.param(" sms/history", "spaces", id="leading-space"),
    pytest.param("sms/\thistory", "spaces", id="tab"),
    pytest.param("sms/history\r\nHost: evil.test", "spaces", id="crlf"),
    pytest.param("sms/\x00history", "control", id="nul"),
    pytest.param("sms/\x7fhistory", "control", id="del"),
    pytest.param("sms/histor\u00ff", "outside ASCII", id="non-ascii"),
    pytest.param("sms/history#frag", "fragment", id="fragment"),
    pytest.param("https://rest.clicksend.com:99999/v3", "port", id="bad-port"),
]


@pytest.mark.parametrize(("url", "expected"), ACCEPTED)
def test_accepted_url_resolves(url, expected):
    assert resolve_path(url, BASE) == expected


@pytest.mark.parametrize(("url", "reason"), REJECTED)
def test_rejected_url_names_value(url, reason):
    with pytest.raises(InvalidInputError) as caught:
        resolve_path(url, BASE)

    assert caught.value.field == "url"
    if "@" not in url:
        assert caught.value.value == url
    assert reason in caught.value.fix


@pytest.mark.parametrize("url", [None, "", 42, ["sms/history"], {"path": "x"}])
def test_missing_or_non_text_url_rejected(url):
    with pytest.raises(InvalidInputError) as caught:
        resolve_path(url, BASE)

    assert caught.value.field == "url"
    assert "relative to the API base URL" in caught.value.fix


def test_loopback_base_with_port():
    base = "http://127.0.0.1:8765/v3"

    assert resolve_path("http://127.0.0.1:8765/v3/lists/5", base) == "/lists/5"
    with pytest.raises(InvalidInputError):
        resolve_path("http://127.0.0.1:8766/v3/lists/5", base)
    with pytest.raises(InvalidInputError):
        resolve_path("http://localhost:8765/v3/lists/5", base)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:pw@rest.clicksend.com/v3/sms", "https://***@rest.clicksend.com/v3/sms"),
        ("https://rest.clicksend.com@evil.test/v3", "https://***@evil.test/v3"),
        ("//user:pw@rest.clicksend.com/v3/sms", "//***@rest.clicksend.com/v3/sms"),
    ],
)
def test_rejected_url_masks_credentials(url, shown):
    with pytest.raises(InvalidInputError) as caught:
        resolve_path(url, BASE)

    assert caught.value.value == shown
    assert f'"{shown}"' in str(caught.value)
    assert "pw" not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "suggestion"),
    [
        ("/v3/account", "/account"),
        ("v3/sms/history?page=2", "/sms/history?page=2"),
        ("/V3/lists", "/lists"),
        (BASE + "/v3/account", "/account"),
        ("/v3", "/"),
    ],
)
def test_repeated_base_segment_rejected(url, suggestion):
    with pytest.raises(InvalidInputError) as caught:
        resolve_path(url, BASE)

    assert caught.value.field == "url"
    assert caught.value.value == url
    assert caught.value.fix == (
        f"The URL is relative to the base URL {BASE}, which already ends in /v3. "
        f"Use {suggestion} instead."
    )


def test_base_without_path_accepts_v3_segment():
    assert resolve_path("/v3/account", "http://127.0.0.1:8765") == "/v3/account"
