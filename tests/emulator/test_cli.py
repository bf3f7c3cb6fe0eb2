"""``clicksend-sms emulator`` as a process: base URL on stdout, switches, clean exit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import httpx
import pytest

from clicksend_sms.cli import build_parser
from clicksend_sms.cli.emulator import _listen_error


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


def _run_emulator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clicksend_sms.cli", "emulator", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize("port", ["99999", "-1", "65536", "eighty"])
def test_cli_rejects_port_out_of_range(port):
    result = _run_emulator(f"--port={port}")

    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert (
        f"argument --port: expected a TCP port from 0 to 65535 (0 picks a free port), "
        f"got '{port}'" in result.stderr
    )


def test_cli_names_port_in_use():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = _run_emulator("--port", str(port))

    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"clicksend-sms emulator: port {port} on 127.0.0.1 is already in use ("
    )
    assert "choose another --port (0 picks a free one)" in result.stderr


def test_listen_error_names_unresolvable_host():
    error = socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    text = _listen_error("no-such-host.invalid", 0, error)

    assert text == (
        "cannot resolve --host 'no-such-host.invalid' (Name or service not known). "
        "Use an IP address such as 127.0.0.1."
    )
