"""Blank CLICKSEND_* variables and the option names in CLI errors, across commands."""

import pytest

from clicksend_sms.actions import upsert_object
from clicksend_sms.cli import main
from clicksend_sms.cli.common import EXIT_INVALID_INPUT
from clicksend_sms.errors import EndpointNotFoundError
from tests.actions.helpers import run_action


@pytest.fixture
def cli_env(emulator, monkeypatch):
    for name, value in emulator.env.items():
        monkeypatch.setenv(name, value)
    return emulator


@pytest.mark.parametrize(
    "argv",
    [
        ["poll", "smsHistory", "--sample"],
        ["upsert", "create", "contactList", "--data", '{"list_name": "x"}'],
        ["lookup", "contactList", "428"],
    ],
    ids=["poll", "upsert", "lookup"],
)
def test_blank_base_url_variable_rejected(cli_env, monkeypatch, capsys, argv):
    monkeypatch.setenv("CLICKSEND_BASE_URL", "")

    code = main(argv)

    assert code == EXIT_INVALID_INPUT
    assert "CLICKSEND_BASE_URL" in capsys.readouterr().err
    assert cli_env.control.requests() == []


def test_run_rejects_blank_api_key_variable(cli_env, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CLICKSEND_API_KEY", " ")
    cfg = tmp_path / "cfg.json"
    cfg.write_text('{"objectType": "smsHistory", "pollConfig": "date"}')

    code = main(["run", "getNewAndUpdatedObjectsPolling", "--cfg", str(cfg)])

    assert code == EXIT_INVALID_INPUT
    assert "'CLICKSEND_API_KEY'" in capsys.readouterr().err
    assert cli_env.control.requests() == []


def test_upsert_names_id_option(cli_env, capsys):
    code = main(["upsert", "update", "contactList", "--id", "abc", "--data", '{"list_name": "x"}'])

    assert code == EXIT_INVALID_INPUT
    assert "'--id'" in capsys.readouterr().err


def test_upsert_names_data_key_when_id_in_data(cli_env, capsys):
    code = main(["upsert", "update", "contactList", "--data", '{"idValue": "abc"}'])

    assert code == EXIT_INVALID_INPUT
    assert "'idValue'" in capsys.readouterr().err


def test_contact_create_without_v3_is_endpoint_error(emulator):
    cfg = {
        **emulator.cfg,
        "baseUrl": emulator.base_url.removesuffix("/v3"),
        "operation": "create",
        "objectType": "contact",
    }

    with pytest.raises(EndpointNotFoundError, match="/v3"):
        run_action(upsert_object, cfg, {"listId": 428, "phone_number": "+61411111111"})
