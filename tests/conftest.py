"""Shared fixtures: the real local server comes from the infisical_kit pytest plugin.

PostgreSQL: tests marked ``postgres`` get a fresh database on the server named by
``INFISICAL_KIT_TEST_POSTGRES_URL`` (default: trust auth on 127.0.0.1:5432). Where none is
reachable they are skipped with a message that says so; under CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(autouse=True)
def _isolated_infisical_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A bare ``Client()`` reads the environment and ``~/.config``: hide the developer's.

    Removes every variable of the settings table (and the legacy PEM one), and points HOME
    and XDG_CONFIG_HOME at an empty directory. INFISICAL_KIT_* (server, tests) are kept.
    """
    from infisical_kit._core.settings_table import SETTINGS

    for setting in SETTINGS:
        for name in setting.env:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("INFISICAL_SSL_CERTIFICATE", raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))


def _pg_admin_url() -> str:
    return os.environ.get("INFISICAL_KIT_TEST_POSTGRES_URL", DEFAULT_PG_ADMIN_URL)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL of a fresh, empty PostgreSQL database, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    admin = _pg_admin_url()
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        message = f"PostgreSQL is not reachable at {admin.split('@')[-1]}: {exc}".strip()
        if os.environ.get("CI"):
            pytest.fail(f"{message} (PostgreSQL tests must run in CI)")
        pytest.skip(f"{message}; set INFISICAL_KIT_TEST_POSTGRES_URL to run the PostgreSQL tests")
    name = f"ik_test_{uuid.uuid4().hex[:12]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        base = admin.rsplit("/", 1)[0]
        try:
            yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
        finally:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
