#!/usr/bin/env python3
"""Run the connector's main job against the bundled ClickSend emulator.

Starts the emulator with its demo data, polls SMS History, SMS Receipts and SMS Campaigns,
sends three SMS, polls again and looks up one receipt. Creates .venv with the package
installed on first use. Needs only Python 3.11 or newer.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def ensure_environment() -> None:
    """Create the virtual environment and install the package unless already done."""
    if not PYTHON.exists():
        print("Creating .venv and installing clicksend-sms-component ...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    probe = subprocess.run(  # noqa: S603 - the interpreter of our own .venv
        [str(PYTHON), "-c", "import clicksend_sms.demo"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        subprocess.run(  # noqa: S603 - the interpreter of our own .venv
            [str(PYTHON), "-m", "pip", "install", "--quiet", "-e", str(ROOT)], check=True
        )


def main() -> int:
    if any(arg in ("-h", "--help") for arg in sys.argv[1:]):
        print(__doc__.strip())
        print("\nUsage: python3 demo.py    (takes no options)")
        return 0
    if sys.argv[1:]:
        print(f"demo.py takes no options, got: {' '.join(sys.argv[1:])}", file=sys.stderr)
        return 2
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an older Python
        print("clicksend-sms-component needs Python 3.11 or newer.", file=sys.stderr)
        return 1
    ensure_environment()
    return subprocess.run(  # noqa: S603 - the interpreter of our own .venv
        [str(PYTHON), "-m", "clicksend_sms.demo"], check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
