"""SMS Templates through the generic actions: lookup, lookup-many and delete."""

import pytest

from clicksend_sms.actions import delete_object, lookup_object, lookup_objects
from clicksend_sms.errors import NotFoundError
from tests.actions.helpers import api_requests, assert_matches_out_schema, run_action


def _add_templates(emulator, names):
    return emulator.control.add(
        "templates", [{"template_name": name, "body": f"Hi from {name}"} for name in names]
    )


def test_template_lookup_by_id(emulator):
    [template] = _add_templates(emulator, ["Welcome"])
    cfg = {**emulator.cfg, "objectType": "smsTemplate"}

    bodies = run_action(lookup_object, cfg, {"idValue": template["template_id"]})

    assert bodies == [template]
    assert_matches_out_schema(lookup_object, cfg, bodies)


def test_template_lookup_many_by_name(emulator):
    _add_templates(emulator, ["Welcome", "Reminder", "Goodbye"])
    cfg = {**emulator.cfg, "objectType": "smsTemplates"}

    bodies = run_action(lookup_objects, cfg, {"template_name": "reminder"})

    assert [body["template_name"] for body in bodies] == ["Reminder"]
    assert api_requests(emulator)[-1]["query"]["q"] == "template_name:reminder"


def test_template_delete_then_not_found(emulator):
    [template] = _add_templates(emulator, ["Old"])
    template_id = template["template_id"]
    cfg = {**emulator.cfg, "objectType": "smsTemplate"}

    [body] = run_action(delete_object, cfg, {"idValue": template_id})

    assert body["result"]["id"] == template_id
    assert body["result"]["objectType"] == "smsTemplate"
    assert body["result"]["deleted"] is True
    with pytest.raises(NotFoundError, match=f"SMS Template {template_id}"):
        run_action(lookup_object, cfg, {"idValue": template_id})
