"""The machine-identity logins of the drop-ins against a server that verifies each proof with a
real service (moto as AWS STS, slapd, a loopback OIDC provider / GCE metadata server / Azure
IMDS): ``infisicalsdk``'s ``auth.aws_auth``, ``oidc_auth`` and ``ldap_auth`` (the real package
and the drop-in, same test body) and the legacy ``infisical_client``'s ``aws_iam``,
``gcp_id_token``, ``gcp_iam`` and ``azure`` settings (the drop-in: the real one's compiled
core only talks to the real clouds)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from _login_services import Admin, SigningKey
from infisical_kit.compat import infisical_client as legacy
from infisical_kit.compat import infisicalsdk as dropin
from infisical_kit.errors import ConfigurationError

TENANT = "0b5a1f4e-0000-4000-8000-00000000cccc"
EMAIL = "dropin@test-project.iam.gserviceaccount.com"


@pytest.fixture(scope="module")
def admin(login_server: Any) -> Iterator[Admin]:
    a = Admin(login_server)
    yield a
    a.close()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, moto: Any, tmp_path: Path) -> pytest.MonkeyPatch:
    """moto's IAM user's keys as this machine's AWS credentials, nothing else of AWS."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", moto.access_key_id)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", moto.secret_access_key)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    return monkeypatch


def reads(client: Any, admin: Admin, key: str) -> str:
    secret = client.secrets.get_secret_by_name(
        secret_name=key, project_id=admin.boot["project_id"], environment_slug="dev",
        secret_path="/",
    )  # fmt: skip
    return str(secret.secretValue)


# -- infisicalsdk: the real package and the drop-in ---------------------------------------------


def test_aws_auth(infisicalsdk: ModuleType, admin: Admin, moto: Any, aws_env: Any) -> None:
    identity = admin.identity("aws-auth", {"allowedPrincipalArns": moto.arn})
    key = admin.secret("aws-" + infisicalsdk.__name__)
    with infisicalsdk.InfisicalSDKClient(host=admin.server.url, cache_ttl=None) as client:
        login = client.auth.aws_auth.login(identity_id=identity)
        assert type(login).__name__ == "MachineIdentityLoginResponse"
        assert login.tokenType == "Bearer" and login.expiresIn > 0
        assert client.get_token() == login.accessToken
        assert reads(client, admin, key) == "aws-" + infisicalsdk.__name__
        assert moto.secret_access_key not in repr(client.auth.aws_auth)


def test_aws_auth_identity_from_the_environment(admin: Admin, moto: Any, aws_env: Any) -> None:
    identity = admin.identity("aws-auth", {"allowedPrincipalArns": moto.arn})
    aws_env.setenv("INFISICAL_AWS_IAM_AUTH_IDENTITY_ID", identity)
    with dropin.InfisicalSDKClient(host=admin.server.url, cache_ttl=None) as client:
        assert client.auth.aws_auth.login(identity_id="").accessToken
        # the keys are read again at the next login: rotated (here: wrong) keys are refused
        aws_env.setenv("AWS_SECRET_ACCESS_KEY", "rotated-and-wrong")
        with pytest.raises(dropin.APIError) as caught:
            client._session.client.auth.login()
        assert caught.value.status_code == 401
    aws_env.delenv("INFISICAL_AWS_IAM_AUTH_IDENTITY_ID")
    client = dropin.InfisicalSDKClient(host=admin.server.url)
    with client, pytest.raises(ConfigurationError, match="INFISICAL_AWS_IAM_AUTH_IDENTITY_ID"):
        client.auth.aws_auth.login(identity_id="")


def test_the_aws_region_comes_from_the_instance_document(
    monkeypatch: pytest.MonkeyPatch, key_server: Any
) -> None:
    """No AWS_REGION: IMDSv2 (a session token, then the identity document), at the endpoint
    botocore's AWS_EC2_METADATA_SERVICE_ENDPOINT names."""
    document = "/latest/dynamic/instance-identity/document"
    key_server.routes["/latest/api/token"] = lambda _q, h: (
        (200, "imds-session") if h.get("x-aws-ec2-metadata-token-ttl-seconds") else (400, "no")
    )
    key_server.routes[document] = lambda _q, h: (
        (200, {"region": "eu-west-3"})
        if h.get("x-aws-ec2-metadata-token") == "imds-session"
        else (401, "no token")
    )
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", key_server.url)
    assert dropin.InfisicalSDKClient("http://x").auth.aws_auth.get_aws_region() == "eu-west-3"
    monkeypatch.setenv("AWS_REGION", "ap-south-1")
    assert dropin.InfisicalSDKClient("http://x").auth.aws_auth.get_aws_region() == "ap-south-1"


def test_oidc_auth(infisicalsdk: ModuleType, admin: Admin, key_server: Any) -> None:
    provider = SigningKey("dropin-oidc")
    issuer = f"{key_server.url}/dropin-oidc"
    key_server.json("/dropin-oidc/.well-known/openid-configuration", {"jwks_uri": f"{issuer}/k"})
    key_server.json("/dropin-oidc/k", {"keys": [provider.jwk]})
    identity = admin.identity(
        "oidc-auth", {"oidcDiscoveryUrl": issuer, "boundIssuer": issuer, "boundSubject": "ci"}
    )
    key = admin.secret("oidc-" + infisicalsdk.__name__)
    with infisicalsdk.InfisicalSDKClient(host=admin.server.url, cache_ttl=None) as client:
        login = client.auth.oidc_auth.login(
            identity_id=identity, jwt=provider.sign({"iss": issuer, "sub": "ci"})
        )
        assert login.accessToken and reads(client, admin, key) == "oidc-" + infisicalsdk.__name__
        with pytest.raises(Exception) as caught:
            client.auth.oidc_auth.login(
                identity_id=identity, jwt=provider.sign({"iss": issuer, "sub": "laptop"})
            )
        assert caught.value.status_code in (401, 403)  # type: ignore[attr-defined]


def test_ldap_auth(infisicalsdk: ModuleType, admin: Admin, ldap_directory: Any) -> None:
    d = ldap_directory
    settings = {"url": d.url, "bindDN": d.bind_dn, "bindPass": d.bind_pass}
    identity = admin.identity("ldap-auth", {**settings, "searchBase": d.search_base})
    key = admin.secret("ldap-" + infisicalsdk.__name__)
    with infisicalsdk.InfisicalSDKClient(host=admin.server.url, cache_ttl=None) as client:
        login = client.auth.ldap_auth.login(
            identity_id=identity, username=d.username, password=d.password
        )
        assert login.accessToken and reads(client, admin, key) == "ldap-" + infisicalsdk.__name__
        with pytest.raises(Exception) as caught:
            client.auth.ldap_auth.login(identity_id=identity, username=d.username, password="no")
        assert caught.value.status_code == 401  # type: ignore[attr-defined]
        assert d.password not in repr(client)


# -- the legacy infisical_client: the cloud logins --------------------------------------------


def legacy_reads(auth: Any, admin: Admin, key: str) -> str:
    settings = legacy.ClientSettings(site_url=admin.server.url, cache_ttl=0, auth=auth)
    with legacy.InfisicalClient(settings) as client:
        options = legacy.GetSecretOptions(
            secret_name=key, project_id=admin.boot["project_id"], environment="dev"
        )
        return client.getSecret(options).secret_value


def test_legacy_aws_iam(admin: Admin, moto: Any, aws_env: Any) -> None:
    identity = admin.identity("aws-auth", {"allowedPrincipalArns": moto.arn})
    key = admin.secret("legacy-aws")
    auth = legacy.AuthenticationOptions(aws_iam=legacy.AWSIamAuthMethod(identity_id=identity))
    assert legacy_reads(auth, admin, key) == "legacy-aws"


def test_legacy_gcp_id_token(
    admin: Admin, key_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    google = SigningKey("google-dropin")
    key_server.json("/google/oauth2/v3/certs", {"keys": [google.jwk]})
    identity = admin.identity("gcp-auth", {"type": "gce", "allowedServiceAccounts": EMAIL})
    key = admin.secret("legacy-gce")

    def metadata(query: dict[str, list[str]], headers: dict[str, str]) -> tuple[int, Any]:
        if headers.get("metadata-flavor") != "Google":
            return 403, "missing Metadata-Flavor"
        claims = {"iss": "https://accounts.google.com", "aud": query["audience"][0], "email": EMAIL}
        return 200, google.sign(claims)

    key_server.routes["/computeMetadata/v1/instance/service-accounts/default/identity"] = metadata
    monkeypatch.setenv("GCE_METADATA_HOST", f"127.0.0.1:{key_server.port}")
    auth = legacy.AuthenticationOptions(gcp_id_token=legacy.GCPIDTokenAuthMethod(identity))
    assert legacy_reads(auth, admin, key) == "legacy-gce"


def test_legacy_gcp_iam(admin: Admin, key_server: Any, tmp_path: Path) -> None:
    account = SigningKey("sa-dropin-1")
    key_server.json(
        f"/google/service_accounts/v1/metadata/x509/{EMAIL}",
        {account.kid: account.certificate_pem(EMAIL)},
    )
    key_file = tmp_path / "sa.json"
    key_file.write_text(json.dumps(account.service_account_key(EMAIL)))
    identity = admin.identity("gcp-auth", {"type": "iam", "allowedServiceAccounts": EMAIL})
    key = admin.secret("legacy-iam")
    auth = legacy.AuthenticationOptions(
        gcp_iam=legacy.GCPIamAuthMethod(identity, service_account_key_file_path=str(key_file))
    )
    assert legacy_reads(auth, admin, key) == "legacy-iam"


def test_legacy_azure(admin: Admin, key_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    microsoft = SigningKey("azure-dropin")
    key_server.json(f"/azure/{TENANT}/discovery/keys", {"keys": [microsoft.jwk]})
    resource = "https://management.azure.com/"
    identity = admin.identity("azure-auth", {"tenantId": TENANT, "resource": resource})
    key = admin.secret("legacy-azure")

    def imds(query: dict[str, list[str]], headers: dict[str, str]) -> tuple[int, Any]:
        if headers.get("metadata") != "true":
            return 400, {"error": "missing Metadata header"}
        claims = {
            "iss": f"https://sts.windows.net/{TENANT}/",
            "aud": query["resource"][0],
            "tid": TENANT,
            "oid": "sp-dropin",
        }
        return 200, {"access_token": microsoft.sign(claims), "token_type": "Bearer"}

    key_server.routes["/metadata/identity/oauth2/token"] = imds
    monkeypatch.setenv("AZURE_POD_IDENTITY_AUTHORITY_HOST", key_server.url)
    auth = legacy.AuthenticationOptions(azure=legacy.AzureAuthMethod(identity_id=identity))
    assert legacy_reads(auth, admin, key) == "legacy-azure"


def test_legacy_aws_iam_from_its_environment_variable(
    admin: Admin, moto: Any, aws_env: Any
) -> None:
    """No auth in the settings: the legacy SDK's INFISICAL_AWS_IAM_AUTH_IDENTITY_ID picks it."""
    identity = admin.identity("aws-auth", {"allowedPrincipalArns": moto.arn})
    key = admin.secret("legacy-aws-env")
    aws_env.setenv("INFISICAL_AWS_IAM_AUTH_IDENTITY_ID", identity)
    assert legacy_reads(None, admin, key) == "legacy-aws-env"
