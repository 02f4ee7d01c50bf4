"""Users in projects: invite, list, change the role of and remove project members
(``/api/v2/workspace/{id}/memberships``, ``/api/v1/workspace/{id}/memberships`` and their
``/api/v1/projects/{id}/memberships`` forms), and the password of an invited user
(``/api/v1/admin/users/{id}/password``, an infisical-kit extension: no e-mail here)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import Field, StringConstraints

from ..openapi import json_body
from ..params import Params, parse
from ..services import members as svc
from ..wire.members import member_to_wire, member_user_to_wire, membership_roles_to_wire
from ._deps import Db, Raw, Who

router = APIRouter(tags=["members"])

EmailAddress = Annotated[str, StringConstraints(pattern=svc.EMAIL.pattern, max_length=320)]
Username = Annotated[str, StringConstraints(min_length=1, max_length=320)]


class InviteParams(Params):
    """Body of an invitation: the users by e-mail or username, and their role."""

    emails: list[EmailAddress] = Field(default_factory=list, max_length=100)
    usernames: list[Username] = Field(default_factory=list, max_length=100)
    roleSlugs: list[str] | None = Field(default=None, max_length=10)


class RemoveMembersParams(Params):
    """Body of a removal by e-mail or username."""

    emails: list[EmailAddress] = Field(default_factory=list, max_length=100)
    usernames: list[Username] = Field(default_factory=list, max_length=100)


class MemberDetailsParams(Params):
    """Body of the lookup of one member."""

    username: Username


class MembershipRoleParams(Params):
    """One entry of ``roles`` (temporary access is refused: not supported here)."""

    role: str = Field(min_length=1, max_length=64)
    isTemporary: bool = False
    temporaryMode: str | None = None
    temporaryRange: str | None = None
    temporaryAccessStartTime: str | None = None


class UpdateMembershipParams(Params):
    """Body of a role change."""

    roles: list[MembershipRoleParams] = Field(min_length=1, max_length=10)


class PendingPasswordParams(Params):
    """Body of ``POST /api/v1/admin/users/{id}/password``."""

    password: str = Field(min_length=1, max_length=1024)


def _route(paths: tuple[str, ...], method: str, func: Any, model: Any = None) -> None:
    extra = json_body(model) if model is not None else None
    for i, path in enumerate(paths):
        router.add_api_route(
            path, func, methods=[method], include_in_schema=i == 0, openapi_extra=extra
        )


INVITE = ("/api/v2/workspace/{project_id}/memberships", "/api/v1/projects/{project_id}/memberships")
LIST = ("/api/v1/workspace/{project_id}/memberships", "/api/v1/projects/{project_id}/memberships")
DETAILS = tuple(p + "/details" for p in LIST)
ONE = tuple(p + "/{membership_id}" for p in LIST)


def invite_members(project_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Invite users to the project (unknown e-mail addresses become pending users):
    ``{memberships}``, the new ones."""
    p = parse(InviteParams, raw)
    role = svc.one_role([svc.RoleSpec(r) for r in p.roleSlugs]) if p.roleSlugs else "member"
    made = svc.invite(session, actor, project_id, [*p.emails, *p.usernames], role)
    return {"memberships": [member_to_wire(v) for v in made]}


def remove_members(project_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Remove users by e-mail or username (project admins): ``{memberships}``."""
    p = parse(RemoveMembersParams, raw)
    removed = svc.remove_users(session, actor, project_id, [*p.emails, *p.usernames])
    return {"memberships": [member_to_wire(v) for v in removed]}


def list_members(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The project's users with their roles: ``{memberships}``."""
    return {
        "memberships": [member_to_wire(v) for v in svc.list_members(session, actor, project_id)]
    }


def member_details(project_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """One user's membership by e-mail address or username: ``{membership}``."""
    p = parse(MemberDetailsParams, raw)
    return {
        "membership": member_to_wire(svc.member_by_username(session, actor, project_id, p.username))
    }


def update_member_role(
    project_id: str, membership_id: str, session: Db, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change a member's role (project admins): ``{roles}``."""
    p = parse(UpdateMembershipParams, raw)
    role = svc.one_role([svc.RoleSpec(r.role, r.isTemporary) for r in p.roles])
    view = svc.update_role(session, actor, project_id, membership_id, role)
    return {"roles": membership_roles_to_wire(view.membership), "membership": member_to_wire(view)}


def remove_member(project_id: str, membership_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Remove a member from the project (project admins): ``{membership}``."""
    return {"membership": member_to_wire(svc.remove(session, actor, project_id, membership_id))}


_route(INVITE, "POST", invite_members, InviteParams)
_route(INVITE, "DELETE", remove_members, RemoveMembersParams)
_route(LIST, "GET", list_members)
_route(DETAILS, "POST", member_details, MemberDetailsParams)
_route(ONE, "PATCH", update_member_role, UpdateMembershipParams)
_route(ONE, "DELETE", remove_member)


@router.post(
    "/api/v1/admin/users/{user_id}/password", openapi_extra=json_body(PendingPasswordParams)
)
def set_pending_password(user_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Give an invited user its password, so it can log in (organization admins; only
    while the invitation is pending): ``{user}``. An infisical-kit extension."""
    p = parse(PendingPasswordParams, raw)
    return {
        "user": member_user_to_wire(svc.set_pending_password(session, actor, user_id, p.password))
    }
