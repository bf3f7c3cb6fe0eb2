"""``clicksend-sms run`` prints every event as a JSON line and maps errors to exit codes."""

import json

from clicksend_sms.cli import main
from clicksend_sms.cli.common import EXIT_INVALID_INPUT


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
