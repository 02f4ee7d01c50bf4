"""``GET /api/v1/organization``: the caller's organizations (``{organizations: [...]}``).

A user lists the organization it belongs to (with or without one selected in its token); a
machine identity lists its own organization. This server has one organization per actor.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..auth.shapes import iso
from ..errors import unauthorized
from ..schema import Identity, Organization, User
from ._deps import AnyWho, Db

router = APIRouter(tags=["organizations"])


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


@router.get("/api/v1/organization")
def list_organizations(session: Db, actor: AnyWho) -> dict[str, Any]:
    """The organizations of the caller: ``{organizations: [{id, name, slug, ...}]}``."""
    row: User | Identity | None
    row = session.get(User, actor.id) if actor.kind == "user" else session.get(Identity, actor.id)
    if row is None:
        raise unauthorized("User session not found; please log in again")
    org = session.get(Organization, row.org_id)
    return {"organizations": [organization_to_wire(org)] if org is not None else []}
