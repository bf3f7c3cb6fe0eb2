"""The /v3 route table: path templates, their methods and handlers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from clicksend_sms.emulator import account, campaigns, contacts, history, sms, templates
from clicksend_sms.emulator.context import ApiRequest
from clicksend_sms.emulator.envelope import Response

Handler = Callable[[ApiRequest], Response]


@dataclass(frozen=True)
class Route:
    template: str
    pattern: re.Pattern[str]
    methods: dict[str, Handler]


def _route(template: str, **methods: Handler) -> Route:
    regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
    return Route(template, re.compile(f"^{regex}$"), {m.upper(): h for m, h in methods.items()})


# Fixed paths come before templated ones that could also match them (cancel-all, send).
ROUTES: tuple[Route, ...] = (
    _route("/v3/account", get=account.view_account),
    _route("/v3/sms/send", post=sms.send_sms),
    _route("/v3/sms/price", post=sms.price_sms),
    _route("/v3/sms/cancel-all", put=sms.cancel_all_sms),
    _route("/v3/sms/{message_id}/cancel", put=sms.cancel_sms),
    _route("/v3/sms/history", get=history.view_history),
    _route("/v3/sms/receipts", get=history.view_receipts),
    _route("/v3/sms/receipts-read", put=history.mark_receipts_read),
    _route("/v3/sms/receipts/{message_id}", get=history.view_receipt),
    _route("/v3/sms/inbound", get=history.view_inbound),
    _route("/v3/sms/inbound-read", put=history.mark_inbound_read),
    _route("/v3/sms/templates", get=templates.view_templates, post=templates.create_template),
    _route(
        "/v3/sms/templates/{template_id}",
        get=templates.view_template,
        put=templates.update_template,
        delete=templates.delete_template,
    ),
    _route("/v3/sms-campaigns", get=campaigns.view_campaigns),
    _route("/v3/sms-campaigns/send", post=campaigns.send_campaign),
    _route(
        "/v3/sms-campaigns/{campaign_id}",
        get=campaigns.view_campaign,
        put=campaigns.update_campaign,
    ),
    _route("/v3/sms-campaigns/{campaign_id}/cancel", put=campaigns.cancel_campaign),
    _route("/v3/lists", get=contacts.view_lists, post=contacts.create_list),
    _route(
        "/v3/lists/{list_id}",
        get=contacts.view_list,
        put=contacts.update_list,
        delete=contacts.delete_list,
    ),
    _route(
        "/v3/lists/{list_id}/contacts",
        get=contacts.view_contacts,
        post=contacts.create_contact,
    ),
    _route(
        "/v3/lists/{list_id}/contacts/{contact_id}",
        get=contacts.view_contact,
        put=contacts.update_contact,
        delete=contacts.delete_contact,
    ),
)


def match(path: str) -> tuple[Route, dict[str, str]] | None:
    """Return the route for ``path`` (one trailing slash ignored) and its path parameters."""
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    for route in ROUTES:
        found = route.pattern.match(path)
        if found is not None:
            return route, found.groupdict()
    return None
