"""Masking of secrets: fields of request and response bodies, and credentials in URLs."""

from __future__ import annotations

import json
import re
from typing import Any

MASK = "***"
MAX_LOGGED_CHARS = 4000

# Compared after lower-casing and removing "_" and "-", so "api_key", "apiKey" and
# "API-Key" all match. GET /account returns the subaccount's key as "_subaccount.api_key".
_SECRET_KEYS = frozenset({"apikey", "password", "authorization", "secret", "token"})

# A "key": value pair whose key names a secret, in text that is not valid JSON (for example a
# truncated body). The value may lack its closing quote.
_SECRET_PAIR = re.compile(
    r'("[^"\\]*(?:api[_-]?key|password|authorization|secret|token)[^"\\]*"\s*:\s*)'
    r'(?:"(?:[^"\\]|\\.)*"?|[^,}\]\s]+)',
    re.IGNORECASE,
)

# A scheme with "//", after which a URL's authority (and any "user:password@") begins.
_AUTHORITY_START = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//")


def redact(value: Any) -> Any:
    """Return a copy of a JSON value with the values of secret keys replaced by ``***``."""
    if isinstance(value, dict):
        return {key: MASK if _is_secret(key) else redact(item) for key, item in value.items()}

    if isinstance(value, list):
        return [redact(item) for item in value]

    return value


def redact_text(text: str) -> str:
    """Return a body text that is not valid JSON with the values of secret keys masked."""
    return _SECRET_PAIR.sub(rf'\1"{MASK}"', text)


def for_log(value: Any) -> str:
    """Render a JSON value or a non-JSON body text, redacted and shortened, for a DEBUG line."""
    if isinstance(value, str):
        text = redact_text(value)
    else:
        text = json.dumps(redact(value), ensure_ascii=False, default=str)

    if len(text) > MAX_LOGGED_CHARS:
        return f"{text[:MAX_LOGGED_CHARS]}... ({len(text)} characters)"

    return text


def _is_secret(key: object) -> bool:
    normalized = str(key).lower().replace("_", "").replace("-", "")
    return normalized in _SECRET_KEYS or normalized.endswith(("apikey", "password"))


def mask_userinfo(text: str) -> str:
    """Return ``text`` with a URL's user information (``user:password@``) replaced by ``***``.

    Everything from the authority's start to its last ``@`` is masked, even when the
    password contains an unencoded ``/``, so ``http://u:p/w@host/v3`` becomes
    ``http://***@host/v3``. Text without ``//`` is treated as starting with the authority,
    as in ``user:key@host/v3``. An ``@`` in the path of a URL with ``//`` masks the host too,
    which errs on the side of hiding a secret.
    """
    match = _AUTHORITY_START.match(text)
    start = match.end() if match else 0
    end = _first_index(text, "?#" if match else "/?#", start)
    at = text.rfind("@", start, end)
    if at < 0:
        return text

    return f"{text[:start]}{MASK}{text[at:]}"


def _first_index(text: str, characters: str, start: int) -> int:
    found = [index for index in (text.find(char, start) for char in characters) if index >= 0]
    return min(found, default=len(text))
