"""Users in projects over real HTTP: invitations (pending users for unknown addresses, given a
password by an organization admin), the member list, role changes and removals, with
Infisical's role rules."""

from __future__ import annotations

import uuid
from contextlib import closing
from typing import Any

import httpx

from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, assert_error, client, user_client
from ._members_support import (
    PASSWORD,
    activate,
    fresh_email,
    invite,
    login_user,
    member_user,
)


def _members(http: httpx.Client, pid: str) -> dict[str, dict[str, Any]]:
    """The project's memberships by the user's e-mail address."""
    resp = http.get(f"/api/v1/workspace/{pid}/memberships")
    assert resp.status_code == 200, resp.text
    return {m["user"]["email"]: m for m in resp.json()["memberships"]}


def test_invited_user_is_pending_until_an_admin_sets_its_password(
    infisical_server: LocalServer,
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    email = fresh_email("pending")
    with closing(user_client(infisical_server)) as admin:
        (made,) = invite(admin, pid, [email.upper()])  # addresses are case-insensitive
        assert (made["projectId"], made["role"], made["status"]) == (pid, "member", "invited")
        assert made["user"]["email"] == email and made["user"]["isAccepted"] is False
        listed = _members(admin, pid)[email]
        assert (listed["id"], listed["status"]) == (made["id"], "invited")
        assert [r["role"] for r in listed["roles"]] == ["member"]

        with client(infisical_server) as anon:
            login = anon.post("/api/v3/auth/login", json={"email": email, "password": PASSWORD})
            assert_error(login, 401, "UnauthorizedError")

        short = admin.post(f"/api/v1/admin/users/{made['userId']}/password", json={"password": "x"})
        assert_error(short, 400, "BadRequest")
        activate(admin, made["userId"])
        again = admin.post(
            f"/api/v1/admin/users/{made['userId']}/password", json={"password": "another one!"}
        )
        assert_error(again, 400, "BadRequest", "This user has already set a password")
        assert _members(admin, pid)[email]["status"] == "accepted"

    with closing(login_user(infisical_server, email)) as user:
        projects = user.get("/api/v1/projects").json()["projects"]
        assert pid in [p["id"] for p in projects]
        listed = user.get("/api/v4/secrets", params={"projectId": pid, "environment": "dev"})
        assert listed.status_code == 200, listed.text


def test_invite_skips_members_and_accepts_usernames(infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    admin_email = infisical_server.bootstrap["admin_email"]
    email = fresh_email("twice")
    with closing(user_client(infisical_server)) as admin:
        assert len(invite(admin, pid, [email, email])) == 1
        again = admin.post(
            f"/api/v1/projects/{pid}/memberships",
            json={"emails": [email], "usernames": [admin_email]},
        )
        assert again.status_code == 200, again.text
        assert again.json()["memberships"] == []  # both already members: nothing new
        unknown = admin.post(f"/api/v2/workspace/{pid}/memberships", json={"usernames": ["nobody"]})
        assert_error(unknown, 404, "NotFound")


def test_member_details_role_change_and_removal(infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    email, other = fresh_email("details"), fresh_email("removed")
    with closing(user_client(infisical_server)) as admin:
        (made,) = invite(admin, pid, [email], ["viewer"])
        invite(admin, pid, [other])
        details = admin.post(
            f"/api/v1/workspace/{pid}/memberships/details", json={"username": email}
        )
        assert details.status_code == 200, details.text
        assert (details.json()["membership"]["id"], details.json()["membership"]["role"]) == (
            made["id"],
            "viewer",
        )
        one = f"/api/v1/workspace/{pid}/memberships/{made['id']}"
        patched = admin.patch(one, json={"roles": [{"role": "admin", "isTemporary": False}]})
        assert patched.status_code == 200, patched.text
        assert [r["role"] for r in patched.json()["roles"]] == ["admin"]
        assert _members(admin, pid)[email]["role"] == "admin"

        deleted = admin.delete(f"/api/v1/projects/{pid}/memberships/{made['id']}")
        assert deleted.status_code == 200, deleted.text
        assert deleted.json()["membership"]["userId"] == made["userId"]
        assert email not in _members(admin, pid)
        assert_error(admin.delete(one), 404, "NotFound")

        removed = admin.request(
            "DELETE", f"/api/v2/workspace/{pid}/memberships", json={"emails": [other]}
        )
        assert removed.status_code == 200, removed.text
        assert [m["user"]["email"] for m in removed.json()["memberships"]] == [other]
        assert other not in _members(admin, pid)
        gone = admin.request(
            "DELETE", f"/api/v2/workspace/{pid}/memberships", json={"emails": [other]}
        )
        assert_error(gone, 400, "BadRequest")


def test_role_rules(infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    viewer, _ = member_user(infisical_server, "viewer")
    member, member_row = member_user(infisical_server, "member")
    invitations = f"/api/v2/workspace/{pid}/memberships"
    with closing(viewer), closing(member), closing(user_client(infisical_server)) as admin:
        # every member sees the members
        assert member_row["userId"] in [m["userId"] for m in _members(viewer, pid).values()]
        # a viewer cannot invite; a member can, but never as admin
        assert_error(
            viewer.post(invitations, json={"emails": [fresh_email()]}), 403, "PermissionDenied"
        )
        assert len(invite(member, pid, [fresh_email("by-member")], ["viewer"])) == 1
        escalate = member.post(
            invitations, json={"emails": [fresh_email()], "roleSlugs": ["admin"]}
        )
        assert_error(escalate, 403, "PermissionDenied")
        # only admins change or remove a membership, and never their own
        (target,) = invite(admin, pid, [fresh_email("target")])
        one = f"/api/v1/workspace/{pid}/memberships/{target['id']}"
        body = {"roles": [{"role": "viewer"}]}
        assert_error(member.patch(one, json=body), 403, "PermissionDenied")
        assert_error(member.delete(one), 403, "PermissionDenied")
        assert_error(viewer.delete(one), 403, "PermissionDenied")
        own = _members(admin, pid)[infisical_server.bootstrap["admin_email"]]
        own_path = f"/api/v1/workspace/{pid}/memberships/{own['id']}"
        assert_error(admin.patch(own_path, json=body), 400, "BadRequest")
        assert_error(admin.delete(own_path), 400, "BadRequest")
        assert admin.patch(one, json=body).status_code == 200


def test_identities_invite_and_outsiders_see_nothing(infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    admin = admin_token(infisical_server)
    outsider = MachineIdentity(infisical_server, admin)
    with client(infisical_server, admin) as http:  # an identity that is project admin
        assert len(invite(http, pid, [fresh_email("by-identity")])) == 1
    with client(infisical_server, outsider.token()) as http:
        assert_error(http.get(f"/api/v1/workspace/{pid}/memberships"), 404, "NotFound")
        invited = http.post(
            f"/api/v2/workspace/{pid}/memberships", json={"emails": [fresh_email()]}
        )
        assert_error(invited, 404, "NotFound")
        stranger = http.post(
            f"/api/v1/admin/users/{uuid.uuid4()}/password", json={"password": PASSWORD}
        )
        assert_error(stranger, 404, "NotFound")


def test_bad_invitations(infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    path = f"/api/v2/workspace/{pid}/memberships"
    with closing(user_client(infisical_server)) as admin:
        assert_error(admin.post(path, json={}), 400, "BadRequest")
        assert_error(admin.post(path, json={"emails": ["not an email"]}), 422, "ValidationFailure")
        owner = admin.post(path, json={"emails": [fresh_email()], "roleSlugs": ["owner"]})
        assert_error(owner, 400, "BadRequest")
        two = admin.post(path, json={"emails": [fresh_email()], "roleSlugs": ["viewer", "admin"]})
        assert_error(two, 400, "BadRequest")
        (made,) = invite(admin, pid, [fresh_email("temp")])
        temporary = admin.patch(
            f"{path.replace('/v2/', '/v1/')}/{made['id']}",
            json={"roles": [{"role": "viewer", "isTemporary": True, "temporaryRange": "1h"}]},
        )
        assert_error(
            temporary, 400, "BadRequest", "Temporary roles are not supported by this server"
        )
        nowhere = f"/api/v2/workspace/{uuid.uuid4()}/memberships"
        assert_error(admin.post(nowhere, json={"emails": [fresh_email()]}), 404, "NotFound")
        no_password = admin.post(f"/api/v1/admin/users/{made['userId']}/password", json={})
        assert_error(no_password, 422, "ValidationFailure")


def test_org_member_identity_cannot_set_passwords(infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    admin = admin_token(infisical_server)
    with closing(user_client(infisical_server)) as http:
        (made,) = invite(http, pid, [fresh_email("guarded")])
    member = MachineIdentity(infisical_server, admin, org_role="member")
    with client(infisical_server, member.token()) as http:
        resp = http.post(
            f"/api/v1/admin/users/{made['userId']}/password", json={"password": PASSWORD}
        )
        assert_error(resp, 403, "PermissionDenied")


def test_identity_memberships_list_roles_and_identity_updates(
    infisical_server: LocalServer,
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    org = infisical_server.bootstrap["organization_id"]
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin)
    with client(infisical_server, admin) as http:
        path = f"/api/v2/workspace/{pid}/identity-memberships/{mi.id}"
        added = http.post(path, json={"roles": [{"role": "viewer", "isTemporary": False}]})
        assert added.status_code == 200, added.text
        assert added.json()["identityMembership"]["role"] == "viewer"
        changed = http.patch(path, json={"roles": [{"role": "member"}]})
        assert [r["role"] for r in changed.json()["roles"]] == ["member"]
        listed = http.get(f"/api/v1/projects/{pid}/identity-memberships").json()
        mine = [m for m in listed["identityMemberships"] if m["identityId"] == mi.id]
        assert len(mine) == 1 and mine[0]["role"] == "member"
        assert mine[0]["identity"]["authMethods"] == ["universal-auth"]
        assert listed["totalCount"] == len(listed["identityMemberships"])

        renamed = http.patch(
            f"/api/v1/identities/{mi.id}", json={"name": "renamed", "role": "admin"}
        )
        assert renamed.status_code == 200, renamed.text
        assert (renamed.json()["identity"]["name"], renamed.json()["identity"]["role"]) == (
            "renamed",
            "admin",
        )
        assert_error(
            http.patch(f"/api/v1/identities/{mi.id}", json={"role": "owner"}), 400, "BadRequest"
        )
        found = http.get("/api/v1/identities", params={"orgId": org}).json()
        entry = next(i for i in found["identities"] if i["identity"]["id"] == mi.id)
        assert (entry["identity"]["name"], entry["role"]) == ("renamed", "admin")
        assert_error(
            http.get("/api/v1/identities", params={"orgId": str(uuid.uuid4())}), 404, "NotFound"
        )
    viewer, _ = member_user(infisical_server, "viewer")
    with closing(viewer):  # a viewer sees the project's identities but cannot add one
        assert viewer.get(f"/api/v2/workspace/{pid}/identity-memberships").status_code == 200
        other = MachineIdentity(infisical_server, admin)
        add = viewer.post(
            f"/api/v2/workspace/{pid}/identity-memberships/{other.id}", json={"role": "viewer"}
        )
        assert_error(add, 403, "PermissionDenied")
