"""Cross-check with ClickSend's official Python SDK (clicksend-client 6): pointed at the
emulator, it must deserialise every response into its strict pydantic models."""

from __future__ import annotations

import clicksend
import pytest
from clicksend.models import (
    CancelAllSmsRequest,
    CreateListRequest,
    CreateNewContactRequest,
    CreateSmsTemplateRequest,
    MarkSmsReceiptAsReadRequest,
    SendSmsCampaignRequest,
    SendSmsRequest,
    SendSmsRequestMessagesInner,
)
from pydantic import ValidationError

CUSTOMERS = "428"


@pytest.fixture
def sdk(emulator, demo):
    configuration = clicksend.Configuration(
        host=emulator.server.control_url, username=emulator.username, password=emulator.api_key
    )
    with clicksend.ApiClient(configuration) as client:
        yield client


def test_sdk_reads_account(sdk, emulator):
    account = clicksend.ManagementApi(sdk).view_account_details()
    assert account.data.username == emulator.username


def test_sdk_lists_history_receipts_inbound(sdk):
    sms = clicksend.SmsApi(sdk)
    history = sms.view_sms_history(page=1, limit=15, order_by="date:asc")
    assert history.data.total == 5
    assert history.data.data[0].body == "Hi Jane, your order is ready."
    receipts = sms.view_sms_receipts()
    assert receipts.data.total == 3
    receipt = sms.view_specific_sms_receipt(receipts.data.data[0].message_id)
    assert receipt.data.status_code == 201
    inbound = sms.view_inbound_sms()
    assert inbound.data.data[0].var_from == "+61411111111"
    marked = sms.mark_sms_receipt_as_read(
        mark_sms_receipt_as_read_request=MarkSmsReceiptAsReadRequest(date_before=0)
    )
    assert marked.response_code == "SUCCESS"


def test_sdk_sends_prices_and_cancels(sdk, demo):
    sms = clicksend.SmsApi(sdk)
    request = SendSmsRequest(
        messages=[
            SendSmsRequestMessagesInner(body="Hi", to="+61298765432", custom_string="sdk-1"),
            SendSmsRequestMessagesInner(body="Later", to="+61298765433", schedule=demo + 600),
        ]
    )
    sent = sms.send_sms(send_sms_request=request)
    assert [m.status for m in sent.data.messages] == ["SUCCESS", "SUCCESS"]
    assert sent.data.messages[0].custom_string == "sdk-1"
    priced = sms.calculate_sms_price(calculate_sms_price_request=request.to_dict())
    assert priced.data.total_count == 2
    cancelled = sms.cancel_sms(sent.data.messages[1].message_id)
    assert cancelled.response_msg == "Scheduled sms message has been cancelled."
    assert sms.cancel_all_sms(cancel_all_sms_request=CancelAllSmsRequest()).data.count == 0


def test_sdk_template_crud(sdk):
    sms = clicksend.SmsApi(sdk)
    assert sms.view_sms_templates().data.total == 3
    created = sms.create_sms_template(
        create_sms_template_request=CreateSmsTemplateRequest(template_name="SDK", body="Hello")
    )
    template_id = str(created.data.template_id)
    assert sms.view_a_specific_sms_template(template_id).data.template_name == "SDK"
    updated = sms.update_sms_template(
        template_id,
        create_sms_template_request=(CreateSmsTemplateRequest(template_name="SDK 2", body="Hello")),
    )
    assert updated.data.template_name == "SDK 2"
    assert sms.delete_sms_template(template_id).response_code == "SUCCESS"


def test_sdk_campaigns(sdk, demo):
    campaigns = clicksend.SmsCampaignsApi(sdk)
    assert campaigns.view_sms_campaigns().data.total == 3
    created = campaigns.send_sms_campaign(
        send_sms_campaign_request=SendSmsCampaignRequest(
            list_id=429, name="SDK", var_from="Example", body="Hi", senders=[], schedule=demo + 600
        )
    )
    campaign_id = str(created.data.sms_campaign_id)
    assert campaigns.view_specific_sms_campaign(campaign_id).data.status == "Scheduled"
    assert campaigns.cancel_sms_campaign(campaign_id).data.status == "Cancelled"


def test_sdk_lists_and_contacts(sdk):
    lists = clicksend.ListsApi(sdk)
    contacts = clicksend.ContactsApi(sdk)
    assert lists.view_lists().data.total == 3
    assert lists.view_specific_list(CUSTOMERS).data.list_name == "Customers"
    listed = lists.view_list_contacts(CUSTOMERS)
    assert listed.data.data[0].first_name == "Jane"

    created_list = lists.create_list(create_list_request=CreateListRequest(list_name="SDK"))
    list_id = str(created_list.data.list_id)
    assert (
        lists.update_list(
            list_id, create_list_request=CreateListRequest(list_name="SDK 2")
        ).data.list_name
        == "SDK 2"
    )
    contact = lists.create_new_contact(
        list_id,
        create_new_contact_request=(
            CreateNewContactRequest(phone_number="+61411111111", first_name="Jo")
        ),
    )
    contact_id = str(contact.data.contact_id)
    assert contacts.get_specific_contact(list_id, contact_id).data.first_name == "Jo"
    updated = contacts.update_contact(
        list_id,
        contact_id,
        create_new_contact_request=(CreateNewContactRequest(last_name="Citizen")),
    )
    assert updated.data.last_name == "Citizen"
    assert contacts.delete_contact(list_id, contact_id).response_code == "SUCCESS"
    assert lists.delete_list(list_id).response_code == "SUCCESS"


def test_sdk_rejects_live_shape_of_rejected_message(sdk):
    """A rejected message carries ``schedule: ""`` as captured from the live API, which the
    SDK's strict int field cannot hold: the SDK fails on partial failures, the emulator
    keeps the live shape so that clients are tested against it."""
    request = SendSmsRequest(messages=[SendSmsRequestMessagesInner(body="Bad", to="12")])
    with pytest.raises(ValidationError, match="schedule"):
        clicksend.SmsApi(sdk).send_sms(send_sms_request=request)
