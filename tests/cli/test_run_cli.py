"""``clicksend-sms run`` prints every event as a JSON line and maps errors to exit codes."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


NOT_UTF8 = b"\xff\xfe{}"


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("clicksend-sms: error: "), stderr
    return lines[0]


def _files(tmp_path, **contents: bytes) -> dict[str, str]:
    """Write each file named by a keyword (cfg, msg, snapshot) and return its path."""
    paths = {}
    for name, content in contents.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(content)
        paths[name] = str(path)
    return paths


@pytest.mark.parametrize("option", ["--cfg", "--msg", "--snapshot"])
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (NOT_UTF8, "not UTF-8"),
        (b"{not json", "not valid JSON"),
        (b'{"body": {"a": NaN}}', "NaN is not a JSON value"),
    ],
)
def test_unreadable_input_file_names_its_option(emulator, tmp_path, option, content, reason):
    good = json.dumps({"objectType": "smsHistory", "pollConfig": "date"}).encode()
    paths = _files(tmp_path, cfg=good, msg=b"{}", snapshot=b"{}")
    Path(paths[option[2:]]).write_bytes(content)
    args = [arg for name, path in paths.items() for arg in (f"--{name}", path)]

    completed = _run_subprocess(emulator, tmp_path, FUNCTION, *args)

    line = _one_error_line(completed.stderr)
    assert completed.returncode == EXIT_INVALID_INPUT
    assert f"'{option}'" in line
    assert paths[option[2:]] in line
    assert reason in line
    assert completed.stdout == ""
    assert emulator.control.requests() == []


def test_non_utf8_message_on_stdin(tmp_path, capsys, monkeypatch):
    cfg = tmp_path / "cfg.json"
    cfg.write_text("{}")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(NOT_UTF8), encoding="utf-8"))

    code = main(["run", FUNCTION, "--cfg", str(cfg), "--msg", "-"])

    line = _one_error_line(capsys.readouterr().err)
    assert code == EXIT_INVALID_INPUT
    assert "'--msg'" in line
    assert "not UTF-8" in line


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/proc/nope/s.json", "/proc/nope does not exist"),
        ("/proc/clicksend-snapshot.json", "No file can be created in /proc"),
    ],
)
def test_unwritable_snapshot_fails_before_any_request(emulator, tmp_path, path, reason):
    emulator.control.seed("demo")
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"objectType": "smsHistory", "pollConfig": "date"}))

    completed = _run_subprocess(emulator, tmp_path, FUNCTION, "--cfg", str(cfg), "--snapshot", path)

    line = _one_error_line(completed.stderr)
    assert completed.returncode == EXIT_INVALID_INPUT
    assert "'--snapshot'" in line
    assert path in line
    assert reason in line
    assert completed.stdout == ""
    assert emulator.control.requests() == []


def test_snapshot_write_failing_after_run(emulator, tmp_path, capsys, monkeypatch):
    for key, value in emulator.env.items():
        monkeypatch.setenv(key, value)
    emulator.control.seed("demo")
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"objectType": "smsCampaigns", "pollConfig": "date_added"}))
    directory = tmp_path / "snapshots"
    directory.mkdir()

    class BlockSnapshotDirectory(io.StringIO):
        """Once the run ends, a plain file takes the snapshot directory's place."""

        def write(self, text: str) -> int:
            if '"event":"end"' in text:
                directory.rmdir()
                directory.write_text("not a directory")
            return super().write(text)

    stdout = BlockSnapshotDirectory()
    monkeypatch.setattr("sys.stdout", stdout)

    code = main(["run", FUNCTION, "--cfg", str(cfg), "--snapshot", str(directory / "s.json")])

    line = _one_error_line(capsys.readouterr().err)
    events = _events(stdout.getvalue())
    assert code == EXIT_INVALID_INPUT
    assert "'--snapshot'" in line
    assert "The last snapshot event printed above" in line
    assert [e["event"] for e in events] == ["data", "data", "data", "snapshot", "end"]
