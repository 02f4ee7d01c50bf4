"""Shapes of the OIDC, JWT, LDAP, AWS, GCP and Azure auth settings (``identityOidcAuth`` ...)."""

from __future__ import annotations

from typing import Any

from ..schema import IdentityLoginMethod
from .common import ALL_IPS, iso

#: The key each method's settings are answered under.
WIRE_KEYS = {
    "oidc-auth": "identityOidcAuth",
    "jwt-auth": "identityJwtAuth",
    "ldap-auth": "identityLdapAuth",
    "aws-auth": "identityAwsAuth",
    "gcp-auth": "identityGcpAuth",
    "azure-auth": "identityAzureAuth",
}


def login_method_to_wire(row: IdentityLoginMethod) -> dict[str, Any]:
    """``{identityXxxAuth: {...}}``: the settings as Infisical names them (secrets, such as
    LDAP's bind password, are never returned)."""
    settings = {
        "id": row.id,
        "identityId": row.identity_id,
        **dict(row.config or {}),
        "accessTokenTTL": row.access_token_ttl,
        "accessTokenMaxTTL": row.access_token_max_ttl,
        "accessTokenNumUsesLimit": row.access_token_num_uses_limit,
        "accessTokenTrustedIps": ALL_IPS,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
    }
    return {WIRE_KEYS[row.method]: settings}
