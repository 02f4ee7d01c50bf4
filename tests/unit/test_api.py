"""Request builders: exact wire shape (both spellings, string booleans, JSON DELETE)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from infisical_kit._core import auth
from infisical_kit._core import secrets as api
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._http_request import to_httpx

SCOPE = ResolvedScope(project_id="proj-1", environment="dev", secret_path="/app")
BASE = "http://127.0.0.1:1"


def test_list_sends_both_spellings_and_string_booleans() -> None:
    request = api.list_secrets(SCOPE, recursive=True, tag_slugs=["a", "b"])
    built = to_httpx(request, BASE)
    params = dict(parse_qsl(built.url.query.decode()))
    assert built.method == "GET" and built.url.path == "/api/v4/secrets"
    assert params == {
        "projectId": "proj-1",
        "workspaceId": "proj-1",
        "environment": "dev",
        "secretPath": "/app",
        "recursive": "true",
        "includeImports": "false",
        "include_imports": "false",
        "expandSecretReferences": "true",
        "viewSecretValue": "true",
        "includePersonalOverrides": "false",  # every flag explicit (infisical-api.md §3.2)
        "tagSlugs": "a,b",
    }
    assert built.content == b""


def test_get_quotes_the_name_and_sends_version_and_type() -> None:
    request = api.get_secret("A B/c:d", SCOPE, version=3, type="personal")
    built = to_httpx(request, BASE)
    assert built.url.raw_path.split(b"?")[0] == b"/api/v4/secrets/A%20B%2Fc%3Ad"
    params = dict(parse_qsl(built.url.query.decode()))
    assert params["version"] == "3" and params["type"] == "personal"
    assert params["includeImports"] == params["include_imports"] == "true"


def test_create_body() -> None:
    built = to_httpx(api.create_secret("K", "v", SCOPE, comment="c"), BASE)
    assert built.method == "POST"
    assert built.headers["content-type"] == "application/json"
    assert json.loads(built.content) == {
        "projectId": "proj-1",
        "workspaceId": "proj-1",
        "environment": "dev",
        "secretPath": "/app",
        "type": "shared",
        "secretValue": "v",
        "secretComment": "c",
    }


def test_update_sends_only_given_fields() -> None:
    body = json.loads(to_httpx(api.update_secret("K", SCOPE, new_name="K2"), BASE).content)
    assert body["newSecretName"] == "K2"
    assert "secretValue" not in body and "secretComment" not in body


def test_delete_carries_a_json_body() -> None:
    built = to_httpx(api.delete_secret("K", SCOPE), BASE)
    assert built.method == "DELETE" and built.url.query == b""
    assert json.loads(built.content) == {
        "projectId": "proj-1",
        "workspaceId": "proj-1",
        "environment": "dev",
        "secretPath": "/app",
        "type": "shared",
    }


def test_login_is_unauthenticated_and_repr_hides_the_body() -> None:
    request = auth.universal_auth_login("cid", "very-secret")
    assert request.authenticated is False
    assert request.path == "/api/v1/auth/universal-auth/login"
    assert "very-secret" not in repr(request)
    assert json.loads(to_httpx(request, BASE).content) == {
        "clientId": "cid",
        "clientSecret": "very-secret",
    }
