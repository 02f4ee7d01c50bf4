"""The pytest plugin's fixtures: a fresh project per test, sync and async clients."""

from __future__ import annotations

import subprocess
import sys

import pytest

from infisical_kit import AsyncClient, Client
from infisical_kit.errors import NotFoundError
from infisical_kit.testing import InfisicalProject

_seen_projects: list[str] = []


@pytest.mark.parametrize("round", [1, 2])
def test_each_test_gets_a_fresh_empty_project(
    round: int, infisical_project: InfisicalProject, infisical_client: Client
) -> None:
    assert infisical_project.id not in _seen_projects
    _seen_projects.append(infisical_project.id)
    assert infisical_client.default_scope.project_id == infisical_project.id
    assert infisical_client.secrets.list() == []  # the other round's secret is not here
    infisical_client.secrets.create("ROUND", str(round))
    assert infisical_client.secrets.get("ROUND").value == str(round)
    assert set(infisical_project.environments) >= {"dev", "staging", "prod"}
    assert infisical_project.client_secret not in repr(infisical_project)


def test_projects_are_deleted_after_the_test(infisical_client: Client) -> None:
    assert len(_seen_projects) == 2
    for project_id in _seen_projects:
        with pytest.raises(NotFoundError):
            infisical_client.projects.get(project_id)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_async_client_fixture(
    infisical_async_client: AsyncClient, infisical_project: InfisicalProject
) -> None:
    assert infisical_async_client.default_scope.project_id == infisical_project.id
    await infisical_async_client.secrets.create("ASYNC", "works")
    assert (await infisical_async_client.secrets.get("ASYNC")).value == "works"


def test_importing_the_plugin_imports_no_server_module() -> None:
    code = (
        "import sys, infisical_kit.testing.plugin; "
        "bad = [m for m in sys.modules if m.startswith(('infisical_kit.server', "
        "'fastapi', 'sqlalchemy', 'uvicorn', 'alembic'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
