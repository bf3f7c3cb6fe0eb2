"""The lookup, lookup-many, delete and raw commands, and ``run`` for the same four actions."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest

from clicksend_sms.cli import main
from clicksend_sms.cli.common import EXIT_API_ERROR, EXIT_INVALID_INPUT, EXIT_OK


@pytest.fixture
def cli(emulator, monkeypatch, capsys):
    """Run ``clicksend-sms ARGS`` in-process against the emulator; return (code, lines, err)."""
    for name, value in emulator.env.items():
        monkeypatch.setenv(name, value)

    def run(*args, stdin=None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        lines = [json.loads(line) for line in captured.out.splitlines() if line]
        return code, lines, captured.err

    return run


# --- lookup -----------------------------------------------------------------------------------


def test_lookup_prints_object(emulator, cli):
    [contact_list] = emulator.control.add("lists", [{"list_name": "Customers"}])

    code, lines, _ = cli("lookup", "contactList", contact_list["list_id"])

    assert code == EXIT_OK
    assert len(lines) == 1
    assert lines[0]["list_id"] == contact_list["list_id"]
    assert lines[0]["list_name"] == "Customers"


def test_lookup_contact_with_list_id(emulator, cli):
    [contact] = emulator.control.add("contacts", [{"list_id": 77, "first_name": "Ann"}])

    code, lines, _ = cli("lookup", "contact", contact["contact_id"], "--list-id", 77)

    assert code == EXIT_OK
    assert lines[0]["first_name"] == "Ann"


def test_lookup_missing_exits_with_api_error(cli):
    code, lines, err = cli("lookup", "contactList", 987654)

    assert code == EXIT_API_ERROR
    assert lines == []
    assert "Contact List 987654 was not found" in err


def test_lookup_bad_id_exits_before_request(emulator, cli):
    code, lines, err = cli("lookup", "smsCampaign", "12abc")

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert err.startswith("clicksend-sms: error: Invalid value for 'ID': \"12abc\". ")
    assert emulator.control.requests() == []


# --- lookup-many ------------------------------------------------------------------------------

HISTORY = [
    {"date": 1000, "status": "Sent", "to": "+61411111111", "body": "a"},
    {"date": 2000, "status": "Failed", "to": "+61433333333", "body": "b"},
    {"date": 3000, "status": "Sent", "to": "+61433333333", "body": "c"},
]


def test_lookup_many_where_operator(emulator, cli):
    emulator.control.add("history", HISTORY)

    code, lines, _ = cli(
        "lookup-many",
        "smsHistory",
        "--where",
        "status=Failed",
        "--where",
        "to=+61411111111",
        "--operator",
        "or",
    )

    assert code == EXIT_OK
    assert [line["body"] for line in lines] == ["a", "b"]
    [request] = emulator.control.requests("/v3/sms/history")
    assert request["query"]["q"] == "status:Failed,to:+61411111111"


def test_lookup_many_dates_and_order(emulator, cli):
    emulator.control.add("history", HISTORY)

    code, lines, _ = cli(
        "lookup-many",
        "smsHistory",
        "--date-from",
        "1970-01-01T00:25:00Z",
        "--date-to",
        "1970-01-01T01:00:00Z",
        "--order-by",
        "date:desc",
    )

    assert code == EXIT_OK
    assert [line["body"] for line in lines] == ["c", "b"]


def test_lookup_many_pages_and_max(emulator, cli):
    emulator.control.add("lists", [{} for _ in range(40)])

    code, lines, _ = cli(
        "lookup-many",
        "contactLists",
        "--emit-behavior",
        "emitPage",
        "--page-size",
        15,
        "--max",
        20,
    )

    assert code == EXIT_OK
    assert [len(line["results"]) for line in lines] == [15, 5]
    assert len(emulator.control.requests("/v3/lists")) == 2


def test_lookup_many_emit_all_empty(cli):
    code, lines, _ = cli("lookup-many", "contactLists", "--emit-behavior", "emitAll")

    assert code == EXIT_OK
    assert lines == [{"results": []}]


def test_lookup_many_contacts_updated_after(emulator, cli):
    emulator.control.add(
        "contacts",
        [
            {"list_id": 5, "first_name": "Old", "date_updated": 1000},
            {"list_id": 5, "first_name": "New", "date_updated": 3000},
        ],
    )

    code, lines, _ = cli(
        "lookup-many", "listContacts", "--list-id", 5, "--updated-after", "1970-01-01T00:33:20Z"
    )

    assert code == EXIT_OK
    assert [line["first_name"] for line in lines] == ["New"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--where", "status"], "'--where'"),
        (["--where", "status=Sent", "--where", "status=Failed"], "'--where'"),
        (["--where", "custom_string=x"], "'custom_string'"),
        (["--where", "operator=OR", "--operator", "AND"], "'operator'"),
        (["--page-size", "5"], "'--page-size'"),
        (["--max", "-1"], "'--max'"),
        (["--max", "0"], "'--max'"),
        (["--date-from", "2024-05-14"], "'--date-from'"),
        (["--updated-after", "2024-05-14T00:00:00Z"], "'--updated-after'"),
    ],
)
def test_lookup_many_bad_options(emulator, cli, args, named):
    code, lines, err = cli("lookup-many", "smsHistory", *args)

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert named in err
    assert emulator.control.requests() == []


# --- delete -----------------------------------------------------------------------------------


def test_delete_prints_result(emulator, cli):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]

    code, lines, _ = cli("delete", "contactList", list_id)

    assert code == EXIT_OK
    assert lines == [
        {
            "result": {
                "id": list_id,
                "objectType": "contactList",
                "deleted": True,
                "message": f"List #{list_id} has been deleted.",
            }
        }
    ]


def test_delete_contact_missing(emulator, cli):
    [contact_list] = emulator.control.add("lists", [{}])

    code, lines, err = cli("delete", "contact", 987654, "--list-id", contact_list["list_id"])

    assert code == EXIT_API_ERROR
    assert lines == []
    assert "Contact 987654" in err


def test_delete_contact_needs_list_id(emulator, cli):
    code, _, err = cli("delete", "contact", 5)

    assert code == EXIT_INVALID_INPUT
    assert "Missing value for '--list-id'. The List ID is required." in err
    assert emulator.control.requests() == []


# --- raw --------------------------------------------------------------------------------------


def test_raw_get(emulator, cli):
    code, lines, _ = cli("raw", "get", "/sms/history?page=1")

    assert code == EXIT_OK
    assert lines[0]["statusCode"] == 200
    assert lines[0]["responseBody"]["response_code"] == "SUCCESS"
    [request] = emulator.control.requests()
    assert request["path"] == "/v3/sms/history"
    assert request["query"] == {"page": "1"}


def test_raw_post_inline_data(emulator, cli):
    code, lines, _ = cli("raw", "POST", "lists", "--data", '{"list_name": "Inline"}')

    assert code == EXIT_OK
    assert lines[0]["responseBody"]["data"]["list_name"] == "Inline"


def test_raw_post_data_from_file(emulator, cli, tmp_path):
    data = tmp_path / "body.json"
    data.write_text('{"list_name": "From file"}', "utf-8")

    code, lines, _ = cli("raw", "POST", "lists", "--data", f"@{data}")

    assert code == EXIT_OK
    assert lines[0]["responseBody"]["data"]["list_name"] == "From file"
    assert emulator.control.requests()[0]["body"] == {"list_name": "From file"}


def test_raw_post_data_from_stdin(emulator, cli):
    code, lines, _ = cli("raw", "POST", "lists", "--data", "-", stdin='{"list_name": "Piped"}')

    assert code == EXIT_OK
    assert lines[0]["responseBody"]["data"]["list_name"] == "Piped"


def test_raw_404_flag(cli):
    thrown = cli("raw", "GET", "lists/987654")
    printed = cli("raw", "GET", "lists/987654", "--no-throw-404")

    assert thrown[0] == EXIT_API_ERROR
    assert thrown[1] == []
    assert printed[0] == EXIT_OK
    assert printed[1][0]["statusCode"] == 404


def test_raw_account_key_masked(emulator, cli):
    code, lines, _ = cli("raw", "GET", "account")

    assert code == EXIT_OK
    assert lines[0]["responseBody"]["data"]["_subaccount"]["api_key"] == "***"
    assert emulator.api_key not in json.dumps(lines)


def test_raw_debug_log_masks_query_secret(emulator, cli, caplog):
    caplog.set_level(logging.DEBUG)

    code, _, err = cli("-vv", "raw", "GET", "lists?api_key=SEKRETQ&x=1")

    # The in-process emulator's access log is the server's, not the connector's.
    connector = [r for r in caplog.records if not r.name.startswith("clicksend_sms.emulator")]
    assert code == EXIT_OK
    assert "SEKRETQ" not in err
    assert [r.getMessage() for r in connector if "SEKRETQ" in r.getMessage()] == []
    debug_lines = [r.getMessage() for r in connector if r.levelno == logging.DEBUG]
    assert any('"api_key": "***"' in line and '"x": "1"' in line for line in debug_lines)
    assert [r.name for r in connector if r.name.startswith(("httpx", "httpcore"))] == []


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["GET", "//evil.test/v3/lists"], "'URL'"),
        (["GET", "../_emulator/reset"], "'URL'"),
        (["HEAD", "lists"], "'METHOD'"),
        (["POST", "lists", "--data", "{not json"], "'--data'"),
        (["POST", "lists", "--data", "@/no/such/file.json"], "'--data'"),
        (["POST", "lists", "--data", '"text"'], "'--data'"),
    ],
)
def test_raw_bad_input(emulator, cli, args, named):
    code, lines, err = cli("raw", *args)

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert named in err
    assert emulator.control.requests() == []


# --- non-standard JSON ------------------------------------------------------------------------

NON_STANDARD_JSON = [
    ('{"to": "+61411111111", "body": NaN}', "NaN is not a JSON value"),
    ('{"to": "+61411111111", "body": Infinity}', "Infinity is not a JSON value"),
    ('{"to": "+61411111111", "body": -Infinity}', "-Infinity is not a JSON value"),
    ('{"to": "+61411111111", "body": 1e999}', "the number 1e999 is too large"),
    ('{"to": "+61411111111", "body": -1e999}', "the number -1e999 is too large"),
]


@pytest.mark.parametrize(("data", "reason"), NON_STANDARD_JSON)
def test_upsert_sms_non_standard_json_rejected(emulator, cli, data, reason):
    code, lines, err = cli("upsert", "create", "sms", "--data", data)

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert err.startswith("clicksend-sms: error: Invalid value for '--data': ")
    assert f"The JSON is invalid: {reason}" in err
    assert emulator.control.requests() == []


def test_upsert_list_huge_number_rejected(emulator, cli, tmp_path):
    data = tmp_path / "list.json"
    data.write_text('{"list_name": 1e999}', "utf-8")

    code, lines, err = cli("upsert", "create", "contactList", "--data", f"@{data}")

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert "the number 1e999 is too large" in err
    assert emulator.control.requests() == []


def test_raw_nan_from_stdin_rejected(emulator, cli):
    code, lines, err = cli("raw", "POST", "lists", "--data", "-", stdin='{"list_name": NaN}')

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert "NaN is not a JSON value" in err
    assert emulator.control.requests() == []


def test_metadata_cfg_nan_rejected(cli, tmp_path):
    cfg = tmp_path / "cfg.json"
    cfg.write_text('{"objectType": "sms", "operation": NaN}', "utf-8")

    code, lines, err = cli("metadata", "upsertObject", "--cfg", cfg)

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert "Invalid value for '--cfg'" in err
    assert "NaN is not a JSON value" in err


def test_raw_path_with_v3_rejected(emulator, cli):
    code, lines, err = cli("raw", "GET", "/v3/account")

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert err.startswith("clicksend-sms: error: Invalid value for 'URL': \"/v3/account\". ")
    assert err.endswith("which already ends in /v3. Use /account instead.\n")
    assert emulator.control.requests() == []


def test_raw_get_with_data_rejected(emulator, cli):
    code, lines, err = cli("raw", "get", "account", "--data", '{"a":1}')

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert err.startswith("clicksend-sms: error: Invalid value for '--data': {\"a\": 1}. ")
    assert "GET requests send no body." in err
    assert emulator.control.requests() == []


def test_raw_data_file_not_utf8(emulator, cli, tmp_path):
    data = tmp_path / "body.json"
    data.write_bytes(b"\xff\xfe{}")

    code, lines, err = cli("raw", "POST", "lists", "--data", f"@{data}")

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert f"Invalid value for '--data': \"@{data}\". Save the JSON as UTF-8 (" in err
    assert emulator.control.requests() == []


# --- run, as the platform would ---------------------------------------------------------------


def _run_events(cli, tmp_path, function, cfg, body):
    cfg_file = tmp_path / "cfg.json"
    cfg_file.write_text(json.dumps(cfg), "utf-8")
    msg_file = tmp_path / "msg.json"
    msg_file.write_text(json.dumps({"body": body}), "utf-8")
    return cli("run", function, "--cfg", cfg_file, "--msg", msg_file)


def test_run_each_action(emulator, cli, tmp_path):
    [contact_list] = emulator.control.add("lists", [{"list_name": "Run"}])
    list_id = contact_list["list_id"]

    lookup = _run_events(
        cli, tmp_path, "lookupObjectById", {"objectType": "contactList"}, {"idValue": list_id}
    )
    many = _run_events(
        cli,
        tmp_path,
        "lookupObjects",
        {"objectType": "contactLists", "emitBehavior": "emitPage"},
        {},
    )
    raw = _run_events(cli, tmp_path, "makeRawRequest", {}, {"url": "lists", "method": "GET"})
    delete = _run_events(
        cli, tmp_path, "deleteObjectById", {"objectType": "contactList"}, {"idValue": list_id}
    )

    assert lookup[0] == EXIT_OK
    assert lookup[1][0]["event"] == "data"
    assert lookup[1][0]["payload"]["body"]["list_name"] == "Run"
    assert many[1][0]["payload"]["body"]["results"][0]["list_id"] == list_id
    assert raw[1][0]["payload"]["body"]["statusCode"] == 200
    assert delete[1][0]["payload"]["body"]["result"]["deleted"] is True
    assert [event["event"] for event in delete[1]] == ["data", "end"]


def test_run_reports_bad_input_as_error_event(emulator, cli, tmp_path):
    code, events, _ = _run_events(
        cli, tmp_path, "lookupObjectById", {"objectType": "contactList"}, {"idValue": -1}
    )

    assert code == EXIT_INVALID_INPUT
    assert events[0]["event"] == "error"
    assert "'idValue'" in events[0]["payload"]["message"]
    assert emulator.control.requests() == []


def _with_credentials_in_base_url(emulator, monkeypatch):
    masked = emulator.base_url.replace("http://", "http://***@")
    credentials_url = emulator.base_url.replace("http://", "http://demo-user:demo-key@")
    monkeypatch.setenv("CLICKSEND_BASE_URL", credentials_url)
    return masked


def test_base_url_credentials_masked(emulator, cli, monkeypatch, caplog):
    masked = _with_credentials_in_base_url(emulator, monkeypatch)

    code, lines, err = cli("lookup", "contactList", 428)

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert f'"{masked}"' in err
    assert "demo-key" not in err + caplog.text
    assert "demo-user" not in err + caplog.text
    assert emulator.control.requests() == []


def test_run_base_url_credentials_masked(emulator, cli, tmp_path, monkeypatch, caplog):
    masked = _with_credentials_in_base_url(emulator, monkeypatch)

    code, events, err = _run_events(
        cli, tmp_path, "lookupObjectById", {"objectType": "contactList"}, {"idValue": 428}
    )

    assert code == EXIT_INVALID_INPUT
    assert events[0]["event"] == "error"
    assert f'"{masked}"' in events[0]["payload"]["message"]
    assert f'"{masked}"' in caplog.text
    assert "demo-key" not in json.dumps(events) + err + caplog.text
    assert emulator.control.requests() == []


# --- option and variable names in errors --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["lookup", "contact", 500001], "Missing value for '--list-id'. "),
        (["lookup", "smsCampaign", "abc"], "Invalid value for 'ID': \"abc\". "),
        (["lookup", "smsThing", 5], "Invalid value for 'TYPE': \"smsThing\". "),
        (["delete", "contact", 5, "--list-id", "x"], "Invalid value for '--list-id': \"x\". "),
        (["lookup-many", "smsHistory", "--max", "0"], "Invalid value for '--max': \"0\". "),
        (
            ["lookup-many", "smsHistory", "--order-by", "price:asc"],
            "Invalid value for '--order-by': \"price:asc\". ",
        ),
        (
            ["lookup-many", "smsHistory", "--operator", "XOR", "--where", "status=Sent"],
            "Invalid value for '--operator': \"XOR\". ",
        ),
        (["raw", "HEAD", "lists"], "Invalid value for 'METHOD': \"HEAD\". "),
    ],
)
def test_errors_name_the_option(emulator, cli, args, start):
    code, lines, err = cli(*args)

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert err.startswith(f"clicksend-sms: error: {start}")
    assert emulator.control.requests() == []


def test_lookup_id_too_large(emulator, cli):
    code, lines, err = cli("lookup", "contactList", "99999999999999999999999")

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert err == (
        "clicksend-sms: error: Invalid value for 'ID': \"99999999999999999999999\". The "
        "Contact List ID is too large: ClickSend ids are at most 9223372036854775807. Check "
        "the id for extra digits.\n"
    )
    assert emulator.control.requests() == []


@pytest.mark.parametrize("order", ["date", "date:"])
def test_order_by_needs_direction(emulator, cli, order):
    code, lines, err = cli("lookup-many", "smsHistory", "--order-by", order)

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert f"Invalid value for '--order-by': \"{order}\". " in err
    assert emulator.control.requests() == []


def test_order_by_without_direction_fix(emulator, cli):
    _, _, err = cli("lookup-many", "smsHistory", "--order-by", "date")

    assert err.endswith("Add the direction: date:asc or date:desc.\n")


def test_error_fix_names_other_option(emulator, cli):
    code, _, err = cli(
        "lookup-many",
        "smsHistory",
        "--date-from",
        "2024-05-14T00:00:00Z",
        "--date-to",
        "2024-05-13T00:00:00Z",
    )

    assert code == EXIT_INVALID_INPUT
    assert "Invalid value for '--date-to': \"2024-05-13T00:00:00Z\"" in err
    assert "Use a time at or after --date-from (2024-05-14T00:00:00Z)." in err
    assert emulator.control.requests() == []


def test_where_key_keeps_its_name(emulator, cli):
    code, _, err = cli("lookup-many", "smsHistory", "--where", "dateFrom=x", "--date-from", "y")

    assert code == EXIT_INVALID_INPUT
    assert "Invalid value for 'dateFrom': \"y\". Set dateFrom with --date-from only" in err
    assert emulator.control.requests() == []


@pytest.mark.parametrize(
    ("variable", "fix"),
    [
        (
            "CLICKSEND_BASE_URL",
            "Unset it to use https://rest.clicksend.com/v3, or set it to the API base URL.",
        ),
        ("CLICKSEND_USERNAME", "Set it to the ClickSend API username."),
        ("CLICKSEND_API_KEY", "Set it to the ClickSend API key."),
    ],
)
@pytest.mark.parametrize("command", [["lookup", "contactList", 5], ["verify"], ["raw", "GET", "x"]])
def test_empty_variable_named(emulator, cli, monkeypatch, variable, fix, command):
    monkeypatch.setenv(variable, "")

    code, lines, err = cli(*command)

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert err == f"clicksend-sms: error: Invalid value for '{variable}': \"\". {fix}\n"
    assert emulator.control.requests() == []


def test_unset_key_names_variable(emulator, cli, monkeypatch):
    monkeypatch.delenv("CLICKSEND_API_KEY")

    code, lines, err = cli("verify")

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert "Missing value for 'CLICKSEND_API_KEY'. Enter the ClickSend API key." in err
    assert emulator.control.requests() == []


@pytest.mark.parametrize("base_url", ["ftp://127.0.0.1/v3", "not a url"])
def test_verify_bad_base_url_exits_2(emulator, cli, monkeypatch, base_url):
    monkeypatch.setenv("CLICKSEND_BASE_URL", base_url)

    code, lines, err = cli("verify")

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert f"Invalid value for 'CLICKSEND_BASE_URL': \"{base_url}\"" in err
    assert emulator.control.requests() == []


def test_verify_base_url_without_v3(emulator, cli, monkeypatch):
    root = emulator.base_url.removesuffix("/v3")
    monkeypatch.setenv("CLICKSEND_BASE_URL", root)

    code, lines, err = cli("verify")

    assert code == EXIT_API_ERROR
    assert lines == []
    assert err.startswith("clicksend-sms: error: ClickSend has no endpoint for this method and")
    assert err.endswith(f"Check that the base URL ends in /v3: it is {root}.\n")


def test_verify_https_to_plain_server(emulator, cli, monkeypatch):
    https_url = emulator.base_url.replace("http://", "https://")
    origin = emulator.base_url.split("/")[2]
    monkeypatch.setenv("CLICKSEND_BASE_URL", https_url)

    code, lines, err = cli("verify")

    assert code == EXIT_API_ERROR
    assert lines == []
    assert f"The request to ClickSend at {origin} was not sent: the TLS handshake failed" in err
    assert "Check the scheme of the base URL" in err
    assert emulator.control.requests() == []


def test_upsert_data_example_fits_type(emulator, cli):
    code, lines, err = cli("upsert", "create", "sms", "--data", "[1, 2]")

    assert code == EXIT_INVALID_INPUT
    assert lines == []
    assert 'e.g. {"to": "+61411111111", "body": "Your order has shipped."}.' in err
    assert "list_name" not in err
    assert emulator.control.requests() == []


# --- as a separate process --------------------------------------------------------------------


def test_lookup_many_subprocess_keeps_key_out_of_output(emulator):
    emulator.control.add("lists", [{"list_name": "A"}, {"list_name": "B"}])
    env = {**os.environ, **emulator.env}

    completed = subprocess.run(
        [sys.executable, "-m", "clicksend_sms.cli", "-vv", "lookup-many", "contactLists"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == EXIT_OK
    lines = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [line["list_name"] for line in lines] == ["A", "B"]
    assert emulator.api_key not in completed.stdout + completed.stderr
