"""Pagination: keys, limits, page URLs, empty results and the /lists extras."""

from __future__ import annotations

import pytest

PAGE_KEYS = {
    "total",
    "per_page",
    "current_page",
    "last_page",
    "next_page_url",
    "prev_page_url",
    "from",
    "to",
    "data",
}
LIST_EXTRA_KEYS = {"first_page_url", "last_page_url", "path", "links"}


@pytest.fixture
def forty_rows(emulator, frozen):
    emulator.control.seed("generated", collection="history", count=40, start=frozen - 100)
    return 40


def test_page_has_all_documented_keys(api, forty_rows):
    data = api.get("/sms/history").json()["data"]
    assert set(data) == PAGE_KEYS


@pytest.mark.parametrize(
    ("path", "collection"),
    [
        pytest.param("/sms/history", "history", id="history"),
        pytest.param("/sms/receipts", "receipts", id="receipts"),
        pytest.param("/sms/inbound", "inbound", id="inbound"),
        pytest.param("/sms/templates", "templates", id="templates"),
        pytest.param("/sms-campaigns", "campaigns", id="campaigns"),
    ],
)
def test_only_lists_carry_laravel_extras(api, emulator, frozen, path, collection):
    emulator.control.seed("generated", collection=collection, count=3)
    assert set(api.get(path).json()["data"]) == PAGE_KEYS


def test_lists_carry_laravel_extras(api, emulator, frozen):
    emulator.control.seed("generated", collection="lists", count=40)
    data = api.get("/lists", params={"page": 2}).json()["data"]
    base = api.base_url.join("/v3/lists")
    assert set(data) == PAGE_KEYS | LIST_EXTRA_KEYS
    assert data["first_page_url"] == f"{base}?page=1"
    assert data["last_page_url"] == f"{base}?page=3"
    assert data["path"] == str(base)
    labels = [link["label"] for link in data["links"]]
    assert labels == ["&laquo; Previous", "1", "2", "3", "Next &raquo;"]
    assert [link["active"] for link in data["links"]] == [False, False, True, False, False]


def test_default_limit_is_15(api, forty_rows):
    data = api.get("/sms/history").json()["data"]
    assert data["per_page"] == 15
    assert len(data["data"]) == 15
    assert data["last_page"] == 3


def test_middle_page_values(api, forty_rows):
    data = api.get("/sms/history", params={"page": 2, "limit": 15}).json()["data"]
    base = api.base_url.join("/v3/sms/history")
    assert (data["current_page"], data["from"], data["to"]) == (2, 16, 30)
    assert data["next_page_url"] == f"{base}?page=3"
    assert data["prev_page_url"] == f"{base}?page=1"


def test_last_page_has_null_next(api, forty_rows):
    data = api.get("/sms/history", params={"page": 3}).json()["data"]
    assert (data["from"], data["to"], len(data["data"])) == (31, 40, 10)
    assert data["next_page_url"] is None


def test_page_past_the_end_is_empty(api, forty_rows):
    data = api.get("/sms/history", params={"page": 9}).json()["data"]
    assert data["data"] == []
    assert (data["from"], data["to"], data["total"], data["last_page"]) == (None, None, 40, 3)
    assert data["next_page_url"] is None


def test_pages_cover_every_row_once(api, forty_rows):
    ids = []
    for page in (1, 2, 3):
        rows = api.get("/sms/history", params={"page": page, "limit": 15}).json()["data"]["data"]
        ids += [row["message_id"] for row in rows]
    assert len(ids) == 40
    assert len(set(ids)) == 40


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        pytest.param("5", 15, id="below-min"),
        pytest.param("15", 15, id="min"),
        pytest.param("100", 100, id="max"),
        pytest.param("500", 100, id="above-max"),
        pytest.param("abc", 15, id="not-a-number"),
    ],
)
def test_limit_is_clamped_by_default(api, forty_rows, limit, expected):
    assert api.get("/sms/history", params={"limit": limit}).json()["data"]["per_page"] == expected


@pytest.mark.parametrize("limit", ["5", "101", "abc"])
def test_limit_outside_range_rejected_by_switch(api, emulator, forty_rows, limit):
    emulator.control.switches(limit_policy="reject")
    response = api.get("/sms/history", params={"limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()["data"]


@pytest.mark.parametrize("page", ["0", "-3", "x"])
def test_invalid_page_means_first(api, forty_rows, page):
    assert api.get("/sms/history", params={"page": page}).json()["data"]["current_page"] == 1


@pytest.mark.parametrize(("switch", "expected"), [(0, 0), (1, 1)])
def test_empty_result_last_page_follows_switch(api, emulator, switch, expected):
    emulator.control.switches(empty_last_page=switch)
    data = api.get("/sms/history").json()["data"]
    assert data["total"] == 0
    assert data["last_page"] == expected
    assert data["current_page"] == 1
    assert (data["from"], data["to"], data["next_page_url"]) == (None, None, None)
