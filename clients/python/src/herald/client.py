"""The blocking client of the server API, on :mod:`http.client` with keep-alive connections."""

from __future__ import annotations

import http.client
import ssl
import threading
from typing import Any, Optional, Tuple
from urllib.parse import urlsplit

from . import __version__
from ._methods import ApiMethods
from .commands import Command, read_answer
from .errors import TransportError

__all__ = ["Client"]


class Client(ApiMethods):
    """Calls ``POST <url>/api/<method>`` with ``X-API-Key: <api_key>``.

    Thread-safe: each thread keeps its own keep-alive connection. A request that fails because
    the server closed an idle kept-alive connection is sent once more on a new one; any other
    failure raises at once (:class:`~herald.errors.TransportError`; retry a publish with an
    ``idempotency_key`` to be safe).

    :param url: the server, e.g. ``http://localhost:8000`` (``https://`` through a TLS proxy)
    :param api_key: the server's ``api.key``
    :param timeout: seconds to connect and to wait for each answer
    :param ssl_context: for ``https://``; default: the system's trust store
    """

    def __init__(self, url: str, api_key: str, *, timeout: float = 10.0,
                 ssl_context: Optional[ssl.SSLContext] = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"url must be http(s)://host[:port], not {url!r}")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        self._base = parts.path.rstrip("/")
        self._headers = {
            "Content-Type": "application/json",
            "X-API-Key": api_key,
            "User-Agent": f"herald-python/{__version__}",
        }
        self._timeout = timeout
        self._ssl = ssl_context
        self._local = threading.local()

    def run(self, command: Command) -> Any:
        """Sends ``command`` and returns its typed result."""
        status, content_type, body = self._post(f"{self._base}/api/{command.method}",
                                                command.body())
        return command.decode(read_answer(status, content_type, body))

    def call(self, method: str, params: Optional[dict] = None) -> Any:
        """Calls any method; returns its ``result`` as decoded JSON."""
        from .commands import raw
        return self.run(raw(method, params))

    def close(self) -> None:
        """Closes this thread's connection (others close when their thread ends)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connection(self) -> Tuple[http.client.HTTPConnection, bool]:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn, True
        if self._https:
            conn = http.client.HTTPSConnection(self._host, self._port, timeout=self._timeout,
                                               context=self._ssl or ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
        self._local.conn = conn
        return conn, False

    def _post(self, path: str, body: bytes) -> Tuple[int, str, bytes]:
        for attempt in (1, 2):
            conn, reused = self._connection()
            try:
                conn.request("POST", path, body=body, headers=self._headers)
                response = conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, response.getheader("Content-Type", ""), data
            except (http.client.RemoteDisconnected, ConnectionResetError,
                    BrokenPipeError) as e:
                self.close()
                if not (reused and attempt == 1):
                    raise TransportError(f"POST {path}: {e}") from e
            except (OSError, http.client.HTTPException) as e:
                self.close()
                raise TransportError(f"POST {path}: {e}") from e
        raise AssertionError("unreachable")
