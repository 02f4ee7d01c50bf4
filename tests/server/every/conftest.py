"""The ``server_backend`` fixture: one real server per backend (SQLite, PostgreSQL) per session.

The PostgreSQL half gets a fresh database for the session on the server named by
``INFISICAL_KIT_TEST_POSTGRES_URL`` (default: trust auth on 127.0.0.1:5432), made and dropped
the same way as the function-scoped ``postgres_url`` fixture in tests/conftest.py. Where none is
reachable it is skipped with the same message; under CI (``CI=true``) it fails instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from infisical_kit.testing import LocalServer

from .scenarios import World

DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


@pytest.fixture(scope="session")
def session_postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL of a fresh PostgreSQL database for the whole session, dropped after."""
    psycopg = pytest.importorskip("psycopg")
    admin = os.environ.get("INFISICAL_KIT_TEST_POSTGRES_URL", DEFAULT_PG_ADMIN_URL)
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        message = f"PostgreSQL is not reachable at {admin.split('@')[-1]}: {exc}".strip()
        if os.environ.get("CI"):
            pytest.fail(f"{message} (PostgreSQL tests must run in CI)")
        pytest.skip(f"{message}; set INFISICAL_KIT_TEST_POSTGRES_URL to run the PostgreSQL tests")
    name = f"ik_every_{uuid.uuid4().hex[:12]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        base = admin.rsplit("/", 1)[0]
        try:
            yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
        finally:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
