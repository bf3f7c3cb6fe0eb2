"""The ClickSend object types as one declarative table.

Every action and the trigger read this table instead of naming paths or fields themselves, so
adding a type means adding one entry. Each type has a singular key (Lookup Object By ID,
Delete, Upsert) and a plural key (trigger, Lookup Objects); SMS History has only one.
Paths are relative to the base URL and use ``{id}`` and ``{parent_id}`` placeholders.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from clicksend_sms.errors import InvalidInputError


class Operation(StrEnum):
    POLL = "poll"
    LOOKUP = "lookup"
    LOOKUP_MANY = "lookupMany"
    DELETE = "delete"
    CREATE = "create"
    UPDATE = "update"


IdKind = Literal["integer", "message_id"]
JsonType = Literal["string", "integer", "number", "boolean", "array", "object"]


@dataclass(frozen=True)
class FieldSpec:
    """One property of a ClickSend object or request body.

    ``types`` lists every JSON type ClickSend is known to send for the field (dates arrive as
    integers or numeric strings, so both are listed), plus ``null`` when ``nullable``.
    """

    name: str
    types: tuple[JsonType, ...]
    title: str = ""
    description: str = ""
    nullable: bool = False
    required: bool = False


def _f(
    name: str,
    *types: JsonType,
    title: str = "",
    description: str = "",
    nullable: bool = False,
    required: bool = False,
) -> FieldSpec:
    return FieldSpec(name, types or ("string",), title, description, nullable, required)


DATE: tuple[JsonType, ...] = (
    "integer",
    "string",
)  # Unix seconds as a JSON integer or a numeric string


@dataclass(frozen=True)
class ObjectType:
    """One ClickSend object type: its paths, ids, dates, filters and writable fields."""

    key: str
    plural_key: str
    label: str
    plural_label: str
    id_field: str
    id_kind: IdKind
    operations: frozenset[Operation]
    list_path: str | None = None
    item_path: str | None = None
    create_path: str | None = None
    parent_id_field: str | None = None
    poll_fields: tuple[str, ...] = ()
    date_range_filter: bool = False
    query_fields: tuple[str, ...] = ()
    order_fields: tuple[str, ...] = ()
    default_order: str | None = None
    updated_after_filter: bool = False
    fields: tuple[FieldSpec, ...] = ()
    writable_fields: tuple[FieldSpec, ...] = ()
    create_requires_one_of: tuple[str, ...] = ()

    def supports(self, operation: Operation) -> bool:
        return operation in self.operations

    @property
    def has_parent(self) -> bool:
        return self.parent_id_field is not None

    def item_url(self, object_id: str, parent_id: str | None = None) -> str:
        """Return the item path with the (already URL-encoded) ids filled in."""
        if self.item_path is None:
            raise ValueError(f"{self.label} has no single-object endpoint")
        return self.item_path.format(id=object_id, parent_id=parent_id)

    def list_url(self, parent_id: str | None = None) -> str:
        if self.list_path is None:
            raise ValueError(f"{self.label} has no list endpoint")
        return self.list_path.format(parent_id=parent_id)


HISTORY_FIELDS = (
    _f("direction", title="Direction"),
    _f("date", *DATE, title="Date", description="Unix seconds when the message was sent"),
    _f("to", title="To"),
    _f("body", title="Body"),
    _f("status", title="Status"),
    _f("from", title="From", nullable=True),
    _f("schedule", *DATE, title="Schedule", nullable=True),
    _f("status_code", "string", "integer", title="Status Code", nullable=True),
    _f("status_text", title="Status Text", nullable=True),
    _f("error_code", "string", "integer", title="Error Code", nullable=True),
    _f("error_text", title="Error Text", nullable=True),
    _f("message_id", title="Message ID"),
    _f("message_parts", "integer", "string", "number", title="Message Parts"),
    _f("message_price", "string", "number", title="Message Price"),
    _f("from_email", title="From Email", nullable=True),
    _f("list_id", "integer", "string", title="List ID", nullable=True),
    _f("custom_string", title="Custom String", nullable=True),
    _f("contact_id", "integer", "string", title="Contact ID", nullable=True),
    _f("user_id", "integer", title="User ID"),
    _f("subaccount_id", "integer", title="Subaccount ID"),
    _f("country", title="Country", nullable=True),
    _f("carrier", title="Carrier", nullable=True),
    _f("first_name", title="First Name", nullable=True),
    _f("last_name", title="Last Name", nullable=True),
    _f("_api_username", title="API Username", nullable=True),
)

RECEIPT_FIELDS = (
    _f("timestamp_send", *DATE, title="Timestamp Send", description="Unix seconds when sent"),
    _f("timestamp", *DATE, title="Timestamp", description="Unix seconds when the receipt arrived"),
    _f("message_id", title="Message ID"),
    _f("status_code", "string", "integer", title="Status Code"),
    _f("status_text", title="Status Text", nullable=True),
    _f("error_code", "string", "integer", title="Error Code", nullable=True),
    _f("error_text", title="Error Text", nullable=True),
    _f("custom_string", title="Custom String", nullable=True),
    _f("subaccount_id", "integer", title="Subaccount ID", nullable=True),
    _f("message_type", title="Message Type", nullable=True),
    _f("digits", title="Digits", nullable=True),
)

CAMPAIGN_WRITABLE = (
    _f(
        "list_id",
        "integer",
        title="List ID",
        required=True,
        description="Contact list that receives the campaign",
    ),
    _f("name", title="Name", required=True, description="Campaign name"),
    _f(
        "from",
        title="From",
        required=True,
        description="Sender: a number or an alphanumeric sender of at most 11 characters",
    ),
    _f(
        "body",
        title="Body",
        required=True,
        description="Message text; marketing messages need opt-out text such as 'reply STOP'",
    ),
    _f(
        "schedule",
        "integer",
        "string",
        title="Schedule",
        description="Unix seconds or ISO 8601 with an offset; empty sends now",
    ),
    _f("url_to_shorten", title="URL to Shorten"),
    _f("source", title="Source"),
)

CAMPAIGN_FIELDS = (
    _f("sms_campaign_id", "integer", title="SMS Campaign ID"),
    _f("name", title="Name"),
    _f("user_id", "integer", title="User ID"),
    _f("subaccount_id", "integer", title="Subaccount ID"),
    _f("list_id", "integer", title="List ID"),
    _f("from", title="From"),
    _f("body", title="Body"),
    _f("schedule", *DATE, title="Schedule", nullable=True),
    _f("status", title="Status"),
    _f("date_added", *DATE, title="Date Added"),
    _f("custom_string", title="Custom String", nullable=True),
    _f("url_to_shorten", title="URL to Shorten", nullable=True),
    _f("unsubscribe_link", "integer", title="Unsubscribe Link", nullable=True),
    _f("source", title="Source", nullable=True),
    _f("senders", "array", title="Senders", nullable=True),
    _f("_total_count", "integer", title="Total Count", nullable=True),
    _f("_list_name", title="List Name", nullable=True),
)

LIST_FIELDS = (
    _f("list_id", "integer", title="List ID"),
    _f("list_name", title="List Name"),
    _f("list_email_id", title="List Email ID", nullable=True),
    _f("_contacts_count", "integer", title="Contacts Count", nullable=True),
    _f("_import_in_progress", "integer", title="Import in Progress", nullable=True),
    _f("_optout_in_progress", "integer", title="Opt-out in Progress", nullable=True),
)

CONTACT_WRITABLE = tuple(
    _f(name, title=title)
    for name, title in (
        ("phone_number", "Phone Number"),
        ("email", "Email"),
        ("fax_number", "Fax Number"),
        ("first_name", "First Name"),
        ("last_name", "Last Name"),
        ("organization_name", "Organization Name"),
        ("custom_1", "Custom 1"),
        ("custom_2", "Custom 2"),
        ("custom_3", "Custom 3"),
        ("custom_4", "Custom 4"),
        ("address_line_1", "Address Line 1"),
        ("address_line_2", "Address Line 2"),
        ("address_city", "Address City"),
        ("address_state", "Address State"),
        ("address_postal_code", "Address Postal Code"),
        ("address_country", "Address Country"),
    )
)

CONTACT_FIELDS = (
    _f("contact_id", "integer", title="Contact ID"),
    _f("list_id", "integer", title="List ID"),
    *(FieldSpec(f.name, f.types, f.title, nullable=True) for f in CONTACT_WRITABLE),
    _f("date_added", *DATE, title="Date Added", nullable=True),
    _f("date_updated", *DATE, title="Date Updated", nullable=True),
    _f("_list_name", title="List Name", nullable=True),
)

TEMPLATE_FIELDS = (
    _f("template_id", "integer", title="Template ID"),
    _f("template_name", title="Template Name"),
    _f("body", title="Body"),
)

SMS_WRITABLE = (
    _f("to", title="To", description="Recipient phone number in E.164 form, e.g. +61411111111"),
    _f(
        "listId",
        "integer",
        "string",
        title="List ID",
        description="Send to every contact of this list instead of 'to'",
    ),
    _f("body", title="Body", required=True, description="Message text, sent byte for byte"),
    _f(
        "from",
        title="From",
        description="Sender: a number, or an alphanumeric sender of at most 11 characters",
    ),
    _f(
        "schedule",
        "integer",
        "string",
        title="Schedule",
        description="Unix seconds or ISO 8601 with an offset, within 4 months; empty sends now",
    ),
    _f(
        "customString",
        title="Custom String",
        description="Your reference; one is generated when empty",
    ),
    _f("country", title="Country", description="ISO 3166 country code for local numbers"),
    _f("fromEmail", title="From Email", description="Email address for replies"),
)

SMS_RESULT_FIELDS = (
    _f("message_id", title="Message ID", nullable=True),
    _f("to", title="To"),
    _f("from", title="From", nullable=True),
    _f("body", title="Body"),
    _f("status", title="Status"),
    _f("date", *DATE, title="Date", nullable=True),
    _f("schedule", *DATE, title="Schedule", nullable=True),
    _f("custom_string", title="Custom String", nullable=True),
    _f("message_parts", "integer", "string", "number", title="Message Parts", nullable=True),
    _f("message_price", "string", "number", title="Message Price", nullable=True),
    _f("list_id", "integer", "string", title="List ID", nullable=True),
    _f("contact_id", "integer", "string", title="Contact ID", nullable=True),
    _f("country", title="Country", nullable=True),
    _f("carrier", title="Carrier", nullable=True),
)

_READ = frozenset({Operation.LOOKUP, Operation.LOOKUP_MANY})

OBJECT_TYPES: tuple[ObjectType, ...] = (
    ObjectType(
        key="smsHistory",
        plural_key="smsHistory",
        label="SMS History",
        plural_label="SMS History",
        id_field="message_id",
        id_kind="message_id",
        operations=frozenset({Operation.POLL, Operation.LOOKUP_MANY}),
        list_path="/sms/history",
        poll_fields=("date",),
        date_range_filter=True,
        query_fields=("status", "to", "from", "message_id", "subaccount_id"),
        order_fields=("date", "username", "from", "to", "status", "body"),
        default_order="date:asc",
        fields=HISTORY_FIELDS,
    ),
    ObjectType(
        key="smsReceipt",
        plural_key="smsReceipts",
        label="SMS Receipt",
        plural_label="SMS Receipts",
        id_field="message_id",
        id_kind="message_id",
        operations=frozenset({Operation.POLL, *_READ}),
        list_path="/sms/receipts",
        item_path="/sms/receipts/{id}",
        poll_fields=("timestamp", "timestamp_send"),
        fields=RECEIPT_FIELDS,
    ),
    ObjectType(
        key="smsCampaign",
        plural_key="smsCampaigns",
        label="SMS Campaign",
        plural_label="SMS Campaigns",
        id_field="sms_campaign_id",
        id_kind="integer",
        operations=frozenset({Operation.POLL, *_READ, Operation.CREATE, Operation.UPDATE}),
        list_path="/sms-campaigns",
        item_path="/sms-campaigns/{id}",
        create_path="/sms-campaigns/send",
        poll_fields=("date_added", "schedule"),
        date_range_filter=True,
        query_fields=(
            "sms_campaign_id",
            "name",
            "user_id",
            "subaccount_id",
            "list_id",
            "from",
            "body",
            "schedule",
            "status",
            "date_added",
            "custom_string",
            "url_to_shorten",
            "unsubscribe_link",
            "source",
        ),
        order_fields=(
            "sms_campaign_id",
            "name",
            "user_id",
            "subaccount_id",
            "list_id",
            "from",
            "body",
            "schedule",
            "status",
            "date_added",
            "custom_string",
            "url_to_shorten",
            "unsubscribe_link",
            "source",
        ),
        default_order="date_added:asc",
        fields=CAMPAIGN_FIELDS,
        writable_fields=CAMPAIGN_WRITABLE,
    ),
    ObjectType(
        key="contactList",
        plural_key="contactLists",
        label="Contact List",
        plural_label="Contact Lists",
        id_field="list_id",
        id_kind="integer",
        operations=frozenset({*_READ, Operation.DELETE, Operation.CREATE, Operation.UPDATE}),
        list_path="/lists",
        item_path="/lists/{id}",
        create_path="/lists",
        fields=LIST_FIELDS,
        writable_fields=(_f("list_name", title="List Name", required=True),),
    ),
    ObjectType(
        key="contact",
        plural_key="listContacts",
        label="Contact",
        plural_label="List Contacts",
        id_field="contact_id",
        id_kind="integer",
        operations=frozenset({*_READ, Operation.DELETE, Operation.CREATE, Operation.UPDATE}),
        list_path="/lists/{parent_id}/contacts",
        item_path="/lists/{parent_id}/contacts/{id}",
        create_path="/lists/{parent_id}/contacts",
        parent_id_field="list_id",
        updated_after_filter=True,
        fields=CONTACT_FIELDS,
        writable_fields=CONTACT_WRITABLE,
        create_requires_one_of=("phone_number", "email", "fax_number"),
    ),
    ObjectType(
        key="smsTemplate",
        plural_key="smsTemplates",
        label="SMS Template",
        plural_label="SMS Templates",
        id_field="template_id",
        id_kind="integer",
        operations=frozenset({*_READ, Operation.DELETE, Operation.CREATE, Operation.UPDATE}),
        list_path="/sms/templates",
        item_path="/sms/templates/{id}",
        create_path="/sms/templates",
        query_fields=("template_id", "template_name", "body"),
        order_fields=("template_id", "template_name", "body"),
        default_order="template_id:asc",
        fields=TEMPLATE_FIELDS,
        writable_fields=(
            _f("template_name", title="Template Name", required=True),
            _f("body", title="Body", required=True),
        ),
    ),
    ObjectType(
        key="sms",
        plural_key="sms",
        label="SMS",
        plural_label="SMS",
        id_field="message_id",
        id_kind="message_id",
        operations=frozenset({Operation.CREATE}),
        create_path="/sms/send",
        fields=SMS_RESULT_FIELDS,
        writable_fields=SMS_WRITABLE,
        create_requires_one_of=("to", "listId"),
    ),
)

_BY_KEY = {t.key: t for t in OBJECT_TYPES} | {t.plural_key: t for t in OBJECT_TYPES}


def object_types_for(operation: Operation) -> Iterator[ObjectType]:
    """Yield the object types that allow ``operation``, in table order."""
    return (t for t in OBJECT_TYPES if t.supports(operation))


def get_object_type(
    key: object, operation: Operation | None = None, *, field_name: str = "objectType"
) -> ObjectType:
    """Return the type for a singular or plural key, or raise InvalidInputError.

    With ``operation`` the type must also allow it. The key must then be the form that the
    operation's select model offers: plural for polling and Lookup Objects, singular
    otherwise. The error lists the valid keys.
    """
    if operation is None:
        found = _BY_KEY.get(key) if isinstance(key, str) else None
        valid = list(_BY_KEY)
    else:
        choices = select_model(operation)
        found = _BY_KEY.get(key) if isinstance(key, str) and key in choices else None
        valid = list(choices)
    if found is None:
        raise InvalidInputError(field_name, key, f"Use one of: {', '.join(valid)}.")
    return found


def select_model(operation: Operation) -> dict[str, str]:
    """Return the ``{key: label}`` select model of the types that allow ``operation``."""
    if operation in (Operation.POLL, Operation.LOOKUP_MANY):
        return {t.plural_key: t.plural_label for t in object_types_for(operation)}

    return {t.key: t.label for t in object_types_for(operation)}
