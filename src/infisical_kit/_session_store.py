"""The session ``infisical-kit login`` stores (SDK side: the CLI and the SDK both read it).

Where: the OS keyring (service ``infisical-kit``, user ``session``) when ``keyring`` is
installed (extra ``[keyring]``) and a backend works; otherwise the file
``$XDG_CONFIG_HOME/infisical-kit/session.json`` (default ``~/.config/...``), mode 0600.
``INFISICAL_KIT_SESSION_BACKEND=file`` forces the file; ``=keyring`` refuses the fallback.

What: the site URL, the login method and the access token; for universal auth also the client
id and secret, so the session logs in again when the token expires. A user session holds only
the token (never the password): when it expires, run ``infisical-kit login`` again.

A machine-identity session (``aws-iam``, ``gcp-id-token``, ``gcp-iam``, ``azure``,
``kubernetes``, ``oidc-auth``, ``jwt-auth``, ``ldap-auth``) holds the identity id and what
lets it log in again: nothing more for the clouds (the proof is fetched from the machine
again), the key, token or JWT file's path (`proof_path`), or the LDAP username and password.
A JWT given inline is not kept: that session ends with its token.

The SDK's default credential chain reads it (provider ``cli-session``, see
`infisical_kit.credentials.CliSessionProvider`). This module imports neither click, the CLI
package, the server nor `infisical_kit.credentials`.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from infisical_kit._core.tokens import jwt_expiry
from infisical_kit.errors import ConfigurationError

__all__ = [
    "BACKEND_ENV",
    "KEYRING_SERVICE",
    "KEYRING_USER",
    "METHODS",
    "Session",
    "SessionStore",
    "jwt_claims",
    "load_session",
    "session_file",
]

KEYRING_SERVICE = "infisical-kit"
KEYRING_USER = "session"
BACKEND_ENV = "INFISICAL_KIT_SESSION_BACKEND"
Method = Literal[
    "universal-auth",
    "user",
    "kubernetes",
    "aws-iam",
    "gcp-id-token",
    "gcp-iam",
    "azure",
    "oidc-auth",
    "jwt-auth",
    "ldap-auth",
]
#: Every login method a session can have (the Infisical CLI's names, plus ``ldap-auth``).
METHODS: tuple[str, ...] = get_args(Method)


def jwt_claims(token: str) -> dict[str, Any]:
    """A JWT's claims, decoded WITHOUT verification ({} if `token` is not a JWT)."""
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def session_file() -> Path:
    """``$XDG_CONFIG_HOME/infisical-kit/session.json`` (``~/.config`` when unset)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    return Path(base) / "infisical-kit" / "session.json"


@dataclass(frozen=True, repr=False)
class Session:
    """A stored login. `token`, `client_secret` and `password` never appear in ``repr``."""

    site_url: str
    method: Method
    token: str
    client_id: str | None = None
    client_secret: str | None = None
    email: str | None = None
    organization_id: str | None = None
    created_at: float = 0.0
    identity_id: str | None = None
    username: str | None = None
    password: str | None = None
    proof_path: str | None = None

    @property
    def expires_at(self) -> float | None:
        """The token's ``exp`` (Unix seconds), read without verifying it; None if unknown."""
        return jwt_expiry(self.token)

    @property
    def expired(self) -> bool:
        """True when the token has expired (30 s early, as the Infisical CLI does)."""
        exp = self.expires_at
        return exp is not None and exp - 30 <= time.time()

    def claims(self) -> dict[str, Any]:
        """The token's JWT claims, decoded WITHOUT verification ({} if not a JWT)."""
        return jwt_claims(self.token)

    def to_json(self) -> str:
        """The stored form (contains secrets: keep it private)."""
        return json.dumps({"version": 1, **asdict(self)}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Session:
        """Parse the stored form; `ConfigurationError` if it is not a session."""
        try:
            data = json.loads(text)
            data.pop("version", None)
            session = cls(**data)
        except (ValueError, TypeError, AttributeError):
            raise ConfigurationError(
                "the stored infisical-kit session is unreadable; run `infisical-kit logout` "
                "and log in again"
            ) from None
        if session.method not in METHODS or not session.token:
            raise ConfigurationError("the stored infisical-kit session is incomplete")
        return session

    def __repr__(self) -> str:
        who = self.client_id or self.email or self.identity_id
        return f"Session(site_url={self.site_url!r}, method={self.method!r}, who={who!r})"


class SessionStore:
    """Save, load and delete the session (keyring first, else the 0600 file)."""

    def __init__(self, backend: str | None = None, path: Path | None = None) -> None:
        self.backend = (backend or os.environ.get(BACKEND_ENV) or "auto").lower()
        if self.backend not in ("auto", "file", "keyring"):
            raise ConfigurationError(f"{BACKEND_ENV} must be auto, file or keyring")
        self.path = path or session_file()

    def _keyring(self) -> Any | None:
        if self.backend == "file":
            return None
        try:
            import keyring
            import keyring.errors
        except ImportError:
            if self.backend == "keyring":
                raise ConfigurationError(
                    "the keyring backend needs: pip install 'infisical-kit[keyring]'"
                ) from None
            return None
        return keyring

    def save(self, session: Session) -> str:
        """Store `session`; return where (``keyring`` or the file path)."""
        keyring = self._keyring()
        if keyring is not None:
            try:
                keyring.set_password(KEYRING_SERVICE, KEYRING_USER, session.to_json())
            except Exception as exc:  # any backend failure: fall back to the file
                if self.backend == "keyring":
                    raise ConfigurationError(
                        f"the OS keyring failed: {type(exc).__name__}"
                    ) from None
            else:
                self._delete_file()
                return "the OS keyring"
        self._write_file(session.to_json())
        return str(self.path)

    def load(self) -> Session | None:
        """The stored session, or None."""
        keyring = self._keyring()
        if keyring is not None:
            try:
                text = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
            except Exception:  # no working backend: the file may hold it
                text = None
            if text:
                return Session.from_json(text)
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return Session.from_json(text)

    def delete(self) -> bool:
        """Remove the session from every store; True if one was there."""
        found = False
        keyring = self._keyring()
        if keyring is not None:
            with contextlib.suppress(Exception):
                if keyring.get_password(KEYRING_SERVICE, KEYRING_USER):
                    keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
                    found = True
        return self._delete_file() or found

    def _write_file(self, text: str) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, text.encode("utf-8"))
        finally:
            os.close(fd)
        os.replace(tmp, self.path)

    def _delete_file(self) -> bool:
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True


def load_session() -> Session | None:
    """The session ``infisical-kit login`` stored, or None."""
    return SessionStore().load()
