"""iter_pages and iter_records: page walking, stop rules, loop guards and input checks."""

from __future__ import annotations

import json
import math

import pytest
from werkzeug import Request, Response

from clicksend_sms.api import Page, pagination
from clicksend_sms.errors import InvalidInputError, ResponseFormatError
from tests.api.conftest import envelope

PATH = "/v3/sms/history"


def _json(body) -> Response:
    return Response(json.dumps(body), content_type="application/json")


def _paginator(total: int, *, last_page_when_empty: int = 0):
    """A handler that pages ``total`` history rows the way ClickSend's paginator does."""

    def handler(request: Request) -> Response:
        page = int(request.args["page"])
        limit = int(request.args["limit"])
        last_page = math.ceil(total / limit) if total else last_page_when_empty
        start = (page - 1) * limit
        rows = [{"message_id": f"MSG-{i:05d}"} for i in range(start, min(start + limit, total))]
        next_url = f"http://example.invalid/v3/sms/history?page={page + 1}"
        return _json(
            envelope(
                data={
                    "total": total,
                    "per_page": limit,
                    "current_page": page,
                    "last_page": last_page,
                    "next_page_url": next_url if page < last_page else None,
                    "prev_page_url": None,
                    "from": start + 1 if rows else None,
                    "to": start + len(rows) if rows else None,
                    "data": rows,
                }
            )
        )

    return handler


def _sent_pages(server) -> list[tuple[str, str]]:
    return [(req.args["page"], req.args["limit"]) for req, _ in server.log]


@pytest.mark.parametrize("total", [0, 1, 15, 16, 100, 101, 1000])
@pytest.mark.parametrize("page_size", [15, 100])
def test_iter_records_reads_every_record(server, make_client, total, page_size):
    server.expect_request(PATH).respond_with_handler(_paginator(total))

    records = list(make_client().iter_records("/sms/history", page_size=page_size))

    assert [r["message_id"] for r in records] == [f"MSG-{i:05d}" for i in range(total)]
    expected_requests = max(1, math.ceil(total / page_size))
    assert _sent_pages(server) == [
        (str(page), str(page_size)) for page in range(1, expected_requests + 1)
    ]


def test_page_metadata(server, make_client):
    server.expect_request(PATH).respond_with_handler(_paginator(40))

    pages = list(make_client().iter_pages("/sms/history", page_size=15))

    assert [p.number for p in pages] == [1, 2, 3]
    assert [len(p.records) for p in pages] == [15, 15, 10]
    assert [p.is_last for p in pages] == [False, False, True]
    assert all(isinstance(p, Page) for p in pages)
    assert pages[0].total == 40
    assert pages[0].per_page == 15
    assert pages[0].last_page == 3
    assert pages[0].next_page_url.endswith("page=2")
    assert pages[2].next_page_url is None


def test_empty_result_with_last_page_zero(server, make_client):
    server.expect_request(PATH).respond_with_handler(_paginator(0, last_page_when_empty=0))

    pages = list(make_client().iter_pages("/sms/history"))

    assert len(pages) == 1
    assert pages[0].records == []
    assert pages[0].last_page == 0
    assert pages[0].is_last is True


def test_empty_result_with_last_page_one(server, make_client):
    server.expect_request(PATH).respond_with_handler(_paginator(0, last_page_when_empty=1))

    assert list(make_client().iter_records("/sms/history")) == []
    assert len(server.log) == 1


def test_stops_on_empty_page(server, make_client):
    # Claims five pages, but the second is empty.
    def handler(request: Request) -> Response:
        page = int(request.args["page"])
        rows = [{"message_id": "A"}] if page == 1 else []
        data = {"current_page": page, "last_page": 5, "next_page_url": "x", "data": rows}
        return _json(envelope(data=data))

    server.expect_request(PATH).respond_with_handler(handler)

    records = list(make_client().iter_records("/sms/history"))

    assert records == [{"message_id": "A"}]
    assert len(server.log) == 2


def test_stops_on_null_next_page_url(server, make_client):
    data = {"current_page": 1, "last_page": 9, "next_page_url": None, "data": [{"id": 1}]}
    server.expect_request(PATH).respond_with_json(envelope(data=data))

    assert list(make_client().iter_records("/sms/history")) == [{"id": 1}]
    assert len(server.log) == 1


def test_numeric_strings_in_metadata(server, make_client):
    data = {"current_page": "1", "last_page": "1", "total": "2", "per_page": "15",
            "next_page_url": None, "data": [{"id": 1}, {"id": 2}]}  # fmt: skip
    server.expect_request(PATH).respond_with_json(envelope(data=data))

    (page,) = make_client().iter_pages("/sms/history", page_size=15)

    assert (page.number, page.last_page, page.total, page.per_page) == (1, 1, 2, 15)


def test_repeated_page_number_detected(server, make_client):
    # A server that ignores ?page= and always returns page 1 of 3.
    data = {
        "current_page": 1,
        "last_page": 3,
        "next_page_url": "x",
        "data": [{"message_id": "A"}],
    }
    server.expect_request(PATH).respond_with_json(envelope(data=data))
    pages = make_client().iter_pages("/sms/history")

    first = next(pages)
    with pytest.raises(ResponseFormatError) as caught:
        next(pages)

    assert first.number == 1
    assert len(server.log) == 2
    assert "returned page 1 twice" in str(caught.value)
    assert caught.value.path == "/sms/history"


def test_identical_records_on_consecutive_pages_detected(server, make_client):
    def handler(request: Request) -> Response:
        page = int(request.args["page"])
        data = {
            "current_page": page,
            "last_page": 3,
            "next_page_url": "x",
            "data": [{"message_id": "A", "page": page}, {"message_id": "B"}],
        }
        return _json(envelope(data=data))

    server.expect_request(PATH).respond_with_handler(handler)

    with pytest.raises(ResponseFormatError) as caught:
        list(make_client().iter_records("/sms/history"))

    assert "pages 1 and 2 hold the same records" in str(caught.value)


def test_max_pages_stops_quietly(server, make_client):
    server.expect_request(PATH).respond_with_handler(_paginator(1000))

    pages = list(make_client().iter_pages("/sms/history", page_size=100, max_pages=2))

    assert [p.number for p in pages] == [1, 2]
    assert len(server.log) == 2


def test_default_page_cap_raises(server, make_client, monkeypatch):
    monkeypatch.setattr(pagination, "DEFAULT_MAX_PAGES", 3)
    server.expect_request(PATH).respond_with_handler(_paginator(1000))

    with pytest.raises(ResponseFormatError) as caught:
        list(make_client().iter_records("/sms/history", page_size=15))

    assert len(server.log) == 3
    assert "still had pages after 3 pages" in str(caught.value)


def test_params_sent_on_every_page(server, make_client):
    server.expect_request(PATH).respond_with_handler(_paginator(40))
    params = {"date_from": 1715660441, "order_by": "date:asc", "q": None, "page": 9, "limit": 5}

    list(make_client().iter_records("/sms/history", params, page_size=15))

    for index, (request, _) in enumerate(server.log, start=1):
        assert request.args.to_dict() == {
            "date_from": "1715660441",
            "order_by": "date:asc",
            "page": str(index),
            "limit": "15",
        }
    assert len(server.log) == 3


def test_start_page(server, make_client):
    server.expect_request(PATH).respond_with_handler(_paginator(60))

    pages = list(make_client().iter_pages("/sms/history", page_size=15, start_page=3))

    assert [p.number for p in pages] == [3, 4]
    assert _sent_pages(server) == [("3", "15"), ("4", "15")]


def test_pages_fetched_lazily(server, make_client):
    server.expect_request(PATH).respond_with_handler(_paginator(1000))
    pages = make_client().iter_pages("/sms/history")

    assert server.log == []
    next(pages)
    assert len(server.log) == 1
    next(pages)
    assert len(server.log) == 2


@pytest.mark.parametrize(
    ("max_records", "expected_records", "expected_requests"),
    [(1, 1, 1), (15, 15, 1), (20, 20, 2), (45, 40, 3)],
)
def test_iter_records_max_records(
    server, make_client, max_records, expected_records, expected_requests
):
    server.expect_request(PATH).respond_with_handler(_paginator(40))

    records = list(
        make_client().iter_records("/sms/history", page_size=15, max_records=max_records)
    )

    assert len(records) == expected_records
    assert len(server.log) == expected_requests


@pytest.mark.parametrize("page_size", [14, 101, 0, -1, 15.5, "50", True, None])
def test_page_size_outside_range_rejected_before_request(server, make_client, page_size):
    client = make_client()

    with pytest.raises(InvalidInputError) as caught:
        client.iter_pages("/sms/history", page_size=page_size)

    assert caught.value.field == "pageSize"
    assert caught.value.value == page_size
    assert "15 to 100" in caught.value.fix
    assert server.log == []


def test_iter_records_checks_page_size_at_call(server, make_client):
    with pytest.raises(InvalidInputError) as caught:
        make_client().iter_records("/sms/history", page_size=200)

    assert caught.value.field == "pageSize"
    assert server.log == []


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"max_pages": 0}, "maxPages"),
        ({"start_page": 0}, "startPage"),
    ],
)
def test_page_walk_options_checked(server, make_client, options, field):
    with pytest.raises(InvalidInputError) as caught:
        make_client().iter_pages("/sms/history", **options)

    assert caught.value.field == field
    assert server.log == []


@pytest.mark.parametrize(
    "data",
    [None, [], {"current_page": 1}, {"data": "rows"}, {"data": [1, 2]}],
    ids=["null", "list", "no-rows", "rows-not-list", "rows-not-objects"],
)
def test_malformed_page_raises(server, make_client, data):
    server.expect_request(PATH).respond_with_json(envelope(data=data))

    with pytest.raises(ResponseFormatError):
        list(make_client().iter_pages("/sms/history"))
