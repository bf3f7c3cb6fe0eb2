"""Load ``component.json`` and resolve the Python functions it names.

A trigger or action's ``main`` is an importable module path (``clicksend_sms.actions.x``).
The module exports ``process(context, message, cfg, snapshot)``, ``get_meta_model(cfg)`` when
the step has ``dynamicMetadata``, and one function per select-model name used in ``fields``.
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from importlib import resources
from types import ModuleType
from typing import Any, cast

from clicksend_sms.errors import InvalidInputError


@cache
def load_descriptor() -> dict[str, Any]:
    """Return the parsed ``component.json`` shipped inside the package."""
    text = resources.files("clicksend_sms").joinpath("component.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


def function_names() -> list[str]:
    """Return every trigger and action key in the descriptor."""
    descriptor = load_descriptor()
    return [*descriptor.get("triggers", {}), *descriptor.get("actions", {})]


def function_definition(name: str) -> dict[str, Any]:
    """Return the trigger or action definition for ``name``, or raise InvalidInputError."""
    descriptor = load_descriptor()
    for section in ("triggers", "actions"):
        definition = descriptor.get(section, {}).get(name)
        if definition is not None:
            return cast(dict[str, Any], definition)
    raise InvalidInputError("function", name, f"Use one of: {', '.join(function_names())}.")


def is_trigger(name: str) -> bool:
    return name in load_descriptor().get("triggers", {})


def load_module(name: str) -> ModuleType:
    """Import the module named by the ``main`` of trigger or action ``name``."""
    return importlib.import_module(function_definition(name)["main"])


def resolve_model(name: str, model: str) -> Any:
    """Return the select-model or metadata function ``model`` of trigger or action ``name``."""
    module = load_module(name)
    function = getattr(module, model, None)
    if not callable(function):
        raise InvalidInputError(
            "model", model, f"'{name}' ({module.__name__}) has no function of that name."
        )
    return function
