"""Shapes of users' project memberships: the membership (with its user) and its roles."""

from __future__ import annotations

from typing import Any

from ..schema import ProjectMembership, User
from ..services.members import MemberView
from .common import iso


def member_user_to_wire(user: User) -> dict[str, Any]:
    """The ``user`` of a membership (``isAccepted`` false while an invitation is pending)."""
    return {
        "id": user.id,
        "email": user.email,
        "username": user.email,
        "firstName": None,
        "lastName": None,
        "isAccepted": bool(user.is_accepted),
        "publicKey": None,
    }


def membership_roles_to_wire(m: ProjectMembership) -> list[dict[str, Any]]:
    """``roles``: the membership's one role, as Infisical lists roles."""
    return [
        {
            "id": m.id,
            "role": m.role,
            "projectMembershipId": m.id,
            "customRoleId": None,
            "customRoleName": None,
            "customRoleSlug": None,
            "isTemporary": False,
            "temporaryMode": None,
            "temporaryRange": None,
            "temporaryAccessStartTime": None,
            "temporaryAccessEndTime": None,
            "createdAt": iso(m.created_at),
            "updatedAt": iso(m.created_at),
        }
    ]


def member_to_wire(view: MemberView) -> dict[str, Any]:
    """A project membership of a user: the row, its role(s), its user and ``status``
    (``invited`` until the user has a password, then ``accepted``)."""
    m, user = view.membership, view.user
    return {
        "id": m.id,
        "userId": m.user_id,
        "projectId": m.project_id,
        "role": m.role,
        "status": "accepted" if user.is_accepted else "invited",
        "createdAt": iso(m.created_at),
        "updatedAt": iso(m.created_at),
        "user": member_user_to_wire(user),
        "roles": membership_roles_to_wire(m),
    }
