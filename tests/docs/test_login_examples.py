"""Run the machine-identity login examples (examples/docs/logins/*.py, included in
docs/authentication.md) in a subprocess with a clean environment, against a local server
that verifies each login with a real service (moto, slapd, the loopback key server)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from _login_services import Admin, SigningKey

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "docs" / "logins").glob("*.py"))
TENANT = "5d6e7f80-0000-4000-8000-00000000dddd"
EMAIL = "docs@test-project.iam.gserviceaccount.com"

Setup = Callable[[Admin, Any, Path], tuple[str, dict[str, Any], dict[str, str]]]


@pytest.fixture(scope="module")
def admin(login_server: Any) -> Iterator[Admin]:
    a = Admin(login_server)
    yield a
    a.close()


def _aws(admin: Admin, s: Any, tmp: Path) -> tuple[str, dict[str, Any], dict[str, str]]:
    moto = s["moto"]
    env = {
        "INFISICAL_AUTH_METHOD": "aws-iam",
        "AWS_ACCESS_KEY_ID": moto.access_key_id,
        "AWS_SECRET_ACCESS_KEY": moto.secret_access_key,
        "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(tmp / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp / "none"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    return "aws-auth", {"allowedPrincipalArns": moto.arn}, env


def _gcp_id_token(admin: Admin, s: Any, tmp: Path) -> tuple[str, dict[str, Any], dict[str, str]]:
    google, server = SigningKey("docs-google"), s["key_server"]
    server.json("/google/oauth2/v3/certs", {"keys": [google.jwk]})

    def metadata(query: dict[str, list[str]], headers: dict[str, str]) -> tuple[int, Any]:
        claims = {"iss": "https://accounts.google.com", "aud": query["audience"][0], "email": EMAIL}
        return 200, google.sign(claims)

    server.routes["/computeMetadata/v1/instance/service-accounts/default/identity"] = metadata
    env = {"INFISICAL_AUTH_METHOD": "gcp-id-token", "GCE_METADATA_HOST": f"127.0.0.1:{server.port}"}
    return "gcp-auth", {"type": "gce"}, env


def _gcp_iam(admin: Admin, s: Any, tmp: Path) -> tuple[str, dict[str, Any], dict[str, str]]:
    account = SigningKey("docs-sa")
    s["key_server"].json(
        f"/google/service_accounts/v1/metadata/x509/{EMAIL}",
        {account.kid: account.certificate_pem(EMAIL)},
    )
    key_file = tmp / "sa.json"
    key_file.write_text(json.dumps(account.service_account_key(EMAIL)))
    env = {
        "INFISICAL_AUTH_METHOD": "gcp-iam",
        "INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH": str(key_file),
    }
    return "gcp-auth", {"type": "iam"}, env


def _azure(admin: Admin, s: Any, tmp: Path) -> tuple[str, dict[str, Any], dict[str, str]]:
    microsoft, server = SigningKey("docs-azure"), s["key_server"]
    server.json(f"/azure/{TENANT}/discovery/keys", {"keys": [microsoft.jwk]})

    def imds(query: dict[str, list[str]], headers: dict[str, str]) -> tuple[int, Any]:
        claims = {
            "iss": f"https://sts.windows.net/{TENANT}/",
            "aud": query["resource"][0],
            "tid": TENANT,
        }
        return 200, {"access_token": microsoft.sign(claims)}

    server.routes["/metadata/identity/oauth2/token"] = imds
    env = {"INFISICAL_AUTH_METHOD": "azure", "AZURE_POD_IDENTITY_AUTHORITY_HOST": server.url}
    return "azure-auth", {"tenantId": TENANT}, env


def _oidc(admin: Admin, s: Any, tmp: Path) -> tuple[str, dict[str, Any], dict[str, str]]:
    provider, server = SigningKey("docs-oidc"), s["key_server"]
    issuer = f"{server.url}/docs-oidc"
    server.json("/docs-oidc/.well-known/openid-configuration", {"jwks_uri": f"{issuer}/k"})
    server.json("/docs-oidc/k", {"keys": [provider.jwk]})
    token_file = tmp / "token"
    token_file.write_text(provider.sign({"iss": issuer, "sub": "ci"}))
    env = {"INFISICAL_AUTH_METHOD": "oidc-auth", "INFISICAL_JWT_FILE": str(token_file)}
    return "oidc-auth", {"oidcDiscoveryUrl": issuer, "boundIssuer": issuer}, env


def _jwt(admin: Admin, s: Any, tmp: Path) -> tuple[str, dict[str, Any], dict[str, str]]:
    signer = SigningKey("docs-jwt")
    settings = {"configurationType": "static", "publicKeys": [signer.certificate_pem()]}
    env = {"INFISICAL_AUTH_METHOD": "jwt-auth", "INFISICAL_JWT": signer.sign({"sub": "svc"})}
    return "jwt-auth", settings, env


def _ldap(admin: Admin, s: Any, tmp: Path) -> tuple[str, dict[str, Any], dict[str, str]]:
    d = s["ldap"]()
    settings = {
        "url": d.url,
        "bindDN": d.bind_dn,
        "bindPass": d.bind_pass,
        "searchBase": d.search_base,
    }
    env = {
        "INFISICAL_AUTH_METHOD": "ldap-auth",
        "INFISICAL_LDAP_USERNAME": d.username,
        "INFISICAL_LDAP_PASSWORD": d.password,
    }
    return "ldap-auth", settings, env


SETUPS: dict[str, Setup] = {
    "aws_iam": _aws,
    "dropin_aws_iam": _aws,
    "gcp_id_token": _gcp_id_token,
    "gcp_iam": _gcp_iam,
    "azure": _azure,
    "oidc": _oidc,
    "jwt_auth": _jwt,
    "ldap": _ldap,
}


def test_every_login_example_is_included_and_set_up() -> None:
    page = (ROOT / "docs" / "authentication.md").read_text()
    included = set(re.findall(r'--8<-- "examples/docs/logins/(\w+)\.py', page))
    assert {p.stem for p in EXAMPLES} == included == set(SETUPS)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_login_example_runs(
    example: Path,
    admin: Admin,
    key_server: Any,
    moto: Any,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    services = {
        "key_server": key_server,
        "moto": moto,
        "ldap": lambda: request.getfixturevalue("ldap_directory"),
    }
    method, settings, extra = SETUPS[example.stem](admin, services, tmp_path)
    identity = admin.identity(method, settings)
    secret = admin.secret("value-of-the-docs")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INFISICAL", "AWS_", "GCE_"))}
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / ".config"),
        INFISICAL_DOMAIN=admin.server.url,
        INFISICAL_PROJECT_ID=admin.boot["project_id"],
        INFISICAL_ENVIRONMENT="dev",
        INFISICAL_MACHINE_IDENTITY_ID=identity,
        LOGIN_EXAMPLE_SECRET=secret,
        **extra,
    )
    result = subprocess.run(
        [sys.executable, str(example)], env=env, cwd=tmp_path, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert "value-of-the-docs" not in output
    assert result.returncode == 0, f"{example.name} failed:\n{output[-3000:]}"
    assert f"{example.stem} example: ok" in result.stdout
