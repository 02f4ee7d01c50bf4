"""OIDC, JWT, LDAP, AWS, GCP and Azure auth over raw HTTP, each verified against a real
service started by the suite: a loopback key server (OIDC discovery + JWKS, Google's and
Microsoft's keys), slapd, and moto as AWS STS (signatures checked)."""

from __future__ import annotations

import base64
import datetime
import json
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from _login_services import Admin, SigningKey
from infisical_kit._core.sigv4 import sign_get_caller_identity

TENANT = "7f1d1c7e-0000-4000-8000-00000000aaaa"
RESOURCE = "https://management.azure.com/"


@pytest.fixture(scope="module")
def admin(login_server: Any) -> Iterator[Admin]:
    a = Admin(login_server)
    yield a
    a.close()


@pytest.fixture(scope="module")
def provider(key_server: Any) -> SigningKey:
    """An OIDC provider at ``<key server>/oidc`` whose key signs the test's JWTs."""
    key = SigningKey("oidc-1")
    issuer = f"{key_server.url}/oidc"
    key_server.json(
        "/oidc/.well-known/openid-configuration", {"issuer": issuer, "jwks_uri": f"{issuer}/jwks"}
    )
    key_server.json("/oidc/jwks", {"keys": [key.jwk]})
    return key


def login(admin: Admin, method: str, **body: Any) -> httpx.Response:
    return httpx.post(f"{admin.server.url}/api/v1/auth/{method}/login", json=body, timeout=30.0)


def token_of(resp: httpx.Response) -> str:
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["tokenType"] == "Bearer" and body["expiresIn"] > 0
    return str(body["accessToken"])


def refused(resp: httpx.Response, words: str) -> None:
    assert resp.status_code == 401, resp.text
    assert words in resp.json()["message"], resp.json()


# -- OIDC ---------------------------------------------------------------------------------


def test_oidc_login_checks_signature_issuer_subject_audience_and_claims(
    admin: Admin, key_server: Any, provider: SigningKey
) -> None:
    issuer = f"{key_server.url}/oidc"
    settings = {
        "oidcDiscoveryUrl": issuer,
        "boundIssuer": issuer,
        "boundAudiences": "infisical, other",
        "boundSubject": "repo:acme/*",
        "boundClaims": {"ref": "refs/heads/main, refs/heads/release-*"},
        "accessTokenTTL": 120,
    }
    identity = admin.identity("oidc-auth", settings)
    got = admin.call("GET", f"/api/v1/auth/oidc-auth/identities/{identity}")["identityOidcAuth"]
    assert got["boundSubject"] == "repo:acme/*" and got["accessTokenTTL"] == 120
    assert admin.call("GET", f"/api/v1/identities/{identity}")["identity"]["authMethods"] == [
        "oidc-auth"
    ]
    good = {"iss": issuer, "sub": "repo:acme/app", "aud": "infisical", "ref": "refs/heads/main"}
    resp = login(admin, "oidc-auth", identityId=identity, jwt=provider.sign(good))
    assert resp.json()["expiresIn"] == 120
    assert admin.reads(token_of(resp)) == 200

    def attempt(claims: dict[str, Any], key: SigningKey = provider, **kw: Any) -> httpx.Response:
        return login(admin, "oidc-auth", identityId=identity, jwt=key.sign(claims, **kw))

    refused(attempt({**good, "sub": "repo:evil/app"}), "subject not allowed")
    refused(attempt({**good, "aud": "someone-else"}), "audience not allowed")
    refused(attempt({**good, "ref": "refs/heads/feature"}), "claim not allowed")
    refused(attempt({**good, "iss": "https://evil.example"}), "issuer")
    refused(attempt(good, lifetime=-120), "expired")
    stranger = SigningKey("oidc-1")  # same kid, other key: the signature fails
    refused(attempt(good, key=stranger), "signature could not be verified")
    refused(login(admin, "oidc-auth", identityId=identity, jwt="not-a-jwt"), "not a valid JWT")


def test_oidc_settings_change_detach_and_bad_input(
    admin: Admin, key_server: Any, provider: SigningKey
) -> None:
    issuer = f"{key_server.url}/oidc"
    identity = admin.identity("oidc-auth", {"oidcDiscoveryUrl": issuer, "boundIssuer": issuer})
    path = f"/api/v1/auth/oidc-auth/identities/{identity}"
    token = token_of(
        login(
            admin, "oidc-auth", identityId=identity, jwt=provider.sign({"iss": issuer, "sub": "a"})
        )
    )
    changed = admin.call("PATCH", path, json={"boundSubject": "b"})["identityOidcAuth"]
    assert changed["boundSubject"] == "b" and changed["oidcDiscoveryUrl"] == issuer
    refused(
        login(
            admin, "oidc-auth", identityId=identity, jwt=provider.sign({"iss": issuer, "sub": "a"})
        ),
        "subject",
    )
    again = admin.http.post(path, json={"oidcDiscoveryUrl": issuer, "boundIssuer": issuer})
    assert again.status_code == 400 and "already configured" in again.json()["message"]
    bad = admin.http.patch(path, json={"oidcDiscoveryUrl": "ftp://nope"})
    assert bad.status_code == 400 and "oidcDiscoveryUrl" in bad.json()["message"]
    assert admin.reads(token) == 200
    assert admin.call("DELETE", path)["identityOidcAuth"]["identityId"] == identity
    assert admin.reads(token) in (401, 403)  # tokens of a detached method stop working
    assert admin.http.get(path).status_code == 404
    refused(
        login(admin, "oidc-auth", identityId=identity, jwt=provider.sign({"iss": issuer})),
        "did you configure",
    )
    missing = admin.http.post(f"/api/v1/auth/oidc-auth/identities/{identity}", json={})
    assert missing.status_code == 400 and "oidcDiscoveryUrl" in missing.json()["message"]


# -- JWT auth -------------------------------------------------------------------------------


def test_jwt_auth_with_static_keys_and_with_a_jwks_url(admin: Admin, key_server: Any) -> None:
    key = SigningKey("jwt-1")
    key_server.json("/jwt/jwks", {"keys": [key.jwk]})
    static = admin.identity(
        "jwt-auth",
        {
            "configurationType": "static",
            "publicKeys": [key.certificate_pem()],
            "boundIssuer": "ci",
            "boundAudiences": "vault",
        },
    )
    jwks = admin.identity(
        "jwt-auth",
        {
            "configurationType": "jwks",
            "jwksUrl": f"{key_server.url}/jwt/jwks",
            "boundClaims": {"team": "ops"},
        },
    )
    claims = {"iss": "ci", "aud": ["vault", "x"], "sub": "job-1", "team": "ops"}
    for identity in (static, jwks):
        assert (
            admin.reads(
                token_of(login(admin, "jwt-auth", identityId=identity, jwt=key.sign(claims)))
            )
            == 200
        )
    refused(
        login(admin, "jwt-auth", identityId=static, jwt=key.sign({**claims, "iss": "other"})),
        "issuer",
    )
    refused(
        login(admin, "jwt-auth", identityId=jwks, jwt=key.sign({**claims, "team": "dev"})), "claim"
    )
    wrong = SigningKey("jwt-1")
    refused(login(admin, "jwt-auth", identityId=static, jwt=wrong.sign(claims)), "signature")
    bad = admin.http.post(
        f"/api/v1/auth/jwt-auth/identities/{admin.identity()}",
        json={"configurationType": "static", "publicKeys": ["not a key"]},
    )
    assert bad.status_code == 400 and "publicKeys[0]" in bad.json()["message"]


# -- LDAP --------------------------------------------------------------------------------------


def test_ldap_login_binds_against_slapd(admin: Admin, ldap_directory: Any) -> None:
    d = ldap_directory
    settings = {
        "url": d.url,
        "bindDN": d.bind_dn,
        "bindPass": d.bind_pass,
        "searchBase": d.search_base,
        "allowedFields": [{"key": "departmentNumber", "value": "ci,ops"}],
    }
    identity = admin.identity("ldap-auth", settings)
    got = admin.call("GET", f"/api/v1/auth/ldap-auth/identities/{identity}")["identityLdapAuth"]
    assert got["searchFilter"] == "(uid={{username}})" and "bindPass" not in got
    assert d.bind_pass not in json.dumps(got)
    ok = login(admin, "ldap-auth", identityId=identity, username=d.username, password=d.password)
    assert admin.reads(token_of(ok)) == 200
    refused(
        login(admin, "ldap-auth", identityId=identity, username=d.username, password="wrong"),
        "LDAP authentication failed",
    )
    refused(
        login(admin, "ldap-auth", identityId=identity, username="nobody", password=d.password),
        "LDAP authentication failed",
    )
    refused(
        login(admin, "ldap-auth", identityId=identity, username="*", password=d.password),
        "LDAP authentication failed",
    )
    refused(
        login(admin, "ldap-auth", identityId=identity, username="intern", password=d.password),
        "does not match",
    )
    empty = login(admin, "ldap-auth", identityId=identity, username=d.username, password="")
    assert empty.status_code == 422  # never an anonymous bind
    no_pass = admin.http.post(
        f"/api/v1/auth/ldap-auth/identities/{admin.identity()}",
        json={"url": d.url, "bindDN": d.bind_dn, "searchBase": d.search_base},
    )
    assert no_pass.status_code == 400 and "bindPass" in no_pass.json()["message"]


# -- AWS IAM (moto as STS) ------------------------------------------------------------------------


def aws_body(identity: str, key_id: str, secret: str) -> dict[str, str]:
    signed = sign_get_caller_identity(
        key_id, secret, None, "us-east-1", datetime.datetime.now(datetime.timezone.utc)
    )
    b64 = lambda text: base64.b64encode(text.encode()).decode()  # noqa: E731
    return {
        "identityId": identity,
        "iamHttpRequestMethod": "POST",
        "iamRequestBody": b64(signed.body),
        "iamRequestHeaders": b64(json.dumps(signed.headers)),
    }


def test_aws_login_forwards_the_signed_request_to_sts(admin: Admin, moto: Any) -> None:
    allowed = admin.identity(
        "aws-auth",
        {
            "allowedPrincipalArns": f"arn:aws:iam::{moto.account}:user/build*",
            "allowedAccountIds": moto.account,
        },
    )
    ok = login(admin, "aws-auth", **aws_body(allowed, moto.access_key_id, moto.secret_access_key))
    assert admin.reads(token_of(ok)) == 200
    refused(
        login(admin, "aws-auth", **aws_body(allowed, moto.access_key_id, "wrong-secret")),
        "SignatureDoesNotMatch",
    )
    other = admin.identity(
        "aws-auth", {"allowedPrincipalArns": f"arn:aws:iam::{moto.account}:role/deployer"}
    )
    refused(
        login(admin, "aws-auth", **aws_body(other, moto.access_key_id, moto.secret_access_key)),
        "principal ARN not allowed",
    )
    account = admin.identity("aws-auth", {"allowedAccountIds": "999999999999"})
    refused(
        login(admin, "aws-auth", **aws_body(account, moto.access_key_id, moto.secret_access_key)),
        "account ID not allowed",
    )
    garbled = {
        **aws_body(allowed, moto.access_key_id, moto.secret_access_key),
        "iamRequestHeaders": "%%%",
    }
    assert login(admin, "aws-auth", **garbled).status_code == 400


# -- GCP and Azure (Google's and Microsoft's keys served by the key server) ----------------------


def test_gcp_iam_and_id_token_logins(admin: Admin, key_server: Any) -> None:
    account = SigningKey("sa-key-1")
    email = "builder@test-project.iam.gserviceaccount.com"
    key_server.json(
        f"/google/service_accounts/v1/metadata/x509/{email}",
        {account.kid: account.certificate_pem(email)},
    )
    google = SigningKey("google-1")
    key_server.json("/google/oauth2/v3/certs", {"keys": [google.jwk]})
    iam = admin.identity("gcp-auth", {"type": "iam", "allowedServiceAccounts": email})
    ok = login(admin, "gcp-auth", identityId=iam, jwt=account.sign({"sub": email, "aud": iam}))
    assert admin.reads(token_of(ok)) == 200
    refused(
        login(admin, "gcp-auth", identityId=iam, jwt=account.sign({"sub": email, "aud": "other"})),
        "audience",
    )
    gce = admin.identity(
        "gcp-auth",
        {"type": "gce", "allowedProjects": "test-project", "allowedZones": "europe-west1-b"},
    )
    claims = {
        "iss": "https://accounts.google.com",
        "aud": gce,
        "email": email,
        "google": {"compute_engine": {"project_id": "test-project", "zone": "europe-west1-b"}},
    }
    # the legacy Rust-based SDK sends the GCP and Azure logins form-encoded
    form = httpx.post(
        f"{admin.server.url}/api/v1/auth/gcp-auth/login",
        data={"identityId": gce, "jwt": google.sign(claims)},
        timeout=30.0,
    )
    assert admin.reads(token_of(form)) == 200
    zone = {
        **claims,
        "google": {"compute_engine": {"project_id": "test-project", "zone": "us-east1-a"}},
    }
    refused(login(admin, "gcp-auth", identityId=gce, jwt=google.sign(zone)), "zone not allowed")
    refused(login(admin, "gcp-auth", identityId=gce, jwt=account.sign(claims)), "signature")


def test_azure_login_checks_tenant_resource_and_principal(admin: Admin, key_server: Any) -> None:
    microsoft = SigningKey("azure-1")
    key_server.json(f"/azure/{TENANT}/discovery/keys", {"keys": [microsoft.jwk]})
    identity = admin.identity(
        "azure-auth",
        {"tenantId": TENANT, "resource": RESOURCE, "allowedServicePrincipalIds": "sp-1"},
    )
    claims = {
        "iss": f"https://sts.windows.net/{TENANT}/",
        "aud": RESOURCE,
        "tid": TENANT,
        "oid": "sp-1",
    }
    assert (
        admin.reads(
            token_of(login(admin, "azure-auth", identityId=identity, jwt=microsoft.sign(claims)))
        )
        == 200
    )
    refused(
        login(
            admin, "azure-auth", identityId=identity, jwt=microsoft.sign({**claims, "oid": "sp-2"})
        ),
        "Service principal",
    )
    refused(
        login(
            admin,
            "azure-auth",
            identityId=identity,
            jwt=microsoft.sign({**claims, "aud": "https://vault.azure.net"}),
        ),
        "audience",
    )


def test_every_method_answers_a_clear_401_when_not_configured(admin: Admin) -> None:
    identity = admin.identity()
    jwt = SigningKey("x").sign({"sub": "x"})
    for method in ("oidc-auth", "jwt-auth", "gcp-auth", "azure-auth"):
        refused(login(admin, method, identityId=identity, jwt=jwt), "did you configure")
    refused(
        login(admin, "ldap-auth", identityId=identity, username="u", password="p"),
        "did you configure",
    )
    body = aws_body(identity, "AKIAEXAMPLE", os.urandom(8).hex())
    refused(login(admin, "aws-auth", **body), "did you configure")
