"""Shapes of organizations, identities, memberships, login-method settings and tokens."""

from __future__ import annotations

from typing import Any

from ..schema import (
    IdentityAccessToken,
    IdentityKubernetesAuth,
    IdentityTokenAuth,
    IdentityUniversalAuth,
    Organization,
    ProjectMembership,
)
from ..services.access_tokens import IssuedToken
from ..services.identities import IdentityDetails, IdentityMember
from ..services.universal_auth import ClientSecret
from .common import ALL_IPS, iso, iso_or_none


def organization_to_wire(org: Organization) -> dict[str, Any]:
    """An organization in Infisical's shape (fields this server has no notion of are fixed)."""
    return {
        "id": org.id,
        "name": org.name,
        "slug": org.slug,
        "customerId": None,
        "authEnforced": False,
        "scimEnabled": False,
        "createdAt": iso(org.created_at),
        "updatedAt": iso(org.created_at),
    }


def identity_to_wire(details: IdentityDetails) -> dict[str, Any]:
    """An identity (with its organization role, as the membership form carries it)."""
    identity = details.identity
    core = {
        "id": identity.id,
        "name": identity.name,
        "authMethods": details.auth_methods,
        "createdAt": iso(identity.created_at),
        "updatedAt": iso(identity.created_at),
    }
    return {**core, "orgId": identity.org_id, "role": identity.org_role, "identity": core}


def membership_to_wire(m: ProjectMembership) -> dict[str, Any]:
    """``identityMembership``."""
    return {
        "id": m.id,
        "identityId": m.identity_id,
        "projectId": m.project_id,
        "role": m.role,
        "roles": [{"role": m.role, "isTemporary": False}],
        "createdAt": iso(m.created_at),
        "updatedAt": iso(m.created_at),
    }


def identity_member_to_wire(item: IdentityMember) -> dict[str, Any]:
    """An item of a project's identity-membership list: the membership and its identity."""
    identity = item.identity
    return {
        **membership_to_wire(item.membership),
        "identity": {"id": identity.id, "name": identity.name, "authMethods": item.auth_methods},
    }


def org_identity_to_wire(details: IdentityDetails) -> dict[str, Any]:
    """An item of ``GET /api/v1/identities``: the identity as a member of its organization."""
    identity = details.identity
    return {
        "id": identity.id,
        "identityId": identity.id,
        "orgId": identity.org_id,
        "role": identity.org_role,
        "createdAt": iso(identity.created_at),
        "updatedAt": iso(identity.created_at),
        "identity": {
            "id": identity.id,
            "name": identity.name,
            "authMethods": details.auth_methods,
        },
    }


def universal_auth_to_wire(ua: IdentityUniversalAuth) -> dict[str, Any]:
    """``identityUniversalAuth``."""
    return {
        "id": ua.id,
        "identityId": ua.identity_id,
        "clientId": ua.client_id,
        "accessTokenTTL": ua.access_token_ttl,
        "accessTokenMaxTTL": ua.access_token_max_ttl,
        "accessTokenNumUsesLimit": ua.access_token_num_uses_limit,
        "accessTokenPeriod": ua.access_token_period,
        "accessTokenTrustedIps": ALL_IPS,
        "clientSecretTrustedIps": ALL_IPS,
        "lockoutEnabled": ua.lockout_enabled,
        "lockoutThreshold": ua.lockout_threshold,
        "lockoutDurationSeconds": ua.lockout_duration_seconds,
        "lockoutCounterResetSeconds": ua.lockout_counter_reset_seconds,
        "createdAt": iso(ua.created_at),
        "updatedAt": iso(ua.created_at),
    }


def client_secret_to_wire(secret: ClientSecret) -> dict[str, Any]:
    """``clientSecretData`` (never the secret or its hash)."""
    cs = secret.row
    return {
        "id": cs.id,
        "identityUAId": secret.ua_id,
        "description": cs.description,
        "clientSecretPrefix": cs.prefix[:4],
        "clientSecretNumUses": cs.num_uses,
        "clientSecretNumUsesLimit": cs.num_uses_limit,
        "clientSecretTTL": cs.ttl,
        "isClientSecretRevoked": cs.is_revoked,
        "createdAt": iso(cs.created_at),
        "updatedAt": iso(cs.created_at),
    }


def _token_settings(row: IdentityTokenAuth | IdentityKubernetesAuth) -> dict[str, Any]:
    return {
        "accessTokenTTL": row.access_token_ttl,
        "accessTokenMaxTTL": row.access_token_max_ttl,
        "accessTokenNumUsesLimit": row.access_token_num_uses_limit,
        "accessTokenTrustedIps": ALL_IPS,
    }


def token_auth_to_wire(ta: IdentityTokenAuth) -> dict[str, Any]:
    """``identityTokenAuth``."""
    return {
        "id": ta.id,
        "identityId": ta.identity_id,
        **_token_settings(ta),
        "createdAt": iso(ta.created_at),
        "updatedAt": iso(ta.updated_at),
    }


def kubernetes_auth_to_wire(ka: IdentityKubernetesAuth) -> dict[str, Any]:
    """``identityKubernetesAuth`` (the token reviewer JWT is never returned)."""
    return {
        "id": ka.id,
        "identityId": ka.identity_id,
        "kubernetesHost": ka.kubernetes_host,
        "allowedNamespaces": ka.allowed_namespaces,
        "allowedNames": ka.allowed_names,
        "allowedAudience": ka.allowed_audience,
        "caCert": ka.ca_cert,
        **_token_settings(ka),
        "publicKeys": list(ka.public_keys or []),
        "createdAt": iso(ka.created_at),
        "updatedAt": iso(ka.updated_at),
    }


def token_to_wire(row: IdentityAccessToken) -> dict[str, Any]:
    """An ``IdentityAccessTokens`` row (never the JWT)."""
    return {
        "id": row.id,
        "identityId": row.identity_id,
        "name": row.name,
        "authMethod": row.auth_method,
        "accessTokenTTL": row.ttl,
        "accessTokenMaxTTL": row.max_ttl,
        "accessTokenNumUses": row.num_uses,
        "accessTokenNumUsesLimit": row.num_uses_limit,
        "accessTokenPeriod": row.period,
        "accessTokenLastRenewedAt": iso_or_none(row.last_renewed_at),
        "isAccessTokenRevoked": row.is_revoked,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.last_renewed_at or row.created_at),
    }


def issued_token_to_wire(issued: IssuedToken) -> dict[str, Any]:
    """A login or renewal answer: ``{accessToken, expiresIn, accessTokenMaxTTL, tokenType}``."""
    return {
        "accessToken": issued.access_token,
        "expiresIn": issued.expires_in,
        "accessTokenMaxTTL": issued.max_ttl,
        "tokenType": "Bearer",
    }
