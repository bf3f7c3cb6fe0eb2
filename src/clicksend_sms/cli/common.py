"""Helpers shared by the CLI commands: environment, output, logging and exit codes."""

from __future__ import annotations

import json
import logging
import math
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from clicksend_sms.api.transport import LIBRARY_LOGGERS
from clicksend_sms.component import Event, ExecutionContext, Message
from clicksend_sms.component.invoke import ProcessFunction
from clicksend_sms.errors import (
    ApiError,
    ClickSendError,
    CredentialsError,
    DeliveryStateUnknownError,
    InvalidInputError,
    TransientError,
)
from clicksend_sms.runtime.local import with_env_credentials
from clicksend_sms.runtime.state import read_input_text

# Exit codes; documented in docs/cli.md.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID_INPUT = 2
EXIT_CREDENTIALS = 3
EXIT_API_ERROR = 4
EXIT_TRANSIENT = 5
EXIT_DELIVERY_UNKNOWN = 6
EXIT_INTERRUPTED = 130


# The configuration key each CLICKSEND_* variable sets. As option names for run_command, they
# make an error about a credential name the variable instead of the key.
def credentials_from_env() -> dict[str, str]:
    """Return ``username``, ``apiKey`` and ``baseUrl`` from the CLICKSEND_* variables.

    Unset variables are left out, so the connector's own validation names what is missing
    (run_command with CREDENTIAL_VARIABLES names the variable). A variable that is set but
    blank raises InvalidInputError naming it.
    """
    return with_env_credentials({})


def configure_logging(verbosity: int) -> None:
    """Send log records to stderr: WARNING by default, INFO with -v, DEBUG with -vv."""
    level = logging.WARNING
    if verbosity == 1:
        level = logging.INFO
    elif verbosity >= 2:
        level = logging.DEBUG
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    # httpx and httpcore log every request URL with its query values unmasked (phone numbers,
    # an api_key in a raw request), so they stay at WARNING even with -vv. The client's own
    # DEBUG line shows the query with secret values masked.
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def print_json_line(value: Any) -> None:
    """Write one JSON value as a line on stdout and flush, so pipes see it at once."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def exit_code_for(error: BaseException) -> int:
    """Map an exception to the CLI's exit code."""
    if isinstance(error, InvalidInputError):
        return EXIT_INVALID_INPUT
    if isinstance(error, CredentialsError):
        return EXIT_CREDENTIALS
    if isinstance(error, DeliveryStateUnknownError):
        return EXIT_DELIVERY_UNKNOWN
    if isinstance(error, TransientError):
        return EXIT_TRANSIENT
    if isinstance(error, ApiError):
        return EXIT_API_ERROR
    return EXIT_FAILED


def run_command(command: Callable[[], int], names: Mapping[str, str] | None = None) -> int:
    """Run a command, turning a connector error into a one-line reason and its exit code.

    ``names`` maps configuration and message keys to the command-line option, argument or
    variable that set them (``{"listId": "--list-id"}``), so an InvalidInputError names what
    the user typed. Leave out keys that may also come from a JSON input such as ``--data``.
    """
    try:
        return command()
    except KeyboardInterrupt:
        print("clicksend-sms: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ClickSendError as error:
        print(f"clicksend-sms: error: {with_option_names(error, names or {})}", file=sys.stderr)
        return exit_code_for(error)


def with_option_names(error: ClickSendError, names: Mapping[str, str]) -> ClickSendError:
    """Return ``error`` with its field, and the keys its fix mentions, renamed by ``names``."""
    if not isinstance(error, InvalidInputError) or error.field not in names:
        return error

    fix = error.fix
    # Only camelCase keys are replaced in the text: a plain word such as "operator" may be
    # part of the sentence rather than the key.
    for key, name in names.items():
        if key != key.lower():
            fix = re.sub(rf"\b{re.escape(key)}\b", name, fix)

    return InvalidInputError(names[error.field], error.value, fix)


def read_json_option(option: str | None, name: str = "--data") -> Any:
    """Return the JSON given inline, in ``@FILE``, or on stdin for ``-``; None when absent."""
    if option is None:
        return None

    try:
        if option == "-":
            text = read_input_text(None, name)
        elif option.startswith("@"):
            text = read_input_text(Path(option[1:]), name)
        else:
            text = option
    except OSError as error:
        fix = f"Name a readable JSON file ({error.strerror})."
        raise InvalidInputError(name, option, fix) from None
    except UnicodeDecodeError as error:
        fix = f"Save the JSON as UTF-8 ({error.reason} at byte {error.start})."
        raise InvalidInputError(name, option, fix) from None

    try:
        return parse_json(text)
    except ValueError as error:
        raise InvalidInputError(name, option, f"The JSON is invalid: {error}.") from None


def parse_json(text: str) -> Any:
    """Parse standard JSON (RFC 8259), raising ValueError for what Python's json adds.

    ``json.loads`` accepts ``NaN``, ``Infinity`` and ``-Infinity`` and turns a number too
    large for a float (``1e999``) into infinity, so a field would be sent as the text ``nan``
    or ``inf``. It also keeps the last of two equal keys without a word. All of these raise
    here instead.
    """
    return json.loads(
        text,
        parse_constant=_reject_constant,
        parse_float=_finite_float,
        object_pairs_hook=_unique_keys,
    )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object; keep one")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value; write a number or a quoted string")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text} is too large; write it as a quoted string")

    return value


def print_bodies(process: ProcessFunction, cfg: dict[str, Any], body: dict[str, Any]) -> int:
    """Run a trigger or action once, printing each emitted body as a JSON line.

    Errors propagate, so ``run_command`` turns them into a one-line reason and an exit code.
    """

    def sink(event: Event) -> None:
        if event.name == "data":
            print_json_line(event.payload["body"])

    context = ExecutionContext(sink)
    result = process(context, Message(body=body), cfg, {})
    if result:
        context.emit_data(result)

    return EXIT_OK
