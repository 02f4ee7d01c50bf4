"""Logins stored by CLIs as credentials of a bare client, against the real server.

* ``infisical-cli``: the Infisical CLI's login. The bootstrap admin logs in over HTTP
  (``/api/v3/auth/login`` + ``select-organization``); the user token goes into a CLI config and
  file vault in this test's HOME, the vault written with jwcrypto (an independent JWE
  implementation, as jose2go writes it), never with our own code.
* ``cli-session``: the session ``infisical-kit login`` stores (file backend), which comes first.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from infisical_kit import AsyncClient
from infisical_kit._cli_vault import vault_file
from infisical_kit._session_store import Session, SessionStore
from infisical_kit.credentials import CredentialsNotFoundError

jwe_lib = pytest.importorskip("jwcrypto.jwe")
jwk_lib = pytest.importorskip("jwcrypto.jwk")

PASSPHRASE = "Qw3rTy7uIo"


async def user_token(server: Any) -> str:
    """An organization-scoped access token of the bootstrap admin, obtained over HTTP."""
    boot = server.bootstrap
    async with httpx.AsyncClient(base_url=server.url) as raw:
        login = await raw.post(
            "/api/v3/auth/login",
            json={"email": boot["admin_email"], "password": boot["admin_password"]},
        )
        assert login.status_code == 200, login.status_code
        selected = await raw.post(
            "/api/v3/auth/select-organization",
            json={"organizationId": boot["organization_id"]},
            headers={"Authorization": f"Bearer {login.json()['accessToken']}"},
        )
        assert selected.status_code == 200, selected.status_code
    token = selected.json()["token"]
    assert isinstance(token, str)
    return token


def write_cli_login(home: Path, email: str, token: str, domain: str) -> None:
    """``~/.infisical/infisical-config.json`` (file vault) and ``~/infisical-keyring/<email>``."""
    config = {
        "loggedInUserEmail": email,
        "LoggedInUserDomain": domain,
        "vaultBackendType": "file",
        "vaultBackendPassphrase": base64.b64encode(PASSPHRASE.encode()).decode(),
    }
    (home / ".infisical").mkdir(parents=True, exist_ok=True)
    (home / ".infisical" / "infisical-config.json").write_text(json.dumps(config))
    credential = {"email": email, "privateKey": "", "JTWToken": token, "RefreshToken": ""}
    header = {"alg": "PBES2-HS256+A128KW", "enc": "A256GCM", "created": "now"}
    jwe = jwe_lib.JWE(json.dumps(json.dumps(credential)).encode(), protected=json.dumps(header))
    jwe.add_recipient(jwk_lib.JWK.from_password(PASSPHRASE))
    path = vault_file(home, email)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(jwe.serialize(compact=True))


def scope(server: Any) -> dict[str, str]:
    boot = server.bootstrap
    return {"project_id": boot["project_id"], "environment": boot["environments"][0]}


@pytest.mark.anyio
async def test_bare_client_uses_the_infisical_cli_login(infisical_server: Any) -> None:
    boot = infisical_server.bootstrap
    token = await user_token(infisical_server)
    write_cli_login(Path.home(), boot["admin_email"], token, infisical_server.url + "/api")
    # No site given anywhere: the CLI login's domain (stored with /api) names the server.
    async with AsyncClient(cache_ttl=0, **scope(infisical_server)) as client:
        assert client.site_url == infisical_server.url.rstrip("/")
        found = client.credential_chain.resolve()
        assert found.source == "infisical-cli" and found.kind == "token"
        assert found.site_url == infisical_server.url.rstrip("/")
        name = f"CLI_VAULT_{uuid.uuid4().hex[:8].upper()}"
        await client.secrets.create(name, "via-the-cli-login")
        listed = {s.key: s.value for s in await client.secrets.list()}
        assert listed[name] == "via-the-cli-login"
        assert await client.auth.authorize() == token  # the CLI's token, used as is
        assert token not in repr(client)
        await client.secrets.delete(name)


@pytest.mark.anyio
async def test_infisical_kit_session_comes_before_the_cli_login(
    infisical_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFISICAL_KIT_SESSION_BACKEND", "file")
    boot = infisical_server.bootstrap
    cli_token = await user_token(infisical_server)
    write_cli_login(Path.home(), boot["admin_email"], cli_token, infisical_server.url + "/api")
    session = Session(
        infisical_server.url,
        "universal-auth",
        "unused-token",
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
    )
    SessionStore().save(session)
    async with AsyncClient(infisical_server.url, cache_ttl=0, **scope(infisical_server)) as client:
        assert client.credential_chain.names.index("cli-session") < (
            client.credential_chain.names.index("infisical-cli")
        )
        found = client.credential_chain.resolve()
        assert (found.source, found.kind) == ("cli-session", "universal_auth")
        assert found.client_id == boot["client_id"]
        assert isinstance(await client.secrets.list(), list)
        assert await client.auth.authorize() != cli_token  # logged in with universal auth


@pytest.mark.anyio
async def test_expired_cli_login_is_reported(infisical_server: Any) -> None:
    def part(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    expired = f"{part({'alg': 'HS256'})}.{part({'exp': int(time.time()) - 5})}.c2ln"
    write_cli_login(Path.home(), "old@example.com", expired, infisical_server.url + "/api")
    with pytest.raises(CredentialsNotFoundError) as caught:
        AsyncClient(infisical_server.url, **scope(infisical_server))
    reasons = dict(caught.value.attempts)
    assert (
        "has expired" in reasons["infisical-cli"] and "old@example.com" in reasons["infisical-cli"]
    )
    assert reasons["cli-session"] == "no infisical-kit login session"
    assert expired not in str(caught.value)
