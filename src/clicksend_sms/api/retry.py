"""When and how long to wait before repeating a request.

GET, PUT and DELETE are repeated after a 429, a 5xx or a network failure. POST and PATCH are
repeated only when the request provably was not processed: the connection was never
established, or ClickSend returned 429. A repeat waits for ``Retry-After`` when the response
has one, otherwise for an exponential backoff with full jitter. Retrying stops after
``max_attempts`` or when the next wait would pass ``max_elapsed`` seconds since the first
attempt; a wait that does not fit is not started.
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime

from clicksend_sms.api.envelope import ApiResponse
from clicksend_sms.api.error_mapping import is_idempotent
from clicksend_sms.api.transport import NetworkFailure

logger = logging.getLogger(__name__)

Clock = Callable[[], float]
Sleep = Callable[[float], None]
Jitter = Callable[[float], float]
Outcome = ApiResponse | NetworkFailure


@dataclass(frozen=True)
class RetryPolicy:
    """Retry limits; times are in seconds.

    The n-th repeat waits a random time between 0 and ``min(max_delay, base_delay * 2**(n-1))``
    unless the response carries ``Retry-After``.
    """

    max_attempts: int = 5
    max_elapsed: float = 60.0
    base_delay: float = 0.5
    max_delay: float = 30.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"RetryPolicy.max_attempts must be at least 1: {self.max_attempts}")

        for name in ("max_elapsed", "base_delay", "max_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"RetryPolicy.{name} must not be negative: {getattr(self, name)}")

    def backoff_cap(self, retry_number: int) -> float:
        """Return the upper bound of the jittered wait before repeat number ``retry_number``."""
        return min(self.max_delay, self.base_delay * 2.0 ** (retry_number - 1))


@dataclass(frozen=True)
class Attempted:
    """The last outcome of a request after retrying ended."""

    outcome: Outcome
    attempts: int
    retry_after: float | None = None
    note: str = ""  # why retrying stopped before max_attempts, for the error message
    # An earlier attempt that may have been applied although its response was lost.
    uncertain_attempt: str | None = None


def full_jitter(cap: float) -> float:
    """Return a uniformly random wait between 0 and ``cap`` seconds."""
    return random.uniform(0.0, cap)  # noqa: S311 - spreading retries needs no cryptographic randomness


def retry_after_seconds(
    headers: Mapping[str, str], now: float, *, rate_limited: bool = False
) -> float | None:
    """Read the wait a response requests, in seconds from ``now`` (Unix seconds).

    ``Retry-After`` may hold seconds or an HTTP date. For a 429 (``rate_limited``) without
    it, ClickSend's ``ratelimit-reset`` (seconds until the limit resets) is used; other
    responses carry that header too, where it says nothing about when to retry. Returns None
    when no header holds a usable value.
    """
    value = headers.get("retry-after")
    if value is not None:
        return _parse_retry_after(value.strip(), now)

    reset = headers.get("ratelimit-reset")
    if rate_limited and reset is not None:
        return _parse_seconds(reset.strip())

    return None


def is_retryable(method: str, outcome: Outcome) -> bool:
    """Decide whether ``outcome`` may be repeated for ``method``."""
    if isinstance(outcome, NetworkFailure):
        return outcome.retryable and (is_idempotent(method) or not outcome.maybe_sent)

    status = outcome.effective_status
    if status == 429:
        return True

    return status >= 500 and is_idempotent(method)


def may_have_been_applied(outcome: Outcome) -> bool:
    """Tell whether a failed attempt may have changed data on ClickSend.

    A 429 is returned before processing, and a connection that was never established sent
    nothing. A 5xx, or a connection lost after the request was sent, may each have been
    applied.
    """
    if isinstance(outcome, NetworkFailure):
        return outcome.maybe_sent

    return outcome.effective_status >= 500


class Retrier:
    """Runs one request with repeats according to a RetryPolicy."""

    def __init__(self, policy: RetryPolicy, clock: Clock, sleep: Sleep, jitter: Jitter) -> None:
        self.policy = policy
        self._clock = clock
        self._sleep = sleep
        self._jitter = jitter

    def run(self, method: str, path: str, send_once: Callable[[int], ApiResponse]) -> Attempted:
        """Call ``send_once(attempt)`` until it succeeds, cannot be repeated, or limits are hit.

        ``send_once`` returns the parsed response or raises NetworkFailure.
        """
        started = self._clock()
        attempt = 1
        uncertain: str | None = None
        while True:
            outcome = _capture(send_once, attempt)
            retry_after = self._retry_after(outcome)

            if not is_retryable(method, outcome) or attempt >= self.policy.max_attempts:
                return Attempted(outcome, attempt, retry_after, uncertain_attempt=uncertain)

            delay = retry_after if retry_after is not None else self._backoff(attempt)
            remaining = self.policy.max_elapsed - (self._clock() - started)
            if delay > remaining:
                note = (
                    f" Retrying stopped because the next wait of {delay:.1f} s exceeds the "
                    f"{max(remaining, 0.0):.1f} s left of the {self.policy.max_elapsed:g} s "
                    "retry budget."
                )
                return Attempted(outcome, attempt, retry_after, note, uncertain)

            logger.warning(
                "Retrying %s %s in %.2f s after %s (attempt %d of %d)",
                method,
                path,
                delay,
                _describe(outcome),
                attempt + 1,
                self.policy.max_attempts,
            )
            self._sleep(delay)
            if may_have_been_applied(outcome):
                uncertain = _describe(outcome)
            attempt += 1

    def _retry_after(self, outcome: Outcome) -> float | None:
        if isinstance(outcome, NetworkFailure) or outcome.effective_status < 429:
            return None

        rate_limited = outcome.effective_status == 429
        return retry_after_seconds(outcome.headers, self._clock(), rate_limited=rate_limited)

    def _backoff(self, attempt: int) -> float:
        cap = self.policy.backoff_cap(attempt)
        return min(max(self._jitter(cap), 0.0), cap)


def _capture(send_once: Callable[[int], ApiResponse], attempt: int) -> Outcome:
    try:
        return send_once(attempt)
    except NetworkFailure as failure:
        return failure


def _describe(outcome: Outcome) -> str:
    if isinstance(outcome, NetworkFailure):
        return outcome.reason

    return f"HTTP {outcome.effective_status}"


def _parse_retry_after(value: str, now: float) -> float | None:
    seconds = _parse_seconds(value)
    if seconds is not None:
        return seconds

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None

    if moment.tzinfo is None:
        # email.utils returns a naive datetime for the "-0000" zone, which means UTC.
        moment = moment.replace(tzinfo=UTC)

    return max(moment.timestamp() - now, 0.0)


def _parse_seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return None

    if not math.isfinite(seconds):
        return None

    return max(seconds, 0.0)
