"""The ClickSend REST API v3 client: transport, errors, retry, pagination and timestamps."""

from clicksend_sms.api.client import DEFAULT_BASE_URL, ApiResponse, ClickSendClient, Timeouts
from clicksend_sms.api.pagination import Page

__all__ = ["DEFAULT_BASE_URL", "ApiResponse", "ClickSendClient", "Page", "Timeouts"]
