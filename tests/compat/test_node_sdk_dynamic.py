"""``@infisical/sdk`` 5.0.2 (Node) ``dynamicSecrets()`` and its ``leases`` against our server on
SQLite and PostgreSQL: the SDK's own calls, run by ``node``, with real PostgreSQL roles."""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from _pg_roles import login_works, role, scram_matches, sql_inputs, target_database
from infisical_kit.testing import LocalServer

from ._backends import BACKENDS, server_on
from ._node import SCRIPTS, run_node


@pytest.fixture(scope="module", params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalServer]:
    with server_on(request.param, tmp_path_factory.mktemp("node-dyn")) as server:
        yield server


class NodeSdk:
    """One backend seen through the Node SDK (each call is one ``node`` run)."""

    def __init__(self, directory: Path, server: LocalServer) -> None:
        boot = server.bootstrap
        self.directory = directory
        self.env = {
            "INFISICAL_URL": server.url,
            "INFISICAL_CLIENT_ID": boot["client_id"],
            "INFISICAL_CLIENT_SECRET": boot["client_secret"],
        }
        login = httpx.post(
            f"{server.url}/api/v1/auth/universal-auth/login",
            json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
        )
        token = login.json()["accessToken"]
        project = httpx.get(
            f"{server.url}/api/v1/projects/{boot['project_id']}",
            headers={"Authorization": f"Bearer {token}"},
        ).json()["project"]
        self.where = {"projectSlug": project["slug"], "environmentSlug": "dev", "path": "/"}

    def __call__(self, call: str, options: dict[str, Any], *target: str) -> Any:
        done = run_node(
            self.directory,
            SCRIPTS / "dynamic_secrets.js",
            self.env,
            call,
            json.dumps({**self.where, **options}),
            *target,
        )
        assert done.returncode == 0, f"node {call} failed: {done.stderr[-1000:]}"
        return json.loads(done.stdout) if done.stdout else None


@pytest.fixture
def node(node_sdk: Path, backend: LocalServer) -> NodeSdk:
    return NodeSdk(node_sdk, backend)


@pytest.mark.postgres
def test_sql_database_through_the_node_sdk(node: NodeSdk) -> None:
    with target_database() as database:
        name = "node-pg-" + uuid.uuid4().hex[:6]
        provider = {"type": "sql-database", "inputs": sql_inputs(database)}
        made = node(
            "create", {"provider": provider, "defaultTTL": "1h", "maxTTL": "2h", "name": name}
        )
        assert (made["name"], made["type"], made["maxTTL"]) == (name, "sql-database", "2h")

        leased = node("leaseCreate", {"dynamicSecretName": name, "ttl": "10m"})
        user, password = leased["data"]["DB_USERNAME"], leased["data"]["DB_PASSWORD"]
        found = role(user)
        assert found is not None and scram_matches(found[1], password)
        assert login_works(database, user, password)
        lease = leased["lease"]

        renewed = node("leaseRenew", {"ttl": "5m"}, lease["id"])["lease"]
        assert renewed["id"] == lease["id"] and renewed["expireAt"] > lease["expireAt"]
        revoked = node("leaseDelete", {}, lease["id"])["lease"]
        assert revoked["id"] == lease["id"] and role(user) is None
        assert not login_works(database, user, password)

        deleted = node("delete", {}, name)
        assert deleted["id"] == made["id"]


def test_totp_through_the_node_sdk(node: NodeSdk) -> None:
    name = "node-otp-" + uuid.uuid4().hex[:6]
    inputs = {"configType": "manual", "secret": base64.b32encode(secrets.token_bytes(20)).decode()}
    made = node(
        "create",
        {
            "provider": {"type": "totp", "inputs": inputs},
            "defaultTTL": "1h",
            "maxTTL": "1d",
            "name": name,
            "metadata": {"team": "node"},  # the SDK types metadata as a record
        },
    )
    assert made["metadata"] == [{"key": "team", "value": "node"}]
    leased = node("leaseCreate", {"dynamicSecretName": name})
    assert leased["data"]["TOTP"].isdigit() and leased["dynamicSecret"]["id"] == made["id"]
    node("leaseDelete", {"isForced": False}, leased["lease"]["id"])
    assert node("delete", {"isForced": True}, name)["name"] == name
