"""Users in projects: invite (by email or username), list, change the role of, and remove
project members, with Infisical's role rules: every member sees the members, admins and
members invite (a member never grants ``admin``), only admins change or remove a membership,
and nobody changes or removes their own.

Inviting an address that has no account creates a pending user in the project's organization
(as Infisical does; it would e-mail a sign-up link, which this local server cannot). A
pending user cannot log in until an organization admin gives it a password
(`set_pending_password`, ``POST /api/v1/admin/users/{id}/password``).

A membership here has one role (``admin``, ``member`` or ``viewer``); Infisical's ``roles``
lists are accepted when they name one role and no temporary access.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.hashing import hash_secret
from ..auth.permissions import (
    ADMIN_ROLES,
    PROJECT_ROLES,
    WRITE_ROLES,
    denied,
    require_org_admin,
)
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import ProjectMembership, User, utcnow
from .scope import member_project

SUBJECT = "member"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class RoleSpec:
    """One entry of an Infisical ``roles`` list."""

    role: str
    is_temporary: bool = False


@dataclass(frozen=True)
class MemberView:
    """A user's project membership and the user."""

    membership: ProjectMembership
    user: User


def check_role(role: str) -> str:
    """``role`` if it is a project role, else 400 naming the roles there are."""
    if role not in PROJECT_ROLES:
        raise bad_request(
            f"Invalid role '{role}'; this server has the roles {', '.join(PROJECT_ROLES)}"
        )
    return role


def one_role(roles: Sequence[RoleSpec]) -> str:
    """The single role an Infisical ``roles`` list names (400 for none, several or temporary)."""
    if any(r.is_temporary for r in roles):
        raise bad_request("Temporary roles are not supported by this server")
    names = sorted({r.role.strip() for r in roles})
    if len(names) != 1:
        raise bad_request("Give a membership exactly one role (admin, member or viewer)")
    return check_role(names[0])


def _may_grant(actor_role: str, role: str) -> None:
    if role in ADMIN_ROLES and actor_role not in ADMIN_ROLES:
        raise denied("grant the admin role", SUBJECT)


def _find_user(session: Session, address: str) -> User | None:
    return session.scalars(
        select(User).where(func.lower(User.email) == address.strip().lower())
    ).first()


def _invitee(session: Session, org_id: str, address: str) -> User:
    user = _find_user(session, address)
    if user is None:
        if not EMAIL.match(address):
            raise not_found(f"No user '{address}'; invite by e-mail address to create one")
        user = User(
            org_id=org_id,
            email=address.lower(),
            password_hash="",
            org_role="member",
            is_accepted=False,
            created_at=utcnow(),
        )
        session.add(user)
        session.flush()
    elif user.org_id != org_id:
        raise bad_request(f"User '{address}' belongs to another organization")
    return user


def invite(
    session: Session,
    actor: Actor,
    project_id: str,
    addresses: Sequence[str],
    role: str = "member",
) -> list[MemberView]:
    """Add the users with these e-mail addresses or usernames to the project with ``role``
    (pending users for unknown addresses); returns the new memberships (members already in
    the project are skipped)."""
    access = member_project(session, actor, project_id)
    access.require(WRITE_ROLES, "create", SUBJECT)
    check_role(role)
    _may_grant(access.role, role)
    wanted = list(dict.fromkeys(a.strip().lower() for a in addresses if a.strip()))
    if not wanted:
        raise bad_request("Either usernames or emails must be provided")
    created: list[MemberView] = []
    with unit_of_work(session):
        for address in wanted:
            user = _invitee(session, access.project.org_id, address)
            if _membership_of(session, access.project.id, user.id) is not None:
                continue
            m = ProjectMembership(
                project_id=access.project.id, user_id=user.id, role=role, created_at=utcnow()
            )
            session.add(m)
            created.append(MemberView(m, user))
        session.flush()
    return created


def _membership_of(session: Session, project_id: str, user_id: str) -> ProjectMembership | None:
    return session.scalars(
        select(ProjectMembership).where(
            ProjectMembership.project_id == project_id, ProjectMembership.user_id == user_id
        )
    ).first()


def list_members(session: Session, actor: Actor, project_id: str) -> list[MemberView]:
    """The project's users with their memberships, oldest first (any member may look)."""
    access = member_project(session, actor, project_id)
    rows = session.execute(
        select(ProjectMembership, User)
        .join(User, User.id == ProjectMembership.user_id)
        .where(ProjectMembership.project_id == access.project.id)
        .order_by(ProjectMembership.created_at, ProjectMembership.id)
    ).all()
    return [MemberView(m, u) for m, u in rows]


def member_by_username(
    session: Session, actor: Actor, project_id: str, username: str
) -> MemberView:
    """The membership of the user with this e-mail address or username (404 if none)."""
    access = member_project(session, actor, project_id)
    user = _find_user(session, username)
    m = None if user is None else _membership_of(session, access.project.id, user.id)
    if user is None or m is None:
        raise not_found(f"User '{username}' is not a member of this project")
    return MemberView(m, user)


def _managed_membership(
    session: Session, actor: Actor, project_id: str, membership_id: str, action: str
) -> MemberView:
    access = member_project(session, actor, project_id)
    m = session.get(ProjectMembership, membership_id.strip())
    user = None if m is None or m.user_id is None else session.get(User, m.user_id)
    if m is None or user is None or m.project_id != access.project.id:
        raise not_found(f"Project membership with ID '{membership_id}' not found")
    access.require(ADMIN_ROLES, action, SUBJECT)
    if actor.kind == "user" and user.id == actor.id:
        raise bad_request(f"You cannot {action} your own project membership")
    return MemberView(m, user)


def update_role(
    session: Session, actor: Actor, project_id: str, membership_id: str, role: str
) -> MemberView:
    """Give a member another role (project admins; not their own)."""
    check_role(role)
    with unit_of_work(session):
        view = _managed_membership(session, actor, project_id, membership_id, "edit")
        view.membership.role = role
    return view


def remove(session: Session, actor: Actor, project_id: str, membership_id: str) -> MemberView:
    """Remove a member from the project (project admins; not themselves)."""
    with unit_of_work(session):
        view = _managed_membership(session, actor, project_id, membership_id, "delete")
        session.delete(view.membership)
    return view


def remove_users(
    session: Session, actor: Actor, project_id: str, addresses: Sequence[str]
) -> list[MemberView]:
    """Remove the users with these e-mail addresses or usernames (project admins); 400, and
    nothing removed, when one of them is not a member or is the caller."""
    access = member_project(session, actor, project_id)
    access.require(ADMIN_ROLES, "delete", SUBJECT)
    wanted = list(dict.fromkeys(a.strip().lower() for a in addresses if a.strip()))
    if not wanted:
        raise bad_request("Either usernames or emails must be provided")
    removed: list[MemberView] = []
    with unit_of_work(session):
        for address in wanted:
            user = _find_user(session, address)
            m = None if user is None else _membership_of(session, access.project.id, user.id)
            if user is None or m is None:
                raise bad_request(f"User '{address}' is not a member of this project")
            if actor.kind == "user" and user.id == actor.id:
                raise bad_request("Cannot remove yourself from project")
            session.delete(m)
            removed.append(MemberView(m, user))
    return removed


def check_password(password: str) -> None:
    """400 unless the password is long enough."""
    if len(password) < MIN_PASSWORD:
        raise bad_request(f"The password must be at least {MIN_PASSWORD} characters long")


def set_pending_password(session: Session, actor: Actor, user_id: str, password: str) -> User:
    """Give a pending (invited) user its password, which lets it log in (organization admins
    of its organization); 400 for a user who already has one."""
    check_password(password)
    digest = hash_secret(password)  # argon2 before the write transaction, not inside it
    with unit_of_work(session):
        user = session.get(User, user_id.strip())
        if user is None or user.org_id != actor.org_id:
            raise not_found(f"User with ID '{user_id}' not found")
        require_org_admin(session, actor, user.org_id, "member")
        if user.is_accepted:
            raise bad_request("This user has already set a password")
        user.password_hash = digest
        user.is_accepted = True
    return user
