"""Fixtures of the compatibility suite: the site (ours, and a real Infisical when configured),
a fresh folder per test, and the odd servers the error checks need.

Every test works in its own folder (``/rc-<random>`` in ``dev``, deleted afterwards, with
everything in it) or creates and deletes its own tags, environments, keys and projects, so the
suite can run again and again against the same real backend.
"""

from __future__ import annotations

import dataclasses
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from ._raw import RawSite
from ._replay import ReplayServer
from ._sites import SKIP_REASON, Site, ours, real_site


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[pytest.TestReport]:
    """Report every "no real site" skip at one location, so ``-ra`` folds them into one line."""
    report: pytest.TestReport = yield
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple) and SKIP_REASON in str(longrepr[2]):
        report.longrepr = (__file__, _SITE_FIXTURE_LINE, longrepr[2])
    return report


@pytest.fixture(scope="session", params=["ours", "real"])
def site(request: pytest.FixtureRequest) -> Site:
    """The server under test: our local server, then the real one (skipped when unset)."""
    if request.param == "ours":
        server = request.getfixturevalue("infisical_server")
        return ours(server.url, server.bootstrap)
    found = real_site()
    if found is None:
        pytest.skip(SKIP_REASON)  # reported as one line (see pytest_runtest_makereport)
    return found


@pytest.fixture(scope="session")
def raw_site(site: Site) -> Iterator[RawSite]:
    """Plain-HTTP access to the site for set-up and clean-up (not the SDK under test)."""
    with RawSite(site) as session:
        yield session


_SITE_FIXTURE_LINE = site.__wrapped__.__code__.co_firstlineno if hasattr(site, "__wrapped__") else 0


def unique(prefix: str) -> str:
    """`prefix` plus 8 random hex digits (names of things a test creates)."""
    return f"{prefix}{uuid.uuid4().hex[:8]}"


@dataclass
class Area:
    """A fresh folder for one test: ``path`` in ``environment`` of the site's project."""

    site: Site
    raw: RawSite
    path: str
    environment: str = "dev"
    #: (environment, parent, name) of the other folders made for this test, deleted afterwards
    extra: list[tuple[str, str, str]] = field(default_factory=list)

    def folder(self, environment: str, name: str | None = None, parent: str = "/") -> str:
        """Another folder for this test (deleted afterwards); return its path."""
        name = name or unique("rc-")
        self.raw.create_folder(environment, name, parent)
        if parent == "/":
            self.extra.append((environment, parent, name))
        return parent.rstrip("/") + "/" + name


@pytest.fixture
def area(site: Site, raw_site: RawSite) -> Iterator[Area]:
    """A fresh folder ``/rc-<hex>`` in ``dev`` for this test, deleted with its contents."""
    name = unique("rc-")
    raw_site.create_folder("dev", name)
    found = Area(site, raw_site, "/" + name)
    try:
        yield found
    finally:
        raw_site.delete_folder("dev", name)
        for environment, parent, other in found.extra:
            raw_site.delete_folder(environment, other, parent)


class _NotInfisical(BaseHTTPRequestHandler):
    """Answers like a web server that is not an Infisical API: HTML pages, 200 and 404."""

    def _page(self) -> None:
        status = 200 if self.path in ("/", "/api/status") else 404
        body = b"<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._page()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self._page()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet


@pytest.fixture(scope="session")
def not_infisical_url() -> Iterator[str]:
    """The URL of a loopback web server that answers HTML for everything (not Infisical)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotInfisical)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def refused_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    from infisical_kit.testing import free_port

    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="session")
def rate_limited_site(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The site as reached without anything that dodges its rate limits.

    Ours: a second local server with a limit of 5 secret operations a minute. Real: the
    backend's direct URL (``INFISICAL_KIT_REAL_DIRECT_URL``; the shared recipe's proxy gives
    every request a new client address, so limits never trigger through it).
    """
    if site.kind == "real":
        if not site.direct_url:
            pytest.skip("set INFISICAL_KIT_REAL_DIRECT_URL to provoke the real rate limits")
        yield dataclasses.replace(site, url=site.direct_url)
        return
    from infisical_kit.testing import LocalServer

    env = {"INFISICAL_KIT_RATE_LIMIT_SECRETS": "5"}
    with LocalServer(tmp_path_factory.mktemp("rate-limited"), env=env) as server:
        yield ours(server.url, server.bootstrap)


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    """A loopback HTTP server answering with the recorded real responses (fresh per test)."""
    with ReplayServer.from_recordings() as server:
        yield server
