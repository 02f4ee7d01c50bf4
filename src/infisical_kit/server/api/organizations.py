"""``GET /api/v1/organization``: the caller's organizations (``{organizations: [...]}``).

A user lists the organization it belongs to (with or without one selected in its token); a
machine identity lists its own organization. This server has one organization per actor.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..services.organizations import actor_organizations
from ..wire.identities import organization_to_wire
from ._deps import AnyWho, Db

router = APIRouter(tags=["organizations"])


@router.get("/api/v1/organization")
def list_organizations(session: Db, actor: AnyWho) -> dict[str, Any]:
    """The organizations of the caller: ``{organizations: [{id, name, slug, ...}]}``."""
    orgs = actor_organizations(session, actor)
    return {"organizations": [organization_to_wire(org) for org in orgs]}
