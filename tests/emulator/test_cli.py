"""``clicksend-sms emulator`` as a process: base URL on stdout, switches, clean exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx
import pytest

from clicksend_sms.cli import build_parser


def _start(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "clicksend_sms.cli", "emulator", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_cli_prints_base_url_and_exits_cleanly(signum):
    process, base_url = _start()
    try:
        assert base_url.startswith("http://127.0.0.1:")
        assert base_url.endswith("/v3")
        response = httpx.get(base_url + "/lists", auth=("demo-user", "demo-key"))
        assert response.json()["data"]["total"] == 3
    finally:
        process.send_signal(signum)
        assert process.wait(timeout=10) == 0


def test_cli_uses_env_credentials_and_switches():
    env = {"CLICKSEND_USERNAME": "someone", "CLICKSEND_API_KEY": "secret-key"}
    process, base_url = _start(
        "--seed",
        "none",
        "--switch",
        "wrong_method=405",
        "--switch",
        'rate_limit={"limit": 5, "window": 60}',
        env=env,
    )
    try:
        auth = ("someone", "secret-key")
        assert httpx.get(base_url + "/lists", auth=auth).json()["data"]["total"] == 0
        assert httpx.put(base_url + "/lists", auth=auth).status_code == 405
        assert httpx.get(base_url + "/lists", auth=auth).headers["x-ratelimit-limit"] == "5"
        assert httpx.get(base_url + "/lists", auth=("demo-user", "demo-key")).status_code == 401
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_rejects_bad_switch():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "clicksend_sms.cli",
            "emulator",
            "--port",
            "0",
            "--switch",
            "date_bounds=sideways",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "date_bounds" in result.stderr


def test_cli_help_describes_every_option():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    emulator = subparsers.choices["emulator"]
    options = {a.dest: a.help for a in emulator._actions if a.dest != "help"}
    assert set(options) == {"host", "port", "seed", "switch"}
    assert all(options.values())
