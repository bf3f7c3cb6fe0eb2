"""The ``clicksend-sms`` command: a thin layer over the runtime and the emulator."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

from clicksend_sms import __version__
from clicksend_sms.cli.common import configure_logging

# Each module exports ``register(subparsers)``, which adds its sub-commands.
COMMAND_MODULES = (
    "clicksend_sms.cli.polling",
    "clicksend_sms.cli.run",
    "clicksend_sms.cli.lookup",
    "clicksend_sms.cli.upsert",
    "clicksend_sms.cli.descriptor",
    "clicksend_sms.cli.emulator",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clicksend-sms",
        description=(
            "ClickSend SMS connector: run its trigger and actions locally, or start a local "
            "ClickSend emulator. Credentials come from CLICKSEND_USERNAME and "
            "CLICKSEND_API_KEY, the API address from CLICKSEND_BASE_URL."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log more on stderr: -v for INFO, -vv for DEBUG (default WARNING)",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, run the chosen command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    exit_code: int = args.handler(args)
    return exit_code
