"""The descriptor and the code stay in step in both directions."""

import importlib
import json
import pkgutil
from pathlib import Path

import pytest

import clicksend_sms.actions
import clicksend_sms.triggers
from clicksend_sms.component.descriptor import (
    function_definition,
    load_descriptor,
    load_module,
    resolve_model,
)
from clicksend_sms.errors import InvalidInputError

ROOT = Path(__file__).resolve().parents[2]


def _steps() -> list[tuple[str, dict]]:
    descriptor = load_descriptor()
    return [*descriptor["triggers"].items(), *descriptor["actions"].items()]


def test_root_descriptor_is_package_copy():
    root = json.loads((ROOT / "component.json").read_text("utf-8"))
    assert root == load_descriptor()


@pytest.mark.parametrize(
    ("name", "definition"), _steps(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_step_main_exports_process(name, definition):
    module = load_module(name)
    assert module.__name__ == definition["main"]
    assert callable(module.process)
    if definition.get("dynamicMetadata"):
        assert callable(module.get_meta_model)


@pytest.mark.parametrize(
    ("name", "definition"), _steps(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_select_model_names_resolve(name, definition):
    for field in definition.get("fields", {}).values():
        if isinstance(field.get("model"), str):
            assert callable(resolve_model(name, field["model"]))


def test_every_process_module_is_declared():
    declared = {definition["main"] for _, definition in _steps()}
    for package in (clicksend_sms.triggers, clicksend_sms.actions):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            if hasattr(module, "process"):
                assert info.name in declared, f"{info.name} has process() but no descriptor entry"


def test_unknown_function_names_choices():
    with pytest.raises(InvalidInputError, match="lookupObjects"):
        function_definition("noSuchAction")


def test_unknown_model_is_rejected():
    with pytest.raises(InvalidInputError, match="no_such_model"):
        resolve_model("lookupObjects", "no_such_model")
