"""A loopback TCP server with scripted misbehaviour that pytest-httpserver cannot produce.

Each connection's request is read completely and counted, then the server either never
answers (to trigger read timeouts), closes without answering, or sends fixed raw bytes
(for example a body shorter than its Content-Length) and closes.
"""

from __future__ import annotations

import socket
import threading


class RawServer:
    def __init__(self, reply: bytes | None = None, *, hang: bool = False) -> None:
        self.reply = reply
        self.hang = hang
        self.requests: list[bytes] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.05)
        self._open: list[socket.socket] = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._listener.getsockname()
        return f"http://{host}:{port}/v3"

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)
        for conn in self._open:
            conn.close()
        self._listener.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(2)
        self.requests.append(_read_request(conn))
        if self.hang:
            self._open.append(conn)
            return
        if self.reply is not None:
            conn.sendall(self.reply)
        conn.close()


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def free_port() -> int:
    """Return a loopback port that nothing listens on (connections to it are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
