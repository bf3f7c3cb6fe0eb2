"""The ClickSend REST API v3 client: transport, errors, retry, pagination and timestamps."""

from clicksend_sms.api.client import ClickSendClient
from clicksend_sms.api.envelope import ApiResponse
from clicksend_sms.api.pagination import Page
from clicksend_sms.api.retry import RetryPolicy
from clicksend_sms.api.transport import Timeouts
from clicksend_sms.api.urls import DEFAULT_BASE_URL

__all__ = [
    "DEFAULT_BASE_URL",
    "ApiResponse",
    "ClickSendClient",
    "Page",
    "RetryPolicy",
    "Timeouts",
]
