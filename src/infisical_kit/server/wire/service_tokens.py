"""Shapes of legacy service tokens: the sanitised row (never the hash) and the details a token
reads about itself, with the ``_id``/``__v``/``workspace``/``user`` fields old clients parse."""

from __future__ import annotations

from typing import Any

from ..schema import ServiceToken
from ..services.service_tokens import ServiceTokenDetails
from .common import iso, iso_or_none


def service_token_to_wire(row: ServiceToken) -> dict[str, Any]:
    """``serviceTokenData``: the token row without its secret hash."""
    return {
        "id": row.id,
        "name": row.name,
        "scopes": list(row.scopes or []),
        "permissions": list(row.permissions or []),
        "lastUsed": iso_or_none(row.last_used),
        "expiresAt": iso_or_none(row.expires_at),
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
        "createdBy": row.created_by,
        "projectId": row.project_id,
    }


def service_token_details_to_wire(details: ServiceTokenDetails) -> dict[str, Any]:
    """``GET /api/v2/service-token``: the token, ``workspace`` (its project) and its creator."""
    row, user = details.token, details.creator
    creator: dict[str, Any] = {"id": row.created_by, "email": None}
    if user is not None:
        creator = {
            "id": user.id,
            "email": user.email,
            "createdAt": iso(user.created_at),
            "updatedAt": iso(user.created_at),
        }
    creator.update(
        {
            "authMethods": ["email"],
            "firstName": None,
            "lastName": None,
            "mfaMethods": [],
            "devices": None,
            "_id": creator["id"],
            "__v": 0,
        }
    )
    return {
        **service_token_to_wire(row),
        "_id": row.id,
        "__v": 0,
        "workspace": row.project_id,
        "user": creator,
    }
