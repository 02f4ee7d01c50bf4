"""Universal-auth login (with and without trailing slash), token renew and revoke, and the
universal-auth configuration and client-secret routes (org admins)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..limits import IdText, NameText
from ..openapi import json_body
from ..params import MAX_INT, OptBool, Params, parse
from ..services import access_tokens, universal_auth
from ..services.auth_methods import UNIVERSAL_AUTH
from ..wire.identities import client_secret_to_wire, issued_token_to_wire, universal_auth_to_wire
from ._deps import Ctx, Db, LoginSlot, Raw, Who

router = APIRouter(tags=["auth"])


class LoginParams(Params):
    """Universal-auth login body."""

    clientId: IdText
    clientSecret: str
    subOrganizationName: str | None = None


class TokenParams(Params):
    """Body of renew and revoke."""

    accessToken: str


@router.post("/api/v1/auth/universal-auth/login", openapi_extra=json_body(LoginParams))
@router.post("/api/v1/auth/universal-auth/login/", include_in_schema=False)
def universal_auth_login(raw: Raw, _slot: LoginSlot, session: Db, ctx: Ctx) -> dict[str, Any]:
    """Exchange ``clientId`` + ``clientSecret`` for an access token (the body is read, then a
    login slot taken, before the session and a request thread)."""
    p = parse(LoginParams, raw)
    issued = universal_auth.login(session, ctx.jwt_secret, p.clientId.strip(), p.clientSecret)
    return issued_token_to_wire(issued)


@router.post("/api/v1/auth/token/renew", openapi_extra=json_body(TokenParams))
def renew_access_token(session: Db, ctx: Ctx, raw: Raw) -> dict[str, Any]:
    """Renew an identity access token (before its JWT expires)."""
    p = parse(TokenParams, raw)
    return issued_token_to_wire(access_tokens.renew(session, ctx.jwt_secret, p.accessToken.strip()))


@router.post("/api/v1/auth/token/revoke", openapi_extra=json_body(TokenParams))
def revoke_access_token(session: Db, ctx: Ctx, raw: Raw) -> dict[str, Any]:
    """Revoke an identity access token."""
    p = parse(TokenParams, raw)
    access_tokens.revoke(session, ctx.jwt_secret, p.accessToken.strip())
    return {"message": "Successfully revoked access token"}


# --- universal-auth configuration and client secrets (org admins) -----------------------


class UniversalAuthParams(Params):
    """Universal-auth settings (every field optional; omitted ones keep their value)."""

    accessTokenTTL: int | None = None
    accessTokenMaxTTL: int | None = None
    accessTokenNumUsesLimit: int | None = Field(default=None, ge=0, le=MAX_INT)
    accessTokenPeriod: int | None = Field(default=None, ge=0, le=MAX_INT)
    lockoutEnabled: OptBool = None
    lockoutThreshold: int | None = Field(default=None, ge=1, le=30)
    lockoutDurationSeconds: int | None = Field(default=None, ge=1, le=86400)
    lockoutCounterResetSeconds: int | None = Field(default=None, ge=1, le=3600)


class ClientSecretParams(Params):
    """Body of client-secret creation."""

    description: NameText = ""
    numUsesLimit: int = Field(default=0, ge=0, le=MAX_INT)
    ttl: int = Field(default=0, ge=0, le=315360000)


UA_PATH = "/api/v1/auth/universal-auth/identities/{identity_id}"


def _settings(raw: dict[str, Any]) -> dict[str, Any]:
    return parse(UniversalAuthParams, raw).model_dump(exclude_none=True)


@router.post(UA_PATH, openapi_extra=json_body(UniversalAuthParams))
def attach_universal_auth(identity_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Attach universal auth to an identity: ``{identityUniversalAuth}``."""
    ua = universal_auth.attach(session, actor, identity_id, _settings(raw))
    return {"identityUniversalAuth": universal_auth_to_wire(ua)}


@router.get(UA_PATH)
def get_universal_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's universal-auth settings."""
    ua = UNIVERSAL_AUTH.settings(session, actor, identity_id)
    return {"identityUniversalAuth": universal_auth_to_wire(ua)}


@router.patch(UA_PATH, openapi_extra=json_body(UniversalAuthParams))
def update_universal_auth(identity_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Change universal-auth settings."""
    ua = universal_auth.update(session, actor, identity_id, _settings(raw))
    return {"identityUniversalAuth": universal_auth_to_wire(ua)}


@router.delete(UA_PATH)
def delete_universal_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Detach universal auth (its client secrets and tokens stop working)."""
    ua = universal_auth.detach(session, actor, identity_id)
    return {"identityUniversalAuth": universal_auth_to_wire(ua)}


@router.get(UA_PATH + "/client-id")
def get_client_id(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """``{clientId}`` of the identity's universal auth."""
    return {"clientId": UNIVERSAL_AUTH.settings(session, actor, identity_id).client_id}


@router.post(UA_PATH + "/client-secrets", openapi_extra=json_body(ClientSecretParams))
def create_client_secret(identity_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a client secret: ``{clientSecret, clientSecretData}`` (shown once)."""
    p = parse(ClientSecretParams, raw)
    plain, created = universal_auth.create_client_secret(
        session, actor, identity_id, p.description, p.numUsesLimit, p.ttl
    )
    return {"clientSecret": plain, "clientSecretData": client_secret_to_wire(created)}


@router.get(UA_PATH + "/client-secrets")
def list_client_secrets(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """``{clientSecretData: [...]}`` (never the secrets themselves)."""
    rows = universal_auth.list_client_secrets(session, actor, identity_id)
    return {"clientSecretData": [client_secret_to_wire(r) for r in rows]}


@router.get(UA_PATH + "/client-secrets/{secret_id}")
def get_client_secret(identity_id: str, secret_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """``{clientSecretData}`` of one client secret."""
    found = universal_auth.client_secret(session, actor, identity_id, secret_id)
    return {"clientSecretData": client_secret_to_wire(found)}


@router.post(UA_PATH + "/client-secrets/{secret_id}/revoke")
def revoke_client_secret(
    identity_id: str, secret_id: str, session: Db, actor: Who
) -> dict[str, Any]:
    """Revoke a client secret: ``{clientSecretData}``."""
    revoked = universal_auth.revoke_client_secret(session, actor, identity_id, secret_id)
    return {"clientSecretData": client_secret_to_wire(revoked)}
