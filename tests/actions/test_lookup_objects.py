"""Lookup Objects against the emulator: emit modes, paging, maxResults and every criterion."""

import pytest

from clicksend_sms.actions import lookup_objects
from clicksend_sms.errors import NotFoundError
from tests.actions.helpers import api_requests, assert_matches_out_schema, run_action

MODES = ("emitIndividually", "emitPage", "emitAll")


def _cfg(emulator, object_type, mode=None):
    cfg = {**emulator.cfg, "objectType": object_type}
    if mode is not None:
        cfg["emitBehavior"] = mode
    return cfg


def _flatten(bodies, mode):
    if mode == "emitIndividually":
        return bodies
    return [record for body in bodies for record in body["results"]]


# --- emit modes and paging --------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("count", [0, 1, 15, 101])
def test_emit_mode_shapes(emulator, mode, count):
    created = emulator.control.add("lists", [{"list_name": f"L{i}"} for i in range(count)])
    cfg = _cfg(emulator, "contactLists", mode)

    bodies = run_action(lookup_objects, cfg)

    expected_ids = [row["list_id"] for row in created]
    assert [row["list_id"] for row in _flatten(bodies, mode)] == expected_ids
    if mode == "emitIndividually":
        assert len(bodies) == count
    elif mode == "emitPage":
        sizes = [len(body["results"]) for body in bodies]
        assert sizes == {0: [0], 1: [1], 15: [15], 101: [100, 1]}[count]
    else:
        assert len(bodies) == 1
    assert len(api_requests(emulator, "/v3/lists")) == (2 if count == 101 else 1)
    assert_matches_out_schema(lookup_objects, cfg, bodies)


def test_default_mode_is_individual(emulator):
    emulator.control.add("lists", [{}, {}])

    bodies = run_action(lookup_objects, _cfg(emulator, "contactLists"))

    assert len(bodies) == 2
    assert "list_id" in bodies[0]


def test_page_size_sets_limit_and_page_count(emulator):
    emulator.control.add("lists", [{} for _ in range(40)])
    cfg = _cfg(emulator, "contactLists", "emitPage")

    bodies = run_action(lookup_objects, cfg, {"pageSize": 15})

    assert [len(body["results"]) for body in bodies] == [15, 15, 10]
    requests = api_requests(emulator, "/v3/lists")
    assert [r["query"]["limit"] for r in requests] == ["15", "15", "15"]
    assert [r["query"]["page"] for r in requests] == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("mode", "expected_bodies"),
    [("emitIndividually", 20), ("emitPage", 2), ("emitAll", 1)],
)
def test_max_results_stops_paging(emulator, mode, expected_bodies):
    emulator.control.add("lists", [{} for _ in range(101)])
    cfg = _cfg(emulator, "contactLists", mode)

    bodies = run_action(lookup_objects, cfg, {"maxResults": 20, "pageSize": 15})

    assert len(_flatten(bodies, mode)) == 20
    assert len(bodies) == expected_bodies
    assert len(api_requests(emulator, "/v3/lists")) == 2


def test_small_max_results_shrinks_page(emulator):
    emulator.control.add("lists", [{} for _ in range(101)])

    bodies = run_action(lookup_objects, _cfg(emulator, "contactLists"), {"maxResults": 3})

    assert len(bodies) == 3
    [request] = api_requests(emulator, "/v3/lists")
    assert request["query"]["limit"] == "15"


def test_receipts_listed_and_left_unread(emulator):
    receipts = emulator.control.add("receipts", [{}, {}])
    cfg = _cfg(emulator, "smsReceipts")

    first = run_action(lookup_objects, cfg)
    second = run_action(lookup_objects, cfg)

    ids = sorted(row["message_id"] for row in receipts)
    assert sorted(row["message_id"] for row in first) == ids
    assert sorted(row["message_id"] for row in second) == ids
    assert_matches_out_schema(lookup_objects, cfg, first)


# --- SMS History criteria ---------------------------------------------------------------------

HISTORY_ROWS = [
    {
        "date": 1000,
        "status": "Sent",
        "to": "+61411111111",
        "from": "+61422222222",
        "subaccount_id": 1,
        "body": "a",
    },
    {
        "date": 2000,
        "status": "Failed",
        "to": "+61433333333",
        "from": "Shop",
        "subaccount_id": 2,
        "body": "b",
    },
    {
        "date": 3000,
        "status": "Sent",
        "to": "+61433333333",
        "from": "+61422222222",
        "subaccount_id": 2,
        "body": "c",
    },
]

HISTORY_CRITERIA = [
    pytest.param({"status": "Failed"}, ["b"], id="status"),
    pytest.param({"to": "+61411111111"}, ["a"], id="to-plus-sign"),
    pytest.param({"from": "Shop"}, ["b"], id="from"),
    pytest.param({"subaccount_id": 2}, ["b", "c"], id="subaccount-int"),
    pytest.param({"subaccount_id": "1"}, ["a"], id="subaccount-text"),
    pytest.param({"status": "Sent", "to": "+61433333333"}, ["c"], id="and"),
    pytest.param({"status": "Failed", "to": "+61411111111", "operator": "or"}, ["a", "b"], id="or"),
    pytest.param({"dateFrom": "1970-01-01T00:25:00Z"}, ["b", "c"], id="date-from"),
    pytest.param({"dateTo": "1970-01-01T00:40:00+00:00"}, ["a", "b"], id="date-to"),
    pytest.param(
        {"dateFrom": "1970-01-01T01:25:00+01:00", "dateTo": "1970-01-01T00:40:00Z"},
        ["b"],
        id="date-range-offset",
    ),
    pytest.param({"orderBy": "date:desc"}, ["c", "b", "a"], id="order-desc"),
    pytest.param({"orderBy": "body:asc"}, ["a", "b", "c"], id="order-asc"),
]


@pytest.mark.parametrize(("criteria", "expected_bodies"), HISTORY_CRITERIA)
def test_history_criterion_narrows(emulator, criteria, expected_bodies):
    emulator.control.add("history", HISTORY_ROWS)
    cfg = _cfg(emulator, "smsHistory")

    bodies = run_action(lookup_objects, cfg, criteria)

    assert [row["body"] for row in bodies] == expected_bodies
    assert_matches_out_schema(lookup_objects, cfg, bodies)


def test_history_message_id_criterion(emulator):
    rows = emulator.control.add("history", HISTORY_ROWS)

    body = {"message_id": rows[1]["message_id"]}
    bodies = run_action(lookup_objects, _cfg(emulator, "smsHistory"), body)

    assert [row["message_id"] for row in bodies] == [rows[1]["message_id"]]


def test_history_query_parameters_sent(emulator):
    emulator.control.add("history", HISTORY_ROWS)
    criteria = {
        "to": "+61411111111",
        "status": "Sent",
        "operator": "AND",
        "dateFrom": "1970-01-01T00:00:01Z",
        "dateTo": "1970-01-01T01:00:00Z",
    }

    run_action(lookup_objects, _cfg(emulator, "smsHistory"), criteria)

    [request] = api_requests(emulator, "/v3/sms/history")
    # The emulator decodes "+" as a space, so the "+" here proves it was sent as %2B.
    assert request["query"]["q"] == "status:Sent,to:+61411111111"
    assert request["query"]["operator"] == "AND"
    assert request["query"]["date_from"] == "1"
    assert request["query"]["date_to"] == "3600"
    assert request["query"]["order_by"] == "date:asc"


def test_plus_sign_percent_encoded_on_wire(httpserver):
    empty_page = {
        "http_code": 200,
        "response_code": "SUCCESS",
        "response_msg": "Here are your data.",
        "data": {
            "total": 0,
            "per_page": 100,
            "current_page": 1,
            "last_page": 1,
            "next_page_url": None,
            "prev_page_url": None,
            "from": None,
            "to": None,
            "data": [],
        },
    }
    httpserver.expect_request("/v3/sms/history").respond_with_json(empty_page)
    cfg = {
        "username": "u",
        "apiKey": "k",
        "baseUrl": httpserver.url_for("/v3"),
        "objectType": "smsHistory",
    }

    run_action(lookup_objects, cfg, {"to": "+61411111111", "from": "Shop A"})

    [(request, _response)] = httpserver.log
    assert b"q=to%3A%2B61411111111%2Cfrom%3AShop+A&" in request.query_string


# --- SMS Campaign criteria --------------------------------------------------------------------

CAMPAIGN_VALUES = {
    "name": ("Alpha", "Beta"),
    "user_id": (11, 12),
    "subaccount_id": (21, 22),
    "list_id": (31, 32),
    "from": ("ShopA", "ShopB"),
    "body": ("Sale A. Reply STOP", "Sale B. Reply STOP"),
    "schedule": (1000, 2000),
    "status": ("Sent", "Scheduled"),
    "date_added": (1000, 2000),
    "custom_string": ("c-1", "c-2"),
    "url_to_shorten": ("https://example.com/a", "https://example.com/b"),
    "unsubscribe_link": (0, 1),
    "source": ("api", "web"),
}


@pytest.mark.parametrize("field", [*CAMPAIGN_VALUES, "sms_campaign_id"])
def test_campaign_q_field_narrows(emulator, field):
    values = CAMPAIGN_VALUES.get(field)
    objects = [{field: value} for value in values] if values else [{}, {}]
    rows = emulator.control.add("campaigns", objects)
    wanted = rows[0]

    bodies = run_action(lookup_objects, _cfg(emulator, "smsCampaigns"), {field: wanted[field]})

    assert [row["sms_campaign_id"] for row in bodies] == [wanted["sms_campaign_id"]]


def test_campaign_date_range_and_order(emulator):
    rows = emulator.control.add(
        "campaigns", [{"date_added": 1000}, {"date_added": 2000}, {"date_added": 3000}]
    )
    criteria = {
        "dateFrom": "1970-01-01T00:16:40Z",
        "dateTo": "1970-01-01T00:33:20Z",
        "orderBy": "date_added:desc",
    }
    cfg = _cfg(emulator, "smsCampaigns", "emitPage")

    bodies = run_action(lookup_objects, cfg, criteria)

    ids = [row["sms_campaign_id"] for row in bodies[0]["results"]]
    assert ids == [rows[1]["sms_campaign_id"], rows[0]["sms_campaign_id"]]
    assert_matches_out_schema(lookup_objects, cfg, bodies)


def test_campaigns_sent_in_explicit_order_by_default(emulator):
    run_action(lookup_objects, _cfg(emulator, "smsCampaigns"))

    [request] = api_requests(emulator, "/v3/sms-campaigns")
    assert request["query"]["order_by"] == "date_added:asc"


# --- List Contacts criteria -------------------------------------------------------------------


def test_contacts_of_one_list_only(emulator):
    lists = emulator.control.add("lists", [{}, {}])
    emulator.control.add(
        "contacts",
        [
            {"list_id": lists[0]["list_id"], "first_name": "Ann"},
            {"list_id": lists[1]["list_id"], "first_name": "Bob"},
            {"list_id": lists[0]["list_id"], "first_name": "Cid"},
        ],
    )
    cfg = _cfg(emulator, "listContacts")

    bodies = run_action(lookup_objects, cfg, {"listId": lists[0]["list_id"]})

    assert [row["first_name"] for row in bodies] == ["Ann", "Cid"]
    assert_matches_out_schema(lookup_objects, cfg, bodies)


def test_contacts_updated_after(emulator):
    [contact_list] = emulator.control.add("lists", [{}])
    list_id = contact_list["list_id"]
    emulator.control.add(
        "contacts",
        [
            {"list_id": list_id, "first_name": "Old", "date_updated": 1000},
            {"list_id": list_id, "first_name": "New", "date_updated": 3000},
        ],
    )
    body = {"listId": str(list_id), "updatedAfter": "1970-01-01T00:33:20Z"}

    bodies = run_action(lookup_objects, _cfg(emulator, "listContacts"), body)

    assert [row["first_name"] for row in bodies] == ["New"]
    [request] = api_requests(emulator, f"/v3/lists/{list_id}/contacts")
    assert request["query"]["updated_after"] == "2000"


# --- metadata ---------------------------------------------------------------------------------


def test_meta_model_inputs_per_type():
    def inputs(object_type):
        return lookup_objects.get_meta_model({"objectType": object_type})["in"]["properties"]

    history = inputs("smsHistory")
    contacts = inputs("listContacts")

    assert set(history) == {
        "status",
        "to",
        "from",
        "message_id",
        "subaccount_id",
        "operator",
        "dateFrom",
        "dateTo",
        "orderBy",
        "maxResults",
        "pageSize",
    }
    assert "date:desc" in history["orderBy"]["enum"]
    assert set(inputs("contactLists")) == {"maxResults", "pageSize"}
    assert set(inputs("smsReceipts")) == {"maxResults", "pageSize"}
    assert set(contacts) == {"listId", "updatedAfter", "maxResults", "pageSize"}
    assert contacts["listId"]["required"] is True
    assert "url_to_shorten" in inputs("smsCampaigns")


def test_meta_model_output_per_mode():
    individual = lookup_objects.get_meta_model({"objectType": "smsHistory"})["out"]
    page = lookup_objects.get_meta_model({"objectType": "smsHistory", "emitBehavior": "emitPage"})

    assert "message_id" in individual["properties"]
    assert page["out"]["properties"]["results"]["type"] == "array"


def test_object_types_select_model():
    assert list(lookup_objects.get_object_types({})) == [
        "smsHistory",
        "smsReceipts",
        "smsCampaigns",
        "contactLists",
        "listContacts",
        "smsTemplates",
    ]


def test_contacts_of_missing_list_name_the_list(emulator):
    cfg = {**emulator.cfg, "objectType": "listContacts"}

    with pytest.raises(NotFoundError, match="Contact List 987654 was not found"):
        run_action(lookup_objects, cfg, {"listId": 987654})
