"""The plugin as a user meets it: their own test files, run by pytest in a fresh process, in a
shell full of the developer's own Infisical settings that must not leak into the fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

USER_TESTS = """
import os

from infisical_kit import Client
from infisical_kit.testing import InfisicalProject, InfisicalServer


def test_client_ignores_the_developer_settings(infisical_client, infisical_server):
    assert isinstance(infisical_server, InfisicalServer)
    assert infisical_client.default_scope.secret_path == "/"
    infisical_client.secrets.create("K", "v")
    assert infisical_client.secrets.get("K").value == "v"


async def _use(client):
    await client.secrets.create("ASYNC", "a")
    return (await client.secrets.get("ASYNC")).value


import pytest

@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_async_client_too(infisical_async_client):
    assert await _use(infisical_async_client) == "a"


def test_environ_names_the_project_for_code_under_test(infisical_environ, infisical_project):
    assert isinstance(infisical_project, InfisicalProject)
    assert os.environ["INFISICAL_PROJECT_ID"] == infisical_project.id
    assert "INFISICAL_TOKEN" not in os.environ  # the developer's token is gone
    with Client() as client:  # what the application does: a bare Client()
        client.secrets.create("FROM_APP", "x")
        assert [s.key for s in client.secrets.list()] == ["FROM_APP"]
        assert client.site_url == infisical_project.site_url


def test_seed_stores_a_dict(infisical_seed, infisical_client):
    assert infisical_seed({"A": "1", "B": "2"}) == {"A": "1", "B": "2"}
    infisical_seed({"C": "3"}, environment="staging", path="/api/v1")
    assert {s.key: s.value for s in infisical_client.secrets.list()} == {"A": "1", "B": "2"}
    nested = infisical_client.secrets.get("C", environment="staging", secret_path="/api/v1")
    assert nested.value == "3"
"""


def test_fixtures_ignore_the_developers_environment_profile_and_project_file(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "developer-home"
    (home / ".config" / "infisical-kit").mkdir(parents=True)
    (home / ".config" / "infisical-kit" / "config.toml").write_text(
        '[profiles.default]\nsite_url = "http://127.0.0.1:9"\nsecret_path = "/profile"\n'
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name, value in {
        "INFISICAL_SECRET_PATH": "/nonexistent",
        "INFISICAL_DOMAIN": "http://127.0.0.1:9",
        "INFISICAL_TOKEN": "the-developers-own-token",
        "INFISICAL_PROJECT_ID": "the-developers-project",
        "INFISICAL_ENVIRONMENT": "prod",
        "INFISICAL_KIT_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/nothing",
    }.items():
        monkeypatch.setenv(name, value)
    pytester.makefile(
        ".json",
        **{".infisical": json.dumps(
            {"workspaceId": "from-project-file", "defaultEnvironment": "prod",
             "defaultSecretPath": "/nonexistent"}
        )},
    )  # fmt: skip
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=4)


def test_without_the_server_extra_the_fixtures_skip_and_fail_under_ci(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeconftest("import sys\nsys.modules['fastapi'] = None  # the extra is missing\n")
    pytester.makepyfile(test_user="def test_uses_it(infisical_client):\n    pass\n")
    monkeypatch.delenv("CI", raising=False)
    skipped = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    skipped.assert_outcomes(skipped=1)
    assert "pip install 'infisical-kit[server]'" in skipped.stdout.str()

    monkeypatch.setenv("CI", "true")
    failed = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    failed.assert_outcomes(errors=1)
    assert "the [server] extra" in failed.stdout.str()
    assert "(CI is set: server tests must run)" in failed.stdout.str()
