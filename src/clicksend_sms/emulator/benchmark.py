"""Measure how many history pages per second the emulator serves.

    .venv/bin/python -m clicksend_sms.emulator.benchmark [--rows 200000] [--pages 2000]

Starts an emulator in this process, seeds ``--rows`` generated history rows (ten per second),
then fetches pages over one keep-alive connection with the standard library's http.client
and prints one line per scenario. The client is as thin as possible so that the figure is
the emulator's, not the client's.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import random
import time
from collections.abc import Callable

from clicksend_sms.emulator.control import EmulatorControl
from clicksend_sms.emulator.server import EmulatorServer

START = 1_700_000_000
PER_SECOND = 10


def _scenarios(rows: int, limit: int) -> dict[str, Callable[[random.Random], str]]:
    pages = max(1, rows // limit)
    span = rows // PER_SECOND

    def window(rng: random.Random) -> str:
        low = START + rng.randrange(span)
        return f"date_from={low}&date_to={low + 3600}&limit={limit}&page=1"

    return {
        "default order, random page": lambda rng: f"limit={limit}&page={rng.randrange(pages) + 1}",
        "date:desc, random page": (
            lambda rng: f"order_by=date:desc&limit={limit}&page={rng.randrange(pages) + 1}"
        ),
        "date_from/date_to window": window,
        "q=status:Failed, random page (scan cached)": (
            lambda rng: f"q=status:Failed&limit={limit}&page={rng.randrange(pages // 5) + 1}"
        ),
    }


def _run(connection: http.client.HTTPConnection, auth: str, query: str) -> int:
    connection.request("GET", "/v3/sms/history?" + query, headers={"Authorization": auth})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET /v3/sms/history?{query} returned {response.status}: {body!r}")
    return len(json.loads(body)["data"]["data"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="history rows to seed")
    parser.add_argument("--pages", type=int, default=2000, help="pages per scenario")
    parser.add_argument("--limit", type=int, default=100, help="rows per page (15..100)")
    args = parser.parse_args()

    with EmulatorServer(port=0, username="bench", api_key="bench-key") as server:
        control = EmulatorControl(server.control_url)
        started = time.perf_counter()
        control.seed(
            "generated", collection="history", count=args.rows, start=START, per_second=PER_SECOND
        )
        print(f"seeded {args.rows} history rows in {time.perf_counter() - started:.2f} s")

        host, port = server.control_url.removeprefix("http://").rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port))
        auth = "Basic " + base64.b64encode(b"bench:bench-key").decode()
        for name, make_query in _scenarios(args.rows, args.limit).items():
            rng = random.Random(1)  # noqa: S311 (page choice, not security)
            queries = [make_query(rng) for _ in range(args.pages)]
            started = time.perf_counter()
            fetched = sum(_run(connection, auth, query) for query in queries)
            elapsed = time.perf_counter() - started
            print(
                f"{name}: {args.pages / elapsed:,.0f} pages/s, "
                f"{elapsed / args.pages * 1000:.2f} ms/page, {fetched / args.pages:.0f} rows/page"
            )
        connection.close()


if __name__ == "__main__":
    main()
