"""invoke() follows the runtime's return-value and error conventions."""

import os
import uuid

from clicksend_sms.component import Event, ExecutionContext, Message, invoke
from clicksend_sms.errors import InvalidInputError


def _run(process, snapshot=None):
    events: list[Event] = []
    ok = invoke(
        process, ExecutionContext(events.append), Message(body={"a": 1}), {"k": "v"}, snapshot
    )
    return ok, events


def test_return_value_is_emitted_as_data():
    ok, events = _run(lambda ctx, msg, cfg, snap: {"echo": msg.body["a"]})
    assert ok is True
    assert [e.name for e in events] == ["data", "end"]
    assert events[0].payload["body"] == {"echo": 1}
    assert set(events[0].payload) == {"id", "body", "attachments", "headers", "passthrough"}


def test_none_return_emits_only_end():
    ok, events = _run(lambda ctx, msg, cfg, snap: None)
    assert ok is True
    assert [e.name for e in events] == ["end"]


def test_exception_becomes_error_event():
    def fail(ctx, msg, cfg, snap):
        ctx.emit_data({"before": True})
        raise InvalidInputError("pageSize", 7, "Use 15 to 100.")

    ok, events = _run(fail)
    assert ok is False
    assert [e.name for e in events] == ["data", "error", "end"]
    assert events[1].payload["name"] == "InvalidInputError"
    assert "pageSize" in events[1].payload["message"]


def test_cfg_and_snapshot_are_copies():
    snapshot = {"cursor": {"t": 1}}

    def mutate(ctx, msg, cfg, snap):
        cfg["k"] = "changed"
        snap["cursor"]["t"] = 2

    _run(mutate, snapshot)
    assert snapshot == {"cursor": {"t": 1}}


def test_snapshot_and_other_events():
    def emit_all(ctx, msg, cfg, snap):
        ctx.emit_snapshot({"cursor": 5})
        ctx.emit_rebound("busy")
        ctx.emit_update_keys({"oauth": {}})

    _, events = _run(emit_all)
    assert [(e.name, e.payload) for e in events] == [
        ("snapshot", {"cursor": 5}),
        ("rebound", {"message": "busy"}),
        ("updateKeys", {"oauth": {}}),
        ("end", None),
    ]


def test_message_round_trip():
    message = Message.from_dict({"body": {"x": 1}, "headers": {"h": "1"}})
    again = Message.from_dict(message.to_dict())
    assert again == message
    assert Message.from_dict({}).body == {}


def test_message_ids_are_unique_uuid4():
    ids = [Message().id for _ in range(2000)]

    assert len(set(ids)) == len(ids)
    for text in ids[:200]:
        parsed = uuid.UUID(text)
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == text


def test_forked_child_gets_new_message_ids():
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.write(write_end, Message().id.encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child_id = os.read(read_end, 64).decode()

    assert child_id[:24] != Message().id[:24]


def test_emitted_mapping_has_message_shape():
    events: list[Event] = []
    body = {"message_id": "A"}

    ExecutionContext(events.append).emit_data(body)

    [event] = events
    assert event.name == "data"
    assert event.payload["body"] is body
    assert set(event.payload) == {"id", "body", "attachments", "headers", "passthrough"}
    assert uuid.UUID(event.payload["id"]).version == 4
