"""The ``upsert`` and ``verify`` commands.

``upsert`` runs the Upsert Object action with the CLICKSEND_* credentials and prints every
emitted body as one JSON line; Create SMS prints its send result before any error, so the
accepted messages are on stdout even when the command fails. ``verify`` runs
verifyCredentials and prints its result.
"""

from __future__ import annotations

import argparse
from typing import Any

from clicksend_sms.actions import upsert_object
from clicksend_sms.cli.common import (
    EXIT_CREDENTIALS,
    EXIT_OK,
    credentials_from_env,
    print_bodies,
    print_json_line,
    read_json_option,
    run_command,
)
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.runtime.local import CREDENTIAL_VARIABLES
from clicksend_sms.verify_credentials import verify_credentials


def register(subparsers: Any) -> None:
    """Add the upsert and verify commands."""
    _add_upsert(subparsers)
    _add_verify(subparsers)


def _add_upsert(subparsers: Any) -> None:
    types = upsert_object.get_object_types({"operation": "create"})
    parser = subparsers.add_parser(
        "upsert",
        help="create or update an object, or send SMS (Upsert Object)",
        description=(
            "Create or update an SMS Template, SMS Campaign, List or Contact, or send SMS, "
            "and print what ClickSend returns as one JSON line. The fields go in --data; "
            "'clicksend-sms metadata upsertObject --set operation=OP --set objectType=TYPE' "
            "lists them."
        ),
    )
    parser.add_argument(
        "operation", metavar="OPERATION", help="create or update (SMS: create only)"
    )
    parser.add_argument("type", metavar="TYPE", help="one of: " + ", ".join(types))
    parser.add_argument(
        "--data",
        metavar="JSON|@FILE|-",
        help="the fields as a JSON object, @FILE to read a file, - for stdin",
    )
    parser.add_argument("--id", help="the id of the object to update (idValue)")
    parser.add_argument(
        "--list-id", metavar="N", help="the contact's list id (listId), for contact"
    )
    parser.set_defaults(handler=_run_upsert)


def _add_verify(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check the credentials with one GET /account (verifyCredentials)",
        description=(
            'Print {"verified": true} or {"verified": false, "reason": ...}. Exit code 0 '
            "when verified, 3 when ClickSend rejected the credentials, 2 when a CLICKSEND_* "
            "variable is missing or invalid (nothing is sent), 4 for another ClickSend error "
            "such as a base URL without /v3, 5 when ClickSend did not respond with a verdict "
            "(timeout, 5xx)."
        ),
    )
    parser.set_defaults(handler=_run_verify)


def _run_upsert(args: argparse.Namespace) -> int:
    def command() -> int:
        body = read_json_object(args.data, args.type)
        for name, value in (("idValue", args.id), ("listId", args.list_id)):
            if value is None:
                continue
            if name in body:
                raise InvalidInputError(name, value, f"Give {name} once, not also in --data.")
            body[name] = value

        step = {"operation": args.operation, "objectType": args.type}
        return print_bodies(upsert_object.process, {**credentials_from_env(), **step}, body)

    # Errors name the option the user typed; idValue and listId only when given as options.
    names = {**CREDENTIAL_VARIABLES, "operation": "OPERATION", "objectType": "TYPE"}
    if args.id is not None:
        names["idValue"] = "--id"
    if args.list_id is not None:
        names["listId"] = "--list-id"
    code: int = run_command(command, names)
    return code


def _run_verify(args: argparse.Namespace) -> int:
    def command() -> int:
        result = verify_credentials(credentials_from_env())
        print_json_line(result)
        return EXIT_OK if result["verified"] else EXIT_CREDENTIALS

    code: int = run_command(command, CREDENTIAL_VARIABLES)
    return code


# One valid --data object per type, shown when --data is not a JSON object.
DATA_EXAMPLES = {
    "sms": '{"to": "+61411111111", "body": "Your order has shipped."}',
    "smsTemplate": '{"template_name": "Shipping", "body": "Your order has shipped."}',
    "smsCampaign": '{"list_id": 428, "name": "Sale", "from": "Shop", "body": "Sale. Reply STOP"}',
    "contactList": '{"list_name": "VIP"}',
    "contact": '{"phone_number": "+61411111111", "first_name": "Ann"}',
}


def read_json_object(option: str | None, object_type: str | None = None) -> dict[str, Any]:
    """Return the ``--data`` JSON object: inline, from ``@FILE``, or from stdin for ``-``.

    ``object_type`` picks the example that the error for a non-object shows.
    """
    value = read_json_option(option)
    if value is None:
        return {}

    if not isinstance(value, dict):
        example = DATA_EXAMPLES.get(object_type or "", '{"field": "value"}')
        raise InvalidInputError("--data", option, f"Give a JSON object, e.g. {example}.")

    return value
