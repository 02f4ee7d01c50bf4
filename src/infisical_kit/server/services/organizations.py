"""The caller's organizations: this server has one organization per actor."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import actor_row
from ..errors import unauthorized
from ..schema import Organization


def actor_organizations(session: Session, actor: Actor) -> list[Organization]:
    """The organization a user or identity belongs to (with or without one selected in a
    user's token); 401 when the caller no longer exists."""
    row = actor_row(session, actor)
    if row is None:
        raise unauthorized("User session not found; please log in again")
    org = session.get(Organization, row.org_id)
    return [org] if org is not None else []
