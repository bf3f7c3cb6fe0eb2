"""``clicksend-sms run``: run any trigger or action of component.json as the platform would.

Every emitted event is printed as one JSON line ``{"event": ..., "payload": ...}``. The exit
code is 0 when no error was emitted, otherwise the code of the error (see cli/common.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clicksend_sms.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    exit_code_for,
    parse_json,
    print_json_line,
    run_command,
)
from clicksend_sms.component import Event, Message
from clicksend_sms.component.descriptor import function_definition, function_names
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.runtime.local import run_function, sample_requested, with_env_credentials
from clicksend_sms.runtime.state import (
    check_writable,
    read_input_text,
    read_json_object,
    write_json_atomically,
)


def register(subparsers: Any) -> None:
    """Add the ``run`` sub-command."""
    parser = subparsers.add_parser(
        "run",
        help="run any trigger or action of component.json and print its events",
        description=(
            "Run one trigger or action the way the platform does and print every emitted "
            'event as one JSON line {"event": ..., "payload": ...}. Credentials missing '
            "from the configuration come from CLICKSEND_USERNAME, CLICKSEND_API_KEY and "
            f"CLICKSEND_BASE_URL. Functions: {', '.join(function_names())}."
        ),
    )
    parser.add_argument("function", metavar="FUNCTION", help="trigger or action key")
    parser.add_argument(
        "--cfg", required=True, type=Path, metavar="FILE", help="step configuration (JSON object)"
    )
    parser.add_argument(
        "--msg",
        type=Path,
        metavar="FILE",
        help='input message {"body": {...}} as JSON; "-" reads stdin (default: empty body)',
    )
    parser.add_argument(
        "--snapshot",
        type=Path,
        metavar="FILE",
        help="snapshot to start from; the last emitted snapshot is written back to it",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="run as a sample (as with ELASTICIO_FLOW_TYPE=debug): a trigger fetches one "
        "small page and fails when nothing is found",
    )
    parser.set_defaults(handler=lambda args: run_command(lambda: _run(args)))


def _run(args: argparse.Namespace) -> int:
    function_definition(args.function)  # an unknown name fails before anything is read
    cfg = with_env_credentials(_read_object(args.cfg, "--cfg"))
    message = _read_message(args.msg)
    snapshot = _read_snapshot(args.snapshot)
    if args.snapshot is not None:
        check_writable(args.snapshot, "--snapshot")

    result = run_function(
        args.function,
        cfg,
        sink=_print_event,
        message=message,
        snapshot=snapshot,
        sample=args.sample or sample_requested(),
    )

    if args.snapshot is not None and result.snapshot is not None:
        _write_snapshot(args.snapshot, result.snapshot)

    if result.ok:
        return EXIT_OK
    return exit_code_for(result.error) if result.error is not None else EXIT_FAILED


def _print_event(event: Event) -> None:
    print_json_line({"event": event.name, "payload": event.payload})


def _write_snapshot(path: Path, snapshot: dict[str, Any]) -> None:
    try:
        write_json_atomically(path, snapshot)
    except OSError as error:
        raise InvalidInputError(
            "--snapshot",
            str(path),
            f"The file cannot be written ({error.strerror}). The last snapshot event printed "
            "above holds the snapshot to start from.",
        ) from None


def _read_object(path: Path, field: str) -> dict[str, Any]:
    value = read_json_object(path, field=field, parse=parse_json)
    if value is None:
        raise InvalidInputError(field, str(path), "The file does not exist.")
    return value


def _read_message(path: Path | None) -> Message:
    if path is None:
        return Message()
    raw = _parse_stdin() if str(path) == "-" else _read_object(path, "--msg")
    try:
        return Message.from_dict(raw)
    except TypeError as error:
        raise InvalidInputError("--msg", str(path), f'{error}; use {{"body": {{...}}}}.') from None


def _parse_stdin() -> dict[str, Any]:
    try:
        value = parse_json(read_input_text(None, "--msg") or "{}")
    except UnicodeDecodeError as error:
        raise InvalidInputError(
            "--msg", "-", f"stdin is not UTF-8 text (byte {error.start}: {error.reason})."
        ) from None
    except ValueError as error:
        raise InvalidInputError("--msg", "-", f"stdin is not valid JSON ({error}).") from None
    if not isinstance(value, dict):
        raise InvalidInputError("--msg", "-", 'stdin must hold a JSON object {"body": {...}}.')
    return value


def _read_snapshot(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    return read_json_object(path, field="--snapshot", parse=parse_json) or {}
