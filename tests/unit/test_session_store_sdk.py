"""The SDK-side session store (`infisical_kit._session_store`) and provider ``cli-session``."""

from __future__ import annotations

import base64
import json
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from infisical_kit._session_store import Session, SessionStore, session_file
from infisical_kit.config import Config
from infisical_kit.credentials import (
    CliSessionProvider,
    CredentialChain,
    CredentialsNotFoundError,
)
from infisical_kit.errors import ConfigurationError

SECRET = "s3cr3t-client-secret-value"


def jwt(exp: float) -> str:
    body = base64.urlsafe_b64encode(json.dumps({"exp": int(exp)}).encode()).decode()
    return f"e30.{body.rstrip('=')}.sig"


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore("file", tmp_path / "cfg" / "session.json")


def test_the_sdk_does_not_import_the_cli_package() -> None:
    code = (
        "import sys, infisical_kit, infisical_kit.credentials, infisical_kit._session_store\n"
        "print(sorted(m for m in sys.modules if m.startswith('infisical_kit.cli')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_module_re_exports_the_same_objects() -> None:
    from infisical_kit.cli import session as cli_session

    assert cli_session.SessionStore is SessionStore and cli_session.Session is Session
    assert cli_session.CliSessionProvider is CliSessionProvider


def test_file_round_trip_is_private(store: SessionStore) -> None:
    session = Session("http://x", "universal-auth", jwt(time.time() + 60), "id", SECRET)
    assert store.save(session) == str(store.path)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.load() == session
    assert SECRET not in repr(session) and session.token not in repr(session)
    assert store.delete() is True and store.load() is None and store.delete() is False


def test_session_file_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert session_file() == tmp_path / "xdg" / "infisical-kit" / "session.json"


def test_bad_backend_and_unreadable_file_are_precise(store: SessionStore) -> None:
    with pytest.raises(ConfigurationError, match="must be auto, file or keyring"):
        SessionStore("vault")
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{not json")
    with pytest.raises(ConfigurationError, match="unreadable; run `infisical-kit logout`"):
        store.load()
    store.path.write_text(json.dumps({"site_url": "http://x", "method": "sso", "token": "t"}))
    with pytest.raises(ConfigurationError, match="incomplete"):
        store.load()


def test_expiry_is_30_seconds_early() -> None:
    assert Session("http://x", "user", jwt(time.time() + 10)).expired
    assert not Session("http://x", "user", jwt(time.time() + 120)).expired
    assert not Session("http://x", "user", "opaque-token").expired  # no exp: unknown


def test_provider_yields_per_method(store: SessionStore) -> None:
    provider = CliSessionProvider(store)
    assert provider.probe() == (None, "no infisical-kit login session")

    store.save(Session("http://h:1", "universal-auth", jwt(time.time() - 600), "id", SECRET))
    found = provider.load()  # an expired token does not matter: it logs in again
    assert found is not None and (found.kind, found.client_id) == ("universal_auth", "id")
    assert found.site_url == "http://h:1" and found.source == "cli-session"

    token = jwt(time.time() + 600)
    store.save(Session("http://h:2", "user", token, email="me@example.com"))
    found = provider.load()
    assert found is not None and found.kind == "token" and found.site_url == "http://h:2"
    assert found.token is not None and found.token.get_secret_value() == token

    store.save(Session("http://h:2", "user", jwt(time.time() + 5), email="me@example.com"))
    chain = CredentialChain([provider])
    with pytest.raises(CredentialsNotFoundError, match="cli-session: the infisical-kit login"):
        chain.resolve()


def test_default_chain_reads_the_stored_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFISICAL_KIT_SESSION_BACKEND", "file")
    SessionStore().save(Session("http://h", "universal-auth", "t", "stored-id", SECRET))
    chain = CredentialChain.default(Config())
    assert chain.names[chain.names.index("profile") + 1] == "cli-session"
    found = chain.resolve()
    assert (found.source, found.client_id) == ("cli-session", "stored-id")
    # explicit arguments and the environment still win over it
    assert CredentialChain.default(Config(token="explicit")).resolve().source == "explicit"
    monkeypatch.setenv("INFISICAL_TOKEN", "from-env")
    assert CredentialChain.default(Config()).resolve().source == "environment"
    # a config that reads no files has no file-based providers
    assert "cli-session" not in CredentialChain.default(Config.from_env()).names
