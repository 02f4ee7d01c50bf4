"""`client.dynamic_secrets` and `client.dynamic_secrets.leases` against the real server, with
the real providers: PostgreSQL roles (``sql-database``), Redis ACL users and TOTP codes."""

from __future__ import annotations

import base64
import secrets
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import redis

from _pg_roles import (
    login_works,
    role,
    scram_matches,
    sql_inputs,
    target_database,
)
from _redis import own_redis
from infisical_kit import AsyncClient, DynamicSecret, LeaseCredentials
from infisical_kit.errors import BadRequestError, NotFoundError, ValidationError

from ._clients import client_for
from ._counting import CountingTransport


def uid() -> str:
    """A short unique suffix."""
    return uuid.uuid4().hex[:8]


def totp_inputs() -> dict[str, Any]:
    """Inputs of a ``totp`` dynamic secret with a fresh secret."""
    return {"configType": "manual", "secret": base64.b32encode(secrets.token_bytes(20)).decode()}


@pytest.fixture
def database() -> Iterator[str]:
    """A PostgreSQL database the provider makes its roles in."""
    with target_database() as name:
        yield name


@pytest.mark.postgres
@pytest.mark.anyio
async def test_sql_database_round_trip(client: AsyncClient, database: str) -> None:
    name = f"pg-{uid()}"
    made = await client.dynamic_secrets.create(
        name,
        provider="sql-database",
        inputs=sql_inputs(database),
        default_ttl="1h",
        max_ttl=timedelta(hours=2),
        metadata={"owner": "tests"},
    )
    assert isinstance(made, DynamicSecret)
    assert (made.name, made.type, made.max_ttl) == (name, "sql-database", "7200s")
    assert made.metadata[0].key == "owner"
    got = await client.dynamic_secrets.get(name)
    assert got.id == made.id and got.inputs is not None and got.inputs["database"] == database
    assert "creationStatement" not in repr(got)
    assert name in [d.name for d in await client.dynamic_secrets.list()]
    changed = await client.dynamic_secrets.update(name, default_ttl=1800)
    assert changed.default_ttl == "1800s" and changed.version == 2

    creds = await client.dynamic_secrets.leases.create(name, ttl="20m")
    assert isinstance(creds, LeaseCredentials)
    user, password = creds.data["DB_USERNAME"], creds.data["DB_PASSWORD"]
    assert password not in repr(creds) and creds.dynamic_secret.id == made.id
    found = role(user)
    assert found is not None and scram_matches(found[1], password)
    assert login_works(database, user, password)
    lease = await client.dynamic_secrets.leases.get(creds.lease.id)
    assert lease.dynamic_secret is not None and lease.dynamic_secret.name == name
    assert lease.expire_at == creds.lease.expire_at and lease.status is None
    assert [item.id for item in await client.dynamic_secrets.leases.list(name)] == [lease.id]
    renewed = await client.dynamic_secrets.leases.renew(lease.id, ttl=timedelta(minutes=10))
    assert renewed.expire_at is not None and lease.expire_at is not None
    assert renewed.expire_at - lease.expire_at == timedelta(minutes=10)
    with pytest.raises(BadRequestError, match="max"):
        await client.dynamic_secrets.leases.renew(lease.id, ttl="2h")
    revoked = await client.dynamic_secrets.leases.revoke(lease.id)
    assert revoked.id == lease.id and role(user) is None
    assert not login_works(database, user, password)
    with pytest.raises(NotFoundError):
        await client.dynamic_secrets.leases.get(lease.id)
    gone = await client.dynamic_secrets.delete(name)
    assert gone.id == made.id
    with pytest.raises(NotFoundError):
        await client.dynamic_secrets.get(name)


@pytest.mark.anyio
async def test_redis_leases(client: AsyncClient) -> None:
    with own_redis() as port:
        name = f"redis-{uid()}"
        inputs = {
            "host": "127.0.0.1",
            "port": port,
            "username": "default",
            "creationStatement": "ACL SETUSER {{username}} on >{{password}} ~* +@all",
            "revocationStatement": "ACL DELUSER {{username}}",
        }
        await client.dynamic_secrets.create(name, provider="redis", inputs=inputs, default_ttl="5m")
        creds = await client.dynamic_secrets.leases.create(name)
        user, password = creds.data["DB_USERNAME"], creds.data["DB_PASSWORD"]
        with redis.Redis(host="127.0.0.1", port=port, username=user, password=password) as r:
            assert r.ping()
        await client.dynamic_secrets.leases.revoke(creds.lease.id)
        with (
            pytest.raises(redis.AuthenticationError),
            redis.Redis(host="127.0.0.1", port=port, username=user, password=password) as r,
        ):
            r.ping()
        await client.dynamic_secrets.delete(name, force=True)


@pytest.mark.anyio
async def test_totp_with_an_explicit_scope(client: AsyncClient, infisical_server: Any) -> None:
    boot = infisical_server.bootstrap
    project = await client.projects.get()
    name = f"otp-{uid()}"
    made = await client.dynamic_secrets.create(
        name,
        provider="totp",
        inputs=totp_inputs(),
        default_ttl="1h",
        project_slug=project.slug,  # no project id needed with the slug
        environment=boot["environments"][0],
    )
    creds = await client.dynamic_secrets.leases.create(name, project_slug=project.slug)
    assert creds.data["TOTP"].isdigit() and len(creds.data["TOTP"]) == 6
    assert creds.dynamic_secret.id == made.id
    deleting = await client.dynamic_secrets.delete(name)  # the lease is revoked first ...
    assert deleting.status == "Revocation in process"
    await client.dynamic_secrets.delete(name, force=True)  # ... unless forced
    with pytest.raises(NotFoundError):
        await client.dynamic_secrets.leases.get(creds.lease.id)


@pytest.mark.anyio
async def test_bad_arguments_are_reported_before_sending(client: AsyncClient) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.dynamic_secrets.create(
            "Not A Slug!", provider="", inputs={}, default_ttl="soon", max_ttl=-5
        )
    text = str(caught.value)
    for expected in ("name must be a slug", "provider", "default_ttl", "max_ttl"):
        assert expected in text
    with pytest.raises(ValidationError, match="nothing to update"):
        await client.dynamic_secrets.update("x")
    with pytest.raises(ValidationError, match="lease_id"):
        await client.dynamic_secrets.leases.revoke("")
    with pytest.raises(NotFoundError):
        await client.dynamic_secrets.leases.create(f"missing-{uid()}")


@pytest.mark.anyio
async def test_the_project_slug_is_read_once(infisical_server: Any) -> None:
    transport = CountingTransport()
    project_path = f"/api/v1/projects/{infisical_server.bootstrap['project_id']}"
    async with client_for(infisical_server, transport=transport) as client:
        name = f"otp-{uid()}"
        await client.dynamic_secrets.create(
            name, provider="totp", inputs=totp_inputs(), default_ttl="1h"
        )
        lease = (await client.dynamic_secrets.leases.create(name)).lease
        await client.dynamic_secrets.leases.get(lease.id)
        await client.dynamic_secrets.list()
        assert transport.count(project_path) == 1  # shared by dynamic_secrets and leases
        await client.dynamic_secrets.delete(name, force=True)
