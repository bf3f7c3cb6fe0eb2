"""Run the ClickSend emulator in its own process, so its CPU time is not the connector's."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from clicksend_sms.emulator.control import EmulatorControl

USERNAME = "bench-user"
API_KEY = "bench-key"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class EmulatorHandle:
    """A running emulator: its ClickSend base URL (``.../v3``), credentials and control API."""

    base_url: str
    username: str = USERNAME
    api_key: str = API_KEY

    @property
    def root(self) -> str:
        """The server root, e.g. ``http://127.0.0.1:8765``, which the official SDK takes as host."""
        return self.base_url.removesuffix("/v3")

    @property
    def control(self) -> EmulatorControl:
        return EmulatorControl(self.root)

    @property
    def cfg(self) -> dict[str, Any]:
        """Credentials in the connector's cfg shape."""
        return {"username": self.username, "apiKey": self.api_key, "baseUrl": self.base_url}

    @property
    def env(self) -> dict[str, str]:
        """The CLICKSEND_* variables that point the connector and the emulator at each other."""
        return {
            "CLICKSEND_USERNAME": self.username,
            "CLICKSEND_API_KEY": self.api_key,
            "CLICKSEND_BASE_URL": self.base_url,
        }


def cli_command() -> list[str]:
    """Return the ``clicksend-sms`` command of the running interpreter's environment."""
    script = shutil.which("clicksend-sms", path=str(Path(sys.executable).parent))
    if script is not None:
        return [script]
    return [sys.executable, "-m", "clicksend_sms.cli"]


class EmulatorProcess:
    """``clicksend-sms emulator --port 0 --seed none`` as a child process.

    Use as a context manager; entering returns an :class:`EmulatorHandle`. The emulator's
    stderr goes to a temporary file that is shown when it fails to start.
    """

    def __init__(self) -> None:
        self.command = [*cli_command(), "emulator", "--port", "0", "--seed", "none"]
        self._process: subprocess.Popen[str] | None = None
        self._stderr: IO[str] | None = None

    def start(self) -> EmulatorHandle:
        env = {**os.environ, "CLICKSEND_USERNAME": USERNAME, "CLICKSEND_API_KEY": API_KEY}
        self._stderr = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in stop())
        self._process = subprocess.Popen(
            self.command, stdout=subprocess.PIPE, stderr=self._stderr, text=True, env=env
        )
        base_url = self._read_base_url()
        return EmulatorHandle(base_url)

    def _read_base_url(self) -> str:
        """Return the first stdout line, the base URL, or raise with the emulator's stderr."""
        assert self._process is not None
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], START_TIMEOUT)
        line = self._process.stdout.readline().strip() if ready else ""
        if not line.startswith("http://"):
            detail = self._stderr_text()
            self.stop()
            raise RuntimeError(
                f"the emulator did not print its base URL within {START_TIMEOUT:.0f} s "
                f"(command: {' '.join(self.command)}; first line: {line!r}; stderr: {detail})"
            )
        return line

    def _stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().strip()

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def stop(self) -> None:
        """Stop the emulator with SIGTERM, then SIGKILL if it does not exit in time."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process is not None and process.stdout is not None:
            process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> EmulatorHandle:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
