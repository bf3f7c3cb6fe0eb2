"""The README's first command: the main job on the emulator's demo data."""

import json
import subprocess
import sys


def _run_demo():
    return subprocess.run(
        [sys.executable, "-m", "clicksend_sms.demo"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_demo_second_poll_emits_only_new_messages():
    completed = _run_demo()
    assert completed.returncode == 0, completed.stderr

    summary = completed.stderr.split("== summary", 1)[1]
    assert "smsHistory: first poll 5, second poll 3" in summary
    assert "smsReceipts: first poll 3, second poll 1" in summary
    assert "smsCampaigns: first poll 3, second poll 0" in summary
    assert "lookups: 1" in summary

    lines = [json.loads(line) for line in completed.stdout.splitlines()]
    sent_bodies = {row["body"] for row in lines if row.get("direction") == "out"}
    assert "Your verification code is 482913." in sent_bodies


def test_demo_runs_twice_with_same_result():
    first = _run_demo()
    second = _run_demo()
    assert first.returncode == second.returncode == 0
    assert first.stderr.split("== summary", 1)[1] == second.stderr.split("== summary", 1)[1]
