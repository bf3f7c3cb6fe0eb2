"""The local runner: credential fallback, event routing and the progress line."""

import io

from clicksend_sms.component import Event
from clicksend_sms.errors import InvalidInputError
from clicksend_sms.runtime.local import (
    ProgressLine,
    run_function,
    sample_requested,
    with_env_credentials,
)

FUNCTION = "getNewAndUpdatedObjectsPolling"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_environment_fills_missing_credentials():
    env = {
        "CLICKSEND_USERNAME": "env-user",
        "CLICKSEND_API_KEY": "env-key",
        "CLICKSEND_BASE_URL": "http://127.0.0.1:1/v3",
    }

    merged = with_env_credentials({"username": "cfg-user", "apiKey": ""}, env)

    assert merged == {
        "username": "cfg-user",
        "apiKey": "env-key",
        "baseUrl": "http://127.0.0.1:1/v3",
    }


def test_sample_from_flow_type():
    assert sample_requested({"ELASTICIO_FLOW_TYPE": "debug"}) is True
    assert sample_requested({"ELASTICIO_FLOW_TYPE": "production"}) is False
    assert sample_requested({}) is False


def test_run_reports_last_snapshot(emulator):
    emulator.control.add("campaigns", [{"date_added": 1_700_000_000}])
    events = []
    cfg = {**emulator.cfg, "objectType": "smsCampaigns", "pollConfig": "date_added"}

    result = run_function(FUNCTION, cfg, sink=events.append)

    assert result.ok is True
    assert result.error is None
    assert result.data_count == 1
    assert result.snapshot == events[-2].payload
    assert [e.name for e in events] == ["data", "snapshot", "end"]


def test_run_keeps_the_exception(emulator):
    events = []
    cfg = {**emulator.cfg, "objectType": "smsHistory", "pollConfig": "date", "pageSize": 7}

    result = run_function(FUNCTION, cfg, sink=events.append)

    assert result.ok is False
    assert isinstance(result.error, InvalidInputError)
    assert result.error.field == "pageSize"
    assert result.snapshot is None


def test_progress_line_on_terminal():
    stream = Terminal()
    ticks = iter([0.0, 2.0, 4.0])
    progress = ProgressLine(stream, clock=lambda: next(ticks))

    progress.observe(Event("data", {"body": {"message_id": "A"}}))
    progress.observe(Event("data", {"body": {"results": [{}, {}, {}]}}))
    progress.observe(Event("snapshot", {}))
    progress.finish()

    assert progress.pages == 1
    assert progress.objects == 4
    assert stream.getvalue() == (
        "\rpages 1  objects 4  2 objects/s  \rpages 1  objects 4  1 objects/s  \n"
    )


def test_progress_line_silent_when_piped():
    stream = io.StringIO()
    progress = ProgressLine(stream)

    progress.observe(Event("snapshot", {}))
    progress.finish()

    assert stream.getvalue() == ""
