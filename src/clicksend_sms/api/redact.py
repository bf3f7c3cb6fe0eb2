"""Masking of secret fields before request and response bodies are logged at DEBUG."""

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


def redact(value: Any) -> Any:
    """Return a copy of a JSON value with the values of secret keys replaced by ``***``."""
    if isinstance(value, dict):
        return {key: MASK if _is_secret(key) else redact(item) for key, item in value.items()}

    if isinstance(value, list):
        return [redact(item) for item in value]

    return value


def for_log(value: Any) -> str:
    """Render a JSON value or a non-JSON body text, redacted and shortened, for a DEBUG line."""
    if isinstance(value, str):
        text = _SECRET_PAIR.sub(rf'\1"{MASK}"', value)
    else:
        text = json.dumps(redact(value), ensure_ascii=False, default=str)

    if len(text) > MAX_LOGGED_CHARS:
        return f"{text[:MAX_LOGGED_CHARS]}... ({len(text)} characters)"

    return text


def _is_secret(key: object) -> bool:
    normalized = str(key).lower().replace("_", "").replace("-", "")
    return normalized in _SECRET_KEYS or normalized.endswith(("apikey", "password"))
