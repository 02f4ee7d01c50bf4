"""Every namespace: sync/async parity, wiring on the client, and the builders behind them."""

from __future__ import annotations

import inspect
from typing import Any

import httpx
import pytest

from infisical_kit import (
    ApprovalRequiredError,
    AsyncClient,
    Client,
    UnsupportedByServerError,
    ValidationError,
)
from infisical_kit._async._environments import AsyncEnvironments
from infisical_kit._async._folders import AsyncFolders
from infisical_kit._async._imports import AsyncImports
from infisical_kit._async._kms import AsyncKMS
from infisical_kit._async._projects import AsyncProjects
from infisical_kit._async._secrets import AsyncSecrets
from infisical_kit._async._tags import AsyncTags
from infisical_kit._core import folders as requests_folders
from infisical_kit._core import kms as requests_kms
from infisical_kit._core import members as requests_members
from infisical_kit._core import projects as requests_projects
from infisical_kit._core import secrets as api
from infisical_kit._core import secrets as requests_secrets
from infisical_kit._core import secrets_batch
from infisical_kit._core import tags as requests_tags
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import parse_list, parse_object
from infisical_kit._core.routing import (
    FAMILIES,
    RouteState,
    deprecation,
    family_of,
    is_route_not_found,
)
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._sync._environments import Environments
from infisical_kit._sync._folders import Folders
from infisical_kit._sync._imports import Imports
from infisical_kit._sync._kms import KMS
from infisical_kit._sync._projects import Projects
from infisical_kit._sync._secrets import Secrets
from infisical_kit._sync._tags import Tags
from infisical_kit.models import Folder, KmsKey, Project, Secret, SecretImport

NAMESPACES = {
    "secrets": (Secrets, AsyncSecrets),
    "folders": (Folders, AsyncFolders),
    "imports": (Imports, AsyncImports),
    "projects": (Projects, AsyncProjects),
    "environments": (Environments, AsyncEnvironments),
    "tags": (Tags, AsyncTags),
    "kms": (KMS, AsyncKMS),
}
SCOPE = ResolvedScope(project_id="p1", environment="dev", secret_path="/app")


def _methods(cls: type) -> dict[str, Any]:
    return {n: m for n, m in vars(cls).items() if not n.startswith("_") and callable(m)}


def _sig(func: Any) -> str:
    return str(inspect.signature(func)).replace("Async", "")


@pytest.mark.parametrize("attr", sorted(NAMESPACES))
def test_namespace_parity(attr: str) -> None:
    sync_cls, async_cls = NAMESPACES[attr]
    sync_methods, async_methods = _methods(sync_cls), _methods(async_cls)
    assert sorted(sync_methods) == sorted(async_methods) and sync_methods
    for name, method in async_methods.items():
        assert inspect.iscoroutinefunction(method), name
        assert not inspect.iscoroutinefunction(sync_methods[name]), name
        assert _sig(method) == _sig(sync_methods[name]), name
        assert method.__doc__, f"{async_cls.__name__}.{name} has no docstring"


@pytest.mark.parametrize("attr", sorted(NAMESPACES))
def test_clients_expose_every_namespace(attr: str) -> None:
    sync_cls, async_cls = NAMESPACES[attr]
    with Client("http://127.0.0.1:9", token="t") as client:
        assert type(getattr(client, attr)) is sync_cls
    assert type(getattr(AsyncClient("http://127.0.0.1:9", token="t"), attr)) is async_cls


def test_secrets_has_the_documented_operations() -> None:
    expected = {
        "list", "get", "find", "create", "update", "delete", "upsert", "get_or_create",
        "batch_create", "batch_update", "batch_delete", "load_into_environ",
    }  # fmt: skip
    assert expected <= set(_methods(AsyncSecrets))


def test_list_sends_metadata_filter_and_personal_flag() -> None:
    problems: list[str] = []
    text = requests_secrets.format_metadata_filter({"team": "a", "tier": "1"}, problems)
    request = api.list_secrets(SCOPE, metadata_filter=text, include_personal_overrides=True)
    params = dict(request.params)
    assert params["metadataFilter"] == "key=team,value=a|key=tier,value=1"
    assert params["includePersonalOverrides"] == "true" and problems == []


def test_metadata_filter_problems() -> None:
    problems: list[str] = []
    requests_secrets.format_metadata_filter({f"k{i}": "v" for i in range(11)}, problems)
    requests_secrets.format_metadata_filter([("a", "b|c")], problems)
    assert any("at most 10" in p for p in problems) and any("'|'" in p for p in problems)


def test_batch_items_from_mapping_and_from_dicts() -> None:
    problems: list[str] = []
    from_map = secrets_batch.normalize_batch_items(
        {"A": "1"}, require_value=True, problems=problems
    )
    items = [{"name": "B", "new_name": "C", "tag_ids": ["t1"], "metadata": {"k": "v"}}]
    from_dicts = secrets_batch.normalize_batch_items(items, require_value=False, problems=problems)
    assert problems == []
    assert from_map == [{"secretKey": "A", "secretValue": "1"}]
    assert from_dicts == [
        {
            "secretKey": "B",
            "newSecretName": "C",
            "tagIds": ["t1"],
            "secretMetadata": [{"key": "k", "value": "v"}],
        }
    ]
    request = secrets_batch.batch_update(SCOPE, from_dicts, "upsert")
    assert request.method == "PATCH" and request.path == "/api/v4/secrets/batch"
    assert request.json is not None and request.json["mode"] == "upsert"


def test_batch_items_report_every_problem() -> None:
    problems: list[str] = []
    items: list[dict[str, Any]] = [{"value": "x"}, {"name": "A"}, {"name": "B", "bogus": 1}]
    secrets_batch.normalize_batch_items(items, require_value=True, problems=problems)
    joined = "; ".join(problems)
    assert "secrets[0].name" in joined and "secrets[1].value is required" in joined
    assert "bogus" in joined


def older(request: ApiRequest) -> ApiRequest:
    """The older form of `request` (its family's legacy route)."""
    family = family_of(request)
    assert family is not None and family.legacy is not None
    return family.legacy(request)


def test_v3_rewrite_maps_paths() -> None:
    get = api.get_secret("DB URL", SCOPE)
    assert older(get).path == "/api/v3/secrets/raw/DB%20URL"
    assert older(api.list_secrets(SCOPE)).path == "/api/v3/secrets/raw"
    batch = secrets_batch.batch_delete(SCOPE, ["A"])
    assert older(batch).path == "/api/v3/secrets/batch/raw"
    # A single secret that happens to be called "batch" is not a batch call.
    single = api.create_secret("batch", "v", SCOPE)
    assert older(single).path == "/api/v3/secrets/raw/batch"


def test_every_family_maps_to_the_routes_of_infisical_2024_10() -> None:
    pid = SCOPE.project_id
    assert older(requests_folders.list_folders(SCOPE)).path == "/api/v1/folders"
    assert older(requests_folders.get_folder("f1")).path == "/api/v1/folders/f1"
    assert older(requests_projects.get_project(pid)).path == f"/api/v1/workspace/{pid}"
    assert older(requests_projects.get_project_by_slug("s-1")).path == "/api/v2/workspace/s-1"
    assert older(requests_projects.create_project({"projectName": "n"})).path == (
        "/api/v2/workspace"
    )
    assert older(requests_projects.list_projects()).path == "/api/v1/workspace"
    assert older(requests_tags.list_tags(pid)).path == f"/api/v1/workspace/{pid}/tags"
    lookup = family_of(requests_kms.get_key("k1"))
    assert lookup is not None and lookup.name == "kms-lookup" and lookup.legacy is None
    assert family_of(requests_kms.list_keys(pid)) is None
    assert {f.name for f in FAMILIES} == {
        "secrets", "folders", "imports", "members", "projects", "kms-lookup",
    }  # fmt: skip


def test_members_map_to_the_v1_and_v2_workspace_routes_of_infisical_2024_10() -> None:
    pid = SCOPE.project_id
    v1, v2 = f"/api/v1/workspace/{pid}", f"/api/v2/workspace/{pid}"
    m = requests_members
    members, identities = f"{v1}/memberships", f"{v2}/identity-memberships"
    cases = [
        (m.list_members(pid), "GET", members),
        (m.member_details(pid, "a@b.c"), "POST", f"{members}/details"),
        (m.update_member_roles(pid, "m1", ["viewer"]), "PATCH", f"{members}/m1"),
        (m.remove_member(pid, "m1"), "DELETE", f"{members}/m1"),
        # invite and remove-by-address are v2 (v1 POST there takes E2EE keys)
        (m.invite_members(pid, ["a@b.c"], [], ["viewer"]), "POST", f"{v2}/memberships"),
        (m.remove_members(pid, ["a@b.c"], []), "DELETE", f"{v2}/memberships"),
        (m.add_identity(pid, "i1", ["viewer"]), "POST", f"{identities}/i1"),
        (m.list_identity_memberships(pid), "GET", identities),
        (m.get_identity_membership(pid, "i1"), "GET", f"{identities}/i1"),
        (m.update_identity_roles(pid, "i1", ["member"]), "PATCH", f"{identities}/i1"),
        (m.remove_identity(pid, "i1"), "DELETE", f"{identities}/i1"),
    ]  # fmt: skip
    for request, method, path in cases:
        family = family_of(request)
        assert family is not None and family.name == "members", request.path
        translated = older(request)
        assert (translated.method, translated.path) == (method, path)
        assert translated.json == request.json and translated.params == request.params
    # the project itself stays in the projects family
    project = family_of(requests_projects.get_project(pid))
    assert project is not None and project.name == "projects"


def test_the_older_routes_refuse_what_they_would_drop() -> None:
    refused = [
        api.create_secret("A", "v", SCOPE, extra={"secretMetadata": [{"key": "k", "value": "v"}]}),
        secrets_batch.batch_update(SCOPE, [{"secretKey": "A", "secretValue": "v"}], "upsert"),
        requests_folders.create_folder(SCOPE, "f", description="d"),
        requests_projects.update_project("p", {"description": "d"}),
        requests_tags.create_tag("p", {"slug": "s", "color": "#000000", "name": "Other"}),
    ]
    for request in refused:
        with pytest.raises(UnsupportedByServerError) as caught:
            older(request)
        assert caught.value.parameter and caught.value.parameter in str(caught.value)
    # the metadata filter is left to the client; the rest of the list request is kept
    listing = api.list_secrets(SCOPE, metadata_filter="key=team,value=core")
    assert "metadataFilter" not in dict(older(listing).params)


def test_route_not_found_is_told_apart_from_a_missing_secret() -> None:
    route = httpx.Response(404, json={"message": "Route GET:/api/v4/secrets not found"})
    missing = httpx.Response(404, json={"message": "Secret with name 'X' not found"})
    assert is_route_not_found(route) and not is_route_not_found(missing)
    assert not is_route_not_found(httpx.Response(404, text="<html>"))


def test_route_state_learns_per_family() -> None:
    state = RouteState()
    secrets_family = family_of(api.list_secrets(SCOPE))
    folders_family = family_of(requests_folders.list_folders(SCOPE))
    assert secrets_family is not None and folders_family is not None
    assert not state.lacks(secrets_family)
    assert state.learn(secrets_family, lacking=True) and state.lacks(secrets_family)
    assert not state.learn(secrets_family, lacking=True)  # no news
    assert not state.lacks(folders_family)
    assert state.learn(secrets_family, lacking=False) and not state.lacks(secrets_family)


def test_deprecation_names_the_route_and_its_replacement() -> None:
    found = deprecation(older(api.list_secrets(SCOPE)))
    assert found is not None and found[0] == "/api/v3/secrets/"
    assert "/api/v4/secrets" in found[1]
    assert deprecation(requests_folders.list_folders(SCOPE)) is None


def test_approval_response_raises_with_the_approval_id() -> None:
    request = secrets_batch.batch_create(SCOPE, [{"secretKey": "A", "secretValue": "1"}])
    response = httpx.Response(200, json={"approval": {"id": "appr-1", "status": "open"}})
    with pytest.raises(ApprovalRequiredError) as info:
        parse_list(request, response, "secrets", Secret)
    assert info.value.approval_id == "appr-1"
    with pytest.raises(ApprovalRequiredError):
        parse_object(request, response, "folder", Folder)


def test_models_are_tolerant() -> None:
    key = KmsKey.model_validate({"slug": "k1", "extra": 1, "description": None})
    assert key.name == "k1" and key.description is None and key.key_usage == "encrypt-decrypt"
    project = Project.model_validate({"_id": "p", "environments": [{"slug": "dev"}]})
    assert project.id == "p" and project.environments[0].slug == "dev"
    imp = SecretImport.model_validate({"importPath": "/s", "importEnv": {"slug": "prod"}})
    assert imp.import_env.slug == "prod" and imp.position is None


def test_kms_payloads_are_base64() -> None:
    request = requests_kms.encrypt("k", "héllo")
    assert request.json == {"plaintext": "aMOpbGxv"}
    assert requests_kms.from_b64("aMOpbGxv") == "héllo".encode()
    with pytest.raises(ValueError):
        requests_kms.from_b64("not base64!")


def test_validation_happens_before_any_request() -> None:
    # 127.0.0.1:9 refuses connections: reaching the network would be a TransportError.
    with Client("http://127.0.0.1:9", token="t") as client:
        with pytest.raises(ValidationError) as info:
            client.secrets.get("")
        text = str(info.value)
        assert "name" in text and "project_id" in text and "environment" in text
        with pytest.raises(ValidationError) as batch_info:
            client.secrets.batch_update([{"value": "x"}], mode="sometimes")
        assert "mode" in str(batch_info.value) and "secrets[0].name" in str(batch_info.value)
        with pytest.raises(ValidationError, match="project_id"):
            client.tags.list()
        with pytest.raises(ValidationError, match="nothing to update"):
            client.kms.update("k")
        with pytest.raises(ValidationError, match="position"):
            client.imports.update("i", position=0, project_id="p", environment="dev")
