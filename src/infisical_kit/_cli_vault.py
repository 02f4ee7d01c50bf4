"""Read the Infisical CLI's login, read-only and never prompting.

What the CLI (Infisical/cli with the Infisical/go-keyring fork of 99designs/keyring) stores:

* ``~/.infisical/infisical-config.json``: ``loggedInUserEmail``, ``LoggedInUserDomain`` (the
  API base, with ``/api``), ``vaultBackendType`` (``"auto"`` = OS keyring, ``"file"``) and
  ``vaultBackendPassphrase`` (base64 of the file vault's passphrase).
* The credential ``{"email", "privateKey", "JTWToken", "RefreshToken"}`` (JSON), under service
  ``infisical-cli``, account = the e-mail:

  - ``auto``: in the OS keyring, read here through the optional ``keyring`` package (macOS
    Keychain and Secret Service; Windows Credential Manager entries of Go programs are named
    differently and are not found).
  - ``file``: in ``~/infisical-keyring/<e-mail>`` (``%`` and ``/`` percent-encoded), a JWE in
    compact form: ``PBES2-HS256+A128KW`` key wrapping with the passphrase (taken from
    ``INFISICAL_VAULT_FILE_PASSPHRASE``, else ``vaultBackendPassphrase``), ``A256GCM`` content
    encryption; the payload is the credential JSON encoded once more as a JSON string.

The session counts as expired 30 s before the access token's ``exp`` (read without verifying),
as the CLI does; the CLI never refreshes it either.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap

from infisical_kit._core.settings_table import normalize_site_url
from infisical_kit._core.tokens import jwt_expiry
from infisical_kit.errors import ConfigurationError

__all__ = [
    "EXPIRY_MARGIN",
    "KEYRING_SERVICE",
    "PASSPHRASE_ENV",
    "CliLogin",
    "VaultError",
    "config_path",
    "decrypt_jwe",
    "read_cli_login",
    "vault_file",
]

KEYRING_SERVICE = "infisical-cli"
PASSPHRASE_ENV = "INFISICAL_VAULT_FILE_PASSPHRASE"
VAULT_DIR = "infisical-keyring"
EXPIRY_MARGIN = 30.0
_NO_SESSION = "no readable CLI session: "
_PBES2 = {  # alg -> (hash, key-encryption-key length in bytes)
    "PBES2-HS256+A128KW": (hashes.SHA256, 16),
    "PBES2-HS384+A192KW": (hashes.SHA384, 24),
    "PBES2-HS512+A256KW": (hashes.SHA512, 32),
}
_GCM = {"A128GCM": 16, "A192GCM": 24, "A256GCM": 32}
_MAX_ITERATIONS = 10_000_000  # jose2go writes 8192; refuse absurd work factors


class VaultError(ConfigurationError):
    """A vault entry that cannot be decrypted or parsed (the message holds no secret)."""


@dataclass(frozen=True, repr=False)
class CliLogin:
    """The CLI's logged-in user session. `token` never appears in ``repr``."""

    email: str
    token: str = field(repr=False)
    site_url: str | None
    backend: str
    expires_at: float | None

    def __repr__(self) -> str:
        return (
            f"CliLogin(email={self.email!r}, site_url={self.site_url!r}, backend={self.backend!r})"
        )


def config_path(home: Path) -> Path:
    """``<home>/.infisical/infisical-config.json``."""
    return home / ".infisical" / "infisical-config.json"


def vault_file(home: Path, email: str) -> Path:
    """The file vault entry of `email`: ``<home>/infisical-keyring/<percent-encoded e-mail>``
    (only ``%`` and ``/`` are encoded, upper-case hex of each UTF-8 byte, as mtibben/percent)."""
    name = "".join(
        "".join(f"%{byte:02X}" for byte in char.encode("utf-8")) if char in "%/" else char
        for char in email
    )
    return home / VAULT_DIR / name


def _b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decrypt_jwe(compact: str, passphrase: bytes) -> bytes:
    """Decrypt a compact JWE with a PBES2 password (RFC 7518 §4.8) and AES-GCM content.

    Raises `VaultError` naming what is wrong: not a JWE, an unsupported algorithm, or a
    passphrase that does not unwrap the key.
    """
    parts = compact.strip().split(".")
    if len(parts) != 5:
        raise VaultError("not a compact JWE (expected 5 dot-separated parts)")
    try:
        header = json.loads(_b64url(parts[0]))
        wrapped, iv, ciphertext, tag = (_b64url(p) for p in parts[1:])
    except (ValueError, binascii.Error):
        raise VaultError("not a compact JWE (bad base64url or header JSON)") from None
    if not isinstance(header, dict):
        raise VaultError("the JWE header is not a JSON object")
    alg, enc = header.get("alg"), header.get("enc")
    if alg not in _PBES2 or enc not in _GCM:
        raise VaultError(f"unsupported JWE algorithms alg={alg!r} enc={enc!r}")
    if header.get("zip") is not None:
        raise VaultError("compressed JWE payloads are not supported")
    p2c, p2s = header.get("p2c"), header.get("p2s")
    if not isinstance(p2c, int) or isinstance(p2c, bool) or not 0 < p2c <= _MAX_ITERATIONS:
        raise VaultError(f"bad PBES2 iteration count p2c={p2c!r}")
    try:
        salt_input = _b64url(p2s) if isinstance(p2s, str) else b""
    except (ValueError, binascii.Error):
        salt_input = b""
    if len(salt_input) < 8:
        raise VaultError("missing or too short PBES2 salt (p2s)")
    algorithm, key_length = _PBES2[alg]
    kdf = PBKDF2HMAC(
        algorithm=algorithm(),
        length=key_length,
        salt=alg.encode("ascii") + b"\x00" + salt_input,
        iterations=p2c,
    )
    try:
        cek = aes_key_unwrap(kdf.derive(passphrase), wrapped)
    except (InvalidUnwrap, ValueError):
        raise VaultError("the passphrase does not decrypt it (wrong passphrase?)") from None
    if len(cek) != _GCM[enc]:
        raise VaultError(f"the content key has the wrong length for {enc}")
    try:
        return AESGCM(cek).decrypt(iv, ciphertext + tag, parts[0].encode("ascii"))
    except (InvalidTag, ValueError):
        raise VaultError("the content does not authenticate (corrupt file)") from None


def _credential(text: str) -> dict[str, Any]:
    """The credential dict from a keyring value (JSON, possibly JSON-encoded twice)."""
    for prefix, decode in (
        ("go-keyring-base64:", base64.b64decode),
        ("go-keyring-encoded:", bytes.fromhex),
    ):  # how the Go keyring library stores values in the macOS Keychain
        if text.startswith(prefix):
            try:
                text = decode(text[len(prefix) :]).decode("utf-8")
            except (ValueError, binascii.Error):
                raise VaultError(f"the keyring value has a bad {prefix!r} encoding") from None
    try:
        data: Any = json.loads(text)
        if isinstance(data, str):
            data = json.loads(data)
    except ValueError:
        raise VaultError("the stored credential is not JSON") from None
    if not isinstance(data, dict):
        raise VaultError("the stored credential is not a JSON object")
    return data


def _site(domain: Any) -> str | None:
    if not isinstance(domain, str) or not domain.strip():
        return None
    try:
        return normalize_site_url(domain)
    except ConfigurationError:
        return None


def _passphrase(data: Mapping[str, Any], environ: Mapping[str, str]) -> tuple[bytes | None, str]:
    from_env = environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env.encode("utf-8"), ""
    stored = data.get("vaultBackendPassphrase")
    if not isinstance(stored, str) or not stored:
        return None, f"{PASSPHRASE_ENV} is not set and the config has no vaultBackendPassphrase"
    try:
        return base64.b64decode(stored, validate=True), ""
    except (ValueError, binascii.Error):
        return None, "vaultBackendPassphrase in the config is not base64"


def _from_file(home: Path, email: str, data: Mapping[str, Any], environ: Mapping[str, str]) -> str:
    """The keyring value from the file vault; raises `LookupError(reason)` when there is none."""
    path = vault_file(home, email)
    try:
        compact = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LookupError(f"the file vault has no entry for {email} ({path} not found)") from None
    except (OSError, UnicodeError) as exc:
        raise LookupError(
            f"the file vault entry {path} is unreadable ({type(exc).__name__})"
        ) from None
    passphrase, why = _passphrase(data, environ)
    if passphrase is None:
        raise LookupError(f"cannot open the file vault: {why}")
    try:
        payload = decrypt_jwe(compact, passphrase)
    except VaultError as exc:
        raise LookupError(f"cannot decrypt the file vault entry {path}: {exc}") from None
    return payload.decode("utf-8", errors="replace")


def _from_keyring(email: str) -> str:
    """The keyring value from the OS keyring; raises `LookupError(reason)` when there is none."""
    try:
        import keyring
    except ImportError:
        raise LookupError(
            f"the session of {email} is in the OS keyring (vaultBackendType auto) and the "
            "optional keyring package is not installed"
        ) from None
    try:
        value = keyring.get_password(KEYRING_SERVICE, email)
    except Exception as exc:  # any backend failure (no D-Bus, locked, ...) is "nothing here"
        raise LookupError(f"the OS keyring is not readable ({type(exc).__name__})") from None
    if not value:
        raise LookupError(f"the OS keyring has no {KEYRING_SERVICE!r} entry for {email}")
    return value


def read_cli_login(
    home: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    now: float | None = None,
) -> tuple[CliLogin | None, str]:
    """The CLI's current login and ``""``, or ``None`` and why there is none (never raises for
    a missing, unreadable or expired session; never prompts)."""
    home = Path(home) if home is not None else Path.home()
    environ = os.environ if environ is None else environ
    path = config_path(home)
    if not path.is_file():
        return None, f"no Infisical CLI login ({path} not found)"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, f"{path} is not readable JSON"
    email = data.get("loggedInUserEmail") if isinstance(data, dict) else None
    if not isinstance(email, str) or not email:
        return None, f"{path} names no logged-in user"
    backend = "file" if data.get("vaultBackendType") == "file" else "auto"
    try:
        raw = _from_file(home, email, data, environ) if backend == "file" else _from_keyring(email)
        credential = _credential(raw)
    except LookupError as exc:
        return None, _NO_SESSION + str(exc.args[0])
    except VaultError as exc:
        return None, _NO_SESSION + f"the stored credential of {email}: {exc}"
    token = credential.get("JTWToken")
    if not isinstance(token, str) or not token:
        return None, _NO_SESSION + f"the stored credential of {email} has no JTWToken"
    expires_at = jwt_expiry(token)
    if expires_at is None:
        return None, _NO_SESSION + f"the access token of {email} is not a JWT with an exp claim"
    if expires_at - EXPIRY_MARGIN <= (time.time() if now is None else now):
        return None, (
            f"the Infisical CLI session of {email} has expired (run `infisical login` again)"
        )
    where = "file vault" if backend == "file" else "OS keyring"
    return CliLogin(email, token, _site(data.get("LoggedInUserDomain")), where, expires_at), ""
