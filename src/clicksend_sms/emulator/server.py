"""The emulator's HTTP server: ClickSend's /v3 API plus the /_emulator control API.

Standard library only: ThreadingHTTPServer with HTTP/1.1 keep-alive and TCP_NODELAY, so a
client benchmark measures the client rather than the emulator.
"""

from __future__ import annotations

import json
import logging
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from clicksend_sms.emulator import control_api, seeds
from clicksend_sms.emulator.dispatch import HALF_BODY, ApiCall, handle_api
from clicksend_sms.emulator.envelope import INVALID_ENDPOINT, Response, error_body
from clicksend_sms.emulator.state import Emulator

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        self.emulator = emulator

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log a failed connection; a client that hung up early is routine, not an error."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            logger.debug("client %s closed the connection: %s", client_address, error)
        else:
            logger.exception("request from %s failed", client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ClickSendEmulator/1.0"
    sys_version = ""
    server: _HttpServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_OPTIONS(self) -> None:
        self._dispatch("OPTIONS")

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    def _dispatch(self, method: str) -> None:
        raw_body = self._read_body()
        target = urlsplit(self.path)
        query = dict(parse_qsl(target.query, keep_blank_values=True))
        path = target.path
        if path == "/_emulator" or path.startswith("/_emulator/"):
            status, payload = control_api.handle(self.server.emulator, method, path, raw_body)
            self._send(Response(status, payload))
        elif path == "/v3" or path.startswith("/v3/"):
            self._api(method, path, query, raw_body)
        else:
            self._send(Response(404, error_body(404, INVALID_ENDPOINT)))

    def _api(self, method: str, path: str, query: dict[str, str], raw_body: bytes) -> None:
        host = self.headers.get("Host") or _host_port(self.server.server_address)
        call = ApiCall(
            method=method,
            path=path,
            query=query,
            raw_body=raw_body,
            content_type=self.headers.get("Content-Type", ""),
            authorization=self.headers.get("Authorization"),
            base_url=f"http://{host}/v3",
        )
        outcome = handle_api(self.server.emulator, call)
        if outcome.response is None:
            self.close_connection = True
            return
        self._send(outcome.response, outcome.truncate)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline()

    def _send(self, response: Response, truncate: int | None = None) -> None:
        if isinstance(response.body, str):
            payload, content_type = response.body.encode(), "text/html; charset=UTF-8"
        else:
            payload = json.dumps(response.body, separators=(",", ":")).encode()
            content_type = "application/json"
        if truncate is not None:
            payload = payload[: len(payload) // 2 if truncate == HALF_BODY else truncate]
        self.send_response(response.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


def _host_port(address: Any) -> str:
    host, port = address[0], address[1]
    host = host.decode() if isinstance(host, bytes) else str(host)
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class EmulatorServer:
    """A ClickSend emulator on a background thread.

    ``port=0`` lets the OS pick a free port; read it back from :attr:`base_url`. Credentials
    default to CLICKSEND_USERNAME / CLICKSEND_API_KEY, then ``demo-user`` / ``demo-key``.
    """

    def __init__(
        self,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        username: str | None = None,
        api_key: str | None = None,
        switches: dict[str, Any] | None = None,
        seed: str | None = None,
    ) -> None:
        self.emulator = Emulator(username, api_key)
        self.emulator.reset(switches)
        if seed and seed != "none":
            seeds.apply(self.emulator, {"name": seed})
        self._httpd = _HttpServer((host, port), self.emulator)
        self._thread: threading.Thread | None = None

    @property
    def username(self) -> str:
        return self.emulator.username

    @property
    def api_key(self) -> str:
        return self.emulator.api_key

    @property
    def control_url(self) -> str:
        """Return the server root, e.g. ``http://127.0.0.1:8765``; the control API is below it."""
        return "http://" + _host_port(self._httpd.server_address)

    @property
    def base_url(self) -> str:
        """Return the ClickSend base URL, e.g. ``http://127.0.0.1:8765/v3``."""
        return self.control_url + "/v3"

    def start(self) -> EmulatorServer:
        """Serve on a daemon thread and return self."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="clicksend-emulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (if started) and close the listening socket."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
