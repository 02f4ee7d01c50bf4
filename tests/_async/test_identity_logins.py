"""The SDK's machine-identity logins end to end, configured the way a user would (environment
variables, the Infisical CLI's names), against a local server that verifies each proof with a
real service: moto as AWS STS, slapd, and a loopback stand-in for the OIDC provider, the GCE
metadata server, Azure IMDS and Google's and Microsoft's keys."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _login_services import Admin, SigningKey
from infisical_kit import AsyncClient, AuthenticationError, ConfigurationError

from ._counting import CountingTransport

TENANT = "0b5a1f4e-0000-4000-8000-00000000bbbb"
EMAIL = "runner@test-project.iam.gserviceaccount.com"


@pytest.fixture(scope="module")
def admin(login_server: Any) -> Iterator[Admin]:
    a = Admin(login_server)
    yield a
    a.close()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, admin: Admin, tmp_path: Path) -> pytest.MonkeyPatch:
    """The server and the default scope, and no AWS settings of the machine."""
    monkeypatch.setenv("INFISICAL_DOMAIN", admin.server.url)
    monkeypatch.setenv("INFISICAL_PROJECT_ID", admin.boot["project_id"])
    monkeypatch.setenv("INFISICAL_ENVIRONMENT", "dev")
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return monkeypatch


async def values(client: AsyncClient) -> dict[str, str]:
    return {s.key: s.value for s in await client.secrets.list()}


@pytest.mark.anyio
@pytest.mark.parametrize("selected_by", ["INFISICAL_AUTH_METHOD", "legacy variable"])
async def test_aws_iam_from_the_standard_chain(
    env: pytest.MonkeyPatch, admin: Admin, moto: Any, selected_by: str
) -> None:
    identity = admin.identity("aws-auth", {"allowedPrincipalArns": moto.arn})
    key = admin.secret("seen-from-aws")
    env.setenv("AWS_ACCESS_KEY_ID", moto.access_key_id)
    env.setenv("AWS_SECRET_ACCESS_KEY", moto.secret_access_key)
    env.setenv("AWS_REGION", "us-east-1")
    if selected_by == "INFISICAL_AUTH_METHOD":
        env.setenv("INFISICAL_AUTH_METHOD", "aws-iam")
        env.setenv("INFISICAL_MACHINE_IDENTITY_ID", identity)
    else:
        env.setenv("INFISICAL_AWS_IAM_AUTH_IDENTITY_ID", identity)
    transport = CountingTransport()
    async with AsyncClient.from_env(transport=transport) as client:
        assert (await values(client))[key] == "seen-from-aws"
        await client.auth.login()  # signed anew: a second, fresh STS request
        assert transport.paths.count("/api/v1/auth/aws-auth/login") == 2
        assert moto.secret_access_key not in repr(client)
        env.setenv("AWS_SECRET_ACCESS_KEY", "rotated-and-wrong")
        env.setenv("AWS_ACCESS_KEY_ID", "AKIAOTHERKEY")
        with pytest.raises(AuthenticationError):
            await client.auth.login()  # the keys are read again at every login


@pytest.mark.anyio
async def test_aws_iam_without_botocore_names_the_extra(
    env: pytest.MonkeyPatch, admin: Admin
) -> None:
    env.setitem(sys.modules, "botocore", None)
    env.setitem(sys.modules, "botocore.session", None)
    env.setenv("INFISICAL_AUTH_METHOD", "aws-iam")
    env.setenv("INFISICAL_MACHINE_IDENTITY_ID", "some-identity")
    with pytest.raises(ConfigurationError, match=r"infisical-kit\[aws\]"):
        AsyncClient.from_env()


@pytest.mark.anyio
async def test_gcp_id_token_from_the_metadata_server(
    env: pytest.MonkeyPatch, admin: Admin, key_server: Any
) -> None:
    google = SigningKey("google-sdk")
    key_server.json("/google/oauth2/v3/certs", {"keys": [google.jwk]})
    identity = admin.identity("gcp-auth", {"type": "gce", "allowedServiceAccounts": EMAIL})
    key = admin.secret("seen-from-gce")

    def metadata(query: dict[str, list[str]], headers: dict[str, str]) -> tuple[int, Any]:
        if headers.get("metadata-flavor") != "Google" or query.get("format") != ["full"]:
            return 403, "missing Metadata-Flavor"
        claims = {"iss": "https://accounts.google.com", "aud": query["audience"][0], "email": EMAIL}
        return 200, google.sign(claims)

    path = "/computeMetadata/v1/instance/service-accounts/default/identity"
    key_server.routes[path] = metadata
    env.setenv("GCE_METADATA_HOST", f"127.0.0.1:{key_server.port}")
    env.setenv("INFISICAL_GCP_AUTH_IDENTITY_ID", identity)  # the legacy SDK's variable
    before = key_server.requests.count(path)
    async with AsyncClient.from_env() as client:
        assert (await values(client))[key] == "seen-from-gce"
    assert key_server.requests.count(path) - before == 1  # built + first login: one fetch


@pytest.mark.anyio
async def test_gcp_iam_signs_with_the_key_file(
    env: pytest.MonkeyPatch, admin: Admin, key_server: Any, tmp_path: Path
) -> None:
    account = SigningKey("sa-sdk-1")
    key_server.json(
        f"/google/service_accounts/v1/metadata/x509/{EMAIL}",
        {account.kid: account.certificate_pem(EMAIL)},
    )
    key_file = tmp_path / "sa.json"
    key_file.write_text(json.dumps(account.service_account_key(EMAIL)))
    identity = admin.identity("gcp-auth", {"type": "iam", "allowedServiceAccounts": EMAIL})
    key = admin.secret("seen-from-iam")
    env.setenv("INFISICAL_AUTH_METHOD", "gcp-iam")
    env.setenv("INFISICAL_MACHINE_IDENTITY_ID", identity)
    env.setenv("INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH", str(key_file))
    async with AsyncClient.from_env() as client:
        assert (await values(client))[key] == "seen-from-iam"
    assert account.key.private_numbers().d.to_bytes(256, "big").hex()[:16] not in repr(client)


@pytest.mark.anyio
async def test_azure_managed_identity_from_imds(
    env: pytest.MonkeyPatch, admin: Admin, key_server: Any
) -> None:
    microsoft = SigningKey("azure-sdk")
    key_server.json(f"/azure/{TENANT}/discovery/keys", {"keys": [microsoft.jwk]})
    resource = "https://management.azure.com/"
    identity = admin.identity("azure-auth", {"tenantId": TENANT, "resource": resource})
    key = admin.secret("seen-from-azure")

    def imds(query: dict[str, list[str]], headers: dict[str, str]) -> tuple[int, Any]:
        if headers.get("metadata") != "true":
            return 400, {"error": "missing Metadata header"}
        claims = {
            "iss": f"https://sts.windows.net/{TENANT}/",
            "aud": query["resource"][0],
            "tid": TENANT,
            "oid": "sp-1",
        }
        return 200, {"access_token": microsoft.sign(claims), "token_type": "Bearer"}

    key_server.routes["/metadata/identity/oauth2/token"] = imds
    env.setenv("AZURE_POD_IDENTITY_AUTHORITY_HOST", key_server.url)
    env.setenv("INFISICAL_AZURE_AUTH_IDENTITY_ID", identity)
    async with AsyncClient.from_env() as client:
        assert (await values(client))[key] == "seen-from-azure"


@pytest.mark.anyio
async def test_oidc_reads_the_jwt_file_at_every_login(
    env: pytest.MonkeyPatch, admin: Admin, key_server: Any, tmp_path: Path
) -> None:
    provider = SigningKey("ci-oidc")
    issuer = f"{key_server.url}/ci"
    key_server.json("/ci/.well-known/openid-configuration", {"jwks_uri": f"{issuer}/keys"})
    key_server.json("/ci/keys", {"keys": [provider.jwk]})
    identity = admin.identity(
        "oidc-auth", {"oidcDiscoveryUrl": issuer, "boundIssuer": issuer, "boundSubject": "ci:*"}
    )
    key = admin.secret("seen-from-ci")
    jwt_file = tmp_path / "oidc-token"
    jwt_file.write_text(provider.sign({"iss": issuer, "sub": "ci:build"}))
    env.setenv("INFISICAL_AUTH_METHOD", "oidc-auth")
    env.setenv("INFISICAL_MACHINE_IDENTITY_ID", identity)
    env.setenv("INFISICAL_JWT_FILE", str(jwt_file))
    async with AsyncClient.from_env() as client:
        assert (await values(client))[key] == "seen-from-ci"
        jwt_file.write_text(provider.sign({"iss": issuer, "sub": "ci:deploy"}))
        await client.auth.login()
        jwt_file.write_text(provider.sign({"iss": issuer, "sub": "laptop"}))
        with pytest.raises(AuthenticationError):
            await client.auth.login()


@pytest.mark.anyio
async def test_jwt_auth_reads_the_variable_at_every_login(
    env: pytest.MonkeyPatch, admin: Admin
) -> None:
    signer = SigningKey("jwt-sdk")
    identity = admin.identity(
        "jwt-auth",
        {
            "configurationType": "static",
            "publicKeys": [signer.certificate_pem()],
            "boundSubject": "svc",
        },
    )
    key = admin.secret("seen-with-a-jwt")
    env.setenv("INFISICAL_AUTH_METHOD", "jwt-auth")
    env.setenv("INFISICAL_MACHINE_IDENTITY_ID", identity)
    env.setenv("INFISICAL_JWT", signer.sign({"sub": "svc"}))
    async with AsyncClient.from_env() as client:
        assert (await values(client))[key] == "seen-with-a-jwt"
        env.setenv("INFISICAL_JWT", signer.sign({"sub": "intruder"}))
        with pytest.raises(AuthenticationError):
            await client.auth.login()


@pytest.mark.anyio
async def test_ldap_from_the_cli_variables(
    env: pytest.MonkeyPatch, admin: Admin, ldap_directory: Any
) -> None:
    d = ldap_directory
    settings = {
        "url": d.url,
        "bindDN": d.bind_dn,
        "bindPass": d.bind_pass,
        "searchBase": d.search_base,
    }
    identity = admin.identity("ldap-auth", settings)
    key = admin.secret("seen-from-ldap")
    env.setenv("INFISICAL_AUTH_METHOD", "ldap-auth")
    env.setenv("INFISICAL_MACHINE_IDENTITY_ID", identity)
    env.setenv("INFISICAL_LDAP_USERNAME", d.username)
    env.setenv("INFISICAL_LDAP_PASSWORD", d.password)
    async with AsyncClient.from_env() as client:
        assert (await values(client))[key] == "seen-from-ldap"
        assert d.password not in repr(client)
        await client.auth.renew()
        assert (await values(client))[key] == "seen-from-ldap"
