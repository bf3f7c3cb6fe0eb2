"""verifyCredentials: check a username and API key with one ``GET /account``.

A 401 or 403 means the credentials are wrong or not allowed, and returns
``{"verified": false, "reason": ...}``. A timeout, a network error, a 429 or a 5xx does not
show whether the credentials are wrong. It raises a TransientError (after the client's
retries) instead of reporting them as bad. A missing or invalid username, API key or base
URL raises InvalidInputError before any request, because ClickSend gave no verdict. The
platform reports a raised error as ``verified: false`` with its message. The account body
is never logged or returned, because it contains the sub-account API key.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from clicksend_sms.api import ClickSendClient
from clicksend_sms.errors import CredentialsError, PermissionDeniedError

logger = logging.getLogger(__name__)

ACCOUNT_PATH = "/account"


def verify_credentials(
    cfg: Mapping[str, Any], *, client: ClickSendClient | None = None
) -> dict[str, Any]:
    """Return ``{"verified": True}`` or ``{"verified": False, "reason": ...}``.

    ``client`` replaces the one built from ``cfg`` (tests pass one with a fake clock).
    Raises InvalidInputError for invalid input, and TransientError or another ApiError when
    ClickSend did not respond with a verdict.
    """
    owned = client is None
    active = client if client is not None else ClickSendClient.from_config(cfg)

    try:
        active.request("GET", ACCOUNT_PATH)
    except PermissionDeniedError:
        logger.info("ClickSend rejected access to the account (HTTP 403)")
        return {
            "verified": False,
            "reason": (
                "ClickSend accepted the username and API key but refused access to the "
                "account (HTTP 403). Check that the API user may use the REST API."
            ),
        }
    except CredentialsError:
        logger.info("ClickSend rejected the credentials (HTTP 401)")
        return {
            "verified": False,
            "reason": (
                "ClickSend rejected the username or API key (HTTP 401). Copy both from the "
                "ClickSend dashboard under Developers > API Credentials."
            ),
        }
    finally:
        if owned:
            active.close()

    return {"verified": True}
