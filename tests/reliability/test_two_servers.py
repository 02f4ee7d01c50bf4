"""Two server processes on one PostgreSQL, driven through the SDK: tokens and revocations are
shared, and concurrent updates to one secret through both lose nothing."""

from __future__ import annotations

import base64
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from infisical_kit import Client
from infisical_kit.errors import AuthenticationError, InfisicalError
from infisical_kit.testing import LocalServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def pair(tmp_path: Path, postgres_url: str) -> Iterator[tuple[LocalServer, LocalServer]]:
    env = {"INFISICAL_KIT_ROOT_KEY": base64.b64encode(secrets.token_bytes(32)).decode()}
    with (
        LocalServer(tmp_path / "a", database_url=postgres_url, env=env) as a,
        LocalServer(tmp_path / "b", database_url=postgres_url, env=env) as b,
    ):
        yield a, b


def _token_client(server: LocalServer, token: str) -> Client:
    boot = server.bootstrap
    return Client(
        server.url,
        token=token,
        project_id=boot["project_id"],
        environment=boot["environments"][0],
        cache_ttl=0,
        retries=0,
    )


def test_token_from_one_works_on_the_other_and_revocation_is_shared(
    pair: tuple[LocalServer, LocalServer],
) -> None:
    a, b = pair
    boot = a.bootstrap
    with Client(
        a.url,
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
        project_id=boot["project_id"],
        environment=boot["environments"][0],
    ) as on_a:
        token = on_a.auth.authorize()
        on_a.secrets.create("SHARED_TWO", "from-a")
        with _token_client(b, token) as on_b:
            assert on_b.secrets.get("SHARED_TWO").value == "from-a"
            on_a.auth.revoke()
            with pytest.raises(AuthenticationError):
                on_b.secrets.get("SHARED_TWO")
        with _token_client(a, token) as again_a, pytest.raises(AuthenticationError):
            again_a.secrets.get("SHARED_TWO")


def test_concurrent_updates_through_both_lose_nothing(
    pair: tuple[LocalServer, LocalServer],
) -> None:
    a, b = pair
    boot = a.bootstrap
    clients = [
        Client(
            server.url,
            client_id=boot["client_id"],
            client_secret=boot["client_secret"],
            project_id=boot["project_id"],
            environment=boot["environments"][0],
            cache_ttl=0,
        )
        for server in (a, b)
    ]
    try:
        clients[0].secrets.create("COUNTER_TWO", "start")
        versions: list[int] = []
        errors: list[str] = []
        lock = threading.Lock()

        def update(i: int) -> None:
            try:
                secret = clients[i % 2].secrets.update("COUNTER_TWO", value=f"v{i}")
            except InfisicalError as exc:
                with lock:
                    errors.append(str(exc))
                return
            with lock:
                versions.append(secret.version)

        threads = [threading.Thread(target=update, args=(i,)) for i in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert sorted(versions) == list(range(2, 42))  # every update got its own version
        final = clients[1].secrets.get("COUNTER_TWO")
        assert final.version == 41
        history = {clients[0].secrets.get("COUNTER_TWO", version=v).value for v in range(2, 42)}
        assert history == {f"v{i}" for i in range(40)}  # no update was lost
    finally:
        for client in clients:
            client.close()
