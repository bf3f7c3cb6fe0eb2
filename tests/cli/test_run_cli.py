"""``clicksend-sms run`` prints every event as a JSON line and maps errors to exit codes."""

import io
import json
import os
import subprocess
import sys

from clicksend_sms.cli import main
from clicksend_sms.cli.common import EXIT_CREDENTIALS, EXIT_INVALID_INPUT, EXIT_OK

FUNCTION = "getNewAndUpdatedObjectsPolling"


def _events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line]


def test_unknown_function_exits_with_invalid_input(tmp_path, capsys):
    cfg = tmp_path / "cfg.json"
    cfg.write_text("{}")
    code = main(["run", "noSuchFunction", "--cfg", str(cfg)])
    captured = capsys.readouterr()
    assert code == EXIT_INVALID_INPUT
    assert captured.out == ""
    assert "noSuchFunction" in captured.err


def test_missing_cfg_file_is_reported(tmp_path, capsys):
    code = main(["run", "getNewAndUpdatedObjectsPolling", "--cfg", str(tmp_path / "none.json")])
    captured = capsys.readouterr()
    assert code == EXIT_INVALID_INPUT
    assert "does not exist" in captured.err


def test_message_must_be_an_object(tmp_path, capsys):
    cfg = tmp_path / "cfg.json"
    cfg.write_text("{}")
    msg = tmp_path / "msg.json"
    msg.write_text('{"body": [1, 2]}')
    code = main(["run", "lookupObjects", "--cfg", str(cfg), "--msg", str(msg)])
    captured = capsys.readouterr()
    assert code == EXIT_INVALID_INPUT
    assert "msg" in captured.err


def _run_subprocess(emulator, tmp_path, *args, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLICKSEND_", "ELASTICIO_"))}
    env.update(emulator.env)
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "clicksend_sms.cli", "run", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_trigger_events_and_snapshot_file(emulator, tmp_path):
    emulator.control.seed("demo")
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"objectType": "smsCampaigns", "pollConfig": "date_added"}))
    snapshot = tmp_path / "snapshot.json"

    first = _run_subprocess(
        emulator, tmp_path, FUNCTION, "--cfg", str(cfg), "--snapshot", str(snapshot)
    )
    written = json.loads(snapshot.read_text())
    second = _run_subprocess(
        emulator, tmp_path, FUNCTION, "--cfg", str(cfg), "--snapshot", str(snapshot)
    )

    assert first.returncode == EXIT_OK, first.stderr
    events = _events(first.stdout)
    assert [e["event"] for e in events] == ["data", "data", "data", "snapshot", "end"]
    assert set(events[0]["payload"]) == {"id", "body", "attachments", "headers", "passthrough"}
    assert written == events[3]["payload"]
    assert [e["event"] for e in _events(second.stdout)] == ["snapshot", "end"]


def test_credentials_in_cfg_win_over_environment(emulator, tmp_path):
    cfg = tmp_path / "cfg.json"
    cfg.write_text(
        json.dumps({"objectType": "smsHistory", "pollConfig": "date", "apiKey": "wrong-key"})
    )

    completed = _run_subprocess(emulator, tmp_path, FUNCTION, "--cfg", str(cfg))

    events = _events(completed.stdout)
    assert completed.returncode == EXIT_CREDENTIALS
    assert [e["event"] for e in events] == ["error", "end"]
    assert events[0]["payload"]["name"] == "CredentialsError"
    assert "wrong-key" not in completed.stdout + completed.stderr


def test_debug_flow_type_runs_a_sample(emulator, tmp_path):
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"objectType": "smsReceipts", "pollConfig": "timestamp"}))

    completed = _run_subprocess(
        emulator, tmp_path, FUNCTION, "--cfg", str(cfg), ELASTICIO_FLOW_TYPE="debug"
    )

    events = _events(completed.stdout)
    assert completed.returncode != EXIT_OK
    assert events[0]["payload"]["name"] == "NoObjectFoundError"
    assert emulator.control.requests()[0]["query"]["limit"] == "15"


def test_invalid_config_error_event(emulator, tmp_path, capsys, monkeypatch):
    for key, value in emulator.env.items():
        monkeypatch.setenv(key, value)
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"objectType": "smsHistory", "pollConfig": "date", "pageSize": 101}))

    code = main(["run", FUNCTION, "--cfg", str(cfg)])

    events = _events(capsys.readouterr().out)
    assert code == EXIT_INVALID_INPUT
    assert [e["event"] for e in events] == ["error", "end"]
    assert "pageSize" in events[0]["payload"]["message"]
    assert emulator.control.requests() == []


def test_message_from_stdin(tmp_path, capsys, monkeypatch):
    cfg = tmp_path / "cfg.json"
    cfg.write_text("{}")
    monkeypatch.setattr("sys.stdin", io.StringIO("[1]"))

    code = main(["run", FUNCTION, "--cfg", str(cfg), "--msg", "-"])

    assert code == EXIT_INVALID_INPUT
    assert "stdin" in capsys.readouterr().err
