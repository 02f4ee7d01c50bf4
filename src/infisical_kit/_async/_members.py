"""`client.projects.members` (users) and `client.projects.identities` (machine identities):
who belongs to a project, with which role. `project_id` defaults to the client's project."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._core import members as rq
from infisical_kit._core.response import parse_list, parse_object
from infisical_kit._core.validation import require
from infisical_kit.models import IdentityMembership, MembershipRole, ProjectMember

__all__ = ["AsyncProjectIdentities", "AsyncProjectMembers"]


class AsyncProjectMembers(AsyncNamespace):
    """The users of a project: invite them, list them, change their roles, remove them.

    Roles are project role slugs: ``admin``, ``member``, ``viewer`` (and custom roles on
    Infisical plans that have them). Admins and members may invite; only admins change or
    remove memberships.
    """

    async def invite(
        self,
        emails: Sequence[str] = (),
        *,
        usernames: Sequence[str] = (),
        roles: Sequence[str] | None = None,
        project_id: str | None = None,
    ) -> builtins.list[ProjectMember]:
        """Invite users by e-mail address or username (default role: ``member``); returns
        the new memberships (users already in the project are left as they are). An address
        without an account gets a pending user (``status == "invited"``)."""
        problems: builtins.list[str] = []
        rq.check_addresses(emails, usernames, problems)
        if roles is not None:
            rq.check_roles(roles, problems)
        pid = self._project(project_id, problems)
        request = rq.invite_members(pid, emails, usernames, roles)
        request, response = await self._requester.send(request)
        return parse_list(request, response, "memberships", ProjectMember)

    async def list(self, *, project_id: str | None = None) -> builtins.list[ProjectMember]:
        """Every user of the project, with its role(s) and user details."""
        pid = self._project(project_id, [])
        request, response = await self._requester.send(rq.list_members(pid))
        return parse_list(request, response, "memberships", ProjectMember)

    async def get(self, username: str, *, project_id: str | None = None) -> ProjectMember:
        """The membership of the user with this username (usually its e-mail address);
        raises `NotFoundError` when it is not a member."""
        problems: builtins.list[str] = []
        require(username, "username", problems)
        pid = self._project(project_id, problems)
        request, response = await self._requester.send(rq.member_details(pid, username))
        return parse_object(request, response, "membership", ProjectMember)

    async def update(
        self, membership_id: str, *, roles: Sequence[str], project_id: str | None = None
    ) -> builtins.list[MembershipRole]:
        """Replace a member's roles (project admins); returns the roles it has now."""
        problems: builtins.list[str] = []
        require(membership_id, "membership_id", problems)
        rq.check_roles(roles, problems)
        pid = self._project(project_id, problems)
        request = rq.update_member_roles(pid, membership_id, roles)
        request, response = await self._requester.send(request)
        return rq.parse_roles(request, response)

    async def remove(self, membership_id: str, *, project_id: str | None = None) -> ProjectMember:
        """Remove a member by membership id (project admins); returns the membership."""
        problems: builtins.list[str] = []
        require(membership_id, "membership_id", problems)
        pid = self._project(project_id, problems)
        request, response = await self._requester.send(rq.remove_member(pid, membership_id))
        return parse_object(request, response, "membership", ProjectMember)

    async def remove_users(
        self,
        emails: Sequence[str] = (),
        *,
        usernames: Sequence[str] = (),
        project_id: str | None = None,
    ) -> builtins.list[ProjectMember]:
        """Remove members by e-mail address or username (project admins); nothing is removed
        when one of them is not a member."""
        problems: builtins.list[str] = []
        rq.check_addresses(emails, usernames, problems)
        pid = self._project(project_id, problems)
        request = rq.remove_members(pid, emails, usernames)
        request, response = await self._requester.send(request)
        return parse_list(request, response, "memberships", ProjectMember)


class AsyncProjectIdentities(AsyncNamespace):
    """The machine identities of a project: add one with a role, list, change, remove."""

    async def add(
        self, identity_id: str, *, role: str, project_id: str | None = None
    ) -> IdentityMembership:
        """Add an identity of the organization to the project with `role` (``admin``,
        ``member``, ``viewer`` or a custom role slug)."""
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        require(role, "role", problems)
        pid = self._project(project_id, problems)
        request, response = await self._requester.send(rq.add_identity(pid, identity_id, [role]))
        return parse_object(request, response, "identityMembership", IdentityMembership)

    async def list(self, *, project_id: str | None = None) -> builtins.list[IdentityMembership]:
        """Every identity of the project, with its role(s) and the identity's name."""
        pid = self._project(project_id, [])
        request, response = await self._requester.send(rq.list_identity_memberships(pid))
        return parse_list(request, response, "identityMemberships", IdentityMembership)

    async def get(self, identity_id: str, *, project_id: str | None = None) -> IdentityMembership:
        """An identity's membership of the project; raises `NotFoundError` if it has none."""
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        pid = self._project(project_id, problems)
        request = rq.get_identity_membership(pid, identity_id)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "identityMembership", IdentityMembership)

    async def update(
        self, identity_id: str, *, role: str, project_id: str | None = None
    ) -> builtins.list[MembershipRole]:
        """Give an identity another role in the project; returns the roles it has now."""
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        require(role, "role", problems)
        pid = self._project(project_id, problems)
        request = rq.update_identity_roles(pid, identity_id, [role])
        request, response = await self._requester.send(request)
        return rq.parse_roles(request, response)

    async def remove(
        self, identity_id: str, *, project_id: str | None = None
    ) -> IdentityMembership:
        """Remove an identity from the project (it keeps its other projects)."""
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        pid = self._project(project_id, problems)
        request, response = await self._requester.send(rq.remove_identity(pid, identity_id))
        return parse_object(request, response, "identityMembership", IdentityMembership)
