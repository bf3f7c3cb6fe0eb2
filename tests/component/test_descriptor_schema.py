"""component.json matches the elastic.io descriptor schema and its models suit the UI."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest

import clicksend_sms
from clicksend_sms.component.descriptor import load_descriptor, resolve_model
from clicksend_sms.component.metadata import to_json_schema

SCHEMA_PATH = Path(__file__).parent / "data" / "component.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _steps():
    descriptor = load_descriptor()
    return [*descriptor.get("triggers", {}).items(), *descriptor.get("actions", {}).items()]


def _errors(validator, descriptor):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(descriptor)]


def test_descriptor_matches_schema(validator):
    assert _errors(validator, load_descriptor()) == []


def test_version_matches_package():
    assert load_descriptor()["version"] == clicksend_sms.__version__


def _set(path, value):
    def mutate(descriptor):
        target = descriptor
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path):
    def mutate(descriptor):
        target = descriptor
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


_UPSERT = ["actions", "upsertObject"]
_OPERATION = [*_UPSERT, "fields", "operation"]


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(_delete(["title"]), id="no-title"),
        pytest.param(_set(["title"], " "), id="blank-title"),
        pytest.param(_set(["version"], "1.0"), id="version-not-semver"),
        pytest.param(_set(["docsUrl"], "github.com/x"), id="docs-url-without-scheme"),
        pytest.param(_set(["buildType"], "wheel"), id="unknown-build-type"),
        pytest.param(_set(["unknownKey"], 1), id="unknown-top-level-key"),
        pytest.param(_delete(["credentials", "fields", "apiKey", "viewClass"]), id="no-viewclass"),
        pytest.param(
            _set(["credentials", "fields", "apiKey", "viewClass"], "Secret"), id="bad-view"
        ),
        pytest.param(
            _set(["credentials", "fields", "apiKey", "required"], "yes"), id="required-text"
        ),
        pytest.param(_delete([*_OPERATION, "model"]), id="select-without-model"),
        pytest.param(_set([*_OPERATION, "model"], ["create"]), id="model-array"),
        pytest.param(_set([*_OPERATION, "model"], "get-types"), id="model-not-python-name"),
        pytest.param(_set([*_OPERATION, "require"], []), id="empty-require"),
        pytest.param(_set([*_OPERATION, "lable"], "x"), id="misspelt-field-key"),
        pytest.param(_set([*_OPERATION, "help"], {"text": "x"}), id="help-without-description"),
        pytest.param(_set([*_UPSERT, "main"], "lib/actions/upsert.js"), id="main-not-module"),
        pytest.param(_delete([*_UPSERT, "main"]), id="no-main"),
        pytest.param(_set([*_UPSERT, "type"], "polling"), id="action-with-type"),
        pytest.param(_set([*_UPSERT, "metadata"], {"in": {}}), id="metadata-and-dynamic"),
        pytest.param(
            _set(["triggers", "getNewAndUpdatedObjectsPolling", "type"], "cron"), id="trigger-type"
        ),
        pytest.param(_delete(["triggers", "getNewAndUpdatedObjectsPolling", "type"]), id="no-type"),
        pytest.param(_set(["actions"], {}), id="empty-actions"),
    ],
)
def test_schema_rejects_broken_descriptor(validator, mutate):
    descriptor = copy.deepcopy(load_descriptor())
    mutate(descriptor)

    assert _errors(validator, descriptor) != []


@pytest.mark.parametrize(
    ("name", "definition"), _steps(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_require_names_fields_of_same_step(name, definition):
    fields = definition.get("fields", {})
    for key, field in fields.items():
        for required in field.get("require", []):
            assert required in fields, f"{name}.{key} requires unknown field {required}"
            assert required != key


@pytest.mark.parametrize(
    ("name", "definition"), _steps(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_field_orders_are_distinct(name, definition):
    orders = [f["order"] for f in definition.get("fields", {}).values() if "order" in f]

    assert len(orders) == len(set(orders)), f"{name} has fields with the same order"


def test_credential_fields_are_username_and_api_key():
    fields = load_descriptor()["credentials"]["fields"]

    assert set(fields) == {"username", "apiKey"}
    assert fields["apiKey"]["viewClass"] == "PasswordFieldView"
    assert all(field["required"] is True for field in fields.values())


def _first_choice(name, field, cfg):
    model = field["model"]
    choices = model if isinstance(model, dict) else resolve_model(name, model)(dict(cfg))
    assert choices, f"{name}: the model {model} offers no choice for {sorted(cfg)}"
    return next(iter(choices))


def _configured(name, definition, base_cfg):
    """Return cfg with every select field set to its first choice, dependencies first."""
    cfg = dict(base_cfg)
    fields = definition.get("fields", {})
    pending = [key for key, field in fields.items() if "model" in field]
    while pending:
        ready = [k for k in pending if all(r in cfg for r in fields[k].get("require", []))]
        assert ready, f"{name}: fields {pending} depend on each other in a cycle"
        for key in ready:
            cfg[key] = _first_choice(name, fields[key], cfg)
            pending.remove(key)
    return cfg


@pytest.mark.parametrize(
    ("name", "definition"), _steps(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_select_models_return_flat_labels(emulator, name, definition):
    cfg = _configured(name, definition, emulator.cfg)
    for field in definition.get("fields", {}).values():
        if not isinstance(field.get("model"), str):
            continue

        choices = resolve_model(name, field["model"])(dict(cfg))

        assert isinstance(choices, dict)
        assert choices, f"{name}.{field['model']} offers no choice"
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in choices.items())


@pytest.mark.parametrize(
    ("name", "definition"), _steps(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_dynamic_metadata_is_valid_schema(emulator, name, definition):
    if not definition.get("dynamicMetadata"):
        pytest.skip("static metadata")

    meta = resolve_model(name, "get_meta_model")(_configured(name, definition, emulator.cfg))

    assert set(meta) == {"in", "out"}
    for schema in meta.values():
        assert schema["type"] == "object"
        jsonschema.Draft7Validator.check_schema(to_json_schema(schema))
