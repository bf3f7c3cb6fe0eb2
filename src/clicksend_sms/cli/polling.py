"""``clicksend-sms poll``: run the polling trigger locally, once or every N seconds.

Emitted message bodies go to stdout as JSON Lines, logs to stderr. The trigger's snapshot is
kept in a state file, saved atomically after every page, so the next run continues where
this one stopped. Ctrl-C or SIGTERM stops after the current page has been emitted and its
position saved. That position can lie one second before the newest object printed, so the
next run may print the objects of that second again.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from clicksend_sms.api import ClickSendClient
from clicksend_sms.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    exit_code_for,
    print_json_line,
    run_command,
)
from clicksend_sms.component import Event
from clicksend_sms.errors import InvalidInputError, TransientError
from clicksend_sms.objects import Operation, get_object_type, select_model
from clicksend_sms.runtime.local import (
    CREDENTIAL_VARIABLES,
    ProgressLine,
    RunResult,
    run_function,
    with_env_credentials,
)
from clicksend_sms.runtime.state import StateFile, default_state_path, state_key
from clicksend_sms.triggers.config import EMIT_BEHAVIORS, LAG_KEY, PollSettings, parse_settings
from clicksend_sms.triggers.cursor import RowKey, row_key
from clicksend_sms.triggers.snapshot import load_cursor

FUNCTION = "getNewAndUpdatedObjectsPolling"
# The configuration values that identify one cursor in the state file. The start time is not
# one of them: it applies only while there is no saved position.
STATE_KEY_FIELDS = ("objectType", "pollConfig")

# Errors name the option the user typed, not the trigger's configuration key.
POLL_OPTION_NAMES = {
    **CREDENTIAL_VARIABLES,
    "objectType": "OBJECT_TYPE",
    "pollConfig": "--poll-config",
    "emitBehavior": "--emit-behavior",
    "pageSize": "--page-size",
    "startTime": "--start-time",
    LAG_KEY: "--lag",
}
# Earlier versions added the start time to the key. Such entries are adopted on first use.
OLD_KEY_SUFFIX = " startTime="

UNSAVED_PAGE = (
    "The last page was printed but its position was not saved, so the next poll prints it again."
)

logger = logging.getLogger("clicksend_sms.cli.poll")


class StopRequested(BaseException):
    """Raised after a page has been emitted and saved once a stop was requested.

    It derives from BaseException so the component runner does not turn it into an error
    event.
    """


class SaveFailed(BaseException):
    """Carries the error of a failed state-file write past the component runner."""

    def __init__(self, error: InvalidInputError) -> None:
        super().__init__(error)
        self.error = error


def register(subparsers: Any) -> None:
    """Add the ``poll`` sub-command."""
    object_types = ", ".join(select_model(Operation.POLL))
    parser = subparsers.add_parser(
        "poll",
        help="emit new SMS History, SMS Receipts or SMS Campaigns as JSON Lines",
        description=(
            "Run the polling trigger: print each new object (or page) as one JSON line on "
            "stdout and keep the position in a state file, so the next run emits only what "
            f"is new. OBJECT_TYPE is one of: {object_types}."
        ),
    )
    parser.add_argument("object_type", metavar="OBJECT_TYPE", help=object_types)
    parser.add_argument(
        "--poll-config",
        metavar="FIELD",
        help="date field to track: date (history); timestamp or timestamp_send (receipts); "
        "date_added or schedule (campaigns). Default: the first one",
    )
    parser.add_argument(
        "--emit-behavior",
        choices=EMIT_BEHAVIORS,
        help="one line per object (emitIndividually, the default) or per page (emitPage)",
    )
    parser.add_argument("--page-size", metavar="N", help="objects per request, 15 to 100 (100)")
    parser.add_argument(
        "--start-time",
        metavar="ISO",
        help="emit only objects after this ISO 8601 time with Z or an offset (exclusive); "
        "used until the state file has a position",
    )
    parser.add_argument(
        "--lag",
        metavar="SECONDS",
        help="ignore objects newer than this many seconds (default 10, or "
        "CLICKSEND_POLL_LAG_SECONDS)",
    )
    parser.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help="state file (default: $XDG_STATE_HOME/clicksend-sms/state.json or "
        "~/.local/state/clicksend-sms/state.json)",
    )
    parser.add_argument(
        "--every",
        type=float,
        metavar="SECONDS",
        help="poll again every SECONDS (start to start) until Ctrl-C or SIGTERM",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="show at most 10 objects from one page without reading or saving the state; "
        "fails when nothing is found",
    )
    parser.set_defaults(handler=lambda args: run_command(lambda: _poll(args), POLL_OPTION_NAMES))


def _poll(args: argparse.Namespace) -> int:
    cfg = _build_cfg(args)
    settings = parse_settings(cfg)
    ClickSendClient.from_config(cfg).close()  # credentials are checked before any request

    state = StateFile(args.state or default_state_path(), "--state")
    key = state_key(FUNCTION, cfg, STATE_KEY_FIELDS)
    if not args.sample:
        state.check(create_directory=args.state is None)
        _adopt_old_entry(state, key)
        _warn_unused_start_time(state, key, args.start_time)
    poller = _Poller(cfg, state, key, _UnsavedObjects(settings), sample=args.sample)

    with _stop_on_signals() as stop:
        poller.stop = stop
        if args.every is None:
            return poller.run_once()
        return poller.run_every(args.every)


def _adopt_old_entry(state: StateFile, key: str) -> None:
    old_key = state.adopt(key, key + OLD_KEY_SUFFIX)
    if old_key is not None:
        logger.info("Continuing from the position saved under the older key %r.", old_key)


def _warn_unused_start_time(state: StateFile, key: str, start_time: str | None) -> None:
    saved = state.load(key)
    if start_time and saved:
        logger.warning(
            "--start-time %s is not used, because the state file %s already contains a "
            "position for this poll (cursorTime %s). Use another --state file to start "
            "from that time.",
            start_time,
            state.path,
            saved.get("cursorTime"),
        )


def _build_cfg(args: argparse.Namespace) -> dict[str, Any]:
    object_type = get_object_type(args.object_type, Operation.POLL)
    cfg: dict[str, Any] = {
        "objectType": object_type.plural_key,
        "pollConfig": args.poll_config or object_type.poll_fields[0],
        "emitBehavior": args.emit_behavior,
        "pageSize": args.page_size,
        "startTime": args.start_time,
    }
    if args.lag is not None:
        cfg[LAG_KEY] = args.lag
    if args.every is not None and not args.every > 0:
        raise InvalidInputError("--every", args.every, "Use a number of seconds above 0.")
    return with_env_credentials(cfg)


class _UnsavedObjects:
    """The order keys of printed objects that the last saved snapshot does not cover yet.

    Between pages the snapshot of a list sorted by date stops one second before the newest
    date seen, so the objects of that second stay here until a later snapshot covers them.
    """

    def __init__(self, settings: PollSettings) -> None:
        self.settings = settings
        self.keys: set[RowKey] = set()

    def printed(self, body: dict[str, Any]) -> None:
        rows = body.get("results", []) if self.settings.emit_page else [body]
        for row in rows:
            key = row_key(row, self.settings.field, self.settings.object_type.id_field)
            if key is not None:
                self.keys.add(key)

    def saved(self, snapshot: dict[str, Any]) -> None:
        cursor = load_cursor(snapshot, self.settings)
        if cursor is not None:
            self.keys = {key for key in self.keys if cursor.admits(key)}


class _Poller:
    """Runs polls, printing bodies and saving each snapshot before looking at ``stop``."""

    def __init__(
        self,
        cfg: dict[str, Any],
        state: StateFile,
        key: str,
        unsaved: _UnsavedObjects,
        *,
        sample: bool,
    ) -> None:
        self.cfg = cfg
        self.state = state
        self.key = key
        self.unsaved = unsaved
        self.sample = sample
        self.stop = threading.Event()
        self.progress = ProgressLine()

    def run_once(self) -> int:
        try:
            result = self._poll()
        except StopRequested:
            return self._stopped(EXIT_INTERRUPTED)
        except SaveFailed as failure:
            raise failure.error from None
        finally:
            self.progress.finish()
        return EXIT_OK if result.ok else self._failed(result)

    def run_every(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> int:
        try:
            while not self.stop.is_set():
                started = clock()
                result = self._poll()
                if not result.ok and not isinstance(result.error, TransientError):
                    return self._failed(result)
                self.stop.wait(max(0.0, seconds - (clock() - started)))
        except StopRequested:
            pass
        except SaveFailed as failure:
            raise failure.error from None
        finally:
            self.progress.finish()
        return self._stopped(EXIT_OK)

    def _poll(self) -> RunResult:
        snapshot = {} if self.sample else self.state.load(self.key)
        return run_function(
            FUNCTION, self.cfg, sink=self._handle, snapshot=snapshot, sample=self.sample
        )

    def _handle(self, event: Event) -> None:
        self.progress.observe(event)
        if event.name == "data":
            print_json_line(event.payload["body"])
            self.unsaved.printed(event.payload["body"])
        elif event.name == "snapshot" and not self.sample:
            try:
                self.state.save(self.key, event.payload)
            except InvalidInputError as error:
                fix = f"{error.fix} {UNSAVED_PAGE}"
                raise SaveFailed(InvalidInputError(error.field, error.value, fix)) from None
            self.unsaved.saved(event.payload)
            if self.stop.is_set():
                raise StopRequested

    def _failed(self, result: RunResult) -> int:
        # The runner has already logged the error on one line.
        return exit_code_for(result.error) if result.error is not None else EXIT_FAILED

    def _stopped(self, code: int) -> int:
        repeats = len(self.unsaved.keys)
        if repeats:
            logger.warning(
                "Stopped on request after saving the last page's position. That position ends "
                "one second before the newest date printed, because more objects of that "
                "second may follow on the next page, so the next poll prints these %d "
                "objects again.",
                repeats,
            )
        else:
            logger.warning(
                "Stopped on request. The state file contains the position after the last "
                "object printed."
            )
        return code


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """Turn the first SIGINT or SIGTERM into a stop request; a second SIGINT interrupts."""
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {
        number: signal.signal(number, request_stop) for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
