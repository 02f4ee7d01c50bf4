"""The ``server_backend`` fixture: one real server per backend (SQLite, PostgreSQL) per session.

The PostgreSQL half gets a fresh database for the session on the server named by
``INFISICAL_KIT_TEST_POSTGRES_URL`` (default: trust auth on 127.0.0.1:5432), made and dropped
by tests/_pg.py like the function-scoped ``postgres_url`` fixture in tests/conftest.py. Where none
is reachable it is skipped; under CI (``CI=true``) it fails instead.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from _pg import fresh_postgres_database
from infisical_kit.testing import LocalServer

from .scenarios import World

BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


@pytest.fixture(scope="session")
def session_postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL of a fresh PostgreSQL database for the whole session, dropped after."""
    with fresh_postgres_database("ik_every") as url:
        yield url


@pytest.fixture(scope="session", params=BACKENDS)
def server_backend(request: pytest.FixtureRequest) -> Iterator[LocalServer]:
    """A dev server on SQLite or on a fresh PostgreSQL database, shared by the session."""
    url = None
    if request.param == "postgres":
        url = request.getfixturevalue("session_postgres_url")
    with LocalServer(database_url=url) as server:
        yield server


@pytest.fixture(scope="session")
def world(server_backend: LocalServer) -> Iterator[World]:
    """The shared resources (project, folder, secret, tag, keys, identities ...) of a backend."""
    with World(server_backend.url, server_backend.bootstrap) as w:
        yield w
