"""``GET /account``: a fixed demo account carrying the configured API username and key."""

from __future__ import annotations

from typing import Any

from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import Response, ok

USER_ID = 123456
SUBACCOUNT_ID = 123457
CURRENCY: dict[str, str] = {
    "currency_name_short": "AUD",
    "currency_prefix_d": "$",
    "currency_prefix_c": "c",
    "currency_name_long": "Australian Dollars",
    "min_recharge_amount": "20.00",
    "max_recharge_amount": "10000.00",
}


def account_data(username: str, api_key: str) -> dict[str, Any]:
    """Return the account object; ``_subaccount.api_key`` carries the key, as ClickSend's does."""
    return {
        "user_id": USER_ID,
        "username": username,
        "user_email": "jane@example.com",
        "active": 1,
        "banned": 0,
        "date_sign_up": 1436871253,
        "balance": "4.998000",
        "user_phone": "+61411111111",
        "reply_to": "originalsender",
        "delivery_to": None,
        "user_first_name": "Jane",
        "user_last_name": "Citizen",
        "account": 654321,
        "account_name": "Example Pty Ltd",
        "account_billing_email": "billing@example.com",
        "account_billing_mobile": "+61411111111",
        "priority": 0,
        "country": "AU",
        "country_ip": "AU",
        "default_country_sms": "AU",
        "auto_recharge": 0,
        "auto_recharge_amount": "20.00",
        "low_credit_amount": "5.00",
        "setting_unicode_sms": 0,
        "setting_email_sms_subject": 0,
        "setting_fix_sender_id": 0,
        "setting_sms_message_char_limit": 6,
        "old_dashboard": 0,
        "balance_commission": "0.000000",
        "timezone": "Australia/Melbourne",
        "price_rate": 0,
        "private_uploads": 0,
        "fax_quality": 0,
        "setting_sms_hide_your_number": 0,
        "setting_sms_hide_business_name": 0,
        "pricing_variant": 0,
        "on_trial": 0,
        "trial_expiry": None,
        "ai_enabled": 0,
        "_currency": dict(CURRENCY),
        "_subaccount": {
            "subaccount_id": SUBACCOUNT_ID,
            "api_username": username,
            "email": "jane@example.com",
            "phone_number": "+61411111111",
            "first_name": "Jane",
            "last_name": "Citizen",
            "api_key": api_key,
            "access_smpp": 0,
            "access_users": 1,
            "access_billing": 1,
            "access_reporting": 1,
            "access_contacts": 1,
            "access_settings": 1,
            "access_sms": 1,
            "access_email": 1,
            "access_voice": 1,
            "access_fax": 1,
            "access_post": 1,
            "access_reseller": 0,
            "access_global_sending": 1,
            "access_mms": 1,
            "hide_pricing": 0,
            "share_campaigns": 0,
            "notes": None,
            "is_main": 1,
            "sign_up_type": None,
        },
        "_referrer_chosen": None,
    }


def view_account(request: ApiRequest) -> Response:
    emulator = request.emulator
    data = account_data(emulator.username, emulator.api_key)
    return ok("Here's your account.", emulator.renderer().times("account", data))
