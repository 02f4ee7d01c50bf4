"""The Infisical CLI's login as a credential source (provider ``infisical-cli``).

The file vault is written with jwcrypto, an independent JWE implementation (as jose2go writes
it for the Go CLI: PBES2-HS256+A128KW, A256GCM, payload = the credential JSON as a JSON string),
never with our own code; our reader must decrypt it.
"""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

import pytest

from infisical_kit._cli_vault import (
    VaultError,
    decrypt_jwe,
    read_cli_login,
    vault_file,
)
from infisical_kit.config import Config
from infisical_kit.credentials import (
    CliLoginProvider,
    CredentialChain,
    Credentials,
    CredentialsNotFoundError,
)

jwe_lib = pytest.importorskip("jwcrypto.jwe")
jwk_lib = pytest.importorskip("jwcrypto.jwk")

EMAIL = "dev+cli@example.com"
PASSPHRASE = "aB3dE6gH9k"  # the CLI generates 10 random characters


def make_jwt(exp: float) -> str:
    """An unsigned JWT-shaped token with this ``exp``."""

    def part(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256'})}.{part({'exp': int(exp), 'sub': 'u1'})}.c2ln"


def jwcrypto_encrypt(plaintext: bytes, passphrase: str, alg: str = "PBES2-HS256+A128KW") -> str:
    """A compact JWE as jose2go's ``jose.Encrypt(..., PBES2_HS256_A128KW, A256GCM, pwd)``."""
    header = {"alg": alg, "enc": "A256GCM", "created": "2024-10-01 10:00:00 +0000 UTC"}
    token = jwe_lib.JWE(plaintext, protected=json.dumps(header))
    token.add_recipient(jwk_lib.JWK.from_password(passphrase))
    return str(token.serialize(compact=True))


def write_cli_login(
    home: Path,
    token: str,
    *,
    email: str = EMAIL,
    passphrase: str | None = PASSPHRASE,
    backend: str = "file",
    domain: str = "https://eu.infisical.com/api",
) -> Path:
    """Write ``~/.infisical/infisical-config.json`` and the file vault entry like the CLI."""
    config: dict[str, Any] = {
        "loggedInUserEmail": email,
        "LoggedInUserDomain": domain,
        "loggedInUsers": [{"email": email, "domain": domain}],
        "vaultBackendType": backend,
    }
    if passphrase is not None:
        config["vaultBackendPassphrase"] = base64.b64encode(passphrase.encode()).decode()
    (home / ".infisical").mkdir(parents=True, exist_ok=True)
    (home / ".infisical" / "infisical-config.json").write_text(json.dumps(config))
    credential = {"email": email, "privateKey": "", "JTWToken": token, "RefreshToken": ""}
    payload = json.dumps(json.dumps(credential)).encode()  # Go: json.Marshal(string)
    path = vault_file(home, email)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(jwcrypto_encrypt(payload, passphrase or "unused"))
    return path


def test_vault_file_name_percent_encodes_only_slash_and_percent(tmp_path: Path) -> None:
    assert vault_file(tmp_path, "a+b@x.io") == tmp_path / "infisical-keyring" / "a+b@x.io"
    assert vault_file(tmp_path, "a/b%c@x") == tmp_path / "infisical-keyring" / "a%2Fb%25c@x"


@pytest.mark.parametrize("alg", ["PBES2-HS256+A128KW", "PBES2-HS512+A256KW"])
def test_decrypts_a_jwcrypto_jwe(alg: str) -> None:
    plaintext = b'"{\\"JTWToken\\":\\"x\\"}"'
    compact = jwcrypto_encrypt(plaintext, PASSPHRASE, alg)
    assert decrypt_jwe(compact, PASSPHRASE.encode()) == plaintext
    with pytest.raises(VaultError, match="wrong passphrase"):
        decrypt_jwe(compact, b"not-the-passphrase")


def test_tampered_or_malformed_jwe_is_a_precise_error() -> None:
    compact = jwcrypto_encrypt(b"hello", PASSPHRASE)
    head, key, iv, ciphertext, tag = compact.split(".")
    flipped = ciphertext[:-2] + ("A" if ciphertext[-2] != "A" else "B") + ciphertext[-1]
    with pytest.raises(VaultError, match="does not authenticate"):
        decrypt_jwe(".".join([head, key, iv, flipped, tag]), PASSPHRASE.encode())
    with pytest.raises(VaultError, match="5 dot-separated"):
        decrypt_jwe("a.b.c", PASSPHRASE.encode())
    other = base64.urlsafe_b64encode(b'{"alg":"dir","enc":"A256GCM"}').decode().rstrip("=")
    with pytest.raises(VaultError, match="unsupported JWE algorithms alg='dir'"):
        decrypt_jwe(".".join([other, key, iv, ciphertext, tag]), PASSPHRASE.encode())


def test_provider_yields_the_user_token_and_site(tmp_path: Path) -> None:
    token = make_jwt(time.time() + 3600)
    write_cli_login(tmp_path, token)
    found = CliLoginProvider(tmp_path, environ={}).load()
    assert found is not None and found.kind == "token" and found.source == "infisical-cli"
    assert found.token is not None and found.token.get_secret_value() == token
    assert found.site_url == "https://eu.infisical.com"
    assert found == Credentials.from_token(token, source="infisical-cli", site_url=found.site_url)
    assert token not in repr(found)
    login, why = read_cli_login(tmp_path, {})
    assert login is not None and why == "" and login.email == EMAIL
    assert login.backend == "file vault" and token not in repr(login)


def test_passphrase_from_the_environment_wins(tmp_path: Path) -> None:
    token = make_jwt(time.time() + 3600)
    write_cli_login(tmp_path, token, passphrase=None)  # config without vaultBackendPassphrase
    login, why = read_cli_login(tmp_path, {})
    assert login is None and "INFISICAL_VAULT_FILE_PASSPHRASE is not set" in why
    # encrypted with "unused" (no passphrase in the config): the env var must supply it
    login, why = read_cli_login(tmp_path, {"INFISICAL_VAULT_FILE_PASSPHRASE": "unused"})
    assert login is not None and login.token == token, why


def test_reasons_in_the_not_found_error(tmp_path: Path) -> None:
    chain = CredentialChain([CliLoginProvider(tmp_path, environ={})])

    def why() -> str:
        with pytest.raises(CredentialsNotFoundError) as caught:
            chain.resolve()
        ((name, reason),) = caught.value.attempts
        assert name == "infisical-cli" and reason in str(caught.value)
        return reason

    assert "no Infisical CLI login" in why() and "infisical-config.json not found" in why()

    token = make_jwt(time.time() + 3600)
    vault = write_cli_login(tmp_path, token)
    wrong = {"INFISICAL_VAULT_FILE_PASSPHRASE": "wrong-one"}
    bad = CredentialChain([CliLoginProvider(tmp_path, environ=wrong)])
    with pytest.raises(CredentialsNotFoundError, match="wrong passphrase") as caught:
        bad.resolve()
    assert token not in str(caught.value) and "wrong-one" not in str(caught.value)

    vault.unlink()
    reason = why()
    assert "no readable CLI session" in reason and "has no entry for" in reason
    assert str(vault) in reason

    write_cli_login(tmp_path, make_jwt(time.time() + 20))  # inside the 30 s margin
    assert "has expired" in why() and EMAIL in why()

    write_cli_login(tmp_path, "not-a-jwt")
    assert "not a JWT with an exp claim" in why()


def test_auto_backend_reads_the_os_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend

    previous = keyring.get_keyring()  # before defining a backend class (they self-register)
    token = make_jwt(time.time() + 3600)
    asked: list[tuple[str, str]] = []

    class Memory(KeyringBackend):
        priority = 1

        def get_password(self, service: str, username: str) -> str | None:
            asked.append((service, username))
            value = {"email": username, "privateKey": "", "JTWToken": token, "RefreshToken": ""}
            encoded = base64.b64encode(json.dumps(value).encode()).decode()
            return "go-keyring-base64:" + encoded  # as the Go library writes the Keychain

        def set_password(self, service: str, username: str, password: str) -> None:
            raise AssertionError("read-only")

        def delete_password(self, service: str, username: str) -> None:
            raise AssertionError("read-only")

    write_cli_login(tmp_path, token, backend="auto", passphrase=None)
    keyring.set_keyring(Memory())  # type: ignore[no-untyped-call]
    try:
        login, why = read_cli_login(tmp_path, {})
    finally:
        keyring.set_keyring(previous)
    assert asked == [("infisical-cli", EMAIL)]
    assert login is not None and login.token == token and login.backend == "OS keyring", why


def test_auto_backend_without_a_keyring_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    write_cli_login(tmp_path, make_jwt(time.time() + 3600), backend="auto")
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring -> ImportError
    login, why = read_cli_login(tmp_path, {})
    assert login is None and "keyring package is not installed" in why


def test_default_chain_reads_the_cli_login_from_home(tmp_path: Path) -> None:
    # the autouse fixture points HOME at an empty directory; write the CLI's files there
    home = Path.home()
    token = make_jwt(time.time() + 3600)
    write_cli_login(home, token)
    found = CredentialChain.default(Config()).resolve()
    assert found.source == "infisical-cli" and found.token is not None
    assert found.token.get_secret_value() == token
