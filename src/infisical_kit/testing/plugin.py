"""pytest plugin (entry point ``infisical_kit`` in the ``pytest11`` group).

Fixtures:

* ``infisical_server`` (session) - a real local server (`InfisicalServer`, a `LocalServer`) on
  a free loopback port with SQLite in a temporary directory; ``.url`` and ``.bootstrap``.
* ``infisical_project`` - a FRESH project per test (created through ``POST /api/v1/projects``
  by the bootstrap machine identity, which becomes its admin; deleted afterwards), with the
  environments dev, staging and prod. An `InfisicalProject`.
* ``infisical_client`` - a `Client` bound to that project, environment ``dev``, path ``/``.
* ``infisical_async_client`` - the same as an `AsyncClient`; an async fixture run by anyio's
  pytest plugin, so use it from ``@pytest.mark.anyio`` tests.
* ``infisical_environ`` - sets the ``INFISICAL_*`` variables naming that project (domain,
  universal-auth credentials, project, environment ``dev``, path ``/``) for the code under
  test, with HOME pointing at an empty directory; returns them as a dict.
* ``infisical_seed`` - a function ``seed({"KEY": "value"}, environment="dev", path="/")`` that
  stores secrets in that project (creating the folders of `path`).

Isolation: the fixtures never read the developer's own ``INFISICAL_*`` variables, profile,
login session or ``.infisical.json``, and the server process does not inherit them.

The server needs the ``[server]`` extra; without it the fixtures skip with a message saying
so, and fail under CI (``CI`` set), where a skipped server test would hide a broken install.
Importing this module stays cheap (it loads in every pytest run): the SDK and the server
are imported inside the fixtures.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING

import pytest

from infisical_kit.testing.project import InfisicalProject

if TYPE_CHECKING:
    from infisical_kit import AsyncClient, Client
    from infisical_kit.config import Config
    from infisical_kit.testing.server import LocalServer

__all__ = ["InfisicalProject", "Seed", "require_server"]

#: The ``infisical_seed`` fixture: ``seed(secrets, environment="dev", path="/")``.
Seed = Callable[..., dict[str, str]]

SERVER_EXTRA = (
    "the local server needs the [server] extra: pip install 'infisical-kit[server]' "
    "(in a checkout: pip install '.[server]')"
)


def require_server() -> None:
    """Skip the calling test when the ``[server]`` extra is missing; fail under CI."""
    if importlib.util.find_spec("fastapi") is not None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{SERVER_EXTRA} (CI is set: server tests must run)", pytrace=False)
    pytest.skip(SERVER_EXTRA)


def _explicit_client_config(**values: object) -> Config:
    from infisical_kit.config import Config

    return Config.explicit(**values)  # reads no INFISICAL_* variable, profile or project file


@pytest.fixture(scope="session")
def infisical_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A real infisical-kit server for the whole test session."""
    require_server()
    from infisical_kit.testing.server import LocalServer

    with LocalServer(tmp_path_factory.mktemp("infisical-server")) as server:
        yield server


@pytest.fixture(scope="session")
def _infisical_admin(infisical_server: LocalServer) -> Iterator[Client]:
    """The bootstrap machine identity, logged in once per session (creates the projects)."""
    from infisical_kit import Client

    boot = infisical_server.bootstrap
    config = _explicit_client_config(
        site_url=infisical_server.url,
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
        cache_ttl=0,
    )
    with Client(config=config) as admin:
        yield admin


@pytest.fixture
def infisical_project(
    infisical_server: LocalServer, _infisical_admin: Client
) -> Iterator[InfisicalProject]:
    """A fresh project (dev/staging/prod) for this test, deleted afterwards."""
    from infisical_kit.errors import InfisicalError

    name = f"test-{uuid.uuid4().hex[:12]}"
    project = _infisical_admin.projects.create(name, slug=name)
    boot = infisical_server.bootstrap
    try:
        yield InfisicalProject(
            id=project.id,
            slug=project.slug or name,
            site_url=infisical_server.url,
            client_id=boot["client_id"],
            client_secret=boot["client_secret"],
            environments=[env.slug for env in project.environments] or ["dev", "staging", "prod"],
        )
    finally:
        with contextlib.suppress(InfisicalError):  # the test may have deleted it already
            _infisical_admin.projects.delete(project.id)


@pytest.fixture
def infisical_client(infisical_project: InfisicalProject) -> Iterator[Client]:
    """A `Client` on this test's fresh project (environment ``dev``, path ``/``, no cache)."""
    from infisical_kit import Client

    config = _explicit_client_config(**infisical_project.client_kwargs(), cache_ttl=0)
    with Client(config=config) as client:
        yield client


@pytest.fixture
async def infisical_async_client(
    infisical_project: InfisicalProject, anyio_backend: object
) -> AsyncIterator[AsyncClient]:
    """An `AsyncClient` on this test's fresh project (use from ``@pytest.mark.anyio`` tests)."""
    from infisical_kit import AsyncClient

    config = _explicit_client_config(**infisical_project.client_kwargs(), cache_ttl=0)
    async with AsyncClient(config=config) as client:
        yield client


@pytest.fixture
def infisical_environ(
    infisical_project: InfisicalProject,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, str]:
    """Set the ``INFISICAL_*`` variables naming this test's project for the code under test
    (every other ``INFISICAL_*`` variable is removed, HOME is an empty directory, so no
    profile or login session is found); returns the variables set."""
    for name in list(os.environ):
        if name.startswith("INFISICAL_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    variables = infisical_project.environ()
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return variables


@pytest.fixture
def infisical_seed(infisical_client: Client) -> Seed:
    """``seed({"KEY": "value", ...}, environment="dev", path="/")`` stores the secrets in
    this test's project (the folders of `path` are created) and returns them."""

    def seed(
        secrets: Mapping[str, str], environment: str = "dev", path: str = "/"
    ) -> dict[str, str]:
        parent = "/"
        for name in [part for part in path.split("/") if part]:
            existing = infisical_client.folders.list(path=parent, environment=environment)
            if name not in {folder.name for folder in existing}:
                infisical_client.folders.create(name, path=parent, environment=environment)
            parent = parent.rstrip("/") + "/" + name
        values = dict(secrets)
        if values:
            infisical_client.secrets.batch_create(
                values, environment=environment, secret_path=parent
            )
        return values

    return seed
