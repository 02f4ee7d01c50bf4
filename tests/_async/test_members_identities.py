"""`client.projects.members`, `client.projects.identities`, `client.identities` (with
``.universal_auth``) and a legacy service token as ``token=``, against the real server."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from infisical_kit import (
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)

from ._clients import client_for


def uid() -> str:
    """A short unique suffix."""
    return uuid.uuid4().hex[:8]


def _machine(server: Any, client_id: str, client_secret: str) -> AsyncClient:
    """A client of the bootstrap project as another identity (no cache)."""
    __tracebackhide__ = True  # the client secret would be printed with the frame
    boot = server.bootstrap
    return AsyncClient(
        server.url,
        client_id=client_id,
        client_secret=client_secret,
        project_id=boot["project_id"],
        environment=boot["environments"][0],
        cache_ttl=0,
    )


async def _user_session(server: Any) -> httpx.AsyncClient:
    """The bootstrap admin user over raw HTTP (service tokens are issued by users)."""
    boot = server.bootstrap
    http = httpx.AsyncClient(base_url=server.url, timeout=30)
    login = await http.post(
        "/api/v3/auth/login",
        json={"email": boot["admin_email"], "password": boot["admin_password"]},
    )
    http.headers["Authorization"] = f"Bearer {login.json()['accessToken']}"
    org = {"organizationId": boot["organization_id"]}
    selected = await http.post("/api/v3/auth/select-organization", json=org)
    http.headers["Authorization"] = f"Bearer {selected.json()['token']}"
    return http


@pytest.mark.anyio
async def test_provision_a_machine_identity(client: AsyncClient, infisical_server: Any) -> None:
    name = f"ci-{uid()}"
    identity = await client.identities.create(name)
    assert (identity.name, identity.org_id) == (name, infisical_server.bootstrap["organization_id"])
    ua = await client.identities.universal_auth.attach(identity.id, access_token_ttl=600)
    assert (ua.identity_id, ua.access_token_ttl) == (identity.id, 600) and ua.client_id
    made = await client.identities.universal_auth.create_client_secret(
        identity.id, description="ci", num_uses_limit=0
    )
    assert made.data.description == "ci" and made.data.is_revoked is False
    assert made.client_secret not in repr(made)
    membership = await client.projects.identities.add(identity.id, role="viewer")
    assert (membership.identity_id, membership.role_slugs) == (identity.id, ["viewer"])

    key = f"PROVISIONED_{uid()}".upper()
    await client.secrets.create(key, "from the provisioner")
    async with _machine(infisical_server, ua.client_id, made.client_secret) as machine:
        assert (await machine.secrets.get(key)).value == "from the provisioner"
        with pytest.raises(PermissionDeniedError):
            await machine.secrets.create(f"{key}_DENIED", "x")
        roles = await client.projects.identities.update(identity.id, role="member")
        assert [r.role for r in roles] == ["member"]
        await machine.secrets.create(f"{key}_ALLOWED", "y")

    listed = await client.projects.identities.list()
    assert next(m.role_slugs for m in listed if m.identity_id == identity.id) == ["member"]
    assert (await client.projects.identities.get(identity.id)).role == "member"
    assert identity.id in {i.id for i in await client.identities.list()}
    got = await client.identities.get(identity.id)
    assert got.auth_methods == ["universal-auth"]
    renamed = await client.identities.update(identity.id, name=f"{name}-renamed")
    assert renamed.name == f"{name}-renamed"

    secrets = await client.identities.universal_auth.list_client_secrets(identity.id)
    assert [s.id for s in secrets] == [made.data.id]
    one = await client.identities.universal_auth.get_client_secret(identity.id, made.data.id)
    assert one.prefix == made.client_secret[:4]
    revoked = await client.identities.universal_auth.revoke_client_secret(identity.id, one.id)
    assert revoked.is_revoked is True
    machine = _machine(infisical_server, ua.client_id, made.client_secret)
    try:
        with pytest.raises(AuthenticationError):
            await machine.auth.login()
    finally:
        await machine.aclose()

    removed = await client.projects.identities.remove(identity.id)
    assert removed.identity_id == identity.id
    with pytest.raises(NotFoundError):
        await client.projects.identities.get(identity.id)
    assert (await client.identities.universal_auth.get(identity.id)).client_id == ua.client_id
    updated = await client.identities.universal_auth.update(identity.id, access_token_ttl=900)
    assert updated.access_token_ttl == 900
    await client.identities.universal_auth.detach(identity.id)
    with pytest.raises(NotFoundError):
        await client.identities.universal_auth.get(identity.id)
    assert (await client.identities.delete(identity.id)).id == identity.id
    with pytest.raises(NotFoundError):
        await client.identities.get(identity.id)


@pytest.mark.anyio
async def test_project_members(client: AsyncClient, infisical_server: Any) -> None:
    email = f"sdk-{uid()}@example.com"
    other = f"sdk-other-{uid()}@example.com"
    (invited,) = await client.projects.members.invite([email], roles=["viewer"])
    assert (invited.role_slugs, invited.status) == (["viewer"], "invited")
    assert invited.user is not None and invited.user.email == email
    assert await client.projects.members.invite([email]) == []  # already a member
    await client.projects.members.invite(usernames=[other])  # an address as the username

    listed = {m.user.email: m for m in await client.projects.members.list() if m.user}
    assert listed[email].id == invited.id
    assert infisical_server.bootstrap["admin_email"] in listed
    assert (await client.projects.members.get(email)).id == invited.id

    roles = await client.projects.members.update(invited.id, roles=["member"])
    assert [r.role for r in roles] == ["member"]
    assert (await client.projects.members.get(email)).role_slugs == ["member"]
    assert (await client.projects.members.remove(invited.id)).id == invited.id
    with pytest.raises(NotFoundError):
        await client.projects.members.get(email)
    (gone,) = await client.projects.members.remove_users([other])
    assert gone.user is not None and gone.user.email == other
    with pytest.raises(BadRequestError):
        await client.projects.members.remove_users([other])
    with pytest.raises(BadRequestError):
        await client.projects.members.invite([f"x-{uid()}@example.com"], roles=["owner"])


@pytest.mark.anyio
async def test_arguments_are_checked_before_any_request(client: AsyncClient) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.projects.members.invite()
    assert "at least one e-mail address or username" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        await client.projects.members.invite("a@example.com", roles="viewer")  # type: ignore[arg-type]
    assert "emails must be a list" in str(caught.value) and "roles must be a list" in str(
        caught.value
    )
    with pytest.raises(ValidationError):
        await client.projects.identities.add("", role="")
    with pytest.raises(ValidationError):
        await client.identities.universal_auth.create_client_secret("id", ttl=-1)
    with pytest.raises(ValidationError):
        await client.identities.update("id")
    with pytest.raises(ValidationError):
        await client.identities.create(" ")


@pytest.mark.anyio
async def test_a_service_token_is_a_static_token(infisical_server: Any) -> None:
    boot = infisical_server.bootstrap
    key = f"ST_{uid()}".upper()
    async with client_for(infisical_server) as admin:
        await admin.secrets.create(key, "read by a service token")
    http = await _user_session(infisical_server)
    try:
        made = await http.post(
            "/api/v2/service-token",
            json={
                "name": "sdk",
                "workspaceId": boot["project_id"],
                "scopes": [{"environment": boot["environments"][0], "secretPath": "/"}],
                "permissions": ["read"],
                "expiresIn": None,
            },
        )
        assert made.status_code == 200, made.text
        token = made.json()["serviceToken"]
    finally:
        await http.aclose()
    async with AsyncClient(
        infisical_server.url,
        token=token,
        project_id=boot["project_id"],
        environment=boot["environments"][0],
        test_if_authenticated=True,
    ) as st:
        assert (await st.secrets.get(key)).value == "read by a service token"
        assert key in {s.key for s in await st.secrets.list()}
        with pytest.raises(PermissionDeniedError):
            await st.secrets.create(f"{key}_NO", "read-only token")
        assert token not in repr(st)


class NoMemberRoutes:
    """Fault injection: a server like Infisical 2024-10, without ``/api/v1/projects/{id}/
    memberships`` and ``…/identity-memberships``; the rest goes to the real server (which
    also has the older ``/workspace`` routes)."""

    def __init__(self) -> None:
        self.real = httpx.Client(timeout=30)
        self.calls: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.calls.append(f"{request.method} {path}")
        parts = path.split("/")
        if path.startswith("/api/v1/projects/") and len(parts) > 5 and "memberships" in parts[5]:
            message = f"Route {request.method}:{path} not found"
            return httpx.Response(404, json={"statusCode": 404, "message": message})
        forwarded = httpx.Request(
            request.method, request.url, headers=request.headers, content=request.content
        )
        real = self.real.send(forwarded)
        return httpx.Response(
            real.status_code,
            headers={"content-type": real.headers.get("content-type", "application/json")},
            content=real.content,
        )


@pytest.mark.anyio
@pytest.mark.filterwarnings("ignore:.*deprecated Infisical route:DeprecationWarning")
async def test_members_fall_back_to_the_routes_of_infisical_2024_10(infisical_server: Any) -> None:
    fake = NoMemberRoutes()
    email = f"older-{uid()}@example.com"
    try:
        async with client_for(infisical_server, transport=httpx.MockTransport(fake)) as client:
            (invited,) = await client.projects.members.invite([email], roles=["viewer"])
            assert email in {m.user.email for m in await client.projects.members.list() if m.user}
            assert (await client.projects.members.get(email)).id == invited.id
            await client.projects.members.update(invited.id, roles=["member"])
            assert (await client.projects.members.remove(invited.id)).id == invited.id
            await client.projects.members.invite([email])
            (gone,) = await client.projects.members.remove_users([email])
            assert gone.user is not None and gone.user.email == email

            identity = await client.identities.create(f"older-{uid()}")
            await client.projects.identities.add(identity.id, role="viewer")
            await client.projects.identities.update(identity.id, role="member")
            assert (await client.projects.identities.get(identity.id)).role == "member"
            assert identity.id in {i.identity.id for i in await client.projects.identities.list()}
            await client.projects.identities.remove(identity.id)
            await client.identities.delete(identity.id)
    finally:
        fake.real.close()
    current = [c for c in fake.calls if "/api/v1/projects/" in c and "memberships" in c]
    assert len(current) == 1  # learned on the first call, for the whole family
    pid = infisical_server.bootstrap["project_id"]
    assert f"POST /api/v2/workspace/{pid}/memberships" in fake.calls
    assert f"GET /api/v1/workspace/{pid}/memberships" in fake.calls
    assert f"DELETE /api/v2/workspace/{pid}/memberships" in fake.calls
    assert f"GET /api/v2/workspace/{pid}/identity-memberships" in fake.calls
