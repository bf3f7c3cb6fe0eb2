"""Resolve a user-supplied URL to a path under the configured API base, or reject it.

Make Raw Request sends the account's credentials with every request, so a URL that could
reach another host, another scheme or a path above the base (``/v3``) must be rejected
before any request. Two forms are accepted: a path relative to the base (``sms/history`` or
``/sms/history``), and the full base URL followed by a path. Either may carry a query string.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn
from urllib.parse import SplitResult, unquote, urlsplit

from clicksend_sms.api.redact import mask_userinfo
from clicksend_sms.errors import InvalidInputError

FIELD = "url"

# RFC 3986 scheme: a letter, then letters, digits, "+", "-" or ".", then ":".
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Enough rounds to undo any nesting a proxy or server might decode (%252e -> %2e -> .).
_MAX_DECODE_ROUNDS = 5


def resolve_path(url: Any, base_url: str) -> str:
    """Return the path and query of ``url`` relative to ``base_url``, starting with ``/``.

    ``.`` segments are removed and ``..`` segments are resolved, so the result contains
    neither. ``..`` that would climb above the base path raises InvalidInputError, and so do
    another scheme or host, ``//host``, user information, a fragment, backslashes, control
    characters, whitespace, non-ASCII characters and encoded ``/`` or ``\\`` in the path.
    A path that repeats the base path's last segment (``/v3/account`` under ``.../v3``) is
    rejected too, because it would request ``/v3/v3/account``.
    """
    text = _checked_text(url)
    path, query = _split_query(text)

    if _SCHEME.match(path):
        path = _path_under_base(text, base_url)
    elif path.startswith("//"):
        _reject(text, "A URL starting with // names another host. Use a path such as sms/history.")

    segments = _resolve_segments(text, path)
    _reject_repeated_base_segment(text, segments, query, base_url)
    return "/" + "/".join(segments) + query


def _reject_repeated_base_segment(
    text: str, segments: list[str], query: str, base_url: str
) -> None:
    base_segment = urlsplit(base_url).path.rstrip("/").rpartition("/")[2]
    if not base_segment or not segments or segments[0].lower() != base_segment.lower():
        return

    suggestion = "/" + "/".join(segments[1:]) + query
    raise InvalidInputError(
        FIELD,
        mask_userinfo(text),
        f"The URL is relative to the base URL {base_url}, which already ends in "
        f"/{base_segment}. Use {suggestion} instead.",
    )


def _checked_text(url: Any) -> str:
    if not isinstance(url, str) or not url:
        raise InvalidInputError(
            FIELD, url, "Enter a path relative to the API base URL, e.g. sms/history."
        )

    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in url):
        _reject(url, "Remove the spaces, tabs, line breaks or control characters.")

    if not url.isascii():
        _reject(url, "Percent-encode characters outside ASCII, e.g. %C3%A9 for é.")

    if "\\" in url:
        _reject(url, "Use / instead of \\ to separate path segments.")

    if "#" in url:
        _reject(url, "Remove the fragment (the part from #); it is never sent to the server.")

    return url


def _split_query(text: str) -> tuple[str, str]:
    path, mark, query = text.partition("?")
    return path, mark + query


def _path_under_base(text: str, base_url: str) -> str:
    """Return the path of a full URL below the base path, or reject a URL that leaves it."""
    given = urlsplit(text)
    base = urlsplit(base_url)
    if given.username is not None or given.password is not None or "@" in given.netloc:
        _reject(text, "Remove the user name or @ before the host; credentials come from the step.")

    if given.scheme.lower() != base.scheme.lower() or _origin(given) != _origin(base):
        _reject(text, f"Use a path relative to {base_url}, or a URL that starts with it.")

    base_path = base.path.rstrip("/")
    if given.path != base_path and not given.path.startswith(base_path + "/"):
        _reject(text, f"Use a path relative to {base_url}, or a URL that starts with it.")

    return given.path[len(base_path) :]


def _origin(parts: SplitResult) -> tuple[str, int | None]:
    try:
        port = parts.port
    except ValueError:
        _reject(parts.geturl(), "The port is not a number between 0 and 65535.")

    host = (parts.hostname or "").lower()
    return host, port if port is not None else _DEFAULT_PORTS.get(parts.scheme.lower())


def _resolve_segments(text: str, path: str) -> list[str]:
    """Return the path's segments with dot segments resolved, keeping their encoding."""
    raw_segments = path.lstrip("/").split("/")
    resolved: list[str] = []
    for index, segment in enumerate(raw_segments):
        decoded = _fully_decoded(segment)
        if "/" in decoded or "\\" in decoded:
            _reject(text, "Remove the encoded / or \\ (%2F, %5C) from the path.")

        is_last = index == len(raw_segments) - 1
        if decoded == "..":
            if not resolved:
                _reject(text, "Remove the .. segments that climb above the base path.")
            resolved.pop()
        elif decoded != "." and (segment or is_last):
            resolved.append(segment)

    return resolved


def _fully_decoded(segment: str) -> str:
    decoded = segment
    for _ in range(_MAX_DECODE_ROUNDS):
        next_round = unquote(decoded)
        if next_round == decoded:
            break
        decoded = next_round
    return decoded


def _reject(url: str, fix: str) -> NoReturn:
    # The URL is shown with any "user:password@" masked, because errors reach logs.
    shown = mask_userinfo(url)
    raise InvalidInputError(FIELD, shown, f"The URL must stay under the configured API base. {fix}")
