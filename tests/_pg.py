"""A fresh PostgreSQL database for tests, made and dropped on the server named by
``INFISICAL_KIT_TEST_POSTGRES_URL`` (default: trust auth on 127.0.0.1:5432).

Where none is reachable the test is skipped with a message that says so; under CI (``CI=true``)
it fails instead. Used by the ``postgres_url`` fixture (tests/conftest.py) and the session-wide
one of tests/server/every.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def pg_admin_url() -> str:
    """The admin URL the test databases are created through."""
    return os.environ.get("INFISICAL_KIT_TEST_POSTGRES_URL", DEFAULT_PG_ADMIN_URL)


@contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """A SQLAlchemy URL of a fresh, empty database named ``<prefix>_<random>``, dropped after."""
    psycopg = pytest.importorskip("psycopg")
    admin = pg_admin_url()
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        message = f"PostgreSQL is not reachable at {admin.split('@')[-1]}: {exc}".strip()
        if os.environ.get("CI"):
            pytest.fail(f"{message} (PostgreSQL tests must run in CI)")
        pytest.skip(f"{message}; set INFISICAL_KIT_TEST_POSTGRES_URL to run the PostgreSQL tests")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        base = admin.rsplit("/", 1)[0]
        try:
            yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
        finally:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
