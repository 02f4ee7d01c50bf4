"""Machine identities, project members and a legacy service token.

Run by tests/docs/test_examples.py against a fresh project on the local server, as its
bootstrap identity (an organization admin and an admin of the project).
"""

import secrets

import httpx

from infisical_kit import Client

with Client.from_env() as client:
    project_id = client.default_scope.project_id
    client.secrets.create("DATABASE_URL", "postgres://db/app")

    # --8<-- [start:provision]
    identity = client.identities.create("ci-deployer")
    ua = client.identities.universal_auth.attach(identity.id, access_token_ttl=3600)
    made = client.identities.universal_auth.create_client_secret(identity.id, description="CI")
    client.projects.identities.add(identity.id, role="viewer")

    # Hand ua.client_id and made.client_secret to the CI system (shown once: store it now).
    with Client(
        client.site_url,
        client_id=ua.client_id,
        client_secret=made.client_secret,
        project_id=project_id,
        environment="dev",
    ) as ci:
        assert ci.secrets.get("DATABASE_URL").value == "postgres://db/app"
    # --8<-- [end:provision]

    # --8<-- [start:manage]
    client.projects.identities.update(identity.id, role="member")  # may write secrets now
    [membership] = [m for m in client.projects.identities.list() if m.identity_id == identity.id]
    assert membership.role_slugs == ["member"]

    # Rotate the client secret: create the new one, switch over, revoke the old one.
    rotated = client.identities.universal_auth.create_client_secret(identity.id)
    client.identities.universal_auth.revoke_client_secret(identity.id, made.data.id)
    live = client.identities.universal_auth.list_client_secrets(identity.id)
    assert [s.id for s in live] == [rotated.data.id]

    client.projects.identities.remove(identity.id)
    client.identities.delete(identity.id)  # its tokens and client secrets go with it
    # --8<-- [end:manage]

    # --8<-- [start:members]
    alice = f"alice+{secrets.token_hex(3)}@example.com"
    [invited] = client.projects.members.invite([alice], roles=["member"])
    assert invited.status == "invited"  # no account yet: a pending user

    assert client.projects.members.get(alice).id == invited.id
    assert alice in {m.user.email for m in client.projects.members.list() if m.user}
    client.projects.members.update(invited.id, roles=["viewer"])
    # --8<-- [end:members]

    # --8<-- [start:pending]
    # Local server only: an organization admin gives the invited user a password.
    password = secrets.token_urlsafe(16)
    token = client.auth.authorize()  # this client's access token
    httpx.post(
        f"{client.site_url}/api/v1/admin/users/{invited.user_id}/password",
        json={"password": password},
        headers={"Authorization": f"Bearer {token}"},
    ).raise_for_status()

    with Client(
        client.site_url, username=alice, password=password, project_id=project_id, environment="dev"
    ) as as_alice:
        assert as_alice.secrets.get("DATABASE_URL").value == "postgres://db/app"
    assert client.projects.members.get(alice).status == "accepted"
    # --8<-- [end:pending]

    # --8<-- [start:service-token]
    client.projects.members.update(invited.id, roles=["member"])  # members issue tokens
    with Client(client.site_url, username=alice, password=password) as as_alice:
        issued = httpx.post(
            f"{client.site_url}/api/v2/service-token",
            json={
                "name": "legacy-reader",
                "workspaceId": project_id,
                "scopes": [{"environment": "dev", "secretPath": "/"}],
                "permissions": ["read"],
                "expiresIn": 86400,
            },
            headers={"Authorization": f"Bearer {as_alice.auth.authorize()}"},
        )
        issued.raise_for_status()
    service_token = issued.json()["serviceToken"]  # st.<id>.<secret>, shown once

    with Client(
        client.site_url, token=service_token, project_id=project_id, environment="dev"
    ) as st:
        assert st.secrets.get("DATABASE_URL").value == "postgres://db/app"
    # --8<-- [end:service-token]

    client.projects.members.remove(invited.id)

print("members example: ok")
