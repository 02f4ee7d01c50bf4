"""pytest plugin (entry point ``infisical_kit`` in the ``pytest11`` group).

Fixtures:

* ``infisical_server`` (session) - a real local server (`LocalServer`) on a free loopback port
  with SQLite in a temporary directory; ``.url`` and ``.bootstrap`` describe it.

The server needs the ``[server]`` extra; without it the fixture skips with a message saying so.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import pytest

from infisical_kit.testing.server import LocalServer


@pytest.fixture(scope="session")
def infisical_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A real infisical-kit server for the whole test session."""
    if importlib.util.find_spec("fastapi") is None:
        pytest.skip("infisical_server needs the server: pip install 'infisical-kit[server]'")
    with LocalServer(tmp_path_factory.mktemp("infisical-server")) as server:
        yield server
