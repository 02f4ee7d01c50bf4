"""Secrets CRUD over v3 raw and v4, with every parameter spelling real clients use."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

from .conftest import assert_error

ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
V4 = "/api/v4/secrets"
V3 = "/api/v3/secrets/raw"


def scope(pid: str, key: str = "projectId", **extra: Any) -> dict[str, Any]:
    return {key: pid, "environment": "dev", "secretPath": "/", **extra}


def create(http: httpx.Client, base: str, pid: str, name: str, value: str, **extra: Any) -> Any:
    resp = http.post(f"{base}/{name}", json=scope(pid, secretValue=value, **extra))
    assert resp.status_code == 200, resp.text
    return resp.json()["secret"]


@pytest.mark.parametrize(("base", "key"), [(V4, "projectId"), (V3, "workspaceId")])
def test_crud_lifecycle(http: httpx.Client, pid: str, name: str, base: str, key: str) -> None:
    created = http.post(
        f"{base}/{name}", json=scope(pid, key, secretValue="v1", secretComment="first")
    )
    assert created.status_code == 200, created.text
    s = created.json()["secret"]
    assert s["id"] == s["_id"]
    assert s["workspace"] == s["projectId"] == pid
    assert (s["environment"], s["secretPath"], s["type"]) == ("dev", "/", "shared")
    assert (s["secretKey"], s["secretValue"], s["secretComment"]) == (name, "v1", "first")
    assert s["version"] == 1
    assert s["secretValueHidden"] is False
    assert s["secretReminderNote"] is None and s["secretReminderRepeatDays"] is None
    assert s["skipMultilineEncoding"] is False
    assert s["secretMetadata"] == [] and s["tags"] == []
    assert ISO.fullmatch(s["createdAt"]) and ISO.fullmatch(s["updatedAt"])

    got = http.get(f"{base}/{name}", params=scope(pid, key))
    assert got.status_code == 200
    assert got.json()["secret"]["secretValue"] == "v1"
    assert got.json()["secret"]["id"] == s["id"]

    listed = http.get(base, params=scope(pid, key))
    assert listed.status_code == 200
    body = listed.json()
    assert body["imports"] == []
    assert [x["secretValue"] for x in body["secrets"] if x["secretKey"] == name] == ["v1"]

    updated = http.patch(f"{base}/{name}", json=scope(pid, key, secretValue="v2"))
    assert updated.status_code == 200, updated.text
    assert updated.json()["secret"]["version"] == 2
    assert updated.json()["secret"]["secretValue"] == "v2"
    assert updated.json()["secret"]["secretComment"] == "first"

    old = http.get(f"{base}/{name}", params=scope(pid, key, version="1"))
    assert old.status_code == 200
    assert old.json()["secret"]["secretValue"] == "v1"
    assert old.json()["secret"]["version"] == 1
    current = http.get(f"{base}/{name}", params=scope(pid, key))
    assert current.json()["secret"]["secretValue"] == "v2"
    assert current.json()["secret"]["version"] == 2

    deleted = http.request("DELETE", f"{base}/{name}", json=scope(pid, key))
    assert deleted.status_code == 200
    assert deleted.json()["secret"]["secretKey"] == name
    assert deleted.json()["secret"]["secretValue"] == "v2"
    assert_error(
        http.get(f"{base}/{name}", params=scope(pid, key)),
        404,
        "NotFound",
        f"Secret with name '{name}' not found",
    )


@pytest.mark.parametrize(("base", "key"), [(V4, "workspaceId"), (V3, "projectId")])
def test_other_project_spelling(
    http: httpx.Client, pid: str, name: str, base: str, key: str
) -> None:
    resp = http.post(f"{base}/{name}", json=scope(pid, key, secretValue="x"))
    assert resp.status_code == 200, resp.text
    assert http.get(f"{base}/{name}", params=scope(pid, key)).json()["secret"]["secretValue"] == "x"


def test_v3_workspace_slug(server: Any, http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "by-slug")
    slug = server.bootstrap["project_slug"]
    resp = http.get(V3, params={"workspaceSlug": slug, "environment": "dev"})
    assert resp.status_code == 200, resp.text
    assert name in {s["secretKey"] for s in resp.json()["secrets"]}
    created = http.post(
        f"{V3}/{name}_B", json={"projectSlug": slug, "environment": "dev", "secretValue": "b"}
    )
    assert created.status_code == 200, created.text


def test_rename(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "value")
    new = name + "_RENAMED"
    resp = http.patch(f"{V4}/{name}", json=scope(pid, newSecretName=new))
    assert resp.status_code == 200, resp.text
    assert resp.json()["secret"]["secretKey"] == new
    assert resp.json()["secret"]["version"] == 2
    # Like Infisical: an update without secretValue echoes "" (the stored value is unchanged).
    assert resp.json()["secret"]["secretValue"] == ""
    assert_error(http.get(f"{V4}/{name}", params=scope(pid)), 404, "NotFound")
    assert http.get(f"{V4}/{new}", params=scope(pid)).json()["secret"]["secretValue"] == "value"


def test_rename_onto_existing(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "a")
    create(http, V4, pid, name + "_2", "b")
    resp = http.patch(f"{V4}/{name}", json=scope(pid, newSecretName=name + "_2"))
    assert_error(resp, 400, "BadRequest", "Secret with the new name already exists")


def test_duplicate_create(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V3, pid, name, "a")
    resp = http.post(f"{V3}/{name}", json=scope(pid, "workspaceId", secretValue="again"))
    assert_error(resp, 400, "BadRequest", "Secret already exist")


@pytest.mark.parametrize("verb", ["PATCH", "DELETE"])
def test_missing_secret(http: httpx.Client, pid: str, name: str, verb: str) -> None:
    resp = http.request(verb, f"{V4}/{name}", json=scope(pid, secretValue="x"))
    assert_error(resp, 404, "NotFound", f"Secret with name '{name}' not found")


def test_missing_version(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "a")
    assert_error(http.get(f"{V4}/{name}", params=scope(pid, version="9")), 404, "NotFound")
    assert_error(http.get(f"{V4}/{name}", params=scope(pid, version="x")), 422, "ValidationFailure")


def test_create_without_value(http: httpx.Client, pid: str, name: str) -> None:
    resp = http.post(f"{V4}/{name}", json=scope(pid))
    assert_error(resp, 422, "ValidationFailure")
    assert resp.json()["message"][0]["path"] == ["secretValue"]


def test_empty_value_allowed(http: httpx.Client, pid: str, name: str) -> None:
    assert create(http, V4, pid, name, "")["secretValue"] == ""


def test_bad_names_on_create(http: httpx.Client, pid: str) -> None:
    resp = http.post(f"{V4}/A:B", json=scope(pid, secretValue="x"))
    assert_error(resp, 400, "BadRequest", "Secret name cannot contain colon or forward slash")
    # An encoded slash splits the path: no such route, still the envelope, never a 500.
    resp = http.post(f"{V4}/A%2FB", json=scope(pid, secretValue="x"))
    assert_error(resp, 404, "NotFound")


def test_bad_new_name(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "x")
    for bad in ("A/B", "A:B", "   "):
        resp = http.patch(f"{V4}/{name}", json=scope(pid, newSecretName=bad))
        assert_error(resp, 400, "BadRequest")


def test_blank_name(http: httpx.Client, pid: str) -> None:
    assert_error(http.get(f"{V4}/%20", params=scope(pid)), 400, "BadRequest")


def test_url_encoded_name(http: httpx.Client, pid: str, name: str) -> None:
    resp = http.post(f"{V4}/{name}%2DX", json=scope(pid, secretValue="enc"))
    assert resp.status_code == 200, resp.text
    assert resp.json()["secret"]["secretKey"] == name + "-X"
    assert http.get(f"{V4}/{name}-X", params=scope(pid)).json()["secret"]["secretValue"] == "enc"


def test_json_body_on_get_and_delete(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "body")
    # GET with parameters only in a JSON body (like infisical-python sends them too).
    got = http.request("GET", f"{V3}/{name}", json=scope(pid, "workspaceId", type="shared"))
    assert got.status_code == 200, got.text
    assert got.json()["secret"]["secretValue"] == "body"
    listed = http.request(
        "GET",
        V3,
        params=scope(pid, "workspaceId", include_imports="false", recursive="false"),
        json=scope(pid, "workspaceId", include_imports="false", expandSecretReferences="true"),
    )
    assert listed.status_code == 200, listed.text
    # DELETE with query parameters only.
    deleted = http.delete(f"{V4}/{name}", params=scope(pid))
    assert deleted.status_code == 200, deleted.text
    assert_error(http.get(f"{V4}/{name}", params=scope(pid)), 404, "NotFound")


@pytest.mark.parametrize(
    "flags",
    [
        {"include_imports": "true", "includeImports": "false"},
        {"includeImports": "true", "recursive": "false", "expandSecretReferences": "true"},
        {"include_imports": True, "viewSecretValue": True},
    ],
)
def test_boolean_spellings(http: httpx.Client, pid: str, flags: dict[str, Any]) -> None:
    resp = http.request("GET", V4, json=scope(pid, **flags))
    assert resp.status_code == 200, resp.text
    assert resp.json()["imports"] == []


def test_hidden_values(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "visible")
    for base, key in ((V4, "projectId"), (V3, "workspaceId")):
        listed = http.get(base, params=scope(pid, key, viewSecretValue="false"))
        mine = [s for s in listed.json()["secrets"] if s["secretKey"] == name]
        assert mine[0]["secretValue"] == "<hidden-by-infisical>"
        assert mine[0]["secretValueHidden"] is True
        got = http.get(f"{base}/{name}", params=scope(pid, key, viewSecretValue="false"))
        assert got.json()["secret"]["secretValue"] == "<hidden-by-infisical>"
    shown = http.get(f"{V4}/{name}", params=scope(pid, viewSecretValue="true"))
    assert shown.json()["secret"]["secretValue"] == "visible"


def test_values_and_comments_trimmed(http: httpx.Client, pid: str, name: str) -> None:
    s = create(http, V4, pid, name, "  padded\n", secretComment="  note  ")
    assert s["secretValue"] == "padded\n"
    assert s["secretComment"] == "note"


def test_metadata_and_flags_roundtrip(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "x", skipMultilineEncoding=True, metadata={"a": "b"})
    got = http.get(f"{V4}/{name}", params=scope(pid)).json()["secret"]
    assert got["skipMultilineEncoding"] is True
    assert got["metadata"] == {"a": "b"}
    upd = http.patch(f"{V4}/{name}", json=scope(pid, skipMultilineEncoding=False))
    assert upd.json()["secret"]["skipMultilineEncoding"] is False


def test_personal_secret_needs_user(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "shared")
    resp = http.post(f"{V4}/{name}", json=scope(pid, secretValue="mine", type="personal"))
    assert_error(resp, 400, "BadRequest", "Must be user to create personal secret")
    assert_error(http.get(f"{V4}/{name}", params=scope(pid, type="personal")), 404, "NotFound")
    assert_error(
        http.get(f"{V4}/{name}", params=scope(pid, type="other")), 422, "ValidationFailure"
    )


def test_scope_errors(http: httpx.Client, pid: str) -> None:
    other = str(uuid.uuid4())
    assert_error(
        http.get(V4, params=scope(other)), 404, "NotFound", f"Project with ID '{other}' not found"
    )
    assert_error(
        http.get(V4, params={"projectId": pid, "environment": "nope"}),
        404,
        "NotFound",
        f"Environment with slug 'nope' in project with ID '{pid}' not found",
    )
    assert_error(
        http.post(
            f"{V4}/X",
            json={
                "projectId": pid,
                "environment": "dev",
                "secretPath": "/no/such",
                "secretValue": "v",
            },
        ),
        404,
        "NotFound",
        "Folder with path '/no/such' in environment with slug 'dev' not found",
    )
    assert_error(http.get(V3, params={"workspaceId": pid}), 400, "BadRequest")
    assert_error(http.get(V4, params={"environment": "dev"}), 400, "BadRequest")


def test_environments_are_separate(http: httpx.Client, pid: str, name: str) -> None:
    create(http, V4, pid, name, "in-dev")
    staging = {"projectId": pid, "environment": "staging"}
    assert_error(http.get(f"{V4}/{name}", params=staging), 404, "NotFound")
    resp = http.post(f"{V4}/{name}", json={**staging, "secretValue": "in-staging"})
    assert resp.status_code == 200
    assert http.get(f"{V4}/{name}", params=scope(pid)).json()["secret"]["secretValue"] == "in-dev"
