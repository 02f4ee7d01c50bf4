"""The official ``infisicalsdk`` 1.0.18's own login methods against our server, unchanged:
``auth.aws_auth.login`` (boto3 signs, moto stands in for STS), ``auth.oidc_auth.login``,
``auth.ldap_auth.login`` (a real slapd) and ``auth.universal_auth.login``, on SQLite and on
PostgreSQL; each token then reads a secret with ``secrets.get_secret_by_name``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _login_services import Admin, SigningKey
from infisical_kit.testing import LocalServer

from ._node import run_node

pytest.importorskip("infisical_sdk")
from infisical_sdk import InfisicalSDKClient

BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, key_server: Any, moto: Any) -> Iterator[LocalServer]:
    url = None
    if request.param == "postgres":
        from _pg import fresh_postgres_database

        context = fresh_postgres_database("ik_sdklogin")
        url = context.__enter__()
        request.addfinalizer(lambda: context.__exit__(None, None, None))
    env = {"INFISICAL_KIT_AWS_STS_ENDPOINT": moto.url}
    with LocalServer(database_url=url, env=env) as running:
        yield running


@pytest.fixture(scope="module")
def admin(server: LocalServer) -> Iterator[Admin]:
    a = Admin(server)
    yield a
    a.close()


def reads_secret(client: InfisicalSDKClient, admin: Admin, key: str) -> str:
    secret = client.secrets.get_secret_by_name(
        secret_name=key,
        project_id=admin.boot["project_id"],
        environment_slug="dev",
        secret_path="/",
    )
    return str(secret.secretValue)


def test_aws_auth_login(
    admin: Admin, moto: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    identity = admin.identity("aws-auth", {"allowedPrincipalArns": moto.arn})
    key = admin.secret("aws-through-infisicalsdk")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", moto.access_key_id)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", moto.secret_access_key)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    client = InfisicalSDKClient(host=admin.server.url, cache_ttl=None)
    try:
        login = client.auth.aws_auth.login(identity_id=identity)
        assert login.accessToken and login.tokenType == "Bearer"
        assert reads_secret(client, admin, key) == "aws-through-infisicalsdk"
    finally:
        client.close()


def test_oidc_auth_login(admin: Admin, key_server: Any) -> None:
    provider = SigningKey("sdk-oidc")
    issuer = f"{key_server.url}/sdk-oidc-{admin.server.port}"
    key_server.json(
        f"/sdk-oidc-{admin.server.port}/.well-known/openid-configuration",
        {"jwks_uri": f"{issuer}/k"},
    )
    key_server.json(f"/sdk-oidc-{admin.server.port}/k", {"keys": [provider.jwk]})
    identity = admin.identity("oidc-auth", {"oidcDiscoveryUrl": issuer, "boundIssuer": issuer})
    key = admin.secret("oidc-through-infisicalsdk")
    client = InfisicalSDKClient(host=admin.server.url, cache_ttl=None)
    try:
        client.auth.oidc_auth.login(
            identity_id=identity, jwt=provider.sign({"iss": issuer, "sub": "ci"})
        )
        assert reads_secret(client, admin, key) == "oidc-through-infisicalsdk"
    finally:
        client.close()


def test_ldap_auth_login(admin: Admin, ldap_directory: Any) -> None:
    d = ldap_directory
    settings = {
        "url": d.url,
        "bindDN": d.bind_dn,
        "bindPass": d.bind_pass,
        "searchBase": d.search_base,
    }
    identity = admin.identity("ldap-auth", settings)
    key = admin.secret("ldap-through-infisicalsdk")
    client = InfisicalSDKClient(host=admin.server.url, cache_ttl=None)
    try:
        client.auth.ldap_auth.login(identity_id=identity, username=d.username, password=d.password)
        assert reads_secret(client, admin, key) == "ldap-through-infisicalsdk"
    finally:
        client.close()


def test_universal_auth_login(admin: Admin) -> None:
    key = admin.secret("ua-through-infisicalsdk")
    client = InfisicalSDKClient(host=admin.server.url, cache_ttl=None)
    try:
        client.auth.universal_auth.login(
            client_id=admin.boot["client_id"], client_secret=admin.boot["client_secret"]
        )
        assert reads_secret(client, admin, key) == "ua-through-infisicalsdk"
    finally:
        client.close()


# -- @infisical/sdk 5.0.2 (Node): AWS IAM login ---------------------------------------------------

NODE_SCRIPT = """
import { InfisicalSDK } from "@infisical/sdk";
const sdk = new InfisicalSDK({ siteUrl: process.env.SITE_URL });
await sdk.auth().awsIamAuth.login({ identityId: process.env.IDENTITY_ID });
const secret = await sdk.secrets().getSecret({
  projectId: process.env.PROJECT_ID, environment: "dev", secretName: process.env.SECRET_KEY,
});
console.log(secret.secretValue === process.env.EXPECTED ? "node aws login: ok" : "mismatch");
"""


def test_node_sdk_aws_iam_login(admin: Admin, moto: Any, node_sdk: Path, tmp_path: Path) -> None:
    identity = admin.identity("aws-auth", {"allowedAccountIds": moto.account})
    key = admin.secret("aws-through-the-node-sdk")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "INFISICAL"))}
    env.update(
        AWS_ACCESS_KEY_ID=moto.access_key_id,
        AWS_SECRET_ACCESS_KEY=moto.secret_access_key,
        AWS_REGION="us-east-1",
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
        SITE_URL=admin.server.url,
        IDENTITY_ID=identity,
        PROJECT_ID=admin.boot["project_id"],
        SECRET_KEY=key,
        EXPECTED="aws-through-the-node-sdk",
    )
    run = run_node(node_sdk, NODE_SCRIPT, env, suffix=".mjs", inherit=False)
    assert run.returncode == 0, (run.stdout + run.stderr)[-2000:]
    assert "node aws login: ok" in run.stdout
