"""One HTTP exchange over a pooled httpx.Client, with httpx exceptions translated in one place.

The transport neither parses ClickSend's envelope nor applies the retry policy. It returns
the status, headers and body bytes of whatever arrived, or raises NetworkFailure when no
complete response arrived. NetworkFailure records whether the request may have reached the server,
which decides whether a POST can be retried.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx

from clicksend_sms import __version__

USER_AGENT = f"clicksend-sms-component/{__version__}"

# httpx (INFO) and httpcore (DEBUG) log every request URL with its query values unmasked,
# e.g. an api_key in a raw request's query. The client logs its own lines with secrets
# masked, so these two loggers are held at WARNING.
LIBRARY_LOGGERS = ("httpx", "httpcore")
for _name in LIBRARY_LOGGERS:
    logging.getLogger(_name).setLevel(logging.WARNING)


@dataclass(frozen=True)
class Timeouts:
    """Connect and read timeouts in seconds; both are always set.

    The write timeout equals ``read`` and the wait for a free pooled connection equals
    ``connect``.
    """

    connect: float = 10.0
    read: float = 60.0

    def __post_init__(self) -> None:
        for name in ("connect", "read"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"Timeouts.{name} must be a positive number of seconds: {value!r}")


@dataclass(frozen=True)
class RawResponse:
    """Status, headers and body bytes of a response that arrived completely."""

    status: int
    headers: httpx.Headers
    content: bytes


class NetworkFailure(Exception):  # noqa: N818 - internal signal, always translated to ApiError
    """No complete response arrived.

    ``maybe_sent`` is False only when the request provably never left this process (the
    connection was never established). ``retryable`` is False for failures that a repeat
    cannot fix, such as an invalid header value. ``tls`` is True when the TLS handshake
    failed, which a repeat cannot fix either.
    """

    def __init__(
        self, reason: str, *, maybe_sent: bool, retryable: bool = True, tls: bool = False
    ) -> None:
        self.reason = reason
        self.maybe_sent = maybe_sent
        self.retryable = retryable
        self.tls = tls
        super().__init__(reason)


# Checked in order, so subclasses come before their bases.
# (httpx exception, reason, maybe_sent, retryable)
_FAILURES: tuple[tuple[type[httpx.HTTPError], str, bool, bool], ...] = (
    (httpx.ConnectTimeout, "connect timed out", False, True),
    (httpx.PoolTimeout, "timed out waiting for a free pooled connection", False, True),
    (httpx.ProxyError, "the proxy failed to connect", False, True),
    (httpx.ConnectError, "connection failed", False, True),
    (httpx.ReadTimeout, "read timed out", True, True),
    (httpx.WriteTimeout, "write timed out", True, True),
    # NOTE: a pooled keep-alive connection that the server closes just as a POST is written
    # also lands here, so such a POST reports an unknown delivery state although ClickSend
    # never read it. That errs on the side of never sending twice.
    (httpx.RemoteProtocolError, "connection closed before a complete response", True, True),
    (httpx.ReadError, "connection dropped while reading the response", True, True),
    (httpx.WriteError, "connection dropped while sending the request", True, True),
    (httpx.LocalProtocolError, "the request could not be encoded", False, False),
    (httpx.UnsupportedProtocol, "the URL scheme is not supported", False, False),
    (httpx.DecodingError, "the response body could not be decoded", True, True),
    (httpx.TransportError, "network error", True, True),
)


# A TLS peer that closes the connection mid-handshake may be overloaded or restarting, so
# these are retried like any dropped connection. Other TLS errors (a certificate that fails
# verification, plain HTTP where TLS was expected) repeat identically.
_TRANSIENT_TLS_ERRORS = (ssl.SSLEOFError, ssl.SSLZeroReturnError, ssl.SSLSyscallError)


def translate_httpx_error(error: httpx.HTTPError) -> NetworkFailure:
    """Map an httpx exception to a NetworkFailure; the only place httpx errors are read."""
    tls_error = _tls_cause(error)
    if tls_error is not None and not isinstance(tls_error, _TRANSIENT_TLS_ERRORS):
        reason = f"the TLS handshake failed ({_tls_reason(tls_error)})"
        return NetworkFailure(reason, maybe_sent=False, retryable=False, tls=True)

    for error_type, reason, maybe_sent, retryable in _FAILURES:
        if isinstance(error, error_type):
            return NetworkFailure(reason, maybe_sent=maybe_sent, retryable=retryable)

    return NetworkFailure(f"HTTP client error ({type(error).__name__})", maybe_sent=True)


def _tls_cause(error: BaseException) -> ssl.SSLError | None:
    """Return the ssl.SSLError that httpx and httpcore wrapped in ``error``, if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__

    return None


def _tls_reason(error: ssl.SSLError) -> str:
    if isinstance(error, ssl.SSLCertVerificationError) and error.verify_message:
        return f"certificate verify failed: {error.verify_message}"

    return str(error.reason or error)


@cache
def _ssl_context() -> ssl.SSLContext:
    """Return one TLS context per process; building it costs about 18 ms per client."""
    return httpx.create_ssl_context()


class Transport:
    """A pooled httpx.Client bound to one base URL, authentication and timeouts."""

    def __init__(self, base_url: str, auth: httpx.Auth, timeouts: Timeouts) -> None:
        timeout = httpx.Timeout(
            connect=timeouts.connect,
            read=timeouts.read,
            write=timeouts.read,
            pool=timeouts.connect,
        )
        self._client = httpx.Client(
            base_url=base_url + "/",
            auth=auth,
            timeout=timeout,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            follow_redirects=False,
            verify=_ssl_context(),
        )

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None,
        content: bytes | None,
    ) -> RawResponse:
        """Send one request and read the whole response body.

        ``path`` is relative to the base URL and must not start with ``//`` or a scheme.
        """
        headers = {"Content-Type": "application/json"} if content is not None else None
        try:
            response = self._client.request(
                method,
                path.lstrip("/"),
                params=dict(params) if params else None,
                content=content,
                headers=headers,
            )
        except httpx.HTTPError as error:
            raise translate_httpx_error(error) from error

        return RawResponse(response.status_code, response.headers, response.content)

    def close(self) -> None:
        self._client.close()
