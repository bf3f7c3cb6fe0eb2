"""The upsert, verify, describe, metadata and select-model commands."""

import json
import os
import subprocess
import sys

import pytest

from clicksend_sms.cli import main
from clicksend_sms.cli.common import (
    EXIT_API_ERROR,
    EXIT_CREDENTIALS,
    EXIT_DELIVERY_UNKNOWN,
    EXIT_INVALID_INPUT,
    EXIT_OK,
)
from clicksend_sms.component.descriptor import load_descriptor


@pytest.fixture
def cli_env(emulator, monkeypatch):
    for name, value in emulator.env.items():
        monkeypatch.setenv(name, value)
    return emulator


def _lines(output):
    return [json.loads(line) for line in output.splitlines() if line]


def test_verify_prints_verified(cli_env, capsys):
    code = main(["verify"])

    assert code == EXIT_OK
    assert _lines(capsys.readouterr().out) == [{"verified": True}]


def test_verify_wrong_key_exits_3(cli_env, capsys, monkeypatch):
    monkeypatch.setenv("CLICKSEND_API_KEY", "wrong-key")

    code = main(["verify"])
    out = capsys.readouterr().out

    assert code == EXIT_CREDENTIALS
    [result] = _lines(out)
    assert result["verified"] is False
    assert "wrong-key" not in out


def test_verify_as_subprocess(emulator):
    env = {**os.environ, **emulator.env}
    completed = subprocess.run(
        [sys.executable, "-m", "clicksend_sms.cli", "verify"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == EXIT_OK
    assert json.loads(completed.stdout) == {"verified": True}
    assert emulator.api_key not in completed.stderr


def test_upsert_create_list(cli_env, capsys):
    code = main(["upsert", "create", "contactList", "--data", '{"list_name": "From CLI"}'])

    assert code == EXIT_OK
    [created] = _lines(capsys.readouterr().out)
    assert created["list_name"] == "From CLI"
    assert [o["list_name"] for o in cli_env.control.objects("lists")] == ["From CLI"]


def test_upsert_update_with_id_option(cli_env, capsys):
    [existing] = cli_env.control.add("lists", [{"list_name": "Old"}])

    code = main(
        [
            "upsert",
            "update",
            "contactList",
            "--id",
            str(existing["list_id"]),
            "--data",
            '{"list_name": "New"}',
        ]
    )

    assert code == EXIT_OK
    assert _lines(capsys.readouterr().out)[0]["list_name"] == "New"


def test_upsert_data_from_file_and_list_id(cli_env, capsys, tmp_path):
    [existing] = cli_env.control.add("lists", [{"list_name": "Customers"}])
    data = tmp_path / "contact.json"
    data.write_text('{"phone_number": "+61411111111", "first_name": "Jane"}', "utf-8")

    code = main(
        ["upsert", "create", "contact", "--list-id", str(existing["list_id"]), "--data", f"@{data}"]
    )

    assert code == EXIT_OK
    assert _lines(capsys.readouterr().out)[0]["first_name"] == "Jane"


def test_upsert_data_from_stdin(cli_env, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO('{"list_name": "Piped"}'))

    code = main(["upsert", "create", "contactList", "--data", "-"])

    assert code == EXIT_OK
    assert _lines(capsys.readouterr().out)[0]["list_name"] == "Piped"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        pytest.param(
            ["upsert", "create", "contactList", "--data", "{"], "JSON is invalid", id="json"
        ),
        pytest.param(
            ["upsert", "create", "contactList", "--data", "[1]"], "JSON object", id="array"
        ),
        pytest.param(
            ["upsert", "create", "contactList", "--data", "@/no/such"],
            "readable JSON file",
            id="file",
        ),
        pytest.param(["upsert", "delete", "contactList"], "create or update", id="operation"),
        pytest.param(
            ["upsert", "update", "sms", "--id", "1"], "cannot be updated", id="sms-update"
        ),
        pytest.param(
            [
                "upsert",
                "update",
                "contactList",
                "--id",
                "1",
                "--data",
                '{"idValue": 2, "list_name": "x"}',
            ],
            "once",
            id="id-twice",
        ),
    ],
)
def test_upsert_bad_input_exits_2(cli_env, capsys, argv, fragment):
    code = main(argv)
    captured = capsys.readouterr()

    assert code == EXIT_INVALID_INPUT
    assert captured.out == ""
    assert fragment in captured.err
    assert cli_env.control.requests() == []


def test_describe_prints_descriptor(capsys):
    assert main(["describe"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == load_descriptor()


def test_describe_pretty_is_indented(capsys):
    assert main(["describe", "--pretty"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("{\n  ")
    assert json.loads(out) == load_descriptor()


def test_metadata_from_set_options(capsys):
    code = main(
        ["metadata", "upsertObject", "--set", "operation=update", "--set", "objectType=contact"]
    )

    assert code == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    properties = schema["in"]["properties"]
    assert properties["idValue"]["required"] is True
    assert properties["idValue"]["title"] == "Contact ID"
    assert properties["listId"]["required"] is True
    assert properties["phone_number"]["required"] is False


def test_metadata_from_cfg_file(capsys, tmp_path):
    cfg = tmp_path / "cfg.json"
    cfg.write_text('{"operation": "create", "objectType": "smsTemplate"}', "utf-8")

    assert main(["metadata", "upsertObject", "--cfg", str(cfg)]) == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    assert schema["in"]["properties"]["template_name"]["required"] is True
    assert schema["in"]["properties"]["body"]["required"] is True


def test_metadata_bad_cfg_file(capsys, tmp_path):
    cfg = tmp_path / "cfg.json"
    cfg.write_text("[]", "utf-8")

    assert main(["metadata", "upsertObject", "--cfg", str(cfg)]) == EXIT_INVALID_INPUT
    assert "one JSON object" in capsys.readouterr().err


def test_select_model_object_types(capsys):
    code = main(["select-model", "upsertObject", "get_object_types", "--set", "operation=update"])

    assert code == EXIT_OK
    assert json.loads(capsys.readouterr().out) == {
        "smsTemplate": "SMS Template",
        "smsCampaign": "SMS Campaign",
        "contactList": "List",
        "contact": "Contact",
    }


def test_select_model_only_declared_models(capsys):
    code = main(["select-model", "upsertObject", "process"])

    assert code == EXIT_INVALID_INPUT
    assert "get_object_types" in capsys.readouterr().err


def test_bad_set_option(capsys):
    code = main(["metadata", "upsertObject", "--set", "operation"])

    assert code == EXIT_INVALID_INPUT
    assert "KEY=VALUE" in capsys.readouterr().err


def _write_json(path, value):
    path.write_text(json.dumps(value), "utf-8")
    return str(path)


def test_run_create_sms_prints_result_then_error(cli_env, capsys, tmp_path):
    cfg = _write_json(tmp_path / "cfg.json", {"operation": "create", "objectType": "sms"})
    # +850 is not enabled on the emulator's account, so ClickSend rejects it after the check.
    body = {"messages": [{"to": "+61411111111", "body": "ok"}, {"to": "+85021234567", "body": "x"}]}
    msg = _write_json(tmp_path / "msg.json", {"body": body})

    code = main(["run", "upsertObject", "--cfg", cfg, "--msg", msg])
    events = _lines(capsys.readouterr().out)

    assert code == EXIT_API_ERROR
    assert [event["event"] for event in events] == ["data", "error", "end"]
    result = events[0]["payload"]["body"]
    assert result["accepted_count"] == 1
    assert [(r["index"], r["status"]) for r in result["rejected"]] == [(1, "COUNTRY_NOT_ENABLED")]
    assert events[1]["payload"]["name"] == "MessagesRejectedError"
    assert "message 1 (COUNTRY_NOT_ENABLED)" in events[1]["payload"]["message"]
    assert "failed (HTTP 200)" not in events[1]["payload"]["message"]
    assert len(cli_env.control.objects("history")) == 1


def test_run_update_list_emits_object(cli_env, capsys, tmp_path):
    [existing] = cli_env.control.add("lists", [{"list_name": "Old"}])
    cfg = _write_json(tmp_path / "cfg.json", {"operation": "update", "objectType": "contactList"})
    msg = _write_json(
        tmp_path / "msg.json", {"body": {"idValue": existing["list_id"], "list_name": "New"}}
    )

    code = main(["run", "upsertObject", "--cfg", cfg, "--msg", msg])
    events = _lines(capsys.readouterr().out)

    assert code == EXIT_OK
    assert [event["event"] for event in events] == ["data", "end"]
    assert events[0]["payload"]["body"]["list_name"] == "New"


def test_upsert_sms_delivery_unknown_exit_code(cli_env, capsys):
    cli_env.control.fault("drop_after", "/v3/sms/send", method="POST")

    code = main(["upsert", "create", "sms", "--data", '{"to": "+61411111111", "body": "Hi"}'])
    captured = capsys.readouterr()

    assert code == EXIT_DELIVERY_UNKNOWN
    [result] = _lines(captured.out)
    [batch] = result["batches"]
    assert batch["state"] == "unknown"
    assert batch["custom_strings"][0] in captured.err
    assert "ClickSend cannot search SMS History by custom string." in captured.err
    assert "`clicksend-sms lookup-many smsHistory --date-from 20" in captured.err
    assert len(cli_env.control.objects("history")) == 1


def test_upsert_sms_bad_recipient_sends_nothing(cli_env, capsys):
    data = '{"messages": [{"to": "+61411111111", "body": "ok"}, {"to": "abc", "body": "x"}]}'

    code = main(["upsert", "create", "sms", "--data", data])
    captured = capsys.readouterr()

    assert code == EXIT_INVALID_INPUT
    assert captured.out == ""
    assert captured.err == (
        "clicksend-sms: error: Invalid value for 'messages[1].to': \"abc\". A phone number "
        "has only digits, with an optional leading +, e.g. +61411111111.\n"
    )
    assert cli_env.control.requests() == []


def test_upsert_update_sent_campaign_exits_4(cli_env, capsys):
    [listed] = cli_env.control.add("lists", [{"list_name": "L"}])
    [campaign] = cli_env.control.add(
        "campaigns",
        [
            {
                "list_id": listed["list_id"],
                "name": "Old",
                "from": "MyShop",
                "body": "Hi",
                "schedule": 1_700_000_000,
                "status": "Sent",
            }
        ],
    )
    campaign_id = campaign["sms_campaign_id"]

    argv = ["upsert", "update", "smsCampaign", "--id", str(campaign_id)]

    code = main([*argv, "--data", '{"name": "New"}'])
    captured = capsys.readouterr()

    assert code == EXIT_API_ERROR
    assert captured.out == ""
    assert captured.err.startswith(
        f"clicksend-sms: error: SMS Campaign {campaign_id} is Sent, so it was not updated. "
    )
    assert "Fix the request fields" not in captured.err
    assert [r["method"] for r in cli_env.control.requests("/v3/sms-campaigns")] == ["GET"]


def test_upsert_sms_long_body_exits_2(cli_env, capsys):
    data = json.dumps({"to": "+61411111111", "body": "a" * 2000})

    code = main(["upsert", "create", "sms", "--data", data])
    captured = capsys.readouterr()

    assert code == EXIT_INVALID_INPUT
    assert captured.out == ""
    assert captured.err.startswith("clicksend-sms: error: Invalid value for 'body': \"aaaa")
    assert "This message is 2000 characters of GSM-7, 14 SMS parts." in captured.err
    assert cli_env.control.requests() == []


def test_upsert_campaign_missing_list_exits_4(cli_env, capsys):
    data = '{"list_id": 999, "name": "n", "from": "MyShop", "body": "Hi. Reply STOP"}'

    code = main(["upsert", "create", "smsCampaign", "--data", data])
    captured = capsys.readouterr()

    assert code == EXIT_API_ERROR
    assert captured.out == ""
    assert captured.err.startswith(
        "clicksend-sms: error: Contact List 999 (from 'list_id') was not found, so the SMS "
        "Campaign was not created."
    )
    assert "Check the id and the object type" not in captured.err
