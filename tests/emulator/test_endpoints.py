"""Every emulated endpoint: success shapes against ClickSend's schemas, and documented errors."""

from __future__ import annotations

import pytest

from tests.emulator.schemas import assert_matches, error_schema_matches

CUSTOMERS = 428  # demo list with four contacts
STAFF = 429  # demo list with two contacts


def test_account_matches_schema_and_carries_key(api, emulator):
    body = api.get("/account").json()
    assert_matches("GET /v3/account", body)
    assert body["response_msg"] == "Here's your account."
    assert body["data"]["username"] == emulator.username
    assert body["data"]["_subaccount"]["api_key"] == emulator.api_key


def test_history_matches_schema(api, demo):
    body = api.get("/sms/history").json()
    assert_matches("GET /v3/sms/history", body)
    assert body["response_msg"] == "Here are your data."
    assert body["data"]["total"] == 5
    assert isinstance(body["data"]["data"][0]["schedule"], str)


def test_send_matches_schema(api, frozen):
    body = api.post(
        "/sms/send",
        json={
            "messages": [
                {"to": "+61298765432", "body": "Hello", "custom_string": "ref-1"},
                {"to": "12", "body": "Hello"},
            ]
        },
    ).json()
    assert_matches("POST /v3/sms/send", body)
    assert body["response_msg"] == "Messages queued for delivery."
    assert [m["status"] for m in body["data"]["messages"]] == ["SUCCESS", "INVALID_RECIPIENT"]


def test_price_matches_schema_and_stores_nothing(api, emulator, frozen):
    body = api.post(
        "/sms/price",
        json={"messages": [{"to": "+61298765432", "body": "Hello", "show_summary": True}]},
    ).json()
    assert_matches("POST /v3/sms/price", body)
    assert body["response_msg"] == "Here is some pricing."
    assert body["data"]["total_price"] == pytest.approx(0.0792)
    assert emulator.control.state()["history"] == 0


def test_cancel_matches_schema(api, frozen):
    sent = api.post(
        "/sms/send",
        json={"messages": [{"to": "+61298765432", "body": "Later", "schedule": frozen + 600}]},
    ).json()
    message_id = sent["data"]["messages"][0]["message_id"]
    body = api.put(f"/sms/{message_id}/cancel").json()
    assert_matches("PUT /v3/sms/{message_id}/cancel", body)
    assert body == {
        "http_code": 200,
        "response_code": "SUCCESS",
        "response_msg": "Scheduled sms message has been cancelled.",
        "data": None,
    }


def test_cancel_all_matches_schema(api, frozen):
    api.post(
        "/sms/send",
        json={
            "messages": [
                {"to": "+61298765432", "body": "Later", "schedule": frozen + 600},
                {"to": "+61298765433", "body": "Later", "schedule": frozen + 600},
            ]
        },
    )
    body = api.put("/sms/cancel-all").json()
    assert_matches("PUT /v3/sms/cancel-all", body)
    assert body["data"] == {"count": 2}
    assert body["response_msg"] == "2 sms messages have been cancelled."


def test_receipts_match_schema(api, demo):
    body = api.get("/sms/receipts").json()
    assert_matches("GET /v3/sms/receipts", body)
    assert body["response_msg"] == "Here are your delivery receipts."
    assert body["data"]["total"] == 3


def test_one_receipt_matches_schema(api, demo):
    first = api.get("/sms/receipts").json()["data"]["data"][0]
    body = api.get(f"/sms/receipts/{first['message_id']}").json()
    assert_matches("GET /v3/sms/receipts/{message_id}", body)
    assert body["response_msg"] == "Your receipt."
    assert body["data"] == first


def test_receipts_read_matches_schema(api, demo):
    body = api.put("/sms/receipts-read", json={}).json()
    assert_matches("PUT /v3/sms/receipts-read", body)
    assert body["response_msg"] == "Receipts have been marked as read."
    assert body["data"] is None


def test_inbound_matches_schema(api, demo):
    body = api.get("/sms/inbound").json()
    assert_matches("GET /v3/sms/inbound", body)
    assert body["data"]["data"][0]["body"] == "Yes please"


def test_templates_crud_match_schemas(api, frozen):
    created = api.post("/sms/templates", json={"template_name": "Hi", "body": "Hi there"}).json()
    assert_matches("POST /v3/sms/templates", created)
    assert created["response_msg"] == "New template has been saved."
    template_id = created["data"]["template_id"]

    listed = api.get("/sms/templates").json()
    assert_matches("GET /v3/sms/templates", listed)
    viewed = api.get(f"/sms/templates/{template_id}").json()
    assert_matches("GET /v3/sms/templates/{template_id}", viewed)
    assert viewed["response_msg"] == "Here is your template."
    updated = api.put(f"/sms/templates/{template_id}", json={"body": "Changed"}).json()
    assert_matches("PUT /v3/sms/templates/{template_id}", updated)
    assert updated["data"] == {"template_id": template_id, "template_name": "Hi", "body": "Changed"}
    deleted = api.delete(f"/sms/templates/{template_id}").json()
    assert_matches("DELETE /v3/sms/templates/{template_id}", deleted)
    assert deleted["response_msg"] == "Your template has been deleted."
    assert api.get(f"/sms/templates/{template_id}").status_code == 404


def test_campaigns_match_schemas(api, demo):
    listed = api.get("/sms-campaigns").json()
    assert_matches("GET /v3/sms-campaigns", listed)
    assert listed["response_msg"] == "Here are your SMS campaigns."
    sent = api.post(
        "/sms-campaigns/send",
        json={
            "list_id": STAFF,
            "name": "Later",
            "from": "Example",
            "body": "Hello",
            "schedule": demo + 3600,
        },
    ).json()
    assert_matches("POST /v3/sms-campaigns/send", sent)
    assert sent["response_msg"] == "Your new campaign has been added."
    campaign_id = sent["data"]["sms_campaign_id"]

    viewed = api.get(f"/sms-campaigns/{campaign_id}").json()
    assert_matches("GET /v3/sms-campaigns/{sms_campaign_id}", viewed)
    assert viewed["response_msg"] == "Your SMS Campaign."
    updated = api.put(
        f"/sms-campaigns/{campaign_id}", json={"name": "Renamed", "schedule": demo + 7200}
    ).json()
    assert_matches("PUT /v3/sms-campaigns/{sms_campaign_id}", updated)
    assert updated["data"]["name"] == "Renamed"
    cancelled = api.put(f"/sms-campaigns/{campaign_id}/cancel").json()
    assert_matches("PUT /v3/sms-campaigns/{sms_campaign_id}/cancel", cancelled)
    assert cancelled["data"]["status"] == "Cancelled"


def test_lists_crud_match_schemas(api, demo):
    listed = api.get("/lists").json()
    assert_matches("GET /v3/lists", listed)
    created = api.post("/lists", json={"list_name": "VIP"}).json()
    assert_matches("POST /v3/lists", created)
    assert created["response_msg"] == "New list has been created."
    list_id = created["data"]["list_id"]
    assert len(created["data"]["list_email_id"]) == 16

    viewed = api.get(f"/lists/{list_id}").json()
    assert_matches("GET /v3/lists/{list_id}", viewed)
    updated = api.put(f"/lists/{list_id}", json={"list_name": "VIP 2"}).json()
    assert_matches("PUT /v3/lists/{list_id}", updated)
    assert updated["response_msg"] == f"List #{list_id} has been updated."
    deleted = api.delete(f"/lists/{list_id}").json()
    assert_matches("DELETE /v3/lists/{list_id}", deleted)
    assert deleted == {
        "http_code": 200,
        "response_code": "SUCCESS",
        "response_msg": f"List #{list_id} has been deleted.",
        "data": [],
    }


def test_contacts_crud_match_schemas(api, demo):
    listed = api.get(f"/lists/{CUSTOMERS}/contacts").json()
    assert_matches("GET /v3/lists/{list_id}/contacts", listed)
    assert listed["response_msg"] == "Here's your list of contacts."
    created = api.post(
        f"/lists/{CUSTOMERS}/contacts",
        json={"phone_number": "0411 111 111", "first_name": "Jo", "address_country": "AU"},
    ).json()
    assert_matches("POST /v3/lists/{list_id}/contacts", created)
    assert created["response_msg"] == "New contact has been created."
    assert created["data"]["phone_number"] == "+61411111111"
    assert created["data"]["_list_name"] == "Customers"
    contact_id = created["data"]["contact_id"]
    path = f"/lists/{CUSTOMERS}/contacts/{contact_id}"

    assert_matches("GET /v3/lists/{list_id}/contacts/{contact_id}", api.get(path).json())
    updated = api.put(path, json={"last_name": "Citizen"}).json()
    assert_matches("PUT /v3/lists/{list_id}/contacts/{contact_id}", updated)
    assert updated["response_msg"] == f"Contact #{contact_id} has been updated successfully."
    assert updated["data"]["last_name"] == "Citizen"
    deleted = api.delete(path).json()
    assert_matches("DELETE /v3/lists/{list_id}/contacts/{contact_id}", deleted)
    assert deleted["response_msg"] == f"Contact #{contact_id} has been deleted."
    assert deleted["data"] == []


# documented errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status", "message"),
    [
        pytest.param("GET", "/nope", 404, "Invalid endpoint. Please try again.", id="unknown-path"),
        pytest.param("GET", "/lists/999", 404, "Your list is not found.", id="list"),
        pytest.param(
            "GET",
            "/lists/999/contacts",
            404,
            "Your list is not found.",
            id="contacts-of-missing-list",
        ),
        pytest.param(
            "GET", f"/lists/{CUSTOMERS}/contacts/1", 404, "Contact record not found.", id="contact"
        ),
        pytest.param(
            "PUT",
            f"/lists/{STAFF}/contacts/500001",
            404,
            "Contact record not found.",
            id="contact-in-other-list",
        ),
        pytest.param("GET", "/sms/receipts/NOPE", 404, "Receipt record not found.", id="receipt"),
        pytest.param("GET", "/sms/templates/1", 404, "Template not found.", id="template"),
        pytest.param("GET", "/sms-campaigns/1", 404, "SMS Campaign not found.", id="campaign"),
        pytest.param(
            "PUT",
            "/sms/NOPE/cancel",
            404,
            "Scheduled sms message not found.",
            id="cancel-unknown-sms",
        ),
        pytest.param(
            "POST",
            "/lists/999/contacts",
            403,
            "Resource not found or you don't have the permissions to access this resource.",
            id="contact-post-to-missing-list",
        ),
    ],
)
def test_documented_error(api, demo, method, path, status, message):
    response = api.request(method, path, json={"phone_number": "+61411111111"})
    body = response.json()
    assert response.status_code == status
    assert body["http_code"] == status
    assert body["response_msg"] == message
    assert body["data"] is None
    error_schema_matches(body)


def test_campaign_to_missing_list_is_404(api, demo):
    response = api.post(
        "/sms-campaigns/send", json={"list_id": 999, "name": "x", "from": "Example", "body": "Hi"}
    )
    assert response.status_code == 404
    assert response.json()["response_msg"] == "Your list is not found."


@pytest.mark.parametrize(
    ("path", "payload", "fields"),
    [
        pytest.param("/lists", {}, {"list_name"}, id="list"),
        pytest.param("/sms/templates", {"body": "x"}, {"template_name"}, id="template"),
        pytest.param(
            "/sms-campaigns/send", {"name": "x"}, {"list_id", "from", "body"}, id="campaign"
        ),
        pytest.param(
            f"/lists/{CUSTOMERS}/contacts",
            {"first_name": "Jo"},
            {"phone_number"},
            id="contact-without-phone-email-fax",
        ),
        pytest.param("/sms/send", {}, {"messages"}, id="send-without-messages"),
    ],
)
def test_missing_fields_give_400_field_map(api, demo, path, payload, fields):
    response = api.post(path, json=payload)
    body = response.json()
    assert response.status_code == 400
    assert body["response_code"] == "BAD_REQUEST"
    assert body["response_msg"] == "Invalid input."
    assert set(body["data"]) == fields
    error_schema_matches(body)


def test_object_for_string_field_gives_php_400(api, demo):
    response = api.post(f"/lists/{CUSTOMERS}/contacts", json={"phone_number": {"a": 1}})
    body = response.json()
    assert response.status_code == 400
    assert body["response_code"] == 400
    assert body["response_msg"].startswith("preg_replace(): Parameter mismatch")


def test_invalid_json_body_gives_400(api):
    response = api.post(
        "/lists", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["data"] is None


def test_update_of_sent_campaign_is_rejected(api, demo):
    sent = [c for c in api.get("/sms-campaigns").json()["data"]["data"] if c["status"] == "Sent"]
    response = api.put(f"/sms-campaigns/{sent[0]['sms_campaign_id']}", json={"name": "x"})
    assert response.status_code == 400
    assert "Only scheduled campaigns" in response.json()["response_msg"]
