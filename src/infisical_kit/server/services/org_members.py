"""The people and machines of the actor's organization: list users and identities, add a
user with a one-time password (organization admins only)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.hashing import hash_secret
from ..auth.permissions import ORG_ROLES, require_org_admin
from ..db import unit_of_work
from ..errors import bad_request
from ..schema import Identity, User, utcnow
from .projects import actor_org_id

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


@dataclass(frozen=True)
class NewUser:
    """A user just created and the password it logs in with (shown once, stored hashed)."""

    user: User
    password: str


def list_users(session: Session, actor: Actor) -> list[User]:
    """The users of the actor's organization, by e-mail."""
    org_id = actor_org_id(session, actor)
    stmt = select(User).where(User.org_id == org_id).order_by(User.email)
    return list(session.scalars(stmt))


def list_identities(session: Session, actor: Actor) -> list[Identity]:
    """The machine identities of the actor's organization, by name."""
    org_id = actor_org_id(session, actor)
    stmt = select(Identity).where(Identity.org_id == org_id).order_by(Identity.name, Identity.id)
    return list(session.scalars(stmt))


def create_user(session: Session, actor: Actor, email: str, org_role: str) -> NewUser:
    """Add a user to the actor's organization with a random password (org admins only;
    400 on a malformed or taken e-mail or an unknown role)."""
    clean = email.strip()
    with unit_of_work(session):
        org_id = actor_org_id(session, actor)
        require_org_admin(session, actor, org_id, "users")
        if not EMAIL.match(clean) or len(clean) > 320:
            raise bad_request("Enter an e-mail address such as dev@example.com")
        if org_role not in ORG_ROLES:
            raise bad_request(f"Invalid role '{org_role}'; expected one of {', '.join(ORG_ROLES)}")
        taken = select(User.id).where(func.lower(User.email) == clean.lower())
        if session.scalars(taken).first() is not None:
            raise bad_request(f"A user with the e-mail '{clean}' already exists")
        password = secrets.token_urlsafe(18)
        user = User(
            org_id=org_id,
            email=clean,
            password_hash=hash_secret(password),
            org_role=org_role,
            created_at=utcnow(),
        )
        session.add(user)
    return NewUser(user, password)
