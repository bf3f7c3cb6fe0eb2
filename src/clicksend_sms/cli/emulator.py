"""``clicksend-sms emulator``: run the local ClickSend API emulator in the foreground."""

from __future__ import annotations

import argparse
import errno
import json
import signal
import socket
import sys
import threading
from typing import Any

from clicksend_sms.emulator.switches import SwitchError

DEFAULT_PORT = 8765
MAX_PORT = 65535


def register(subparsers: Any) -> None:
    """Add the ``emulator`` command to the parser."""
    parser = subparsers.add_parser(
        "emulator",
        help="run a local ClickSend REST API v3 emulator",
        description=(
            "Serve a local emulator of the ClickSend REST API v3 until Ctrl-C or SIGTERM. "
            "The first line on stdout is its base URL (e.g. http://127.0.0.1:8765/v3); point "
            "CLICKSEND_BASE_URL at it. It accepts the credentials in CLICKSEND_USERNAME and "
            "CLICKSEND_API_KEY, or demo-user / demo-key when they are unset. The control API "
            "(reset, seeds, faults, clock, request log) is under /_emulator/."
        ),
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1, reachable from this machine only)",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"TCP port to listen on; 0 picks a free port (default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--seed",
        choices=("demo", "none"),
        default="demo",
        help="data to load at start: demo (a small realistic account) or none (default demo)",
    )
    parser.add_argument(
        "--switch",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        type=_switch,
        help=(
            "set a behaviour switch, e.g. date_bounds=exclusive, wrong_method=405, "
            "timestamps=string, rate_limit=clicksend; VALUE is JSON when it parses as JSON, "
            "else a string; repeat for several switches"
        ),
    )
    parser.set_defaults(handler=run)


def _switch(text: str) -> tuple[str, Any]:
    name, equals, raw = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return name.strip(), value


def _port(text: str) -> int:
    """Return a TCP port number from 0 to 65535."""
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit() or int(digits) > MAX_PORT:
        raise argparse.ArgumentTypeError(
            f"expected a TCP port from 0 to {MAX_PORT} (0 picks a free port), got {text!r}"
        )
    return int(digits)


def _listen_error(host: str, port: int, error: OSError) -> str:
    """Describe why the server could not listen, naming the address and the option to change."""
    reason = error.strerror or str(error)
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use ({reason}). Stop the program that "
            "uses it, or choose another --port (0 picks a free one)."
        )
    if isinstance(error, socket.gaierror):
        return f"cannot resolve --host {host!r} ({reason}). Use an IP address such as 127.0.0.1."
    return f"cannot listen on {host} port {port} ({reason}). Check --host and --port."


def run(args: argparse.Namespace) -> int:
    """Start the server, print its base URL, and serve until interrupted."""
    # Imported here so that other commands do not pay for loading the emulator.
    from clicksend_sms.emulator.server import EmulatorServer  # noqa: PLC0415

    try:
        server = EmulatorServer(
            host=args.host, port=args.port, switches=dict(args.switch), seed=args.seed
        )
    except SwitchError as error:
        print(f"clicksend-sms emulator: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        reason = _listen_error(args.host, args.port, error)
        print(f"clicksend-sms emulator: {reason}", file=sys.stderr)
        return 2
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    server.start()
    print(server.base_url, flush=True)
    print(
        f"control API: {server.control_url}/_emulator/ ; API username: {server.username}",
        file=sys.stderr,
        flush=True,
    )
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0
