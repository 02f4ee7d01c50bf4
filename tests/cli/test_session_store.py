"""The session store (keyring, file fallback) and the ``cli-session`` credential provider."""

from __future__ import annotations

import base64
import json
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from infisical_kit.cli.session import CliSessionProvider, Session, SessionStore
from infisical_kit.credentials import CredentialChain, CredentialsNotFoundError

keyring = pytest.importorskip("keyring")
from keyring.backend import KeyringBackend  # noqa: E402


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def _jwt(claims: dict[str, object]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"e30.{body}.sig"


def test_keyring_is_used_when_it_works(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    store = SessionStore(path=tmp_path / "session.json")
    session = Session("http://x", "universal-auth", "tok", client_id="id", client_secret="sec")
    assert store.save(session) == "the OS keyring"
    assert not (tmp_path / "session.json").exists()
    assert store.load() == session
    assert store.delete() is True
    assert memory_keyring.store == {} and store.load() is None


def test_file_backend_is_private_and_forced_by_the_environment(
    memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFISICAL_KIT_SESSION_BACKEND", "file")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    store = SessionStore()
    where = store.save(Session("http://x", "user", "tok", email="me@example.com"))
    path = tmp_path / "infisical-kit" / "session.json"
    assert where == str(path) and memory_keyring.store == {}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "tok" not in repr(store.load())


def test_cli_session_provider_in_a_chain(tmp_path: Path) -> None:
    store = SessionStore("file", tmp_path / "s.json")
    chain = CredentialChain([CliSessionProvider(store)])
    with pytest.raises(CredentialsNotFoundError, match="no infisical-kit login session"):
        chain.resolve()

    store.save(Session("http://x", "universal-auth", "tok", client_id="id", client_secret="s"))
    found = chain.resolve()
    assert (found.kind, found.client_id, found.source) == ("universal_auth", "id", "cli-session")

    expired = _jwt({"exp": int(time.time()) - 60, "userId": "u"})
    store.save(Session("http://x", "user", expired, email="me@example.com"))
    with pytest.raises(CredentialsNotFoundError, match="expired"):
        chain.resolve()

    valid = _jwt({"exp": int(time.time()) + 3600, "userId": "u"})
    store.save(Session("http://x", "user", valid, email="me@example.com"))
    found = chain.resolve()
    assert found.kind == "token" and found.token is not None
    assert found.token.get_secret_value() == valid


def test_a_corrupt_session_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("{not json")
    with pytest.raises(Exception, match="unreadable"):
        SessionStore("file", path).load()
