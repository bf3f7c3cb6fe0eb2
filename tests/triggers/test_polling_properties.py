"""Property: successive polls emit every object after the start exactly once, in order.

Hypothesis draws timelines of bursts (many objects in one second), page sizes, bound
semantics, timestamp types and objects added between pages of a running poll, then runs
polls with a moving clock and checks the union of what they emitted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clicksend_sms.emulator.control import EmulatorControl
from tests.conftest import EmulatorHandle
from tests.triggers.support import DEFAULT_FIELDS, add_objects, run_poll

START = 1_699_990_000  # the configured startTime; objects at or before it are never emitted


@dataclass
class Step:
    gap: int  # seconds from the previous poll to this one
    before: list[tuple[int, int]]  # (seconds after the previous upper bound, count)
    during: list[tuple[int, int, int]]  # (after page, seconds after this upper bound, count)


@dataclass
class Scenario:
    object_type: str
    bounds: str
    timestamps: str
    page_size: int
    lag: int
    steps: list[Step]
    seed: int
    emitted: list = field(default_factory=list)


bursts = st.lists(st.tuples(st.integers(1, 40), st.integers(1, 35)), max_size=4)
steps = st.builds(
    Step,
    gap=st.integers(1, 40),
    before=bursts,
    during=st.lists(
        st.tuples(st.integers(1, 4), st.integers(1, 8), st.integers(1, 20)), max_size=2
    ),
)
scenarios = st.builds(
    Scenario,
    object_type=st.sampled_from(["smsHistory", "smsReceipts", "smsCampaigns"]),
    bounds=st.sampled_from(["inclusive", "exclusive"]),
    timestamps=st.sampled_from(["int", "string"]),
    page_size=st.integers(15, 30),
    lag=st.integers(0, 5),
    steps=st.lists(steps, min_size=1, max_size=4),
    seed=st.integers(0, 2**32 - 1),
)


def _handle(server) -> EmulatorHandle:
    control = EmulatorControl(server.control_url)
    return EmulatorHandle(server.base_url, server.username, server.api_key, control, server)


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scenario=scenarios)
def test_successive_polls_emit_each_object_once(emulator_server, scenario):
    emulator = _handle(emulator_server)
    emulator.control.reset(date_bounds=scenario.bounds, timestamps=scenario.timestamps)
    rng = random.Random(scenario.seed)
    kind = scenario.object_type
    tracked = DEFAULT_FIELDS[kind]

    def add(dates):
        return add_objects(emulator, kind, dates, rng=rng)

    add([START, START - 1, START])  # at or before the start: never emitted
    expected = []
    snapshot = None
    previous_upper = START
    now = START
    for step in scenario.steps:
        now += step.gap
        for offset, count in step.before:
            date = previous_upper + min(offset, now - previous_upper)
            expected += add([date] * count)

        # Objects created from now on are dated after this poll's upper bound (and after the
        # start, which a first poll with a long lag may not have reached yet).
        upper = now - scenario.lag
        newest_done = max(upper, START)
        pending = sorted(step.during)
        pages = []

        def add_between_pages(
            event, newest_done=newest_done, pending=pending, pages=pages, expected=expected
        ):
            if event.name != "snapshot":
                return
            pages.append(event)
            while pending and pending[0][0] <= len(pages):
                _, offset, count = pending.pop(0)
                expected.extend(add([newest_done + offset] * count))

        run = run_poll(
            emulator,
            snapshot,
            object_type=kind,
            now=now,
            lag=scenario.lag,
            pageSize=scenario.page_size,
            startTime=_iso(START),
            on_event=add_between_pages,
        )
        for _, offset, count in pending:  # the poll had fewer pages than drawn
            expected += add([newest_done + offset] * count)

        assert all(int(body[tracked]) <= upper for body in run.bodies)
        scenario.emitted += run.bodies
        snapshot = run.last_snapshot
        previous_upper = newest_done

    final_now = START + 10_000
    final = run_poll(
        emulator,
        snapshot,
        object_type=kind,
        now=final_now,
        lag=scenario.lag,
        pageSize=scenario.page_size,
        startTime=_iso(START),
    )
    scenario.emitted += final.bodies

    id_field = "sms_campaign_id" if kind == "smsCampaigns" else "message_id"
    emitted_ids = [body[id_field] for body in scenario.emitted]
    emitted_times = [int(body[tracked]) for body in scenario.emitted]
    assert len(emitted_ids) == len(set(emitted_ids)), "an object was emitted twice"
    assert set(emitted_ids) == set(expected), "an object was lost or one before the start leaked"
    assert emitted_times == sorted(emitted_times), "objects were not emitted in time order"
