"""``infisicalsdk`` 1.0.18 and its drop-in run the same scenarios against our server (SQLite);
the drop-in answers what the real SDK answers, and adds what the real one lacks."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from infisical_kit import Client
from infisical_kit.compat import infisicalsdk as dropin
from infisical_kit.testing.plugin import InfisicalProject

from ._infisicalsdk_scenarios import SCENARIOS, Target, logged_in


def target_of(project: InfisicalProject) -> Target:
    return Target(
        project.site_url, project.client_id, project.client_secret, project.id, project.slug
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.__name__ for s in SCENARIOS])
def test_scenario(
    scenario: Callable[[ModuleType, Target], None],
    infisicalsdk: ModuleType,
    infisical_project: InfisicalProject,
) -> None:
    scenario(infisicalsdk, target_of(infisical_project))


def typed_imports(result: dict[str, Any]) -> dict[str, Any]:
    """infisicalsdk leaves ``imports[].secrets`` as raw dicts (its annotation says BaseSecret);
    ours are BaseSecret: compare the BaseSecret fields that have a value."""
    fields = {f.name for f in dataclasses.fields(dropin.BaseSecret)}
    for block in result.get("imports", []):
        block["secrets"] = [
            {k: v for k, v in s.items() if k in fields and v not in (None, "")}
            for s in block["secrets"]
        ]
    return result


def test_the_dropin_returns_what_the_real_sdk_returns(infisical_project: InfisicalProject) -> None:
    """Same server state, same calls: field for field the same objects (imports included)."""
    real_sdk = pytest.importorskip("infisical_sdk")
    target = target_of(infisical_project)
    with Client(**infisical_project.client_kwargs(), cache_ttl=0) as admin:
        admin.secrets.create("SHARED", "from-staging", environment="staging")
        admin.imports.create("staging", "/", environment="dev")
        admin.secrets.create("OWN", "v", metadata={"k": "v"}, environment="dev")
        admin.folders.create("f", environment="dev")
    scope = {"environment_slug": "dev", "secret_path": "/", "project_id": target.project_id}
    with logged_in(real_sdk, target) as real, logged_in(dropin, target) as ours:
        calls: list[Callable[[object], object]] = [
            lambda c: c.secrets.list_secrets(**scope),
            lambda c: c.secrets.list_secrets(recursive=True, include_imports=False, **scope),
            lambda c: c.secrets.get_secret_by_name(secret_name="OWN", **scope),
            lambda c: c.secrets.get_secret_by_name(secret_name="SHARED", **scope),
            lambda c: c.folders.list_folders(
                project_id=target.project_id, environment_slug="dev", path="/"
            ),
        ]
        for call in calls:
            expected, got = call(real), call(ours)
            assert type(got).__name__ == type(expected).__name__
            assert typed_imports(got.to_dict()) == typed_imports(expected.to_dict())
        imported = ours.secrets.list_secrets(**scope)
        assert [s.secretKey for s in imported.secrets] == ["OWN"]
        assert [s.secretKey for i in imported.imports for s in i.secrets] == ["SHARED"]
        folder_id = (
            imported
            and ours.folders.list_folders(
                project_id=target.project_id, environment_slug="dev", path="/"
            )
            .folders[0]
            .id
        )
        assert (
            ours.folders.get_folder_by_id(folder_id).to_dict()
            == real.folders.get_folder_by_id(folder_id).to_dict()
        )


def test_models_have_the_real_fields() -> None:
    real_types = pytest.importorskip("infisical_sdk.api_types")
    for name in dropin.api_types.__all__:
        ours, theirs = getattr(dropin.api_types, name), getattr(real_types, name)
        if dataclasses.is_dataclass(theirs):
            assert [f.name for f in dataclasses.fields(ours)] == [
                f.name for f in dataclasses.fields(theirs)
            ], name
        elif issubclass(theirs, enum.Enum):
            assert [(m.name, m.value) for m in ours] == [(m.name, m.value) for m in theirs], name
        else:  # the base class
            assert {"to_dict", "from_dict", "to_json", "from_json"} <= set(vars(ours)), name


def test_the_dropin_renews_and_logs_in_again(infisical_project: InfisicalProject) -> None:
    """The real SDK keeps the first token; ours logs in again when the server rejects it."""
    with logged_in(dropin, target_of(infisical_project)) as client:
        first = client.get_token()
        client._session.client.auth.revoke()  # the server forgets the token
        listed = client.secrets.list_secrets(
            environment_slug="dev", secret_path="/", project_id=infisical_project.id
        )
        assert listed.secrets == []
        assert client.get_token() != first


def test_the_cache_key_is_the_whole_request(infisical_project: InfisicalProject) -> None:
    """infisicalsdk keys a cached secret on name/env/path only; a past version or unexpanded
    value then comes back wrong. Ours keys on every argument and drops it on a write."""
    scope = {"environment_slug": "dev", "secret_path": "/", "project_id": infisical_project.id}
    with logged_in(dropin, target_of(infisical_project), cache_ttl=60) as client:
        client.secrets.create_secret_by_name(secret_name="A", secret_value="1", **scope)
        client.secrets.update_secret_by_name(current_secret_name="A", secret_value="2", **scope)
        assert client.secrets.get_secret_by_name(secret_name="A", **scope).secretValue == "2"
        old = client.secrets.get_secret_by_name(secret_name="A", version="1", **scope)
        assert old.secretValue == "1"
        client.secrets.update_secret_by_name(current_secret_name="A", secret_value="3", **scope)
        assert client.secrets.get_secret_by_name(secret_name="A", **scope).secretValue == "3"


def test_calls_before_a_login_say_so(infisical_project: InfisicalProject) -> None:
    client = dropin.InfisicalSDKClient(host=infisical_project.site_url)
    with client, pytest.raises(dropin.InfisicalError, match="not authenticated"):
        client.secrets.list_secrets(environment_slug="dev", secret_path="/", project_id="p")


def test_no_secret_in_a_repr(infisical_project: InfisicalProject) -> None:
    scope = {"environment_slug": "dev", "secret_path": "/", "project_id": infisical_project.id}
    with logged_in(dropin, target_of(infisical_project)) as client:
        secret = client.secrets.create_secret_by_name(
            secret_name="R", secret_value="s3cr3t-value", **scope
        )
        login = client.auth.universal_auth.login(
            client_id=infisical_project.client_id, client_secret=infisical_project.client_secret
        )
        for text in (repr(secret), repr(login), repr(client)):
            assert "s3cr3t-value" not in text and login.accessToken not in text
            assert infisical_project.client_secret not in text
