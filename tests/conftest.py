"""Shared fixtures: the real local server comes from the infisical_kit pytest plugin.

PostgreSQL: tests marked ``postgres`` get a fresh database on the server named by
``INFISICAL_KIT_TEST_POSTGRES_URL`` (default: trust auth on 127.0.0.1:5432). Where none is
reachable they are skipped with a message that says so; under CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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


# -- the services machine-identity logins are verified against (tests/_login_services.py) -----


@pytest.fixture(scope="session")
def key_server() -> Iterator[Any]:
    """A loopback stand-in for OIDC providers, Google's and Microsoft's keys, the GCE
    metadata server and Azure IMDS."""
    from _login_services import KeyServer

    with KeyServer() as server:
        yield server


@pytest.fixture(scope="session")
def moto() -> Iterator[Any]:
    """moto in server mode as AWS STS, with an IAM user's access key."""
    from _login_services import moto_sts

    with moto_sts() as sts:
        yield sts


@pytest.fixture(scope="session")
def ldap_directory() -> Iterator[Any]:
    """slapd with a throwaway directory and two users (skipped where slapd is missing)."""
    from _login_services import slapd_directory

    with slapd_directory() as directory:
        yield directory


@pytest.fixture(scope="session")
def login_server(key_server: Any, moto: Any) -> Iterator[Any]:
    """A local server whose cloud logins are verified against `moto` and `key_server`."""
    from infisical_kit.testing import LocalServer

    env = {
        "INFISICAL_KIT_AWS_STS_ENDPOINT": moto.url,
        "INFISICAL_KIT_GCP_API_URL": f"{key_server.url}/google",
        "INFISICAL_KIT_AZURE_LOGIN_URL": f"{key_server.url}/azure",
    }
    with LocalServer(env=env) as server:
        yield server
