"""Who is in a project with which role: users and machine identities side by side.

Any member may see the list; only project admins change it (``managed_project``), and
nobody changes their own membership (a project keeps the admin who is looking at it).
Identities are added, changed and removed by ``services/identities.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import PROJECT_ROLES, managed_project
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import Identity, ProjectMembership, User, utcnow
from .scope import member_project


@dataclass(frozen=True)
class Member:
    """One membership: ``kind`` is ``user`` or ``identity``; ``name`` an e-mail or a name."""

    kind: str
    id: str
    name: str
    role: str


def list_members(session: Session, actor: Actor, project_id: str) -> list[Member]:
    """The project's users (by e-mail), then its identities (by name); members only."""
    project = member_project(session, actor, project_id).project
    users = session.execute(
        select(User.id, User.email, ProjectMembership.role)
        .join(ProjectMembership, ProjectMembership.user_id == User.id)
        .where(ProjectMembership.project_id == project.id)
        .order_by(User.email)
    ).all()
    machines = session.execute(
        select(Identity.id, Identity.name, ProjectMembership.role)
        .join(ProjectMembership, ProjectMembership.identity_id == Identity.id)
        .where(ProjectMembership.project_id == project.id)
        .order_by(Identity.name, Identity.id)
    ).all()
    return [Member("user", *row) for row in users] + [Member("identity", *row) for row in machines]


def _check_role(role: str) -> None:
    if role not in PROJECT_ROLES:
        raise bad_request(f"Invalid role '{role}'; expected one of {', '.join(PROJECT_ROLES)}")


def _not_self(actor: Actor, user_id: str) -> None:
    if actor.kind == "user" and actor.id == user_id:
        raise bad_request("You cannot change your own membership")


def _user_membership(session: Session, project_id: str, user_id: str) -> ProjectMembership:
    m = session.scalars(
        select(ProjectMembership).where(
            ProjectMembership.project_id == project_id, ProjectMembership.user_id == user_id
        )
    ).first()
    if m is None:
        raise not_found(f"User with ID '{user_id}' is not a member of this project")
    return m


def add_user(
    session: Session, actor: Actor, project_id: str, user_id: str, role: str
) -> ProjectMembership:
    """Add a user of the project's organization with ``role`` (project admins only)."""
    _check_role(role)
    with unit_of_work(session):
        project = managed_project(session, actor, project_id, "members")
        user = session.get(User, user_id)
        if user is None or user.org_id != project.org_id:
            raise not_found(f"User with ID '{user_id}' not found")
        taken = select(ProjectMembership.id).where(
            ProjectMembership.project_id == project.id, ProjectMembership.user_id == user.id
        )
        if session.scalars(taken).first() is not None:
            raise bad_request("User is already a member of this project")
        m = ProjectMembership(
            project_id=project.id, user_id=user.id, role=role, created_at=utcnow()
        )
        session.add(m)
    return m


def set_user_role(
    session: Session, actor: Actor, project_id: str, user_id: str, role: str
) -> ProjectMembership:
    """Change a user's project role (project admins only, never one's own)."""
    _check_role(role)
    _not_self(actor, user_id)
    with unit_of_work(session):
        managed_project(session, actor, project_id, "members")
        m = _user_membership(session, project_id, user_id)
        m.role = role
    return m


def remove_user(session: Session, actor: Actor, project_id: str, user_id: str) -> None:
    """Remove a user from the project (project admins only, never oneself)."""
    _not_self(actor, user_id)
    with unit_of_work(session):
        managed_project(session, actor, project_id, "members")
        session.delete(_user_membership(session, project_id, user_id))
