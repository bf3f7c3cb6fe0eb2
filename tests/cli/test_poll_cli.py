"""``clicksend-sms poll`` end to end: a real subprocess against the emulator's demo data."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from clicksend_sms.cli import main
from clicksend_sms.cli.common import (
    EXIT_CREDENTIALS,
    EXIT_INTERRUPTED,
    EXIT_INVALID_INPUT,
    EXIT_OK,
)
from clicksend_sms.triggers.snapshot import format_time

HOUR = 3600


def _env(emulator, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLICKSEND_", "ELASTICIO_"))}
    env.update(emulator.env)
    env["XDG_STATE_HOME"] = str(tmp_path / "state-home")
    env.update(extra)
    return env


def _poll(emulator, tmp_path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clicksend_sms.cli", "poll", *args],
        env=_env(emulator, tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _one_error_line(completed: subprocess.CompletedProcess[str]) -> str:
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith("clicksend-sms: error: "), completed.stderr
    return lines[0]


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_second_poll_emits_only_new_rows(emulator, tmp_path):
    emulator.control.seed("demo")
    state = tmp_path / "state.json"

    first = _poll(
        emulator, tmp_path, "smsHistory", "--state", str(state), CLICKSEND_POLL_LAG_SECONDS="60"
    )
    now = emulator.control.now()
    added = emulator.control.add("history", [{"date": now - 30} for _ in range(3)])
    second = _poll(
        emulator, tmp_path, "smsHistory", "--state", str(state), CLICKSEND_POLL_LAG_SECONDS="0"
    )

    assert first.returncode == EXIT_OK, first.stderr
    assert second.returncode == EXIT_OK, second.stderr
    assert len(_lines(first.stdout)) == 5
    assert all("message_id" in body for body in _lines(first.stdout))
    assert sorted(b["message_id"] for b in _lines(second.stdout)) == sorted(
        row["message_id"] for row in added
    )
    saved = json.loads(state.read_text())["entries"]
    assert len(saved) == 1
    assert next(iter(saved.values()))["snapshot"]["objectType"] == "smsHistory"


@pytest.mark.parametrize(
    "later_args",
    [
        [],
        ["--start-time", "same instant, other spelling"],
        ["--start-time", "1970-01-01T00:00:00Z"],
    ],
)
def test_later_poll_continues_whatever_the_start_time(emulator, tmp_path, later_args):
    now = emulator.control.now()
    emulator.control.add("history", [{"date": now - hours * HOUR} for hours in (5, 4, 2, 1)])
    start = now - 3 * HOUR
    state = tmp_path / "state.json"
    if later_args[1:] == ["same instant, other spelling"]:
        later_args = ["--start-time", format_time(start).replace("Z", "+00:00")]

    first = _poll(
        emulator,
        tmp_path,
        "smsHistory",
        *("--start-time", format_time(start), "--state", str(state)),
        CLICKSEND_POLL_LAG_SECONDS="60",
    )
    added = emulator.control.add("history", [{"date": now - 30}, {"date": now - 20}])
    second = _poll(
        emulator,
        tmp_path,
        "smsHistory",
        *(*later_args, "--state", str(state)),
        CLICKSEND_POLL_LAG_SECONDS="0",
    )

    assert first.returncode == EXIT_OK, first.stderr
    assert second.returncode == EXIT_OK, second.stderr
    assert [b["date"] for b in _lines(first.stdout)] == [now - 2 * HOUR, now - HOUR]
    assert [b["message_id"] for b in _lines(second.stdout)] == [r["message_id"] for r in added]
    assert len(json.loads(state.read_text())["entries"]) == 1
    assert "is not used" not in first.stderr
    assert (f"{' '.join(later_args)} is not used" in second.stderr) == bool(later_args)


def test_entry_under_the_old_key_shape_is_adopted(emulator, tmp_path):
    now = emulator.control.now()
    old = emulator.control.add("history", [{"date": now - 2 * HOUR}])
    new = emulator.control.add("history", [{"date": now - HOUR}])
    account = f"{emulator.username}@{emulator.base_url}"
    prefix = f"getNewAndUpdatedObjectsPolling {account} objectType=smsHistory pollConfig=date"
    snapshot = {
        "version": 2,
        "objectType": "smsHistory",
        "pollConfig": "date",
        "cursorTime": format_time(old[0]["date"]),
        "cursorId": None,
    }
    entries = {
        f"{prefix} startTime=": {"snapshot": {}, "savedAt": "2025-01-01T00:00:00+00:00"},
        f"{prefix} startTime=2020-01-01T00:00:00Z": {
            "snapshot": snapshot,
            "savedAt": "2025-02-01T00:00:00+00:00",
        },
    }
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 1, "entries": entries}))

    completed = _poll(emulator, tmp_path, "smsHistory", "--state", str(state))

    assert completed.returncode == EXIT_OK, completed.stderr
    assert [b["message_id"] for b in _lines(completed.stdout)] == [new[0]["message_id"]]
    assert list(json.loads(state.read_text())["entries"]) == [prefix]


def test_state_file_defaults_to_xdg_state_home(emulator, tmp_path):
    emulator.control.seed("demo")

    completed = _poll(emulator, tmp_path, "smsCampaigns")

    assert completed.returncode == EXIT_OK, completed.stderr
    assert len(_lines(completed.stdout)) == 3
    state = tmp_path / "state-home" / "clicksend-sms" / "state.json"
    assert state.exists()
    assert oct(state.stat().st_mode & 0o777) == "0o600"


def test_invalid_page_size_sends_nothing(emulator, tmp_path):
    completed = _poll(emulator, tmp_path, "smsHistory", "--page-size", "14")

    assert completed.returncode == EXIT_INVALID_INPUT
    assert completed.stdout == ""
    line = _one_error_line(completed)
    assert line.startswith("clicksend-sms: error: Invalid value for '--page-size': ")
    assert "14" in line
    assert line.endswith(". Use a whole number from 15 to 100, or leave it empty for 100.")
    assert emulator.control.requests() == []


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["smsTemplates"], "OBJECT_TYPE"),
        (["smsHistory", "--poll-config", "schedule"], "--poll-config"),
        (["smsHistory", "--start-time", "2024-05-14 10:00"], "--start-time"),
        (["smsHistory", "--lag", "-3"], "--lag"),
        (["smsHistory", "--every", "0"], "--every"),
    ],
)
def test_each_bad_option_is_named(emulator, tmp_path, args, field):
    completed = _poll(emulator, tmp_path, *args)

    assert completed.returncode == EXIT_INVALID_INPUT
    assert f"'{field}'" in completed.stderr
    assert emulator.control.requests() == []


NOT_UTF8 = b"\xff\xfe{}"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(NOT_UTF8, "not UTF-8"), (b"{not json", "not valid JSON"), (b"[]", "JSON object")],
)
def test_unreadable_state_file_fails_before_any_request(emulator, tmp_path, content, reason):
    emulator.control.seed("demo")
    state = tmp_path / "state.json"
    state.write_bytes(content)

    completed = _poll(emulator, tmp_path, "smsHistory", "--state", str(state))

    line = _one_error_line(completed)
    assert completed.returncode == EXIT_INVALID_INPUT
    assert "'--state'" in line
    assert str(state) in line
    assert reason in line
    assert completed.stdout == ""
    assert emulator.control.requests() == []
    assert state.read_bytes() == content


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing-directory", "does not exist"),
        ("directory", "cannot be read (Is a directory)"),
        ("read-only", "No file can be created in /proc"),
    ],
)
def test_unwritable_state_path_fails_before_any_request(emulator, tmp_path, name, reason):
    emulator.control.seed("demo")
    paths = {
        "missing-directory": "/proc/nope/x.json",
        "directory": str(tmp_path),
        "read-only": "/proc/clicksend-state.json",
    }

    completed = _poll(emulator, tmp_path, "smsHistory", "--state", paths[name])

    line = _one_error_line(completed)
    assert completed.returncode == EXIT_INVALID_INPUT
    assert "'--state'" in line
    assert paths[name] in line
    assert reason in line
    assert completed.stdout == ""
    assert emulator.control.requests() == []


def test_state_write_failing_mid_poll(emulator, tmp_path, monkeypatch, capsys):
    for key, value in emulator.env.items():
        monkeypatch.setenv(key, value)
    emulator.control.seed("demo")
    directory = tmp_path / "states"
    directory.mkdir()
    state = directory / "state.json"

    class BlockStateDirectory(io.StringIO):
        """Once the first object is printed, a plain file takes the state directory's place."""

        def write(self, text: str) -> int:
            if directory.is_dir():
                shutil.rmtree(directory)
                directory.write_text("not a directory")
            return super().write(text)

    stdout = BlockStateDirectory()
    monkeypatch.setattr("sys.stdout", stdout)

    code = main(["poll", "smsHistory", "--state", str(state)])

    error = capsys.readouterr().err
    assert code == EXIT_INVALID_INPUT
    assert error.startswith("clicksend-sms: error: Invalid value for '--state'")
    assert "prints it again" in error
    assert "Traceback" not in error
    assert len(_lines(stdout.getvalue())) == 5


class InterruptOnFirstLine(io.StringIO):
    """Sends this process a real SIGINT when the first object is printed."""

    def write(self, text: str) -> int:
        if not self.getvalue():
            os.kill(os.getpid(), signal.SIGINT)
        return super().write(text)


def _poll_in_process(monkeypatch, stdout: io.StringIO, *args: str) -> tuple[int, list[dict]]:
    monkeypatch.setattr("sys.stdout", stdout)
    code = main(["poll", *args])
    return code, _lines(stdout.getvalue())


def test_interrupted_receipts_poll_repeats_nothing(emulator, tmp_path, monkeypatch, caplog):
    for key, value in emulator.env.items():
        monkeypatch.setenv(key, value)
    now = emulator.control.now()
    rows = emulator.control.add("receipts", [{"timestamp": now - 100} for _ in range(20)])
    args = ("smsReceipts", "--page-size", "15", "--state", str(tmp_path / "state.json"))

    first_code, first = _poll_in_process(monkeypatch, InterruptOnFirstLine(), *args)
    second_code, second = _poll_in_process(monkeypatch, io.StringIO(), *args)

    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert first_code == EXIT_INTERRUPTED
    assert second_code == EXIT_OK
    assert len(first) == 15
    assert len(second) == 5
    assert {b["message_id"] for b in first + second} == {r["message_id"] for r in rows}
    assert any("position after the last object printed" in m for m in warnings), warnings


def test_interrupted_poll_repeats_the_unsaved_second(emulator, tmp_path, monkeypatch, caplog):
    for key, value in emulator.env.items():
        monkeypatch.setenv(key, value)
    now = emulator.control.now()
    dates = [now - 300] * 12 + [now - 200] * 5 + [now - 100] * 3
    rows = emulator.control.add("history", [{"date": date} for date in dates])
    state = tmp_path / "state.json"

    args = ("smsHistory", "--page-size", "15", "--state", str(state))

    first_code, first = _poll_in_process(monkeypatch, InterruptOnFirstLine(), *args)
    second_code, second = _poll_in_process(monkeypatch, io.StringIO(), *args)

    repeated = [b for b in first if b["message_id"] in {r["message_id"] for r in second}]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert first_code == EXIT_INTERRUPTED
    assert second_code == EXIT_OK
    assert len(first) == 15
    assert len(repeated) == 3
    assert {b["date"] for b in repeated} == {now - 200}
    assert len(second) == 8
    assert {b["message_id"] for b in first + second} == {r["message_id"] for r in rows}
    assert any("prints these 3 objects again" in message for message in warnings), warnings


def test_future_start_time_is_a_warning(emulator, tmp_path):
    completed = _poll(emulator, tmp_path, "smsHistory", "--start-time", "2099-01-01T00:00:00Z")

    assert completed.returncode == EXIT_OK
    assert completed.stdout == ""
    assert " WARNING " in completed.stderr
    assert "startTime 2099-01-01T00:00:00Z is after now" in completed.stderr
    assert "No object after it exists yet" in completed.stderr
    assert emulator.control.requests() == []


def test_wrong_key_is_a_credentials_error(emulator, tmp_path):
    completed = _poll(emulator, tmp_path, "smsHistory", CLICKSEND_API_KEY="wrong-key")

    assert completed.returncode == EXIT_CREDENTIALS
    assert "wrong-key" not in completed.stderr
    assert completed.stdout == ""


def test_sample_page_leaves_state_alone(emulator, tmp_path):
    emulator.control.seed("demo")
    state = tmp_path / "state.json"

    completed = _poll(
        emulator,
        tmp_path,
        "smsHistory",
        "--sample",
        "--emit-behavior",
        "emitPage",
        "--state",
        str(state),
    )

    assert completed.returncode == EXIT_OK, completed.stderr
    pages = _lines(completed.stdout)
    assert len(pages) == 1
    assert len(pages[0]["results"]) == 5
    assert not state.exists()
    assert emulator.control.requests()[0]["query"]["limit"] == "15"


def test_empty_sample_fails_with_reason(emulator, tmp_path):
    completed = _poll(emulator, tmp_path, "smsReceipts", "--sample")

    assert completed.returncode != EXIT_OK
    assert "No object found" in completed.stderr


def test_every_stops_cleanly_on_sigterm(emulator, tmp_path):
    emulator.control.seed("demo")
    state = tmp_path / "state.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clicksend_sms.cli",
            "-v",
            "poll",
            "smsHistory",
            "--every",
            "3600",
            "--state",
            str(state),
        ],
        env=_env(emulator, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The trigger logs its summary once the first poll has emitted and saved everything.
        line = process.stderr.readline()
        while line and "Polled smsHistory" not in line:
            line = process.stderr.readline()
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()

    assert code == EXIT_OK
    assert "Stopped on request" in process.stderr.read()
    assert len(_lines(process.stdout.read())) == 5
    assert json.loads(state.read_text())["entries"]
