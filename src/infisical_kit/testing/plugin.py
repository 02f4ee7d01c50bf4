"""pytest plugin (entry point ``infisical_kit`` in the ``pytest11`` group).

Fixtures:

* ``infisical_server`` (session) - a real local server (`LocalServer`) on a free loopback port
  with SQLite in a temporary directory; ``.url`` and ``.bootstrap`` describe it.
* ``infisical_project`` - a FRESH project per test (created through ``POST /api/v1/projects``
  by the bootstrap machine identity, which becomes its admin; deleted afterwards), with the
  environments dev, staging and prod. An `InfisicalProject`.
* ``infisical_client`` - a `Client` bound to that project, environment ``dev``, path ``/``.
* ``infisical_async_client`` - the same as an `AsyncClient`; an async fixture run by anyio's
  pytest plugin, so use it from ``@pytest.mark.anyio`` tests.

The server needs the ``[server]`` extra; without it the fixtures skip with a message saying
so. Importing this module stays cheap (it loads in every pytest run): the SDK and the server
are imported inside the fixtures.
"""

from __future__ import annotations

import contextlib
import importlib.util
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from infisical_kit import AsyncClient, Client
    from infisical_kit.testing.server import LocalServer

__all__ = ["InfisicalProject"]


@dataclass(frozen=True, repr=False)
class InfisicalProject:
    """A project made for one test: ids, the server URL and an admin identity's credentials."""

    id: str
    slug: str
    site_url: str
    client_id: str
    client_secret: str
    environments: list[str] = field(default_factory=list)

    def client_kwargs(self, environment: str = "dev") -> dict[str, Any]:
        """Arguments for ``Client(**kwargs)`` bound to this project."""
        return {
            "site_url": self.site_url,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "project_id": self.id,
            "environment": environment,
        }

    def __repr__(self) -> str:
        return f"InfisicalProject(id={self.id!r}, slug={self.slug!r}, site_url={self.site_url!r})"


@pytest.fixture(scope="session")
def infisical_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A real infisical-kit server for the whole test session."""
    if importlib.util.find_spec("fastapi") is None:
        pytest.skip("infisical_server needs the server: pip install 'infisical-kit[server]'")
    from infisical_kit.testing.server import LocalServer

    with LocalServer(tmp_path_factory.mktemp("infisical-server")) as server:
        yield server


@pytest.fixture(scope="session")
def _infisical_admin(infisical_server: LocalServer) -> Iterator[Client]:
    """The bootstrap machine identity, logged in once per session (creates the projects)."""
    from infisical_kit import Client

    boot = infisical_server.bootstrap
    with Client(
        infisical_server.url,
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
        cache_ttl=0,
    ) as admin:
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
    """A `Client` on this test's fresh project (environment ``dev``, path ``/``)."""
    from infisical_kit import Client

    with Client(**infisical_project.client_kwargs(), cache_ttl=0) as client:
        yield client


@pytest.fixture
async def infisical_async_client(
    infisical_project: InfisicalProject, anyio_backend: object
) -> AsyncIterator[AsyncClient]:
    """An `AsyncClient` on this test's fresh project (use from ``@pytest.mark.anyio`` tests)."""
    from infisical_kit import AsyncClient

    async with AsyncClient(**infisical_project.client_kwargs(), cache_ttl=0) as client:
        yield client
