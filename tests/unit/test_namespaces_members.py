"""The member and identity namespaces: sync/async parity, where they hang on the client, the
requests they build and the exported names."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import infisical_kit
import infisical_kit.aio
from infisical_kit import AsyncClient, Client
from infisical_kit._async._identities import AsyncIdentities, AsyncUniversalAuth
from infisical_kit._async._members import AsyncProjectIdentities, AsyncProjectMembers
from infisical_kit._core import identities as rq_identities
from infisical_kit._core import members as rq_members
from infisical_kit._sync._identities import Identities, UniversalAuth
from infisical_kit._sync._members import ProjectIdentities, ProjectMembers
from infisical_kit.models import Identity, NewClientSecret, ProjectMember

PAIRS = {
    "projects.members": (ProjectMembers, AsyncProjectMembers),
    "projects.identities": (ProjectIdentities, AsyncProjectIdentities),
    "identities": (Identities, AsyncIdentities),
    "identities.universal_auth": (UniversalAuth, AsyncUniversalAuth),
}


def _methods(cls: type) -> dict[str, Any]:
    return {n: m for n, m in vars(cls).items() if not n.startswith("_") and callable(m)}


def _resolve(root: object, dotted: str) -> object:
    for part in dotted.split("."):
        root = getattr(root, part)
    return root


@pytest.mark.parametrize("attr", sorted(PAIRS))
def test_parity(attr: str) -> None:
    sync_cls, async_cls = PAIRS[attr]
    sync_methods, async_methods = _methods(sync_cls), _methods(async_cls)
    assert sorted(sync_methods) == sorted(async_methods) and sync_methods
    for name, method in async_methods.items():
        assert inspect.iscoroutinefunction(method), name
        assert not inspect.iscoroutinefunction(sync_methods[name]), name
        sync_sig = str(inspect.signature(sync_methods[name]))
        assert str(inspect.signature(method)).replace("Async", "") == sync_sig, name
        assert method.__doc__, f"{async_cls.__name__}.{name} has no docstring"


@pytest.mark.parametrize("attr", sorted(PAIRS))
def test_clients_expose_the_namespaces(attr: str) -> None:
    sync_cls, async_cls = PAIRS[attr]
    with Client("http://127.0.0.1:9", token="t") as client:
        assert type(_resolve(client, attr)) is sync_cls
    assert type(_resolve(AsyncClient("http://127.0.0.1:9", token="t"), attr)) is async_cls


def test_namespace_and_model_types_are_exported() -> None:
    for sync_cls, async_cls in PAIRS.values():
        assert getattr(infisical_kit, sync_cls.__name__) is sync_cls
        assert getattr(infisical_kit, async_cls.__name__) is async_cls
        assert getattr(infisical_kit.aio, async_cls.__name__) is async_cls
    for model in ("ProjectMember", "Identity", "IdentityMembership", "NewClientSecret"):
        assert getattr(infisical_kit, model).__module__ == "infisical_kit.models"


def test_builders() -> None:
    invite = rq_members.invite_members("p/1", ["a@example.com"], [], ["viewer"])
    assert (invite.method, invite.path) == ("POST", "/api/v1/projects/p%2F1/memberships")
    assert invite.json == {"emails": ["a@example.com"], "usernames": [], "roleSlugs": ["viewer"]}
    assert "roleSlugs" not in (rq_members.invite_members("p", ["a@x.io"], [], None).json or {})
    update = rq_members.update_identity_roles("p", "i", ["member"])
    assert update.path == "/api/v1/projects/p/identity-memberships/i"
    assert update.json == {"roles": [{"role": "member", "isTemporary": False}]}
    listed = rq_identities.list_identities("org")
    assert (listed.path, listed.params) == ("/api/v1/identities", (("orgId", "org"),))
    secret = rq_identities.create_client_secret("i", {"description": None, "ttl": 60})
    assert secret.json == {"ttl": 60}


def test_models_keep_secrets_out_of_repr_and_read_roles() -> None:
    made = NewClientSecret.model_validate(
        {"clientSecret": "s3cr3t-value", "clientSecretData": {"id": "c", "clientSecretTTL": 5}}
    )
    assert "s3cr3t-value" not in repr(made) and made.data.ttl == 5
    member = ProjectMember.model_validate(
        {"id": "m", "roles": [{"role": "custom", "customRoleSlug": "ops"}], "user": None}
    )
    assert member.role_slugs == ["ops"]
    assert ProjectMember.model_validate({"id": "m", "role": "viewer"}).role_slugs == ["viewer"]
    identity = Identity.model_validate({"id": "i", "name": "n", "authMethods": None})
    assert identity.auth_methods == []


def test_check_addresses() -> None:
    problems: list[str] = []
    rq_members.check_addresses([], [], problems)
    assert problems == ["give at least one e-mail address or username"]
    problems = []
    rq_members.check_addresses("a@example.com", [" "], problems)  # type: ignore[arg-type]
    assert problems == [
        "emails must be a list of strings, not one string",
        "usernames must hold non-empty strings",
    ]
