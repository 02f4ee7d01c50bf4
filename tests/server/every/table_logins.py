"""Scenarios of OIDC, JWT, LDAP, AWS, GCP and Azure auth: attach, read, change and detach the
settings, and log in against the real services (`World.services`: the loopback key server,
moto as STS, slapd)."""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from _login_services import SigningKey
from infisical_kit._core.sigv4 import sign_get_caller_identity

from .scenarios import Req, World
from .table_auth import accepted, has, token_response
from .table_base import Scenario, body_of

TENANT = "3c1e0d2b-0000-4000-8000-00000000cccc"
RESOURCE = "https://management.azure.com/"
EMAIL = "every@test-project.iam.gserviceaccount.com"
COMMON = {"id", "identityId", "accessTokenTTL", "accessTokenMaxTTL", "accessTokenNumUsesLimit"}


@dataclass(frozen=True)
class LoginMethod:
    """One method: its path segment, wire key, valid settings, a change and its login."""

    path: str
    key: str
    settings: Callable[[World], dict[str, Any]]
    change: dict[str, Any]
    login: Callable[[World, str], dict[str, Any]]
    login_settings: Callable[[World], dict[str, Any]] | None = None


def _keys(w: World) -> dict[str, SigningKey]:
    """Signing keys of this world, published on the key server once."""
    cached: dict[str, SigningKey] | None = getattr(w, "_login_keys", None)
    if cached is not None:
        return cached
    server = w.services["key_server"]
    tag = w.url.rsplit(":", 1)[-1]
    keys = {name: SigningKey(f"{name}-{tag}") for name in ("oidc", "jwt", "gcp", "azure")}
    issuer = f"{server.url}/every-{tag}"
    server.json(f"/every-{tag}/.well-known/openid-configuration", {"jwks_uri": f"{issuer}/jwks"})
    server.json(f"/every-{tag}/jwks", {"keys": [keys["oidc"].jwk]})
    server.json(
        f"/google/service_accounts/v1/metadata/x509/{EMAIL}",
        {keys["gcp"].kid: keys["gcp"].certificate_pem(EMAIL)},
    )
    server.json(f"/azure/{TENANT}/discovery/keys", {"keys": [keys["azure"].jwk]})
    w._login_keys = keys  # type: ignore[attr-defined]
    w._issuer = issuer  # type: ignore[attr-defined]
    return keys


def _issuer(w: World) -> str:
    _keys(w)
    return str(w._issuer)  # type: ignore[attr-defined]


def _aws_login(w: World, identity: str) -> dict[str, Any]:
    moto = w.services["moto"]
    now = datetime.datetime.now(datetime.timezone.utc)
    signed = sign_get_caller_identity(
        moto.access_key_id, moto.secret_access_key, None, "us-east-1", now
    )
    return {
        "identityId": identity,
        "iamHttpRequestMethod": "POST",
        "iamRequestBody": base64.b64encode(signed.body.encode()).decode(),
        "iamRequestHeaders": base64.b64encode(json.dumps(signed.headers).encode()).decode(),
    }


def _ldap_settings(w: World) -> dict[str, Any]:
    d = w.services["ldap"]()
    return {"url": d.url, "bindDN": d.bind_dn, "bindPass": d.bind_pass, "searchBase": d.search_base}


def _ldap_login(w: World, identity: str) -> dict[str, Any]:
    d = w.services["ldap"]()
    return {"identityId": identity, "username": d.username, "password": d.password}


FAKE_LDAP = {
    "url": "ldap://127.0.0.1:1",
    "bindDN": "cn=admin,dc=example,dc=org",
    "bindPass": "not-used",
    "searchBase": "ou=people,dc=example,dc=org",
}

METHODS = [
    LoginMethod(
        "oidc-auth",
        "identityOidcAuth",
        lambda w: {"oidcDiscoveryUrl": _issuer(w), "boundIssuer": _issuer(w)},
        {"boundSubject": "svc"},
        lambda w, i: {
            "identityId": i,
            "jwt": _keys(w)["oidc"].sign({"iss": _issuer(w), "sub": "svc"}),
        },
    ),
    LoginMethod(
        "jwt-auth",
        "identityJwtAuth",
        lambda w: {
            "configurationType": "static",
            "publicKeys": [_keys(w)["jwt"].certificate_pem()],
        },
        {"boundSubject": "svc"},
        lambda w, i: {"identityId": i, "jwt": _keys(w)["jwt"].sign({"sub": "svc"})},
    ),
    LoginMethod(
        "ldap-auth",
        "identityLdapAuth",
        lambda w: dict(FAKE_LDAP),
        {"searchFilter": "(cn={{username}})"},
        _ldap_login,
        _ldap_settings,
    ),
    LoginMethod(
        "aws-auth",
        "identityAwsAuth",
        lambda w: {"allowedAccountIds": w.services["moto"].account},
        {"allowedPrincipalArns": "arn:aws:iam::123456789012:user/*"},
        _aws_login,
    ),
    LoginMethod(
        "gcp-auth",
        "identityGcpAuth",
        lambda w: {"type": "iam", "allowedServiceAccounts": EMAIL},
        {"allowedZones": "europe-west1-b"},
        lambda w, i: {"identityId": i, "jwt": _keys(w)["gcp"].sign({"sub": EMAIL, "aud": i})},
    ),
    LoginMethod(
        "azure-auth",
        "identityAzureAuth",
        lambda w: {"tenantId": TENANT, "resource": RESOURCE},
        {"allowedServicePrincipalIds": "sp-1"},
        lambda w, i: {
            "identityId": i,
            "jwt": _keys(w)["azure"].sign(
                {
                    "iss": f"https://sts.windows.net/{TENANT}/",
                    "aud": RESOURCE,
                    "tid": TENANT,
                    "oid": "sp-1",
                }
            ),
        },
    ),
]


def _scenarios(m: LoginMethod) -> list[Scenario]:
    config = f"/api/v1/auth/{m.path}/identities/{{identity_id}}"

    def configured(w: World, settings: dict[str, Any] | None = None) -> str:
        identity = str(w.new_identity()["id"])
        w.call("POST", config.format(identity_id=identity), json=settings or m.settings(w))
        return identity

    def settings_of(w: World, req: Req, resp: httpx.Response) -> dict[str, Any]:
        found: dict[str, Any] = body_of(resp)[m.key]
        has(found, COMMON)
        assert found["identityId"] == req.state["id"]
        assert "bindPass" not in found
        return found

    def attach_req(w: World) -> Req:
        identity = str(w.new_identity()["id"])
        return Req(config.format(identity_id=identity), json=m.settings(w), state={"id": identity})

    def attach_check(w: World, req: Req, resp: httpx.Response) -> None:
        found = settings_of(w, req, resp)
        for name, value in req.json.items():
            if name != "bindPass":  # PEM keys come back trimmed
                expected = [v.strip() for v in value] if isinstance(value, list) else value
                assert found[name] == expected, name
        got = w.call("GET", f"/api/v1/identities/{req.state['id']}")["identity"]
        assert got["authMethods"] == [m.path]

    def get_req(w: World) -> Req:
        identity = configured(w)
        return Req(config.format(identity_id=identity), state={"id": identity})

    def get_check(w: World, req: Req, resp: httpx.Response) -> None:
        settings_of(w, req, resp)

    def update_req(w: World) -> Req:
        identity = configured(w)
        return Req(config.format(identity_id=identity), json=m.change, state={"id": identity})

    def update_check(w: World, req: Req, resp: httpx.Response) -> None:
        ((name, value),) = m.change.items()
        assert settings_of(w, req, resp)[name] == value
        assert w.call("GET", req.path)[m.key][name] == value

    def delete_check(w: World, req: Req, resp: httpx.Response) -> None:
        settings_of(w, req, resp)
        assert w.status("GET", req.path) == 404

    def login_req(w: World) -> Req:
        settings = m.login_settings(w) if m.login_settings else m.settings(w)
        identity = configured(w, settings)
        w.join(identity, "viewer")
        return Req(f"/api/v1/auth/{m.path}/login", json=m.login(w, identity), token="")

    def login_check(w: World, req: Req, resp: httpx.Response) -> None:
        accepted(w, token_response(body_of(resp)))
        listed = w.send(
            "GET", Req("/api/v4/secrets", params=w.scope(), token=body_of(resp)["accessToken"])
        )
        assert listed.status_code == 200, listed.status_code

    return [
        Scenario("POST", config, attach_req, attach_check),
        Scenario("GET", config, get_req, get_check),
        Scenario("PATCH", config, update_req, update_check),
        Scenario("DELETE", config, get_req, delete_check),
        Scenario("POST", f"/api/v1/auth/{m.path}/login", login_req, login_check),
    ]


SCENARIOS = [scenario for method in METHODS for scenario in _scenarios(method)]
