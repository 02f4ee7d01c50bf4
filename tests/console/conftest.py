"""Fixtures of the console tests: one server for the module, a browser, a logged-in page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infisical_kit.testing import LocalServer

pytest.register_assert_rewrite(f"{__package__}._http", f"{__package__}._browser")

from ._browser import chromium  # noqa: E402
from ._http import Api  # noqa: E402


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """A dev server (SQLite) for the test module."""
    with LocalServer() as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium for the test module (cookies cleared by ``page``)."""
    with chromium() as driver:
        yield driver


@pytest.fixture
def api(server: LocalServer) -> Iterator[Api]:
    """The bootstrap identity over the REST API."""
    client = Api(server)
    yield client
    client.close()
