"""Input the CLI refuses to read: endless files and JSON with repeated keys."""

import pytest

from clicksend_sms.cli import main
from clicksend_sms.cli.common import EXIT_INVALID_INPUT


@pytest.fixture
def cli_env(emulator, monkeypatch):
    for name, value in emulator.env.items():
        monkeypatch.setenv(name, value)
    return emulator


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["upsert", "create", "contactList", "--data", "@/dev/zero"], "--data"),
        (["run", "lookupObjects", "--cfg", "/dev/zero"], "--cfg"),
        (["metadata", "upsertObject", "--cfg", "/dev/zero"], "--cfg"),
        (["poll", "smsHistory", "--state", "/dev/zero"], "--state"),
    ],
    ids=["data", "run-cfg", "metadata-cfg", "state"],
)
def test_endless_input_rejected(cli_env, capsys, argv, option):
    code = main(argv)

    error = capsys.readouterr().err
    assert code == EXIT_INVALID_INPUT
    assert f"'{option}'" in error
    assert "larger than 64 MiB" in error
    assert cli_env.control.requests() == []


def test_duplicate_json_key_rejected(cli_env, capsys):
    code = main(
        ["upsert", "create", "contactList", "--data", '{"list_name": "a", "list_name": "b"}']
    )

    error = capsys.readouterr().err
    assert code == EXIT_INVALID_INPUT
    assert "'list_name' appears twice" in error
    assert cli_env.control.requests() == []
