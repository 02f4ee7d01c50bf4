"""``infisical-kit login --method <machine-identity method>`` against a server that verifies
each proof with a real service (slapd, moto as AWS STS, a loopback OIDC provider), then
``run`` and ``whoami`` on the stored session alone."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from _login_services import Admin, SigningKey

from .conftest import CLI, isolated_env

PRINT = "import os, sys; print(os.environ[sys.argv[1]])"


@pytest.fixture(scope="module")
def admin(login_server: Any) -> Iterator[Admin]:
    a = Admin(login_server)
    yield a
    a.close()


@pytest.fixture
def cli(cli_home: Path, admin: Admin) -> Any:
    """``cli(*args, env={...}, input=...)``: the CLI with only `env` (and HOME) set."""

    def run(
        *args: str, env: Mapping[str, str] | None = None, input: str = ""
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*CLI, *args], capture_output=True, text=True, timeout=120, check=False,
            cwd=cli_home, input=input, env=isolated_env(cli_home, env),
        )  # fmt: skip

    return run


def session_of(cli_home: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (cli_home / "config" / "infisical-kit" / "session.json").read_text()
    )
    return data


def scope(admin: Admin) -> dict[str, str]:
    return {"INFISICAL_PROJECT_ID": admin.boot["project_id"], "INFISICAL_ENVIRONMENT": "dev"}


def test_ldap_auth(cli: Any, cli_home: Path, admin: Admin, ldap_directory: Any) -> None:
    d = ldap_directory
    settings = {"url": d.url, "bindDN": d.bind_dn, "bindPass": d.bind_pass}
    identity = admin.identity("ldap-auth", {**settings, "searchBase": d.search_base})
    key = admin.secret("via-cli-ldap")
    login = cli(
        "--domain", admin.server.url, "login", "--method", "ldap-auth",
        "--machine-identity-id", identity, "--ldap-username", d.username,
        input=d.password + "\n",  # the password from a pipe, never an argument
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert identity in login.stdout and d.password not in login.stdout + login.stderr
    stored = session_of(cli_home)
    assert (stored["method"], stored["identity_id"]) == ("ldap-auth", identity)
    ran = cli("run", "--", sys.executable, "-c", PRINT, key, env=scope(admin))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "via-cli-ldap"
    who = cli("whoami")
    assert who.returncode == 0, who.stderr
    assert "ldap-auth" in who.stdout and identity in who.stdout
    assert d.password not in who.stdout + who.stderr

    wrong = cli(
        "--domain", admin.server.url, "login", "--method", "ldap-auth",
        "--machine-identity-id", identity, "--ldap-username", d.username,
        env={"INFISICAL_LDAP_PASSWORD": "not-the-password"},
    )  # fmt: skip
    assert wrong.returncode != 0 and "not-the-password" not in wrong.stdout + wrong.stderr


def test_oidc_auth_reads_the_jwt_file_again(
    cli: Any, cli_home: Path, admin: Admin, key_server: Any, tmp_path: Path
) -> None:
    provider = SigningKey("cli-oidc")
    issuer = f"{key_server.url}/cli-oidc"
    key_server.json("/cli-oidc/.well-known/openid-configuration", {"jwks_uri": f"{issuer}/k"})
    key_server.json("/cli-oidc/k", {"keys": [provider.jwk]})
    identity = admin.identity(
        "oidc-auth", {"oidcDiscoveryUrl": issuer, "boundIssuer": issuer, "boundSubject": "ci"}
    )
    key = admin.secret("via-cli-oidc")
    jwt_file = tmp_path / "oidc.jwt"
    jwt_file.write_text(provider.sign({"iss": issuer, "sub": "ci"}))
    login = cli(
        "--domain", admin.server.url, "login", "--method=oidc-auth",
        "--jwt-file", str(jwt_file),
        env={"INFISICAL_MACHINE_IDENTITY_ID": identity},  # the CLI's variable
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert session_of(cli_home)["proof_path"] == str(jwt_file)
    ran = cli("run", "--", sys.executable, "-c", PRINT, key, env=scope(admin))
    assert ran.stdout.strip() == "via-cli-oidc", ran.stderr
    # the session logs in again from the file: a JWT the identity refuses now fails
    jwt_file.write_text(provider.sign({"iss": issuer, "sub": "laptop"}))
    refused = cli("run", "--", sys.executable, "-c", PRINT, key, env=scope(admin))
    assert refused.returncode != 0 and "via-cli-oidc" not in refused.stdout


def test_jwt_auth_from_stdin(cli: Any, cli_home: Path, admin: Admin) -> None:
    signer = SigningKey("cli-jwt")
    identity = admin.identity(
        "jwt-auth",
        {"configurationType": "static", "publicKeys": [signer.certificate_pem()]},
    )
    key = admin.secret("via-cli-jwt")
    token = signer.sign({"sub": "svc"})
    login = cli(
        "--domain", admin.server.url, "login", "--method", "jwt-auth",
        "--machine-identity-id", identity, input=token + "\n",
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    stored = session_of(cli_home)
    assert stored["method"] == "jwt-auth" and token not in json.dumps(stored)
    ran = cli("run", "--", sys.executable, "-c", PRINT, key, env=scope(admin))
    assert ran.stdout.strip() == "via-cli-jwt", ran.stderr  # on the stored access token


def test_aws_iam_with_moto(
    cli: Any, cli_home: Path, admin: Admin, moto: Any, tmp_path: Path
) -> None:
    identity = admin.identity("aws-auth", {"allowedPrincipalArns": moto.arn})
    key = admin.secret("via-cli-aws")
    aws = {
        "AWS_ACCESS_KEY_ID": moto.access_key_id,
        "AWS_SECRET_ACCESS_KEY": moto.secret_access_key,
        "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    login = cli(
        "--domain", admin.server.url, "login", "--method", "aws-iam",
        "--machine-identity-id", identity, env=aws,
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert moto.secret_access_key not in login.stdout + login.stderr
    assert moto.secret_access_key not in json.dumps(session_of(cli_home))
    ran = cli("run", "--", sys.executable, "-c", PRINT, key, env={**aws, **scope(admin)})
    assert ran.stdout.strip() == "via-cli-aws", ran.stderr
    # the keys are read again at each login: other keys are refused
    wrong = {**aws, "AWS_SECRET_ACCESS_KEY": "wrong-key", **scope(admin)}
    refused = cli("run", "--", sys.executable, "-c", PRINT, key, env=wrong)
    assert refused.returncode != 0


def test_a_method_without_its_identity_says_so(cli: Any, admin: Admin) -> None:
    failed = cli(
        "--domain", admin.server.url, "login", "--method", "gcp-iam",
        "--machine-identity-id", "some-identity",
    )  # fmt: skip
    assert failed.returncode != 0
    assert "INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH" in failed.stderr


EMAIL = "cli@test-project.iam.gserviceaccount.com"
TENANT = "0b5a1f4e-0000-4000-8000-00000000eeee"


def test_gcp_iam_keeps_the_key_file_path(
    cli: Any, cli_home: Path, admin: Admin, key_server: Any, tmp_path: Path
) -> None:
    account = SigningKey("sa-cli-1")
    key_server.json(
        f"/google/service_accounts/v1/metadata/x509/{EMAIL}",
        {account.kid: account.certificate_pem(EMAIL)},
    )
    key_file = tmp_path / "sa.json"
    key_file.write_text(json.dumps(account.service_account_key(EMAIL)))
    identity = admin.identity("gcp-auth", {"type": "iam", "allowedServiceAccounts": EMAIL})
    key = admin.secret("via-cli-gcp-iam")
    login = cli(
        "--domain", admin.server.url, "login", "--method", "gcp-iam",
        "--machine-identity-id", identity, "--service-account-key-file-path", str(key_file),
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    stored = session_of(cli_home)
    assert stored["proof_path"] == str(key_file) and "private_key" not in json.dumps(stored)
    ran = cli("run", "--", sys.executable, "-c", PRINT, key, env=scope(admin))
    assert ran.stdout.strip() == "via-cli-gcp-iam", ran.stderr
    key_file.unlink()  # the session signs with the file at each login: gone, it fails
    refused = cli("run", "--", sys.executable, "-c", PRINT, key, env=scope(admin))
    assert refused.returncode != 0 and str(key_file) in refused.stderr


def test_azure_from_imds(cli: Any, cli_home: Path, admin: Admin, key_server: Any) -> None:
    microsoft = SigningKey("azure-cli")
    key_server.json(f"/azure/{TENANT}/discovery/keys", {"keys": [microsoft.jwk]})
    resource = "https://management.azure.com/"
    identity = admin.identity("azure-auth", {"tenantId": TENANT, "resource": resource})
    key = admin.secret("via-cli-azure")

    def imds(query: dict[str, list[str]], headers: dict[str, str]) -> tuple[int, Any]:
        claims = {
            "iss": f"https://sts.windows.net/{TENANT}/",
            "aud": query["resource"][0],
            "tid": TENANT,
            "oid": "sp-cli",
        }
        return 200, {"access_token": microsoft.sign(claims), "token_type": "Bearer"}

    key_server.routes["/metadata/identity/oauth2/token"] = imds
    imds_env = {"AZURE_POD_IDENTITY_AUTHORITY_HOST": key_server.url}
    login = cli(
        "--domain", admin.server.url, "login", "--method", "azure",
        "--machine-identity-id", identity, env=imds_env,
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert session_of(cli_home)["method"] == "azure"
    ran = cli("run", "--", sys.executable, "-c", PRINT, key, env={**imds_env, **scope(admin)})
    assert ran.stdout.strip() == "via-cli-azure", ran.stderr
