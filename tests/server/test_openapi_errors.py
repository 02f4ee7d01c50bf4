"""Negative paths of every route family over real HTTP: wrong types, missing fields, unknown ids
and invalid names get a 4xx in the Infisical envelope whose message names the field (or the
unknown thing), never a 5xx or a bare message."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._auth_support import admin_token, client

UNKNOWN = str(uuid.uuid4())
HUGE = 10**30  # beyond any database integer column: once a 500 (overflow), now a 422


@dataclass(frozen=True)
class Case:
    """One bad request: what is sent, the status expected and what the message must name."""

    family: str
    method: str
    path: str
    names: str  # a field name (validation issue path) or text the message must contain
    status: int
    body: dict[str, Any] | None = None
    query: dict[str, Any] = field(default_factory=dict)
    auth: bool = True


S = {"projectId": "{pid}", "environment": "dev"}

CASES = [
    # secrets
    Case("secrets", "POST", "/api/v4/secrets/K1", "secretValue", 422, {**S}),
    Case("secrets", "POST", "/api/v4/secrets/K1", "secretValue", 422, {**S, "secretValue": 5}),
    Case("secrets", "POST", "/api/v4/secrets/K1", "type", 422, {**S, "secretValue": "", "type": 1}),
    Case("secrets", "GET", "/api/v4/secrets/K1", "version", 422, query={**S, "version": "abc"}),
    Case("secrets", "GET", "/api/v4/secrets", "environment", 400, query={"projectId": "{pid}"}),
    Case("secrets", "GET", "/api/v4/secrets/NOPE_X", "NOPE_X", 404, query=S),
    Case("secrets", "GET", "/api/v4/secrets", UNKNOWN, 404, query={**S, "projectId": UNKNOWN}),
    Case(
        "secrets", "GET", "/api/v4/secrets", "/no/such", 404, query={**S, "secretPath": "/no/such"}
    ),
    Case("secrets", "POST", "/api/v4/secrets/a:b", "name", 400, {**S, "secretValue": "x"}),
    Case("secrets", "GET", f"/api/v4/secrets/id/{UNKNOWN}", UNKNOWN, 404),
    Case("secrets", "GET", f"/api/v3/secrets/raw/id/{UNKNOWN}", UNKNOWN, 404),
    Case("secrets", "PATCH", "/api/v3/secrets/raw/K1", "tagIds", 422, {**S, "tagIds": "x"}),
    Case("secrets", "GET", "/api/v4/secrets/K1", "version", 422, query={**S, "version": HUGE}),
    Case(
        "secrets",
        "POST",
        "/api/v4/secrets/K1",
        "secretReminderRepeatDays",
        422,
        {**S, "secretValue": "v", "secretReminderRepeatDays": HUGE},
    ),
    # batch
    Case(
        "batch",
        "PATCH",
        "/api/v4/secrets/batch",
        "secretReminderRepeatDays",
        422,
        {**S, "secrets": [{"secretKey": "B", "secretReminderRepeatDays": HUGE}]},
    ),
    Case("batch", "POST", "/api/v4/secrets/batch", "secrets", 422, {**S, "secrets": []}),
    Case("batch", "POST", "/api/v4/secrets/batch", "secretKey", 422, {**S, "secrets": [{}]}),
    Case("batch", "PATCH", "/api/v4/secrets/batch", "mode", 422, {**S, "mode": "x", "secrets": []}),
    Case("batch", "DELETE", "/api/v3/secrets/batch/raw", "secrets", 422, {**S, "secrets": "K"}),
    Case(
        "batch",
        "DELETE",
        "/api/v4/secrets/batch",
        "NO_SUCH_KEY",
        404,
        {**S, "secrets": [{"secretKey": "NO_SUCH_KEY"}]},
    ),
    Case(
        "batch",
        "PATCH",
        "/api/v4/secrets/batch",
        "NO_SUCH_KEY",
        404,
        {**S, "secrets": [{"secretKey": "NO_SUCH_KEY", "secretValue": "v"}]},
    ),
    # folders
    Case("folders", "POST", "/api/v2/folders", "name", 422, {**S}),
    Case("folders", "POST", "/api/v2/folders", "name", 400, {**S, "name": "bad name!"}),
    Case("folders", "PATCH", f"/api/v2/folders/{UNKNOWN}", UNKNOWN, 404, {**S, "name": "ok"}),
    Case(
        "folders",
        "GET",
        "/api/v2/folders",
        "lastSecretModified",
        422,
        query={**S, "lastSecretModified": "x"},
    ),
    Case("folders", "GET", f"/api/v2/folders/{UNKNOWN}", UNKNOWN, 404),
    # imports
    Case("imports", "POST", "/api/v2/secret-imports", "import", 422, {**S}),
    Case("imports", "POST", "/api/v2/secret-imports", "import", 422, {**S, "import": "dev"}),
    Case(
        "imports",
        "POST",
        "/api/v2/secret-imports",
        "nowhere",
        404,
        {**S, "import": {"environment": "nowhere"}},
    ),
    Case(
        "imports", "PATCH", f"/api/v2/secret-imports/{UNKNOWN}", UNKNOWN, 404, {**S, "import": {}}
    ),
    Case("imports", "GET", f"/api/v2/secret-imports/{UNKNOWN}", UNKNOWN, 404),
    Case(
        "imports",
        "PATCH",
        f"/api/v2/secret-imports/{UNKNOWN}",
        "position",
        422,
        {**S, "import": {"position": HUGE}},
    ),
    # projects
    Case("projects", "POST", "/api/v1/projects", "projectName", 422, {}),
    Case(
        "projects",
        "POST",
        "/api/v1/projects",
        "slug",
        422,
        {"projectName": "p", "slug": "Bad Slug"},
    ),
    Case("projects", "GET", f"/api/v1/projects/{UNKNOWN}", UNKNOWN, 404),
    Case(
        "projects",
        "PATCH",
        "/api/v1/projects/{pid}",
        "pitVersionLimit",
        422,
        {"pitVersionLimit": "x"},
    ),
    # environments
    Case(
        "environments", "POST", "/api/v1/projects/{pid}/environments", "name", 422, {"slug": "qa"}
    ),
    Case(
        "environments",
        "POST",
        "/api/v1/projects/{pid}/environments",
        "slug",
        422,
        {"name": "Q", "slug": "Bad Slug"},
    ),
    Case("environments", "GET", f"/api/v1/projects/{{pid}}/environments/{UNKNOWN}", UNKNOWN, 404),
    Case(
        "environments",
        "POST",
        f"/api/v1/projects/{UNKNOWN}/environments",
        UNKNOWN,
        404,
        {"name": "Q", "slug": "q"},
    ),
    Case(
        "environments",
        "POST",
        "/api/v1/projects/{pid}/environments",
        "position",
        422,
        {"name": "Q", "slug": "q", "position": HUGE},
    ),
    # tags
    Case("tags", "POST", "/api/v1/projects/{pid}/tags", "slug", 422, {}),
    Case("tags", "POST", "/api/v1/projects/{pid}/tags", "slug", 422, {"slug": "Bad Slug"}),
    Case("tags", "GET", f"/api/v1/projects/{{pid}}/tags/{UNKNOWN}", UNKNOWN, 404),
    # kms
    Case("kms", "POST", "/api/v1/kms/keys", "name", 422, {"projectId": "{pid}"}),
    Case(
        "kms", "POST", "/api/v1/kms/keys", "name", 422, {"projectId": "{pid}", "name": "Bad_Name"}
    ),
    Case(
        "kms",
        "POST",
        "/api/v1/kms/keys",
        "encryptionAlgorithm",
        422,
        {"projectId": "{pid}", "name": "k", "encryptionAlgorithm": "rot13"},
    ),
    Case(
        "kms", "GET", "/api/v1/kms/keys", "limit", 422, query={"projectId": "{pid}", "limit": 1000}
    ),
    Case("kms", "POST", f"/api/v1/kms/keys/{UNKNOWN}/encrypt", UNKNOWN, 404, {"plaintext": "aGk="}),
    Case(
        "kms",
        "POST",
        "/api/v1/kms/keys",
        "description",
        422,
        {"projectId": "{pid}", "name": "k", "description": "d" * 501},
    ),
    Case(
        "kms",
        "GET",
        "/api/v1/kms/keys",
        "offset",
        422,
        query={"projectId": "{pid}", "offset": HUGE},
    ),
    # identities
    Case("identities", "POST", "/api/v1/identities", "name", 422, {"organizationId": "{org}"}),
    Case(
        "identities",
        "POST",
        "/api/v1/identities",
        "role",
        400,
        {"name": "x", "organizationId": "{org}", "role": "god"},
    ),
    Case("identities", "GET", f"/api/v1/identities/{UNKNOWN}", UNKNOWN, 404),
    Case(
        "identities",
        "POST",
        f"/api/v1/projects/{{pid}}/identity-memberships/{UNKNOWN}",
        "role",
        422,
        {"role": 7},
    ),
    # auth
    Case(
        "auth",
        "POST",
        "/api/v1/auth/universal-auth/login",
        "clientSecret",
        422,
        {"clientId": "x"},
        auth=False,
    ),
    Case(
        "auth",
        "POST",
        "/api/v1/auth/universal-auth/login",
        "clientSecret",
        422,
        {"clientId": "x", "clientSecret": 5},
        auth=False,
    ),
    Case("auth", "POST", "/api/v1/auth/token/renew", "accessToken", 422, {}, auth=False),
    Case("auth", "POST", "/api/v3/auth/login", "password", 422, {"email": "a@b.c"}, auth=False),
    Case("auth", "POST", f"/api/v1/auth/universal-auth/identities/{UNKNOWN}", UNKNOWN, 404, {}),
    Case(
        "auth",
        "GET",
        f"/api/v1/auth/token-auth/identities/{UNKNOWN}/tokens",
        "limit",
        422,
        query={"limit": "many"},
    ),
]


CASES += [
    Case(
        "auth",
        "POST",
        "/api/v1/auth/token-auth/identities/{iid}",
        "accessTokenNumUsesLimit",
        422,
        {"accessTokenNumUsesLimit": HUGE},
    ),
    Case(
        "auth",
        "PATCH",
        "/api/v1/auth/universal-auth/identities/{iid}",
        "accessTokenPeriod",
        422,
        {"accessTokenPeriod": HUGE},
    ),
    Case(
        "auth",
        "POST",
        "/api/v1/auth/universal-auth/identities/{iid}/client-secrets",
        "numUsesLimit",
        422,
        {"numUsesLimit": HUGE},
    ),
]


def _fill(value: Any, subs: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**subs) if "{" in value else value
    if isinstance(value, dict):
        return {k: _fill(v, subs) for k, v in value.items()}
    return value


def _names(message: Any, expected: str) -> bool:
    """A string message containing ``expected``, or an issue whose path holds it."""
    if isinstance(message, str):
        return expected.lower() in message.lower()
    assert isinstance(message, list) and message, message
    return any(expected in [str(p) for p in issue["path"]] for issue in message)


def test_every_family_is_covered() -> None:
    families = {c.family for c in CASES}
    assert families == {
        "secrets",
        "batch",
        "folders",
        "imports",
        "projects",
        "environments",
        "tags",
        "kms",
        "identities",
        "auth",
    }
    for family in families:
        statuses = {c.status for c in CASES if c.family == family}
        assert {404, 422} <= statuses, family  # unknown ids and wrong types/missing fields


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.family}-{c.method}-{c.names}")
def test_bad_input_gets_a_specific_envelope(infisical_server: LocalServer, case: Case) -> None:
    boot = infisical_server.bootstrap
    subs = {"pid": boot["project_id"], "org": boot["organization_id"], "iid": boot["identity_id"]}
    token = admin_token(infisical_server) if case.auth else None
    with client(infisical_server, token) as http:
        resp = http.request(
            case.method,
            _fill(case.path, subs),
            params=_fill(case.query, subs),
            json=_fill(case.body, subs) if case.body is not None else None,
        )
    _check(resp, case)


def _check(resp: httpx.Response, case: Case) -> None:
    assert resp.status_code == case.status, (resp.status_code, resp.text[:300])
    body = resp.json()
    assert set(body) == {"reqId", "statusCode", "message", "error"}, body
    assert body["statusCode"] == case.status
    assert isinstance(body["error"], str) and body["error"]
    assert _names(body["message"], case.names), body["message"]
