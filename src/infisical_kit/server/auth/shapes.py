"""Wire shapes of identities, auth configurations, client secrets and tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..schema import (
    Identity,
    IdentityAccessToken,
    IdentityClientSecret,
    IdentityTokenAuth,
    IdentityUniversalAuth,
    ProjectMembership,
)

ALL_IPS = [{"ipAddress": "0.0.0.0", "prefix": 0}, {"ipAddress": "::", "prefix": 0}]


def iso(dt: datetime | None) -> str | None:
    """``2023-11-07T05:31:56.000Z`` (naive datetimes are UTC)."""
    if dt is None:
        return None
    return f"{dt:%Y-%m-%dT%H:%M:%S}.{dt.microsecond // 1000:03d}Z"


def identity_to_wire(identity: Identity, auth_methods: list[str]) -> dict[str, Any]:
    """An identity (with its organization role, as the membership form carries it)."""
    core = {
        "id": identity.id,
        "name": identity.name,
        "authMethods": auth_methods,
        "createdAt": iso(identity.created_at),
        "updatedAt": iso(identity.created_at),
    }
    return {**core, "orgId": identity.org_id, "role": identity.org_role, "identity": core}


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


def client_secret_to_wire(cs: IdentityClientSecret, ua_id: str) -> dict[str, Any]:
    """``clientSecretData`` (never the secret or its hash)."""
    return {
        "id": cs.id,
        "identityUAId": ua_id,
        "description": cs.description,
        "clientSecretPrefix": cs.prefix[:4],
        "clientSecretNumUses": cs.num_uses,
        "clientSecretNumUsesLimit": cs.num_uses_limit,
        "clientSecretTTL": cs.ttl,
        "isClientSecretRevoked": cs.is_revoked,
        "createdAt": iso(cs.created_at),
        "updatedAt": iso(cs.created_at),
    }


def token_auth_to_wire(ta: IdentityTokenAuth) -> dict[str, Any]:
    """``identityTokenAuth``."""
    return {
        "id": ta.id,
        "identityId": ta.identity_id,
        "accessTokenTTL": ta.access_token_ttl,
        "accessTokenMaxTTL": ta.access_token_max_ttl,
        "accessTokenNumUsesLimit": ta.access_token_num_uses_limit,
        "accessTokenTrustedIps": ALL_IPS,
        "createdAt": iso(ta.created_at),
        "updatedAt": iso(ta.updated_at),
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
        "accessTokenLastRenewedAt": iso(row.last_renewed_at),
        "isAccessTokenRevoked": row.is_revoked,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.last_renewed_at or row.created_at),
    }


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
