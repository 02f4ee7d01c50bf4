"""``infisicalsdk`` 1.0.18's ``dynamic_secrets`` and ``dynamic_secrets.leases`` against our
server on SQLite and PostgreSQL, with real PostgreSQL roles and TOTP codes."""

from __future__ import annotations

import base64
import secrets
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from infisical_sdk import InfisicalSDKClient
from infisical_sdk.api_types import DynamicSecretProviders
from infisical_sdk.infisical_requests import APIError

from _pg_roles import login_works, role, scram_matches, sql_inputs, target_database
from infisical_kit.testing import LocalServer

from ._backends import BACKENDS, server_on


@pytest.fixture(scope="module", params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalServer]:
    with server_on(request.param, tmp_path_factory.mktemp("sdk-dyn")) as server:
        yield server


@pytest.fixture
def sdk(backend: LocalServer) -> Iterator[InfisicalSDKClient]:
    boot = backend.bootstrap
    client = InfisicalSDKClient(host=backend.url, cache_ttl=None)
    client.auth.universal_auth.login(
        client_id=boot["client_id"], client_secret=boot["client_secret"]
    )
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def where(sdk: InfisicalSDKClient, backend: LocalServer) -> dict[str, Any]:
    # the SDK has no project call: read the slug with its token
    resp = httpx.get(
        f"{backend.url}/api/v1/projects/{backend.bootstrap['project_id']}",
        headers={"Authorization": f"Bearer {sdk.get_token()}"},
    )
    assert resp.status_code == 200, resp.text
    return {"project_slug": resp.json()["project"]["slug"], "environment_slug": "dev", "path": "/"}


@pytest.fixture
def database() -> Iterator[str]:
    with target_database() as name:
        yield name


@pytest.mark.postgres
def test_sql_database_dynamic_secret_and_leases(
    sdk: InfisicalSDKClient, where: dict[str, Any], database: str
) -> None:
    name = "pg-" + uuid.uuid4().hex[:8]
    made = sdk.dynamic_secrets.create(
        name=name,
        provider_type=DynamicSecretProviders.SQL_DATABASE,
        inputs=sql_inputs(database),
        default_ttl="1h",
        max_ttl="2h",
        metadata=[{"key": "team", "value": "compat"}],
        **where,
    )
    assert (made.name, made.type, made.defaultTTL, made.maxTTL) == (
        name,
        "sql-database",
        "1h",
        "2h",
    )
    got = sdk.dynamic_secrets.get_by_name(name=name, **where)
    assert got.id == made.id and got.inputs["database"] == database
    changed = sdk.dynamic_secrets.update(name=name, default_ttl="30m", **where)
    assert changed.defaultTTL == "30m" and changed.version == 2

    leased = sdk.dynamic_secrets.leases.create(dynamic_secret_name=name, ttl="10m", **where)
    user, password = leased.data["DB_USERNAME"], leased.data["DB_PASSWORD"]
    found = role(user)
    assert found is not None and scram_matches(found[1], password)
    assert login_works(database, user, password)
    assert leased.dynamicSecret.id == made.id and leased.lease.externalEntityId == user

    lease = sdk.dynamic_secrets.leases.get(lease_id=leased.lease.id, **where)
    assert lease.dynamicSecret is not None and lease.dynamicSecret.name == name
    renewed = sdk.dynamic_secrets.leases.renew(lease_id=lease.id, ttl="5m", **where)
    assert renewed.expireAt > lease.expireAt
    revoked = sdk.dynamic_secrets.leases.revoke(lease_id=lease.id, **where)
    assert revoked.id == lease.id and role(user) is None
    assert not login_works(database, user, password)
    with pytest.raises(APIError) as caught:
        sdk.dynamic_secrets.leases.get(lease_id=lease.id, **where)
    assert caught.value.status_code == 404

    deleted = sdk.dynamic_secrets.delete(name=name, **where)
    assert deleted.id == made.id


def test_totp_leases_with_the_defaults(sdk: InfisicalSDKClient, where: dict[str, Any]) -> None:
    name = "otp-" + uuid.uuid4().hex[:8]
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    sdk.dynamic_secrets.create(
        name=name,
        provider_type="totp",
        inputs={"configType": "manual", "secret": secret},
        default_ttl="1h",
        max_ttl=None,  # sent as null, like every optional the SDK does not get
        **where,
    )
    leased = sdk.dynamic_secrets.leases.create(dynamic_secret_name=name, **where)  # ttl: null
    assert leased.data["TOTP"].isdigit() and 1 <= leased.data["TIME_REMAINING"] <= 30
    assert sdk.dynamic_secrets.leases.revoke(lease_id=leased.lease.id, **where).status is None
    assert sdk.dynamic_secrets.delete(name=name, is_forced=True, **where).name == name
    with pytest.raises(APIError) as caught:
        sdk.dynamic_secrets.get_by_name(name=name, **where)
    assert caught.value.status_code == 404
