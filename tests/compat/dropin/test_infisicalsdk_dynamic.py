"""``client.dynamic_secrets`` and ``.leases`` of ``infisicalsdk`` 1.0.18 and of its drop-in,
the same test body for both, against our server: TOTP codes and real PostgreSQL roles."""

from __future__ import annotations

import base64
import secrets
import uuid
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from _pg_roles import login_works, role, scram_matches, sql_inputs, target_database
from infisical_kit.testing.plugin import InfisicalProject

from ._infisicalsdk_scenarios import Target, logged_in


@pytest.fixture
def sdk(infisicalsdk: ModuleType, infisical_project: InfisicalProject) -> Iterator[Any]:
    target = Target(
        infisical_project.site_url,
        infisical_project.client_id,
        infisical_project.client_secret,
        infisical_project.id,
        infisical_project.slug,
    )
    client = logged_in(infisicalsdk, target)
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def where(infisical_project: InfisicalProject) -> dict[str, Any]:
    return {"project_slug": infisical_project.slug, "environment_slug": "dev", "path": "/"}


def status_of(call: Any) -> int:
    """The HTTP status of the error `call` raises (both SDKs' errors carry ``status_code``)."""
    with pytest.raises(Exception) as caught:
        call()
    status: int = caught.value.status_code  # type: ignore[attr-defined]
    return status


def test_totp_dynamic_secret_and_leases(
    infisicalsdk: ModuleType, sdk: Any, where: dict[str, Any]
) -> None:
    name = "otp-" + uuid.uuid4().hex[:8]
    seed = base64.b32encode(secrets.token_bytes(20)).decode()
    made = sdk.dynamic_secrets.create(
        name=name,
        provider_type=infisicalsdk.DynamicSecretProviders.TOTP,
        inputs={"configType": "manual", "secret": seed},
        default_ttl="1h",
        max_ttl="2h",
        metadata=[{"key": "team", "value": "compat"}],
        **where,
    )
    assert type(made).__name__ == "DynamicSecret"
    assert (made.name, made.type, made.defaultTTL, made.maxTTL) == (name, "totp", "1h", "2h")
    assert made.metadata == [{"key": "team", "value": "compat"}]
    got = sdk.dynamic_secrets.get_by_name(name=name, **where)
    assert got.id == made.id and got.inputs["configType"] == "manual"
    changed = sdk.dynamic_secrets.update(name=name, default_ttl="30m", **where)
    assert changed.defaultTTL == "30m" and changed.version == made.version + 1

    leased = sdk.dynamic_secrets.leases.create(dynamic_secret_name=name, ttl="10m", **where)
    assert type(leased).__name__ == "CreateLeaseResponse"
    assert leased.data["TOTP"].isdigit() and leased.dynamicSecret.id == made.id
    lease = sdk.dynamic_secrets.leases.get(lease_id=leased.lease.id, **where)
    assert lease.dynamicSecret is not None and lease.dynamicSecret.name == name
    renewed = sdk.dynamic_secrets.leases.renew(lease_id=lease.id, ttl="20m", **where)
    assert renewed.expireAt > lease.expireAt
    revoked = sdk.dynamic_secrets.leases.revoke(lease_id=lease.id, **where)
    assert revoked.id == lease.id
    assert status_of(lambda: sdk.dynamic_secrets.leases.get(lease_id=lease.id, **where)) == 404

    renamed = sdk.dynamic_secrets.update(name=name, new_name=name + "-b", **where)
    assert renamed.name == name + "-b"
    deleted = sdk.dynamic_secrets.delete(name=name + "-b", is_forced=True, **where)
    assert deleted.id == made.id
    assert status_of(lambda: sdk.dynamic_secrets.get_by_name(name=name + "-b", **where)) == 404


@pytest.mark.postgres
def test_sql_database_leases_are_real_roles(sdk: Any, where: dict[str, Any]) -> None:
    with target_database() as database:
        name = "pg-" + uuid.uuid4().hex[:8]
        sdk.dynamic_secrets.create(
            name=name,
            provider_type="sql-database",
            inputs=sql_inputs(database),
            default_ttl="1h",
            max_ttl="2h",
            **where,
        )
        leased = sdk.dynamic_secrets.leases.create(dynamic_secret_name=name, **where)
        user, password = leased.data["DB_USERNAME"], leased.data["DB_PASSWORD"]
        found = role(user)
        assert found is not None and scram_matches(found[1], password)
        assert login_works(database, user, password)
        sdk.dynamic_secrets.leases.revoke(lease_id=leased.lease.id, **where)
        assert role(user) is None and not login_works(database, user, password)
        sdk.dynamic_secrets.delete(name=name, **where)


def test_the_dropin_hides_credentials_from_repr(
    infisicalsdk: ModuleType, sdk: Any, where: dict[str, Any]
) -> None:
    """The real SDK's ``repr`` of a dynamic secret shows its inputs (root credentials
    included); the drop-in's does not."""
    name = "otp-" + uuid.uuid4().hex[:8]
    seed = base64.b32encode(secrets.token_bytes(20)).decode()
    made = sdk.dynamic_secrets.create(
        name=name,
        provider_type="totp",
        inputs={"configType": "manual", "secret": seed},
        default_ttl="1h",
        max_ttl="2h",
        **where,
    )
    leased = sdk.dynamic_secrets.leases.create(dynamic_secret_name=name, **where)
    if infisicalsdk.__name__.startswith("infisical_kit"):
        for text in (repr(made), repr(leased), repr(leased.dynamicSecret)):
            assert seed not in text and leased.data["TOTP"] not in text
    else:
        assert seed in repr(made)
    sdk.dynamic_secrets.delete(name=name, is_forced=True, **where)
