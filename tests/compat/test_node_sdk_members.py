"""The official Node SDK (``@infisical/sdk`` 5.0.2): ``projects().inviteMembers`` against our
server, on SQLite and on PostgreSQL (the route the SDK and the Infisical MCP server call)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._node import run_node

INVITE = """
const { InfisicalSDK } = require("@infisical/sdk");
(async () => {
  const client = new InfisicalSDK({ siteUrl: process.env.IK_SITE_URL });
  await client.auth().universalAuth.login({
    clientId: process.env.IK_CLIENT_ID,
    clientSecret: process.env.IK_CLIENT_SECRET,
  });
  const invite = JSON.parse(process.env.IK_INVITE);
  let refused = null;
  try {
    await client.projects().inviteMembers({ projectId: invite.projectId });
  } catch (err) {
    refused = String(err.message);
  }
  const memberships = await client.projects().inviteMembers(invite);
  const again = await client.projects().inviteMembers(invite);
  process.stdout.write(JSON.stringify({ memberships, again, refused }));
})().catch((err) => {
  process.stderr.write(String((err && err.message) || err));
  process.exit(1);
});
"""


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalServer]:
    """A server of this test's own on SQLite or on a fresh PostgreSQL database."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    with LocalServer(tmp_path / "server", database_url=url) as server:
        yield server


def _members(server: LocalServer) -> dict[str, dict[str, Any]]:
    boot = server.bootstrap
    login = httpx.post(
        f"{server.url}/api/v1/auth/universal-auth/login",
        json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
    )
    token = login.json()["accessToken"]
    listed = httpx.get(
        f"{server.url}/api/v1/workspace/{boot['project_id']}/memberships",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert listed.status_code == 200, listed.text
    return {m["user"]["email"]: m for m in listed.json()["memberships"]}


def test_invite_members(node_sdk: Path, backend_server: LocalServer) -> None:
    boot = backend_server.bootstrap
    emails = [f"node-{uuid.uuid4().hex[:8]}@example.com" for _ in range(2)]
    invite = {"projectId": boot["project_id"], "emails": emails, "roleSlugs": ["viewer"]}
    env = {
        "IK_SITE_URL": backend_server.url,
        "IK_CLIENT_ID": boot["client_id"],
        "IK_CLIENT_SECRET": boot["client_secret"],
        "IK_INVITE": json.dumps(invite),
    }
    done = run_node(node_sdk, INVITE, env)
    assert done.returncode == 0, f"node script failed: {done.stderr[-2000:]}"
    result = json.loads(done.stdout)
    assert result["refused"] == "Either usernames or emails must be provided"
    made = result["memberships"]
    assert sorted(m["projectId"] for m in made) == [boot["project_id"]] * 2
    assert result["again"] == []  # already members: nothing new
    members = _members(backend_server)
    for email in emails:
        assert members[email]["role"] == "viewer"
        assert members[email]["status"] == "invited"
        assert members[email]["id"] in {m["id"] for m in made}
