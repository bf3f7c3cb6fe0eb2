"""The connector's main job on the bundled emulator, start to finish.

Starts ``clicksend-sms emulator`` with the ``demo`` seed on a free port, then drives the
ordinary CLI against it: a first poll of SMS History, SMS Receipts and SMS Campaigns, a send
of three SMS through Upsert Object, a second poll that emits only what the send produced, and
one lookup. Emitted messages go to stdout as JSON Lines; headings and the summary go to
stderr. The emulator is stopped at the end, and every run starts from fresh demo data and a
fresh state file, so the demo can run any number of times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DEMO_USERNAME = "demo-user"
DEMO_API_KEY = "demo-key"

POLLS = (
    ("smsHistory", "date"),
    ("smsReceipts", "timestamp"),
    ("smsCampaigns", "date_added"),
)

# Two of ClickSend's free test numbers (no receipt) and one number from the range that
# Australia's regulator reserves for fiction, for which the emulator produces a receipt.
DEMO_MESSAGES = [
    {"to": "+61411111111", "body": "Hi Jane, your order 1001 is ready for pick-up."},
    {"to": "+447777777777", "body": "Your verification code is 482913."},
    {
        "to": "+61491570156",
        "body": "Reminder: appointment tomorrow at 10:30. Reply STOP to opt out.",
    },
]


def _heading(text: str) -> None:
    print(f"\n== {text}", file=sys.stderr, flush=True)


@contextmanager
def running_emulator(env: dict[str, str]) -> Iterator[str]:
    """Start the emulator on a free port with the demo seed and yield its base URL."""
    command = [sys.executable, "-m", "clicksend_sms.cli", "emulator", "--port", "0"]
    process = subprocess.Popen(  # noqa: S603 - runs this package's own CLI
        [*command, "--seed", "demo"],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        if not base_url.startswith("http://127.0.0.1"):
            raise RuntimeError(f"the emulator did not start (first output line: {base_url!r})")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_cli(args: list[str], env: dict[str, str], stdin: str | None = None) -> list[Any]:
    """Run one ``clicksend-sms`` command, echo its JSON lines, and return them parsed."""
    completed = subprocess.run(  # noqa: S603 - runs this package's own CLI
        [sys.executable, "-m", "clicksend_sms.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(completed.stderr)
    if completed.returncode != 0:
        raise RuntimeError(f"clicksend-sms {args[0]} failed with exit code {completed.returncode}")
    lines = [line for line in completed.stdout.splitlines() if line.strip()]
    for line in lines:
        print(line, flush=True)
    return [json.loads(line) for line in lines]


def poll_all(state_file: Path, env: dict[str, str]) -> dict[str, list[Any]]:
    """Poll each object type once with the shared state file.

    The trigger's default safety lag leaves the newest seconds for the next poll, which a real
    account needs. The emulator runs on this machine, so the demo polls with no lag.
    """
    emitted = {}
    for object_type, field in POLLS:
        _heading(f"poll {object_type} (tracking {field})")
        emitted[object_type] = run_cli(
            ["poll", object_type, "--poll-config", field, "--lag", "0", "--state", str(state_file)],
            env,
        )
    return emitted


def wait_for_next_second() -> None:
    """Sleep into the next whole second, so new messages are dated after the last poll."""
    time.sleep(1.05 - (time.time() % 1))


def main() -> int:
    env = {**os.environ, "CLICKSEND_USERNAME": DEMO_USERNAME, "CLICKSEND_API_KEY": DEMO_API_KEY}
    with running_emulator(env) as base_url, tempfile.TemporaryDirectory() as tmp:
        env["CLICKSEND_BASE_URL"] = base_url
        state_file = Path(tmp) / "state.json"
        print(f"Emulator with demo data at {base_url}", file=sys.stderr)

        first = poll_all(state_file, env)
        wait_for_next_second()

        _heading("upsert create sms: send 3 messages")
        sent = run_cli(
            ["upsert", "create", "sms", "--data", "-"],
            env,
            stdin=json.dumps({"messages": DEMO_MESSAGES}),
        )

        second = poll_all(state_file, env)

        _heading("lookup smsReceipt of the message to +61491570156")
        receipt_ids = [row["message_id"] for row in second["smsReceipts"]]
        looked_up = run_cli(["lookup", "smsReceipt", receipt_ids[0]], env) if receipt_ids else []

    _heading("summary")
    for object_type, _ in POLLS:
        print(
            f"{object_type}: first poll {len(first[object_type])}, "
            f"second poll {len(second[object_type])}",
            file=sys.stderr,
        )
    print(f"sent: {len(DEMO_MESSAGES)} messages in {len(sent)} send result(s)", file=sys.stderr)
    print(f"lookups: {len(looked_up)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
