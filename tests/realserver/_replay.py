"""A real HTTP server on loopback that answers with recorded responses of a real Infisical.

The recordings (tests/realserver/recordings/*.json, written by scripts/record_real.py) hold
exchanges: method, path, query, body, the request fields that select the exchange (``match``),
and the status, headers and body that came back. A request is answered by a recorded exchange
with the same method and path whose every ``match`` field has the same value in the request;
when several fit, the most specific one (most ``match`` fields) wins, and among equals they are
served in recorded order (the last one repeats). ``match`` fields:

* ``query.X`` - query parameter X; ``body.X`` - top-level JSON body field X (absent = None);
* ``body.X[].Y`` - the list of field Y of the items of the body's list X;
* ``authorization`` - the ``Authorization`` header.

A request to a route the recorded server lacks (routes.json: method and path pattern, each
proven by a recorded probe) gets that server's Fastify answer, ``404 {"message": "Route
METHOD:/path?query not found", ...}``; the recorded probes themselves only prove the pattern.
Anything else gets ``501`` with a ``replay`` message and
is kept in `ReplayServer.unmatched`, so a test can tell that it left the recording.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from infisical_kit import Client

RECORDINGS = Path(__file__).resolve().parent / "recordings"
#: the recorder's stand-in for the recorded identity's client secret
CLIENT_SECRET = "synthetic-client-secret"
_MISSING = object()


def load(name: str) -> dict[str, Any]:
    """One recording file (``secrets``, ``kms``, ``routes``, ...) as a dict."""
    data: dict[str, Any] = json.loads((RECORDINGS / f"{name}.json").read_text())
    return data


def select(name: str, query: dict[str, str], body: Any, authorization: str | None) -> Any:
    """The value of `match` field `name` in a request (None when absent)."""
    where, _, rest = name.partition(".")
    if name == "authorization":
        return authorization
    if where == "query":
        return query.get(rest)
    if where != "body" or not isinstance(body, dict):
        return None
    if "[]." in rest:
        items, _, inner = rest.partition("[].")
        values = body.get(items)
        if not isinstance(values, list):
            return None
        return [item.get(inner) if isinstance(item, dict) else None for item in values]
    return body.get(rest)


def _is_route_not_found(exchange: Exchange) -> bool:
    response = exchange.response
    message = response.get("message") if isinstance(response, dict) else None
    return exchange.status == 404 and isinstance(message, str) and message.startswith("Route ")


@dataclass
class Exchange:
    """One recorded exchange."""

    label: str
    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorization: str | None
    match: list[str]
    status: int
    headers: dict[str, str]
    response: Any

    def selected_by(self, query: dict[str, str], body: Any, authorization: str | None) -> bool:
        """True if every `match` field of the request has the recorded value."""
        return all(
            select(name, query, body, authorization)
            == select(name, self.query, self.body, self.authorization)
            for name in self.match
        )


@dataclass
class Seen:
    """One request the replay server received, and what it answered."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int
    label: str


@dataclass
class ReplayServer:
    """Serves the recordings on a free loopback port (use as a context manager)."""

    exchanges: list[Exchange]
    absent: list[tuple[str, re.Pattern[str]]]
    seen: list[Seen] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    _cursor: dict[tuple[int, ...], int] = field(default_factory=lambda: defaultdict(int))
    _overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    @classmethod
    def from_recordings(cls, names: list[str] | None = None) -> ReplayServer:
        """A server for the named recordings (default: every file but routes.json)."""
        files = names or sorted(p.stem for p in RECORDINGS.glob("*.json") if p.stem != "routes")
        recorded = [Exchange(**item) for name in files for item in load(name)["exchanges"]]
        # The probes of absent routes are answered by the absent-route rule, for any query.
        exchanges = [e for e in recorded if not _is_route_not_found(e)]
        absent = [
            (route["method"], re.compile(route["pattern"])) for route in load("routes")["absent"]
        ]
        return cls(exchanges, absent)

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8123``."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def override_headers(self, label: str, headers: dict[str, str]) -> None:
        """Answer the exchange labelled `label` with these headers changed (e.g. a shorter
        ``retry-after``)."""
        self._overrides[label] = headers

    def count(self, method: str, path: str) -> int:
        """How many requests for ``method path`` arrived."""
        return sum(1 for s in self.seen if s.method == method and s.path == path)

    def answer(
        self, method: str, raw_path: str, body: Any, authorization: str | None
    ) -> tuple[int, dict[str, str], Any, str]:
        """(status, headers, JSON body, label) for one request."""
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        fits = [
            (index, e)
            for index, e in enumerate(self.exchanges)
            if e.method == method and e.path == path and e.selected_by(query, body, authorization)
        ]
        if fits:
            best = max(len(e.match) for _, e in fits)
            group = [(i, e) for i, e in fits if len(e.match) == best]
            key = tuple(i for i, _ in group)
            with self._lock:
                position = min(self._cursor[key], len(group) - 1)
                self._cursor[key] += 1
            exchange = group[position][1]
            headers = {**exchange.headers, **self._overrides.get(exchange.label, {})}
            return exchange.status, headers, exchange.response, exchange.label
        for want, pattern in self.absent:
            if want in ("*", method) and pattern.search(path):
                message = f"Route {method}:{raw_path} not found"
                envelope = {"message": message, "error": "Not Found", "statusCode": 404}
                return 404, {"content-type": "application/json"}, envelope, "(absent route)"
        self.unmatched.append(f"{method} {raw_path} {json.dumps(body)[:200]}")
        problem = {"replay": f"no recorded exchange for {method} {raw_path}"}
        return 501, {"content-type": "application/json"}, problem, "(unmatched)"

    def __enter__(self) -> ReplayServer:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode(errors="replace")
                auth = self.headers.get("Authorization")
                status, headers, data, label = replay.answer(self.command, self.path, body, auth)
                parts = urlsplit(self.path)
                query = dict(parse_qsl(parts.query, keep_blank_values=True))
                replay.seen.append(
                    Seen(self.command, unquote(parts.path), query, body, status, label)
                )
                payload = json.dumps(data).encode()
                self.send_response(status)
                for name, value in headers.items():
                    if name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _handle

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def client_of(replay: ReplayServer, recording: str, **kwargs: Any) -> Client:
    """A client of the replayed server as the recorded identity, in the scope (project,
    environment, folder) of `recording`; `kwargs` go to the constructor (cache off)."""
    meta = load(recording)["meta"]
    options: dict[str, Any] = {
        "client_id": load("auth")["meta"]["client_id"],
        "client_secret": CLIENT_SECRET,
        "project_id": meta["project_id"],
        "environment": meta.get("environment", "dev"),
        "cache_ttl": 0,
    }
    if "path" in meta:
        options["secret_path"] = meta["path"]
    return Client(replay.url, **{**options, **kwargs})
