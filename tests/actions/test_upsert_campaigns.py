"""Upsert Object for SMS Templates and SMS Campaigns against the emulator."""

import time

import pytest

from clicksend_sms.actions.upsert_write import CampaignNotUpdatableError, ListNotFoundError
from clicksend_sms.errors import InvalidInputError, NotFoundError, RequestRejectedError
from tests.actions.upsert_helpers import fetch, run_upsert


def _puts(emulator, path):
    return [r for r in emulator.control.requests(path) if r["method"] == "PUT"]


def _list_with_contacts(emulator, count=2):
    [created] = emulator.control.add("lists", [{"list_name": "Campaign list"}])
    emulator.control.add(
        "contacts",
        [{"list_id": created["list_id"], "phone_number": f"+6141{i:07d}"} for i in range(count)],
    )
    return created["list_id"]


def _tomorrow():
    return int(time.time()) + 86400


def test_create_template_round_trip(emulator):
    body = "Hi (First Name),\r\nyour order #12 & more 😀"

    run = run_upsert(
        emulator.cfg, "create", "smsTemplate", {"template_name": "Order ready", "body": body}
    )

    assert run.error is None
    [created] = run.bodies
    stored = fetch(emulator, f"/sms/templates/{created['template_id']}")
    assert stored["template_name"] == "Order ready"
    assert stored["body"] == body


def test_update_template_body_keeps_name(emulator):
    [template] = emulator.control.add("templates", [{"template_name": "Keep", "body": "Old"}])
    template_id = template["template_id"]

    run = run_upsert(emulator.cfg, "update", "smsTemplate", {"idValue": template_id, "body": "New"})

    assert run.error is None
    assert run.bodies[0]["body"] == "New"
    stored = fetch(emulator, f"/sms/templates/{template_id}")
    assert stored == {"template_id": template_id, "template_name": "Keep", "body": "New"}
    [put] = _puts(emulator, "/v3/sms/templates")
    assert put["body"] == {"template_name": "Keep", "body": "New"}


def test_update_template_with_both_fields_skips_read(emulator):
    [template] = emulator.control.add("templates", [{"template_name": "A", "body": "B"}])

    run = run_upsert(
        emulator.cfg,
        "update",
        "smsTemplate",
        {"idValue": template["template_id"], "template_name": "C", "body": "D"},
    )

    assert run.error is None
    assert [r["method"] for r in emulator.control.requests()] == ["PUT"]


def test_update_missing_template_is_not_found(emulator):
    run = run_upsert(emulator.cfg, "update", "smsTemplate", {"idValue": 4040, "body": "x"})

    assert isinstance(run.error, NotFoundError)
    assert "SMS Template 4040" in str(run.error)
    assert _puts(emulator, "/v3") == []


def test_create_campaign_round_trip(emulator):
    list_id = _list_with_contacts(emulator)
    schedule = _tomorrow()
    fields = {
        "list_id": list_id,
        "name": "Spring sale",
        "from": "MyShop",
        "body": "20% off today. Reply STOP to opt out",
        "schedule": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(schedule)),
    }

    run = run_upsert(emulator.cfg, "create", "smsCampaign", fields)

    assert run.error is None
    [created] = run.bodies
    stored = fetch(emulator, f"/sms-campaigns/{created['sms_campaign_id']}")
    assert stored["name"] == "Spring sale"
    assert stored["from"] == "MyShop"
    assert stored["list_id"] == list_id
    assert int(stored["schedule"]) == schedule
    assert stored["source"] == "clicksend-sms-component"
    [post] = emulator.control.requests("/v3/sms-campaigns/send")
    assert post["body"]["schedule"] == schedule


def test_create_campaign_for_missing_list(emulator):
    fields = {"list_id": 999, "name": "x", "from": "MyShop", "body": "Hi. Reply STOP"}

    run = run_upsert(emulator.cfg, "create", "smsCampaign", fields)

    assert isinstance(run.error, NotFoundError)
    assert "list" in str(run.error).lower()


def test_update_campaign_name_keeps_schedule(emulator):
    list_id = _list_with_contacts(emulator)
    schedule = _tomorrow()
    created = run_upsert(
        emulator.cfg,
        "create",
        "smsCampaign",
        {"list_id": list_id, "name": "Old", "from": "MyShop", "body": "Hi", "schedule": schedule},
    ).bodies[0]
    campaign_id = created["sms_campaign_id"]

    run = run_upsert(emulator.cfg, "update", "smsCampaign", {"idValue": campaign_id, "name": "New"})

    assert run.error is None
    stored = fetch(emulator, f"/sms-campaigns/{campaign_id}")
    assert stored["name"] == "New"
    assert int(stored["schedule"]) == schedule
    assert stored["status"] == "Scheduled"
    assert stored["body"] == "Hi"
    [put] = _puts(emulator, "/v3/sms-campaigns")
    assert put["body"] == {
        "list_id": list_id,
        "name": "New",
        "from": "MyShop",
        "body": "Hi",
        "schedule": schedule,
    }


def test_update_campaign_new_schedule(emulator):
    list_id = _list_with_contacts(emulator)
    created = run_upsert(
        emulator.cfg,
        "create",
        "smsCampaign",
        {"list_id": list_id, "name": "A", "from": "MyShop", "body": "Hi", "schedule": _tomorrow()},
    ).bodies[0]
    later = _tomorrow() + 86400

    run = run_upsert(
        emulator.cfg,
        "update",
        "smsCampaign",
        {"idValue": created["sms_campaign_id"], "schedule": str(later)},
    )

    assert run.error is None
    assert int(fetch(emulator, f"/sms-campaigns/{created['sms_campaign_id']}")["schedule"]) == later


@pytest.mark.parametrize(
    ("operation", "object_type", "body", "field"),
    [
        pytest.param("create", "smsTemplate", {"body": "x"}, "template_name", id="no-name"),
        pytest.param("create", "smsTemplate", {"template_name": "x"}, "body", id="no-body"),
        pytest.param(
            "create", "smsTemplate", {"template_name": "x", "body": ""}, "body", id="blank-body"
        ),
        pytest.param("update", "smsTemplate", {"idValue": 1}, "template_name", id="nothing"),
        pytest.param("update", "smsTemplate", {"idValue": 1, "body": " "}, "body", id="upd-blank"),
        pytest.param("update", "smsTemplate", {"idValue": 0, "body": "x"}, "idValue", id="id-0"),
        pytest.param(
            "create",
            "smsCampaign",
            {"name": "n", "from": "MyShop", "body": "b"},
            "list_id",
            id="campaign-no-list",
        ),
        pytest.param(
            "create",
            "smsCampaign",
            {"list_id": "x", "name": "n", "from": "MyShop", "body": "b"},
            "list_id",
            id="campaign-bad-list",
        ),
        pytest.param(
            "create",
            "smsCampaign",
            {"list_id": 1, "name": "n", "from": "Twelve Chars", "body": "b"},
            "from",
            id="campaign-bad-sender",
        ),
        pytest.param(
            "create",
            "smsCampaign",
            {"list_id": 1, "name": "n", "from": "MyShop", "body": "b", "schedule": "tomorrow"},
            "schedule",
            id="campaign-bad-schedule",
        ),
        pytest.param(
            "create",
            "smsCampaign",
            {"list_id": 1, "name": "n", "from": "MyShop", "body": "b", "schedule": 1000},
            "schedule",
            id="campaign-past-schedule",
        ),
        pytest.param(
            "update",
            "smsCampaign",
            {"idValue": 1, "schedule": "2026-03-01T10:00:00"},
            "schedule",
            id="campaign-naive-schedule",
        ),
        pytest.param(
            "update", "smsCampaign", {"idValue": 1, "name": ["x"]}, "name", id="campaign-array"
        ),
    ],
)
def test_bad_input_named_without_request(emulator, operation, object_type, body, field):
    run = run_upsert(emulator.cfg, operation, object_type, body)

    assert isinstance(run.error, InvalidInputError)
    assert field in run.error.field.split(", ")
    assert emulator.control.requests() == []


def _stored_campaign(emulator, status, schedule):
    list_id = _list_with_contacts(emulator)
    [campaign] = emulator.control.add(
        "campaigns",
        [
            {
                "list_id": list_id,
                "name": "Stored",
                "from": "MyShop",
                "body": "Hi",
                "schedule": schedule,
                "status": status,
            }
        ],
    )
    return campaign["sms_campaign_id"]


def test_update_sent_campaign_rejected_before_put(emulator):
    campaign_id = _stored_campaign(emulator, "Sent", 1_700_000_000)

    run = run_upsert(emulator.cfg, "update", "smsCampaign", {"idValue": campaign_id, "name": "x"})

    assert isinstance(run.error, CampaignNotUpdatableError)
    assert isinstance(run.error, RequestRejectedError)
    assert str(run.error) == (
        f"SMS Campaign {campaign_id} is Sent, so it was not updated. Only a campaign still "
        "waiting to be sent (e.g. Scheduled) can be changed, because an update of a Queued, "
        "Sending, Sent, Cancelled or Failed campaign could make ClickSend send it again. To "
        "send it again or with changes, create a new SMS Campaign."
    )
    assert _puts(emulator, "/v3") == []
    assert fetch(emulator, f"/sms-campaigns/{campaign_id}")["name"] == "Stored"


def test_update_sent_campaign_with_new_schedule_rejected(emulator):
    campaign_id = _stored_campaign(emulator, "Sent", 1_700_000_000)

    run = run_upsert(
        emulator.cfg,
        "update",
        "smsCampaign",
        {"idValue": campaign_id, "schedule": _tomorrow()},
    )

    assert isinstance(run.error, CampaignNotUpdatableError)
    assert _puts(emulator, "/v3") == []


def test_update_campaign_keeps_no_past_schedule(emulator):
    due = int(time.time()) - 3600
    campaign_id = _stored_campaign(emulator, "Scheduled", due)
    due_iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(due))

    run = run_upsert(emulator.cfg, "update", "smsCampaign", {"idValue": campaign_id, "name": "x"})

    assert isinstance(run.error, CampaignNotUpdatableError)
    assert str(run.error) == (
        f"SMS Campaign {campaign_id} was due at {due_iso}, which has passed, so it was not "
        "updated: sending that schedule back could make ClickSend send the campaign at once. "
        "To change a campaign that has not gone out, give a future 'schedule' too. To send it "
        "again or with changes, create a new SMS Campaign."
    )
    assert _puts(emulator, "/v3") == []


def test_update_campaign_past_schedule_replaced(emulator):
    campaign_id = _stored_campaign(emulator, "Scheduled", int(time.time()) - 3600)
    later = _tomorrow()

    run = run_upsert(
        emulator.cfg,
        "update",
        "smsCampaign",
        {"idValue": campaign_id, "name": "x", "schedule": later},
    )

    assert run.error is None
    [put] = _puts(emulator, "/v3/sms-campaigns")
    assert put["body"]["schedule"] == later
    assert put["body"]["name"] == "x"


def test_update_rejection_without_fields_explained(emulator):
    campaign_id = _stored_campaign(emulator, "Draft", _tomorrow())

    run = run_upsert(emulator.cfg, "update", "smsCampaign", {"idValue": campaign_id, "name": "x"})

    assert isinstance(run.error, RequestRejectedError)
    assert str(run.error) == (
        f"ClickSend did not update SMS Campaign {campaign_id}; the reason it gave is in "
        f"brackets. [PUT /sms-campaigns/{campaign_id} failed (HTTP 400, BAD_REQUEST): Only "
        "scheduled campaigns can be updated: this one is Draft.] ClickSend named no field. "
        f"Check the campaign's status with 'clicksend-sms lookup smsCampaign {campaign_id}'; "
        "a campaign that has gone out cannot be changed, so create a new SMS Campaign instead."
    )
    assert "Fix the request fields" not in str(run.error)


def test_create_campaign_missing_list_names_list_id(emulator):
    fields = {"list_id": 999, "name": "x", "from": "MyShop", "body": "Hi. Reply STOP"}

    run = run_upsert(emulator.cfg, "create", "smsCampaign", fields)

    assert isinstance(run.error, ListNotFoundError)
    assert isinstance(run.error, NotFoundError)
    assert str(run.error) == (
        "Contact List 999 (from 'list_id') was not found, so the SMS Campaign was not created. "
        "[POST /sms-campaigns/send failed (HTTP 404, NOT_FOUND): Your list is not found.] "
        "Check the list id: 'clicksend-sms lookup-many contactLists' shows every list."
    )
    assert emulator.control.objects("campaigns") == []


def test_update_campaign_missing_list_names_list_id(emulator):
    campaign_id = _stored_campaign(emulator, "Scheduled", _tomorrow())

    run = run_upsert(
        emulator.cfg, "update", "smsCampaign", {"idValue": campaign_id, "list_id": 999}
    )

    assert isinstance(run.error, ListNotFoundError)
    assert str(run.error).startswith(
        "Contact List 999 (from 'list_id') was not found, so the SMS Campaign was not updated. "
    )
    assert f"SMS Campaign {campaign_id} was not found" not in str(run.error)
