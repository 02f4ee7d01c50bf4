"""The ``server_backend`` fixture: one real server per backend (SQLite, PostgreSQL) per session.

The PostgreSQL half gets a fresh database for the session on the server named by
``INFISICAL_KIT_TEST_POSTGRES_URL`` (default: trust auth on 127.0.0.1:5432), made and dropped
by tests/_pg.py like the function-scoped ``postgres_url`` fixture in tests/conftest.py. Where none
is reachable it is skipped; under CI (``CI=true``) it fails instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
def server_backend(
    request: pytest.FixtureRequest, key_server: Any, moto: Any
) -> Iterator[LocalServer]:
    """A dev server on SQLite or on a fresh PostgreSQL database, shared by the session; its
    cloud logins are verified against moto (STS) and the loopback key server."""
    url = None
    if request.param == "postgres":
        url = request.getfixturevalue("session_postgres_url")
    env = {
        "INFISICAL_KIT_AWS_STS_ENDPOINT": moto.url,
        "INFISICAL_KIT_GCP_API_URL": f"{key_server.url}/google",
        "INFISICAL_KIT_AZURE_LOGIN_URL": f"{key_server.url}/azure",
    }
    with LocalServer(database_url=url, env=env) as server:
        yield server


@pytest.fixture(scope="session")
def world(
    request: pytest.FixtureRequest, server_backend: LocalServer, key_server: Any, moto: Any
) -> Iterator[World]:
    """The shared resources (project, folder, secret, tag, keys, identities ...) of a backend,
    and the services its logins are verified against (slapd started on first use)."""
    with World(server_backend.url, server_backend.bootstrap) as w:
        w.services = {
            "key_server": key_server,
            "moto": moto,
            "ldap": lambda: request.getfixturevalue("ldap_directory"),
        }
        yield w
