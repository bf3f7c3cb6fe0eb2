"""Search (q, operator), sort (order_by) and date filters."""

from __future__ import annotations

import pytest

T = 1_700_000_000  # a round epoch for hand-made rows


@pytest.fixture
def rows(emulator, frozen):
    """Five history rows: two share second T+10, stored in the order listed."""
    objects = [
        {"date": T, "to": "+61411111111", "status": "Completed", "body": "b", "custom_string": "a"},
        {"date": T + 10, "to": "+61298765432", "status": "Sent", "body": "a", "custom_string": "b"},
        {
            "date": T + 10,
            "to": "+61298765433",
            "status": "Failed",
            "body": "c",
            "custom_string": "c",
        },
        {"date": T + 20, "to": "+61411111111", "status": "Sent", "body": "d", "custom_string": ""},
        {
            "date": T + 30,
            "to": "+14055555555",
            "status": "Scheduled",
            "body": "e",
            "custom_string": "e",
        },
    ]
    return emulator.control.add("history", objects)


def _customs(api, **params):
    rows = api.get("/sms/history", params={"limit": 100, **params}).json()["data"]["data"]
    return [row["custom_string"] for row in rows]


def test_history_default_order_is_date_then_storage(api, rows):
    assert _customs(api) == ["a", "b", "c", "", "e"]


def test_desc_is_exact_reverse_of_asc(api, rows):
    assert _customs(api, order_by="date:desc") == ["e", "", "c", "b", "a"]


def test_order_by_other_field(api, rows):
    assert _customs(api, order_by="body:asc") == ["b", "a", "c", "", "e"]
    assert _customs(api, order_by="body:desc") == ["e", "", "c", "a", "b"]


def test_order_by_unknown_field_is_400(api, rows):
    response = api.get("/sms/history", params={"order_by": "custom_string:asc"})
    assert response.status_code == 400
    assert "order_by" in response.json()["data"]


def test_q_exact_and_case_insensitive(api, rows):
    assert _customs(api, q="status:sent") == ["b", ""]
    assert _customs(api, q="to:+6141") == []


def test_q_plus_must_be_percent_encoded(api, rows):
    # "+" in a query string is a space, as in any form-encoded URL.
    assert _customs(api, q="to:+61411111111") == ["a", ""]
    response = api.get("/sms/history?q=to:+61411111111")
    assert response.json()["data"]["total"] == 0


def test_q_and_is_default(api, rows):
    assert _customs(api, q="status:Sent,to:+61411111111") == [""]


def test_q_or_operator(api, rows):
    assert _customs(api, q="status:Failed,status:Scheduled", operator="OR") == ["c", "e"]


def test_q_message_id_uses_exact_match(api, rows):
    target = rows[2]["message_id"]
    assert _customs(api, q=f"message_id:{target.lower()}") == ["c"]


def test_q_unknown_field_is_400(api, rows):
    response = api.get("/sms/history", params={"q": "custom_string:a"})
    assert response.status_code == 400
    assert "q" in response.json()["data"]


def test_q_empty_value_matches_any_value(api, emulator, frozen):
    emulator.control.add(
        "templates", [{"template_name": "a", "body": ""}, {"template_name": "b", "body": "x"}]
    )
    rows = api.get("/sms/templates", params={"q": "body:"}).json()["data"]["data"]
    assert [row["template_name"] for row in rows] == ["b"]


def test_bad_operator_is_400(api, rows):
    assert api.get("/sms/history", params={"operator": "XOR"}).status_code == 400


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        pytest.param("inclusive", ["b", "c", ""], id="inclusive"),
        pytest.param("exclusive", [], id="exclusive"),
    ],
)
def test_history_date_bounds(api, emulator, rows, bounds, expected):
    emulator.control.switches(date_bounds=bounds)
    assert _customs(api, date_from=T + 10, date_to=T + 20) == expected


def test_exclusive_bounds_strictly_between(api, emulator, rows):
    emulator.control.switches(date_bounds="exclusive")
    assert _customs(api, date_from=T, date_to=T + 30) == ["b", "c", ""]


def test_date_from_only(api, rows):
    assert _customs(api, date_from=T + 20) == ["", "e"]


def test_date_to_with_desc_order(api, rows):
    assert _customs(api, date_to=T + 10, order_by="date:desc") == ["c", "b", "a"]


def test_date_filter_with_q(api, rows):
    assert _customs(api, date_from=T + 5, q="to:+61411111111") == [""]


def test_non_numeric_date_is_400(api, rows):
    response = api.get("/sms/history", params={"date_from": "yesterday"})
    assert response.status_code == 400
    assert "date_from" in response.json()["data"]


@pytest.fixture
def campaigns(emulator, frozen):
    emulator.control.add("lists", [{"list_id": 1}])
    return emulator.control.add(
        "campaigns",
        [
            {"name": "one", "date_added": T, "list_id": 1},
            {"name": "two", "date_added": T + 10, "list_id": 1},
            {"name": "three", "date_added": T + 20, "list_id": 1},
        ],
    )


def _names(api, **params):
    rows = api.get("/sms-campaigns", params=params).json()["data"]["data"]
    return [row["name"] for row in rows]


def test_campaigns_default_order_asc(api, campaigns):
    assert _names(api) == ["one", "two", "three"]


def test_campaigns_default_order_desc_by_switch(api, emulator, campaigns):
    emulator.control.switches(campaign_order="desc")
    assert _names(api) == ["three", "two", "one"]
    assert _names(api, order_by="date_added:asc") == ["one", "two", "three"]


def test_campaigns_date_filter_tests_date_added(api, campaigns):
    assert _names(api, date_from=T + 10) == ["two", "three"]
    assert _names(api, date_to=T + 10) == ["one", "two"]


def test_campaigns_q_by_name(api, campaigns):
    assert _names(api, q="name:TWO") == ["two"]


def test_templates_default_and_custom_order(api, emulator, frozen):
    emulator.control.add("templates", [{"template_name": "b"}, {"template_name": "a"}])
    names = [r["template_name"] for r in api.get("/sms/templates").json()["data"]["data"]]
    assert names == ["b", "a"]
    params = {"order_by": "template_name:asc"}
    rows = api.get("/sms/templates", params=params).json()["data"]["data"]
    assert [r["template_name"] for r in rows] == ["a", "b"]


def test_lists_ordered_by_list_id(api, emulator, frozen):
    emulator.control.add("lists", [{"list_id": 30}, {"list_id": 10}, {"list_id": 20}])
    rows = api.get("/lists").json()["data"]["data"]
    assert [row["list_id"] for row in rows] == [10, 20, 30]


@pytest.fixture
def contacts(emulator, frozen):
    emulator.control.add("lists", [{"list_id": 7}])
    return emulator.control.add(
        "contacts",
        [
            {"list_id": 7, "contact_id": 3, "date_updated": T + 20},
            {"list_id": 7, "contact_id": 1, "date_updated": T + 10},
            {"list_id": 7, "contact_id": 2, "date_updated": T},
        ],
    )


def _contact_ids(api, **params):
    rows = api.get("/lists/7/contacts", params=params).json()["data"]["data"]
    return [row["contact_id"] for row in rows]


def test_contacts_ordered_by_contact_id(api, contacts):
    assert _contact_ids(api) == [1, 2, 3]


@pytest.mark.parametrize(("bounds", "expected"), [("inclusive", [1, 3]), ("exclusive", [3])])
def test_contacts_updated_after(api, emulator, contacts, bounds, expected):
    emulator.control.switches(date_bounds=bounds)
    assert _contact_ids(api, updated_after=T + 10) == expected


def test_contact_update_moves_it_in_updated_after(api, contacts, frozen):
    api.put("/lists/7/contacts/2", json={"first_name": "New"})
    assert _contact_ids(api, updated_after=frozen) == [2]


def test_search_results_follow_changes(api, emulator, frozen):
    emulator.control.add("history", [{"status": "Sent", "custom_string": "old"}])
    assert _customs(api, q="status:sent") == ["old"]
    emulator.control.add("history", [{"status": "Sent", "custom_string": "new"}])
    assert _customs(api, q="status:sent") == ["old", "new"]
    api.post(
        "/sms/send",
        json={
            "messages": [
                {"to": "+61298765432", "body": "x", "schedule": frozen + 5, "custom_string": "s"}
            ]
        },
    )
    assert _customs(api, q="status:scheduled") == ["s"]
    emulator.control.advance_clock(5)
    assert _customs(api, q="status:scheduled") == []
