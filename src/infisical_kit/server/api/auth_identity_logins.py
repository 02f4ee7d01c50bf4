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


def _attach(
    session: Db,
    ctx: Ctx,
    actor: Who,
    identity_id: str,
    raw: dict[str, Any],
    spec: LoginMethodSpec,
    model: type[Params],
) -> dict[str, Any]:
    values = parse(model, raw).model_dump(exclude_none=True)
    row = login_methods.attach(session, ctx.root_key, actor, identity_id, spec, values)
    return login_method_to_wire(row)


def _update(
    session: Db,
    ctx: Ctx,
    actor: Who,
    identity_id: str,
    raw: dict[str, Any],
    spec: LoginMethodSpec,
    model: type[Params],
) -> dict[str, Any]:
    values = parse(model, raw).model_dump(exclude_none=True)
    row = login_methods.update(session, ctx.root_key, actor, identity_id, spec, values)
    return login_method_to_wire(row)


# -- OIDC auth -----------------------------------------------------------------------------

OIDC_AUTH_PATH = "/api/v1/auth/oidc-auth/identities/{identity_id}"


@router.post("/api/v1/auth/oidc-auth/login", openapi_extra=json_body(JwtLoginParams))
@router.post("/api/v1/auth/oidc-auth/login/", include_in_schema=False)
def oidc_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange an OIDC provider's JWT for an access token."""
    p = parse(JwtLoginParams, raw)
    issued = jwt_logins.oidc_login(
        session, ctx.root_key, ctx.jwt_secret, p.identityId.strip(), p.jwt.strip()
    )
    return issued_token_to_wire(issued)


@router.post(OIDC_AUTH_PATH, openapi_extra=json_body(OidcAuthParams, required=False))
def attach_oidc_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Attach OIDC auth to an identity."""
    return _attach(session, ctx, actor, identity_id, raw, jwt_logins.OIDC, OidcAuthParams)


@router.get(OIDC_AUTH_PATH)
def get_oidc_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's OIDC auth settings."""
    return login_method_to_wire(jwt_logins.OIDC.method.settings(session, actor, identity_id))


@router.patch(OIDC_AUTH_PATH, openapi_extra=json_body(OidcAuthParams, required=False))
def update_oidc_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change OIDC auth settings."""
    return _update(session, ctx, actor, identity_id, raw, jwt_logins.OIDC, OidcAuthParams)


@router.delete(OIDC_AUTH_PATH)
def delete_oidc_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Detach OIDC auth (the tokens it issued stop working)."""
    return login_method_to_wire(jwt_logins.OIDC.method.detach(session, actor, identity_id))


# -- JWT auth ------------------------------------------------------------------------------

JWT_AUTH_PATH = "/api/v1/auth/jwt-auth/identities/{identity_id}"


@router.post("/api/v1/auth/jwt-auth/login", openapi_extra=json_body(JwtLoginParams))
@router.post("/api/v1/auth/jwt-auth/login/", include_in_schema=False)
def jwt_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange a JWT the identity's keys verify for an access token."""
    p = parse(JwtLoginParams, raw)
    issued = jwt_logins.jwt_login(
        session, ctx.root_key, ctx.jwt_secret, p.identityId.strip(), p.jwt.strip()
    )
    return issued_token_to_wire(issued)


@router.post(JWT_AUTH_PATH, openapi_extra=json_body(JwtAuthParams, required=False))
def attach_jwt_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Attach JWT auth to an identity."""
    return _attach(session, ctx, actor, identity_id, raw, jwt_logins.JWT, JwtAuthParams)


@router.get(JWT_AUTH_PATH)
def get_jwt_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's JWT auth settings."""
    return login_method_to_wire(jwt_logins.JWT.method.settings(session, actor, identity_id))


@router.patch(JWT_AUTH_PATH, openapi_extra=json_body(JwtAuthParams, required=False))
def update_jwt_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change JWT auth settings."""
    return _update(session, ctx, actor, identity_id, raw, jwt_logins.JWT, JwtAuthParams)


@router.delete(JWT_AUTH_PATH)
def delete_jwt_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Detach JWT auth (the tokens it issued stop working)."""
    return login_method_to_wire(jwt_logins.JWT.method.detach(session, actor, identity_id))


# -- LDAP auth -----------------------------------------------------------------------------

LDAP_AUTH_PATH = "/api/v1/auth/ldap-auth/identities/{identity_id}"


@router.post("/api/v1/auth/ldap-auth/login", openapi_extra=json_body(LdapLoginParams))
@router.post("/api/v1/auth/ldap-auth/login/", include_in_schema=False)
def ldap_auth_login(session: Db, ctx: Ctx, raw: LoginBody) -> dict[str, Any]:
    """Exchange an LDAP username and password for an access token."""
    p = parse(LdapLoginParams, raw)
    issued = ldap_auth.login(
        session, ctx.root_key, ctx.jwt_secret, p.identityId.strip(), p.username, p.password
    )
    return issued_token_to_wire(issued)


@router.post(LDAP_AUTH_PATH, openapi_extra=json_body(LdapAuthParams, required=False))
def attach_ldap_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Attach LDAP auth to an identity."""
    return _attach(session, ctx, actor, identity_id, raw, ldap_auth.LDAP, LdapAuthParams)


@router.get(LDAP_AUTH_PATH)
def get_ldap_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's LDAP auth settings."""
    return login_method_to_wire(ldap_auth.LDAP.method.settings(session, actor, identity_id))


@router.patch(LDAP_AUTH_PATH, openapi_extra=json_body(LdapAuthParams, required=False))
def update_ldap_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change LDAP auth settings."""
    return _update(session, ctx, actor, identity_id, raw, ldap_auth.LDAP, LdapAuthParams)


@router.delete(LDAP_AUTH_PATH)
def delete_ldap_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Detach LDAP auth (the tokens it issued stop working)."""
    return login_method_to_wire(ldap_auth.LDAP.method.detach(session, actor, identity_id))


# -- AWS auth ------------------------------------------------------------------------------

AWS_AUTH_PATH = "/api/v1/auth/aws-auth/identities/{identity_id}"


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


@router.post(AWS_AUTH_PATH, openapi_extra=json_body(AwsAuthParams, required=False))
def attach_aws_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Attach AWS auth to an identity."""
    return _attach(session, ctx, actor, identity_id, raw, aws_auth.AWS, AwsAuthParams)


@router.get(AWS_AUTH_PATH)
def get_aws_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's AWS auth settings."""
    return login_method_to_wire(aws_auth.AWS.method.settings(session, actor, identity_id))


@router.patch(AWS_AUTH_PATH, openapi_extra=json_body(AwsAuthParams, required=False))
def update_aws_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change AWS auth settings."""
    return _update(session, ctx, actor, identity_id, raw, aws_auth.AWS, AwsAuthParams)


@router.delete(AWS_AUTH_PATH)
def delete_aws_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Detach AWS auth (the tokens it issued stop working)."""
    return login_method_to_wire(aws_auth.AWS.method.detach(session, actor, identity_id))


# -- GCP auth ------------------------------------------------------------------------------

GCP_AUTH_PATH = "/api/v1/auth/gcp-auth/identities/{identity_id}"


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


@router.post(GCP_AUTH_PATH, openapi_extra=json_body(GcpAuthParams, required=False))
def attach_gcp_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Attach GCP auth to an identity."""
    return _attach(session, ctx, actor, identity_id, raw, jwt_logins.GCP, GcpAuthParams)


@router.get(GCP_AUTH_PATH)
def get_gcp_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's GCP auth settings."""
    return login_method_to_wire(jwt_logins.GCP.method.settings(session, actor, identity_id))


@router.patch(GCP_AUTH_PATH, openapi_extra=json_body(GcpAuthParams, required=False))
def update_gcp_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change GCP auth settings."""
    return _update(session, ctx, actor, identity_id, raw, jwt_logins.GCP, GcpAuthParams)


@router.delete(GCP_AUTH_PATH)
def delete_gcp_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Detach GCP auth (the tokens it issued stop working)."""
    return login_method_to_wire(jwt_logins.GCP.method.detach(session, actor, identity_id))


# -- Azure auth ----------------------------------------------------------------------------

AZURE_AUTH_PATH = "/api/v1/auth/azure-auth/identities/{identity_id}"


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


@router.post(AZURE_AUTH_PATH, openapi_extra=json_body(AzureAuthParams, required=False))
def attach_azure_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Attach Azure auth to an identity."""
    return _attach(session, ctx, actor, identity_id, raw, jwt_logins.AZURE, AzureAuthParams)


@router.get(AZURE_AUTH_PATH)
def get_azure_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's Azure auth settings."""
    return login_method_to_wire(jwt_logins.AZURE.method.settings(session, actor, identity_id))


@router.patch(AZURE_AUTH_PATH, openapi_extra=json_body(AzureAuthParams, required=False))
def update_azure_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change Azure auth settings."""
    return _update(session, ctx, actor, identity_id, raw, jwt_logins.AZURE, AzureAuthParams)


@router.delete(AZURE_AUTH_PATH)
def delete_azure_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Detach Azure auth (the tokens it issued stop working)."""
    return login_method_to_wire(jwt_logins.AZURE.method.detach(session, actor, identity_id))
