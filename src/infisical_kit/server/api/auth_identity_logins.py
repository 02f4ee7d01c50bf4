"""OIDC, JWT, LDAP, AWS, GCP and Azure auth: each method's login route and its configuration
routes ``/api/v1/auth/<method>/identities/:identityId`` (attach, read, change, detach; org
admins). The settings' rules are the methods' `LoginMethodSpec` s (services); logins accept
a JSON or a form-encoded body (`login_params.form_or_json`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..openapi import json_body
from ..params import Params, parse
from ..services import aws_auth, jwt_logins, ldap_auth, login_methods
from ..services.login_methods import LoginMethodSpec
from ..wire.identities import issued_token_to_wire
from ..wire.login_methods import login_method_to_wire
from ._deps import Ctx, Db, Raw, Who
from .login_params import (
    AwsAuthParams,
    AwsLoginParams,
    AzureAuthParams,
    GcpAuthParams,
    JwtAuthParams,
    JwtLoginParams,
    LdapAuthParams,
    LdapLoginParams,
    LoginBody,
    OidcAuthParams,
)

router = APIRouter(tags=["auth"])


def _config_routes(slug: str, label: str, spec: LoginMethodSpec, model: type[Params]) -> None:
    """Register ``/api/v1/auth/<slug>-auth/identities/{identity_id}``: attach (POST), read (GET),
    change (PATCH) and detach (DELETE) the method's settings, validated by `model`."""
    path = f"/api/v1/auth/{slug}-auth/identities/{{identity_id}}"
    name = slug.replace("-", "_")

    def attach(identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
        values = parse(model, raw).model_dump(exclude_none=True)
        row = login_methods.attach(session, ctx.root_key, actor, identity_id, spec, values)
        return login_method_to_wire(row)

    def read(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
        return login_method_to_wire(spec.method.settings(session, actor, identity_id))

    def change(identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
        values = parse(model, raw).model_dump(exclude_none=True)
        row = login_methods.update(session, ctx.root_key, actor, identity_id, spec, values)
        return login_method_to_wire(row)

    def detach(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
        return login_method_to_wire(spec.method.detach(session, actor, identity_id))

    body = json_body(model, required=False)
    routes = (
        ("POST", attach, "attach", f"Attach {label} auth to an identity.", body),
        ("GET", read, "get", f"The identity's {label} auth settings.", None),
        ("PATCH", change, "update", f"Change {label} auth settings.", body),
        (
            "DELETE",
            detach,
            "delete",
            f"Detach {label} auth (the tokens it issued stop working).",
            None,
        ),
    )
    for method, endpoint, verb, doc, extra in routes:
        router.add_api_route(
            path, endpoint, methods=[method], name=f"{verb}_{name}_auth", description=doc,
            openapi_extra=extra,
        )  # fmt: skip


# -- OIDC auth -----------------------------------------------------------------------------


@router.post("/api/v1/auth/oidc-auth/login", openapi_extra=json_body(JwtLoginParams))
@router.post("/api/v1/auth/oidc-auth/login/", include_in_schema=False)
def oidc_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange an OIDC provider's JWT for an access token."""
    p = parse(JwtLoginParams, raw)
    issued = jwt_logins.oidc_login(
        session, ctx.root_key, ctx.jwt_secret, p.identityId.strip(), p.jwt.strip()
    )
    return issued_token_to_wire(issued)


_config_routes("oidc", "OIDC", jwt_logins.OIDC, OidcAuthParams)


# -- JWT auth ------------------------------------------------------------------------------


@router.post("/api/v1/auth/jwt-auth/login", openapi_extra=json_body(JwtLoginParams))
@router.post("/api/v1/auth/jwt-auth/login/", include_in_schema=False)
def jwt_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange a JWT the identity's keys verify for an access token."""
    p = parse(JwtLoginParams, raw)
    issued = jwt_logins.jwt_login(
        session, ctx.root_key, ctx.jwt_secret, p.identityId.strip(), p.jwt.strip()
    )
    return issued_token_to_wire(issued)


_config_routes("jwt", "JWT", jwt_logins.JWT, JwtAuthParams)


# -- LDAP auth -----------------------------------------------------------------------------


@router.post("/api/v1/auth/ldap-auth/login", openapi_extra=json_body(LdapLoginParams))
@router.post("/api/v1/auth/ldap-auth/login/", include_in_schema=False)
def ldap_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange an LDAP username and password for an access token."""
    p = parse(LdapLoginParams, raw)
    issued = ldap_auth.login(
        session, ctx.root_key, ctx.jwt_secret, p.identityId.strip(), p.username, p.password
    )
    return issued_token_to_wire(issued)


_config_routes("ldap", "LDAP", ldap_auth.LDAP, LdapAuthParams)


# -- AWS auth ------------------------------------------------------------------------------


@router.post("/api/v1/auth/aws-auth/login", openapi_extra=json_body(AwsLoginParams))
@router.post("/api/v1/auth/aws-auth/login/", include_in_schema=False)
def aws_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange a signed ``sts:GetCallerIdentity`` request for an access token."""
    p = parse(AwsLoginParams, raw)
    request = {
        "iamHttpRequestMethod": p.iamHttpRequestMethod,
        "iamRequestBody": p.iamRequestBody.strip(),
        "iamRequestHeaders": p.iamRequestHeaders.strip(),
    }
    identity_id = p.identityId.strip()
    endpoints = ctx.settings.login_endpoints
    issued = aws_auth.login(session, ctx.root_key, ctx.jwt_secret, endpoints, identity_id, request)
    return issued_token_to_wire(issued)


_config_routes("aws", "AWS", aws_auth.AWS, AwsAuthParams)


# -- GCP auth ------------------------------------------------------------------------------


@router.post("/api/v1/auth/gcp-auth/login", openapi_extra=json_body(JwtLoginParams))
@router.post("/api/v1/auth/gcp-auth/login/", include_in_schema=False)
def gcp_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange a GCP ID token or a service account's JWT for an access token."""
    p = parse(JwtLoginParams, raw)
    issued = jwt_logins.gcp_login(
        session, ctx.root_key, ctx.jwt_secret, ctx.settings.login_endpoints,
        p.identityId.strip(), p.jwt.strip(),
    )  # fmt: skip
    return issued_token_to_wire(issued)


_config_routes("gcp", "GCP", jwt_logins.GCP, GcpAuthParams)


# -- Azure auth ----------------------------------------------------------------------------


@router.post("/api/v1/auth/azure-auth/login", openapi_extra=json_body(JwtLoginParams))
@router.post("/api/v1/auth/azure-auth/login/", include_in_schema=False)
def azure_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange an Azure managed identity's token for an access token."""
    p = parse(JwtLoginParams, raw)
    issued = jwt_logins.azure_login(
        session, ctx.root_key, ctx.jwt_secret, ctx.settings.login_endpoints,
        p.identityId.strip(), p.jwt.strip(),
    )  # fmt: skip
    return issued_token_to_wire(issued)


_config_routes("azure", "Azure", jwt_logins.AZURE, AzureAuthParams)
