"""Checks on the base URL and request paths, so credentials only go to the configured API."""

from __future__ import annotations

from urllib.parse import unquote

import httpx

from clicksend_sms.api.redact import mask_userinfo
from clicksend_sms.errors import InvalidInputError

DEFAULT_BASE_URL = "https://rest.clicksend.com/v3"

_BASE_URL_FIX = f"Use an http or https URL without query or credentials, e.g. {DEFAULT_BASE_URL}."
_USERINFO_FIX = (
    "Remove the user name and password from the URL; the credentials come from the username "
    "and API key settings."
)
_PATH_FIX = 'Use a path relative to the base URL that starts with "/", e.g. "/sms/history".'


def normalize_base_url(value: object) -> str:
    """Return ``value`` without surrounding whitespace and trailing slashes, if usable.

    A rejected value is shown with any ``user:password@`` masked.
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("baseUrl", value, _BASE_URL_FIX)

    shown = mask_userinfo(value)
    text = value.strip().rstrip("/")
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        raise InvalidInputError("baseUrl", shown, _BASE_URL_FIX) from None

    if url.userinfo:
        raise InvalidInputError("baseUrl", shown, _USERINFO_FIX)

    unusable = (
        url.scheme not in {"http", "https"}
        or not url.host
        or url.query
        or url.fragment
        or _has_control_characters(text)
    )
    if unusable:
        raise InvalidInputError("baseUrl", shown, _BASE_URL_FIX)

    return text


def check_path(path: object) -> str:
    """Return ``path`` if it stays under the base URL.

    Rejects absolute and scheme-relative URLs, backslashes, control characters and ``..``
    segments, any of which could send the credentials to another host or path.
    """
    if not isinstance(path, str):
        raise InvalidInputError("path", path, _PATH_FIX)

    if not path.startswith("/") or path.startswith("//"):
        raise InvalidInputError("path", mask_userinfo(path), _PATH_FIX)

    # Percent-decoded too, because a server may decode "%2e%2e" to "..".
    route = unquote(path_without_query(path))
    segments = route.split("/")
    unsafe = "\\" in path or "\\" in route or _has_control_characters(path + route)
    if unsafe or ".." in segments or "." in segments:
        raise InvalidInputError("path", mask_userinfo(path), _PATH_FIX)

    return path


def origin_of(base_url: str) -> str:
    """Return ``host:port`` of a normalized base URL, with the scheme's default port."""
    url = httpx.URL(base_url)
    port = url.port or (443 if url.scheme == "https" else 80)
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{host}:{port}"


def path_without_query(path: str) -> str:
    """Return ``path`` without its query string or fragment, as errors and logs show it."""
    return path.split("?", 1)[0].split("#", 1)[0]


def _has_control_characters(text: str) -> bool:
    return any(ord(char) < 0x20 or ord(char) == 0x7F for char in text)
