"""The ``lookup``, ``lookup-many``, ``delete`` and ``raw`` commands.

Each command builds the step configuration from the CLICKSEND_* variables and its options,
runs the action's ``process`` and prints every emitted message body as one JSON line. Input
checks happen in the action, so the command line and a flow reject the same values with the
same message.
"""

from __future__ import annotations

import argparse
from types import ModuleType
from typing import Any

from clicksend_sms.actions import delete_object, inputs, lookup_object, lookup_objects, raw_request
from clicksend_sms.actions.lookup_criteria import (
    DATE_FROM,
    DATE_TO,
    MAX_RESULTS,
    OPERATOR,
    ORDER_BY,
    PAGE_SIZE,
    UPDATED_AFTER,
)
from clicksend_sms.cli.common import (
    credentials_from_env,
    print_bodies,
    read_json_option,
    run_command,
)
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.objects import Operation, select_model
from clicksend_sms.runtime.local import CREDENTIAL_VARIABLES


def register(subparsers: Any) -> None:
    """Add the lookup, lookup-many, delete and raw commands."""
    _add_lookup(subparsers)
    _add_lookup_many(subparsers)
    _add_delete(subparsers)
    _add_raw(subparsers)


def _add_lookup(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "lookup",
        help="look up one object by its id (Lookup Object By ID)",
        description="Print one SMS Receipt, SMS Campaign, Contact List or Contact as JSON.",
    )
    parser.add_argument("type", metavar="TYPE", help=_types_help(Operation.LOOKUP))
    parser.add_argument("id", metavar="ID", help="the object's id (a message id for receipts)")
    parser.add_argument("--list-id", help="the contact's list id (required for contact)")
    parser.set_defaults(handler=_run_lookup)


def _add_lookup_many(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "lookup-many",
        help="list objects matching criteria (Lookup Objects)",
        description=(
            "Print the objects of TYPE that match the criteria, one JSON line per object "
            "(or per page with --emit-behavior emitPage). Only criteria ClickSend applies "
            "server-side are accepted."
        ),
    )
    parser.add_argument("type", metavar="TYPE", help=_types_help(Operation.LOOKUP_MANY))
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a field criterion, e.g. status=Sent or to=+61411111111; repeatable",
    )
    parser.add_argument("--operator", help="combine --where criteria with AND (default) or OR")
    parser.add_argument("--date-from", help="ISO 8601 time with Z or an offset")
    parser.add_argument("--date-to", help="ISO 8601 time with Z or an offset")
    parser.add_argument(
        "--order-by",
        metavar="FIELD:asc|desc",
        help="sort field and direction, both required, e.g. date:desc",
    )
    parser.add_argument("--list-id", help="the list whose contacts to list (listContacts)")
    parser.add_argument("--updated-after", help="ISO 8601 time; contacts updated after it")
    parser.add_argument("--max", metavar="N", help="stop after N objects")
    parser.add_argument("--page-size", metavar="N", help="objects per request, 15 to 100")
    parser.add_argument(
        "--emit-behavior",
        choices=lookup_objects.EMIT_BEHAVIORS,
        default=lookup_objects.EMIT_INDIVIDUALLY,
        help="one line per object (default), per page, or one line with all results",
    )
    parser.set_defaults(handler=_run_lookup_many)


def _add_delete(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "delete",
        help="delete one object by its id (Delete Object By ID)",
        description="Delete one Contact List or Contact and print the result as JSON.",
    )
    parser.add_argument("type", metavar="TYPE", help=_types_help(Operation.DELETE))
    parser.add_argument("id", metavar="ID", help="the object's id")
    parser.add_argument("--list-id", help="the contact's list id (required for contact)")
    parser.set_defaults(handler=_run_delete)


def _add_raw(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "raw",
        help="send any request under the API base URL (Make Raw Request)",
        description=(
            "Send METHOD URL to the API and print {statusCode, headers, responseBody}. URL is "
            "relative to the base URL (sms/history, /sms/history) or starts with it. Values "
            "of secret keys in the response body (api_key, password, token, ...) are "
            "printed as ***."
        ),
    )
    parser.add_argument("method", metavar="METHOD", help="GET, POST, PUT, PATCH or DELETE")
    parser.add_argument(
        "url", metavar="URL", help="path after the base URL (without /v3), with any query"
    )
    parser.add_argument(
        "--data",
        metavar="JSON|@FILE|-",
        help="JSON request body, @FILE to read a file, - for stdin",
    )
    parser.add_argument(
        "--no-throw-404",
        action="store_true",
        help="print a 404 response instead of failing (doNotThrow404)",
    )
    parser.set_defaults(handler=_run_raw)


# The option or argument that sets each key, for error messages (see run_command).
ID_OPTION_NAMES = {
    **CREDENTIAL_VARIABLES,
    "objectType": "TYPE",
    inputs.ID_FIELD: "ID",
    inputs.LIST_ID_FIELD: "--list-id",
}
LOOKUP_MANY_OPTION_NAMES = {
    **CREDENTIAL_VARIABLES,
    "objectType": "TYPE",
    "emitBehavior": "--emit-behavior",
    inputs.LIST_ID_FIELD: "--list-id",
    OPERATOR: "--operator",
    DATE_FROM: "--date-from",
    DATE_TO: "--date-to",
    ORDER_BY: "--order-by",
    UPDATED_AFTER: "--updated-after",
    MAX_RESULTS: "--max",
    PAGE_SIZE: "--page-size",
}
RAW_OPTION_NAMES = {
    **CREDENTIAL_VARIABLES,
    "method": "METHOD",
    "url": "URL",
    "data": "--data",
    "doNotThrow404": "--no-throw-404",
}


def _run_lookup(args: argparse.Namespace) -> int:
    body = _without_none({"idValue": args.id, "listId": args.list_id})
    return _run(lookup_object, {"objectType": args.type}, body)


def _run_lookup_many(args: argparse.Namespace) -> int:
    def command() -> int:
        body: dict[str, Any] = _where_criteria(args.where)
        options = {
            OPERATOR: args.operator,
            DATE_FROM: args.date_from,
            DATE_TO: args.date_to,
            ORDER_BY: args.order_by,
            "listId": args.list_id,
            UPDATED_AFTER: args.updated_after,
            MAX_RESULTS: args.max,
            PAGE_SIZE: args.page_size,
        }
        for name, value in _without_none(options).items():
            if name in body:
                option = LOOKUP_MANY_OPTION_NAMES[name]
                fix = f"Set {name} with {option} only, not also in --where."
                raise InvalidInputError(name, value, fix)
            body[name] = value

        step = {"objectType": args.type, "emitBehavior": args.emit_behavior}
        return print_bodies(lookup_objects.process, {**credentials_from_env(), **step}, body)

    # A key given with --where keeps its own name, because no option set it.
    where_keys = {pair.partition("=")[0] for pair in args.where}
    names = {key: name for key, name in LOOKUP_MANY_OPTION_NAMES.items() if key not in where_keys}
    return run_command(command, names)


def _run_delete(args: argparse.Namespace) -> int:
    body = _without_none({"idValue": args.id, "listId": args.list_id})
    return _run(delete_object, {"objectType": args.type}, body)


def _run_raw(args: argparse.Namespace) -> int:
    def command() -> int:
        body = _without_none(
            {"method": args.method, "url": args.url, "data": read_json_option(args.data)}
        )
        step = {"doNotThrow404": args.no_throw_404}
        return print_bodies(raw_request.process, {**credentials_from_env(), **step}, body)

    return run_command(command, RAW_OPTION_NAMES)


def _run(module: ModuleType, step: dict[str, Any], body: dict[str, Any]) -> int:
    def command() -> int:
        cfg = {**credentials_from_env(), **step}
        return print_bodies(module.process, cfg, body)

    return run_command(command, ID_OPTION_NAMES)


def _where_criteria(pairs: list[str]) -> dict[str, str]:
    criteria: dict[str, str] = {}
    for pair in pairs:
        name, separator, value = pair.partition("=")
        if not separator or not name:
            raise InvalidInputError("--where", pair, "Use FIELD=VALUE, e.g. status=Sent.")
        if name in criteria:
            raise InvalidInputError("--where", pair, f"Use --where {name}=... only once.")
        criteria[name] = value

    return criteria


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _types_help(operation: Operation) -> str:
    return "one of: " + ", ".join(select_model(operation))
