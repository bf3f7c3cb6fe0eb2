"""The state file keeps one snapshot per trigger configuration and survives crashes."""

import json
import os

import pytest

from clicksend_sms.errors import InvalidInputError
from clicksend_sms.runtime.state import (
    StateFile,
    default_state_path,
    state_key,
    write_json_atomically,
)


def test_default_path_uses_xdg_state_home(tmp_path):
    path = default_state_path({"XDG_STATE_HOME": str(tmp_path)})
    assert path == tmp_path / "clicksend-sms" / "state.json"


def test_default_path_falls_back_to_local_state():
    path = default_state_path({})
    assert path.parts[-4:] == (".local", "state", "clicksend-sms", "state.json")


def test_missing_file_loads_empty_snapshot(tmp_path):
    assert StateFile(tmp_path / "none.json").load("k") == {}


def test_entries_are_kept_separately(tmp_path):
    state = StateFile(tmp_path / "state.json")
    state.save("a", {"cursorTime": "2024-01-01T00:00:00Z"})
    state.save("b", {"cursorTime": "2025-01-01T00:00:00Z"})
    state.save("a", {"cursorTime": "2024-06-01T00:00:00Z"})
    assert state.load("a") == {"cursorTime": "2024-06-01T00:00:00Z"}
    assert state.load("b") == {"cursorTime": "2025-01-01T00:00:00Z"}
    assert state.keys() == ["a", "b"]


def test_file_is_private_and_complete(tmp_path):
    path = tmp_path / "sub" / "state.json"
    StateFile(path).save("a", {"x": 1})
    assert os.stat(path).st_mode & 0o777 == 0o600
    document = json.loads(path.read_text())
    assert document["version"] == 1
    assert document["entries"]["a"]["snapshot"] == {"x": 1}
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(".state.json.")]
    assert leftovers == []


def test_failed_write_keeps_old_file(tmp_path):
    path = tmp_path / "state.json"
    write_json_atomically(path, {"old": True})
    with pytest.raises(TypeError):
        write_json_atomically(path, {"bad": object()})
    assert json.loads(path.read_text()) == {"old": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


def test_corrupt_file_is_a_clear_error(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{not json")
    with pytest.raises(InvalidInputError) as caught:
        StateFile(path).load("a")
    assert caught.value.field == "--state"
    assert "not valid JSON" in str(caught.value)


def test_key_names_configuration_not_secrets():
    cfg = {
        "username": "jane@example.com",
        "apiKey": "secret-key",
        "baseUrl": "http://127.0.0.1:1/v3",
        "objectType": "smsHistory",
        "pollConfig": "date",
    }
    key = state_key("getNewAndUpdatedObjectsPolling", cfg, ("objectType", "pollConfig"))
    assert "secret-key" not in key
    assert "jane@example.com@http://127.0.0.1:1/v3" in key
    assert "objectType=smsHistory" in key
    other = state_key(
        "getNewAndUpdatedObjectsPolling", {**cfg, "objectType": "smsReceipts"}, ("objectType",)
    )
    assert other != key


def test_adopt_moves_the_newest_old_entry(tmp_path):
    path = tmp_path / "state.json"
    entries = {
        "f a old=1": {"snapshot": {"n": 1}, "savedAt": "2025-03-01T00:00:00+00:00"},
        "f a old=2": {"snapshot": {"n": 2}, "savedAt": "2025-04-01T00:00:00+00:00"},
        "f b old=3": {"snapshot": {"n": 3}, "savedAt": "2025-05-01T00:00:00+00:00"},
    }
    path.write_text(json.dumps({"version": 1, "entries": entries}))
    state = StateFile(path)

    adopted = state.adopt("f a", "f a old=")

    assert adopted == "f a old=2"
    assert state.load("f a") == {"n": 2}
    assert state.keys() == ["f a", "f b old=3"]


def test_adopt_keeps_an_existing_entry(tmp_path):
    state = StateFile(tmp_path / "state.json")
    state.save("f a", {"n": 0})
    state.save("f a old=1", {"n": 1})

    assert state.adopt("f a", "f a old=") is None
    assert state.load("f a") == {"n": 0}
    assert state.keys() == ["f a", "f a old=1"]


def test_write_failure_names_the_option(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the directory should be")
    state = StateFile(blocked / "state.json", "--state")

    with pytest.raises(InvalidInputError) as caught:
        state.save("a", {"x": 1})

    assert caught.value.field == "--state"
    assert caught.value.value == str(blocked / "state.json")
    assert "cannot be locked" in caught.value.fix


def test_check_creates_the_default_directory(tmp_path):
    path = tmp_path / "home" / "clicksend-sms" / "state.json"

    StateFile(path).check(create_directory=True)

    assert path.parent.is_dir()
    assert list(path.parent.iterdir()) == []
