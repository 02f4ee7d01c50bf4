"""Shared fixtures: the real local server comes from the infisical_kit pytest plugin.

PostgreSQL: tests marked ``postgres`` get a fresh database on the server named by
``INFISICAL_KIT_TEST_POSTGRES_URL`` (default: trust auth on 127.0.0.1:5432). Where none is
reachable they are skipped with a message that says so; under CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from _pg import fresh_postgres_database

# pytester runs a user's own test files (tests/plugin, tests/docs) in a fresh pytest process.
pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True)
def _isolated_infisical_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A bare ``Client()`` reads the environment and ``~/.config``: hide the developer's.

    Removes every variable of the settings table (and the legacy PEM one), and points HOME,
    XDG_CONFIG_HOME and XDG_CACHE_HOME at an empty directory. INFISICAL_KIT_* (server, tests)
    are kept.
    """
    from infisical_kit._core.settings_table import SETTINGS

    for setting in SETTINGS:
        for name in setting.env:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("INFISICAL_SSL_CERTIFICATE", raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))


@pytest.fixture(autouse=True)
def _fresh_route_memory() -> Iterator[None]:
    """Each test starts with a process that has learned no site's routes and given no
    deprecation warning (a fault-injected "older server" must not teach later tests)."""
    from infisical_kit._route_memory import ROUTES

    ROUTES.forget()
    yield
    ROUTES.forget()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL of a fresh, empty PostgreSQL database, dropped afterwards."""
    with fresh_postgres_database("ik_test") as url:
        yield url
