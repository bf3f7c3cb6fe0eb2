"""The ``describe``, ``metadata`` and ``select-model`` commands.

They call what the platform calls while a user configures a step: the descriptor, a step's
``get_meta_model(cfg)`` and its select-model functions. The configuration comes from
``--cfg FILE`` and ``--set KEY=VALUE`` on top of the CLICKSEND_* credentials, because select
models that list ClickSend objects need them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from clicksend_sms.cli.common import (
    EXIT_OK,
    credentials_from_env,
    parse_json,
    run_command,
)
from clicksend_sms.component.descriptor import function_definition, load_descriptor, resolve_model
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.runtime.state import read_input_text

META_MODEL_FUNCTION = "get_meta_model"


def register(subparsers: Any) -> None:
    """Add the describe, metadata and select-model commands."""
    describe = subparsers.add_parser(
        "describe",
        help="print component.json",
        description="Print the component descriptor (component.json) as JSON.",
    )
    _add_pretty(describe)
    describe.set_defaults(handler=_run_describe)

    metadata = subparsers.add_parser(
        "metadata",
        help="print a step's input and output schemas (getMetaModel)",
        description='Print {"in": ..., "out": ...} of FUNCTION for the given configuration.',
    )
    metadata.add_argument("function", metavar="FUNCTION", help="a trigger or action name")
    _add_config(metadata)
    metadata.set_defaults(handler=_run_metadata)

    select = subparsers.add_parser(
        "select-model",
        help="print the choices of a select field ({value: label})",
        description="Print the {value: label} choices that select model MODEL of FUNCTION returns.",
    )
    select.add_argument("function", metavar="FUNCTION", help="a trigger or action name")
    select.add_argument(
        "model", metavar="MODEL", help="the field's model name, e.g. get_object_types"
    )
    _add_config(select)
    select.set_defaults(handler=_run_select_model)


def _add_pretty(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pretty", action="store_true", help="indent the JSON output")


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cfg", metavar="FILE", help="step configuration as a JSON object file")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a configuration value on top of --cfg, e.g. objectType=sms; repeatable",
    )
    _add_pretty(parser)


def _run_describe(args: argparse.Namespace) -> int:
    return run_command(lambda: _print(load_descriptor(), args.pretty))


def _run_metadata(args: argparse.Namespace) -> int:
    def command() -> int:
        definition = function_definition(args.function)
        if not definition.get("dynamicMetadata"):
            _print(definition.get("metadata", {}), args.pretty)
            return EXIT_OK

        meta_model = resolve_model(args.function, META_MODEL_FUNCTION)
        return _print(meta_model(read_config(args.cfg, args.set)), args.pretty)

    return run_command(command)


def _run_select_model(args: argparse.Namespace) -> int:
    def command() -> int:
        declared = select_model_names(args.function)
        if args.model not in declared:
            names = ", ".join(declared) or "none"
            raise InvalidInputError(
                "MODEL", args.model, f"{args.function} has these select models: {names}."
            )

        model = resolve_model(args.function, args.model)
        return _print(model(read_config(args.cfg, args.set)), args.pretty)

    return run_command(command)


def select_model_names(function: str) -> list[str]:
    """Return the model function names that FUNCTION's fields declare."""
    fields = function_definition(function).get("fields", {})
    return [f["model"] for f in fields.values() if isinstance(f.get("model"), str)]


def read_config(path: str | None, pairs: list[str]) -> dict[str, Any]:
    """Merge the configuration: CLICKSEND_* credentials, then ``--cfg``, then each ``--set``."""
    cfg: dict[str, Any] = dict(credentials_from_env())
    if path is not None:
        cfg.update(_read_config_file(path))

    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            raise InvalidInputError("--set", pair, "Use KEY=VALUE, e.g. objectType=sms.")
        cfg[key] = value

    return cfg


def _read_config_file(path: str) -> dict[str, Any]:
    try:
        value = parse_json(read_input_text(Path(path), "--cfg"))
    except OSError as error:
        raise InvalidInputError("--cfg", path, f"The file cannot be read: {error}.") from None
    except ValueError as error:
        raise InvalidInputError("--cfg", path, f"The file is not valid JSON ({error}).") from None

    if not isinstance(value, dict):
        raise InvalidInputError("--cfg", path, "The file must contain one JSON object.")

    return value


def _print(value: Any, pretty: bool) -> int:
    indent = 2 if pretty else None
    separators = None if pretty else (",", ":")
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=indent, separators=separators))
    sys.stdout.write("\n")
    sys.stdout.flush()
    return EXIT_OK
