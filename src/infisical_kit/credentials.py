"""Credentials and the credential-provider chain (botocore's named chain, Azure's aggregated error).

The default chain, first provider that yields wins::

    explicit -> environment -> profile -> cli-session -> infisical-cli -> kubernetes

``cli-session`` is the session ``infisical-kit login`` stored; ``infisical-cli`` is the Infisical
CLI's own login (``infisical login``), read from its OS-keyring entry or its encrypted file vault.

A provider is anything with a `name`, ``load()`` and ``async aload()`` (`CredentialProvider`):
returning ``None`` means "nothing here, try the next one"; raising stops the chain (use
`ConfigurationError` for "misconfigured"). Edit a chain by name with `insert_before`,
`insert_after`, `remove` and `get_provider`. When no provider yields, `CredentialsNotFoundError`
lists every provider tried and why it had nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import anyio.to_thread
from pydantic import SecretStr

from infisical_kit._cli_vault import read_cli_login
from infisical_kit._config_files import load_profile
from infisical_kit._core.settings_table import AUTH_FIELDS, AuthMethod, env_values, select_auth
from infisical_kit._session_store import SessionStore
from infisical_kit.config import EXPLICIT, Config, InvalidConfigError
from infisical_kit.errors import ConfigurationError

__all__ = [
    "CliLoginProvider",
    "CliSessionProvider",
    "CredentialChain",
    "CredentialKind",
    "CredentialProvider",
    "Credentials",
    "CredentialsNotFoundError",
    "EnvironmentProvider",
    "ExplicitProvider",
    "KubernetesProvider",
    "ProfileProvider",
]

#: The login method a `Credentials` is for (the values of the ``auth_method`` setting).
CredentialKind = AuthMethod


def _secret(value: str | SecretStr | None) -> SecretStr | None:
    return value if isinstance(value, SecretStr) or value is None else SecretStr(value)


@dataclass(frozen=True, repr=False)
class Credentials:
    """One credential: the login method (`kind`) and that method's fields; the only credential
    type, from the providers through the client to the token manager. Secrets are `SecretStr`
    and never shown.

    Build with `Credentials.from_token`, `universal_auth`, `user` or `kubernetes` (or
    `from_values` for what `select_auth` chose). `source` names the provider that produced it;
    `site_url` the server a login session belongs to, when the provider knows it (the client
    uses it when no site is configured).
    """

    kind: CredentialKind
    token: SecretStr | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None
    username: str | None = None
    password: SecretStr | None = None
    identity_id: str | None = None
    jwt: SecretStr | None = None
    organization_id: str | None = None
    source: str = "explicit"
    site_url: str | None = None

    @classmethod
    def from_token(
        cls, token: str | SecretStr, *, source: str = "explicit", site_url: str | None = None
    ) -> Credentials:
        """A static access token (`site_url`: the server it was issued by, if known)."""
        return cls("token", token=_secret(token), source=source, site_url=site_url)

    @classmethod
    def universal_auth(
        cls,
        client_id: str,
        client_secret: str | SecretStr,
        *,
        source: str = "explicit",
        site_url: str | None = None,
    ) -> Credentials:
        """Universal-auth client id and secret of a machine identity."""
        return cls(
            "universal_auth", client_id=client_id, client_secret=_secret(client_secret),
            source=source, site_url=site_url,
        )  # fmt: skip

    @classmethod
    def user(
        cls,
        username: str,
        password: str | SecretStr,
        *,
        organization_id: str | None = None,
        source: str = "explicit",
    ) -> Credentials:
        """A user's e-mail and password (and the organization to select after login)."""
        return cls(
            "user", username=username, password=_secret(password),
            organization_id=organization_id, source=source,
        )  # fmt: skip

    @classmethod
    def kubernetes(
        cls, identity_id: str, jwt: str | SecretStr, *, source: str = "kubernetes"
    ) -> Credentials:
        """A service-account token for ``/api/v1/auth/kubernetes-auth/login``."""
        return cls("kubernetes", identity_id=identity_id, jwt=_secret(jwt), source=source)

    @classmethod
    def from_values(cls, values: Mapping[str, Any], *, source: str) -> Credentials:
        """From what `select_auth` chose (``{"kind": ..., <fields>}``, + ``organization_id``)."""
        kind = values["kind"]
        if kind == "token":
            return cls.from_token(values["token"], source=source)
        if kind == "universal_auth":
            return cls.universal_auth(values["client_id"], values["client_secret"], source=source)
        if kind == "user":
            return cls.user(
                values["username"], values["password"],
                organization_id=values.get("organization_id"), source=source,
            )  # fmt: skip
        raise ConfigurationError(f"{source}: kubernetes credentials need a service-account token")

    def __repr__(self) -> str:
        who = self.client_id or self.username or self.identity_id
        detail = f", id={who!r}" if who else ""
        return f"Credentials(kind={self.kind!r}{detail}, source={self.source!r})"


@runtime_checkable
class CredentialProvider(Protocol):
    """What a provider implements. Return None for "nothing here"; raise to stop the chain."""

    name: str

    def load(self) -> Credentials | None:
        """Credentials, or None."""
        ...

    async def aload(self) -> Credentials | None:
        """The same, for async clients (may do async I/O)."""
        ...


class CredentialsNotFoundError(ConfigurationError):
    """No provider yielded credentials; `attempts` lists ``(provider name, why)`` for each."""

    def __init__(self, attempts: Iterable[tuple[str, str]]) -> None:
        self.attempts: list[tuple[str, str]] = list(attempts)
        tried = "".join(f"\n  - {name}: {why}" for name, why in self.attempts)
        super().__init__("no credentials found; tried:" + (tried or " no providers"))


class _Builtin:
    """Base of the built-in providers: `probe` says why it had nothing."""

    name = "builtin"

    def probe(self) -> tuple[Credentials | None, str]:
        raise NotImplementedError

    def load(self) -> Credentials | None:
        """Credentials, or None."""
        return self.probe()[0]

    async def aload(self) -> Credentials | None:
        """Credentials, or None (file reads run in a worker thread)."""
        return await anyio.to_thread.run_sync(self.load)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


class ExplicitProvider(_Builtin):
    """The credential given as arguments (or in a `Config` built from arguments)."""

    def __init__(self, credentials: Credentials | None, name: str = "explicit") -> None:
        self.name = name
        self._credentials = credentials

    def probe(self) -> tuple[Credentials | None, str]:
        """The given credential, or why there is none."""
        if self._credentials is None:
            return None, "no token, client_id/client_secret or username/password arguments"
        return self._credentials, ""


class EnvironmentProvider(_Builtin):
    """``INFISICAL_TOKEN``, ``INFISICAL_UNIVERSAL_AUTH_CLIENT_ID``/``_SECRET``,
    ``INFISICAL_USERNAME``/``INFISICAL_PASSWORD`` (and aliases), read at each load."""

    def __init__(self, environ: Mapping[str, str] | None = None, name: str = "environment"):
        self.name = name
        self._environ = environ

    def probe(self) -> tuple[Credentials | None, str]:
        """Read the environment now (a token wins over client credentials, as in the CLI)."""
        values = env_values(os.environ if self._environ is None else self._environ)
        chosen, problems = select_auth(values, "environment", prefer_token=True)
        if problems:
            raise InvalidConfigError(problems)
        if chosen is None:
            return None, "none of INFISICAL_TOKEN, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET, "\
                "INFISICAL_USERNAME/INFISICAL_PASSWORD is set"  # fmt: skip
        chosen["organization_id"] = values.get("organization_id")
        return Credentials.from_values(chosen, source=self.name), ""


class ProfileProvider(_Builtin):
    """The credential of a profile (profile file + 0600 credentials file), read at each load."""

    def __init__(
        self,
        profile: str | None = None,
        config_file: str | None = None,
        credentials_file: str | None = None,
        name: str = "profile",
    ) -> None:
        self.name = name
        self._where = (profile, config_file, credentials_file)

    def probe(self) -> tuple[Credentials | None, str]:
        """Read the files now; a problem in them stops the chain."""
        values, problems = load_profile(*self._where)
        label = f"profile {self._where[0] or 'default'!r}"
        chosen, more = select_auth(values, label)
        if problems or more:
            raise InvalidConfigError(problems + more)
        if chosen is None:
            return None, f"{label} has no credentials (or no profile file exists)"
        if chosen["kind"] == "kubernetes":
            return None, f"{label} selects kubernetes auth (the kubernetes provider handles it)"
        chosen["organization_id"] = values.get("organization_id")
        return Credentials.from_values(chosen, source=self.name), ""


class CliSessionProvider(_Builtin):
    """The session ``infisical-kit login`` stored (`infisical_kit._session_store`).

    A universal-auth session yields its client id and secret (so the client can log in again);
    a user session yields its token, or nothing once it has expired (30 s early).
    """

    def __init__(self, store: SessionStore | None = None, name: str = "cli-session") -> None:
        self.name = name
        self._store = store

    def probe(self) -> tuple[Credentials | None, str]:
        """The stored session's credential, or why there is none."""
        session = (self._store or SessionStore()).load()
        if session is None:
            return None, "no infisical-kit login session"
        if session.method == "universal-auth" and session.client_id and session.client_secret:
            return Credentials.universal_auth(
                session.client_id, session.client_secret,
                source=self.name, site_url=session.site_url,
            ), ""  # fmt: skip
        if session.expired:
            return None, "the infisical-kit login session has expired (run infisical-kit login)"
        return Credentials.from_token(
            session.token, source=self.name, site_url=session.site_url
        ), ""


class CliLoginProvider(_Builtin):
    """The Infisical CLI's login (``infisical login``), read-only and never prompting.

    Reads ``~/.infisical/infisical-config.json``, then the user's token from the OS keyring
    (``vaultBackendType`` auto, needs the optional ``keyring`` package) or from the CLI's
    encrypted file vault ``~/infisical-keyring/`` (passphrase from
    ``INFISICAL_VAULT_FILE_PASSPHRASE`` or the config). See `infisical_kit._cli_vault`.
    Yields the token with ``site_url`` set from ``LoggedInUserDomain``; an expired session
    (30 s early, as the CLI) is "nothing here", with the reason.
    """

    def __init__(
        self,
        home: str | Path | None = None,
        name: str = "infisical-cli",
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self._home = home
        self._environ = environ

    def probe(self) -> tuple[Credentials | None, str]:
        """The CLI's session token, or why there is none."""
        login, why = read_cli_login(self._home, self._environ)
        if login is None:
            return None, why
        return Credentials.from_token(login.token, source=self.name, site_url=login.site_url), ""


class KubernetesProvider(_Builtin):
    """A Kubernetes service-account token, only when an identity id is configured."""

    def __init__(
        self,
        identity_id: str | None = None,
        token_path: str | None = None,
        environ: Mapping[str, str] | None = None,
        name: str = "kubernetes",
    ) -> None:
        self.name = name
        self._identity_id = identity_id
        self._token_path = token_path
        self._environ = environ

    def probe(self) -> tuple[Credentials | None, str]:
        """Read the token file when INFISICAL_MACHINE_IDENTITY_ID (or the config) names one."""
        env = env_values(os.environ if self._environ is None else self._environ)
        identity = self._identity_id or env.get("identity_id")
        if not identity:
            return None, (
                "no identity id (INFISICAL_MACHINE_IDENTITY_ID or "
                "INFISICAL_KUBERNETES_IDENTITY_ID) is configured"
            )
        path = Path(
            self._token_path
            or env.get("kubernetes_token_path")
            or "/var/run/secrets/kubernetes.io/serviceaccount/token"
        )
        try:
            jwt = path.read_text(encoding="utf-8").strip()
        except OSError:
            return None, f"no readable service-account token at {path}"
        if not jwt:
            return None, f"the service-account token file {path} is empty"
        return Credentials.kubernetes(identity, jwt, source=self.name), ""


@dataclass
class CredentialChain:
    """An ordered, editable list of named providers; `resolve` returns the first credential."""

    providers: list[CredentialProvider] = field(default_factory=list)

    def __post_init__(self) -> None:
        names = [p.name for p in self.providers]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ConfigurationError(f"duplicate provider names: {', '.join(duplicates)}")

    @classmethod
    def default(cls, config: Config) -> CredentialChain:
        """The chain for `config`: sources it did not read (e.g. files) are left out."""
        providers: list[CredentialProvider] = [ExplicitProvider(_explicit(config))]
        if config.reads_environment:
            providers.append(EnvironmentProvider())
        if config.reads_files:
            providers.append(
                ProfileProvider(config.profile, config.config_file, config.credentials_file)
            )
            providers.append(CliSessionProvider())
            providers.append(CliLoginProvider())
        if config.reads_environment or config.identity_id:
            providers.append(KubernetesProvider(config.identity_id, config.kubernetes_token_path))
        return cls(providers)

    @property
    def names(self) -> list[str]:
        """Provider names, in order."""
        return [p.name for p in self.providers]

    def get_provider(self, name: str) -> CredentialProvider:
        """The provider called `name` (KeyError-like `ConfigurationError` if absent)."""
        return self.providers[self._index(name)]

    def insert_before(self, name: str, provider: CredentialProvider) -> None:
        """Insert `provider` just before the one called `name`."""
        self._check_new(provider)
        self.providers.insert(self._index(name), provider)

    def insert_after(self, name: str, provider: CredentialProvider) -> None:
        """Insert `provider` just after the one called `name`."""
        self._check_new(provider)
        self.providers.insert(self._index(name) + 1, provider)

    def append(self, provider: CredentialProvider) -> None:
        """Add `provider` at the end."""
        self._check_new(provider)
        self.providers.append(provider)

    def remove(self, name: str) -> CredentialProvider:
        """Remove and return the provider called `name`."""
        return self.providers.pop(self._index(name))

    def resolve(self) -> Credentials:
        """The first credential any provider yields, else `CredentialsNotFoundError`."""
        attempts: list[tuple[str, str]] = []
        for provider in list(self.providers):
            if isinstance(provider, _Builtin):
                found, why = provider.probe()
            else:
                found, why = provider.load(), "returned None"
            if found is not None:
                return found
            attempts.append((provider.name, why))
        raise CredentialsNotFoundError(attempts)

    async def aresolve(self) -> Credentials:
        """`resolve` for async clients (custom providers' ``aload`` is awaited)."""
        attempts: list[tuple[str, str]] = []
        for provider in list(self.providers):
            if isinstance(provider, _Builtin):
                found, why = await anyio.to_thread.run_sync(provider.probe)
            else:
                found, why = await provider.aload(), "returned None"
            if found is not None:
                return found
            attempts.append((provider.name, why))
        raise CredentialsNotFoundError(attempts)

    def _index(self, name: str) -> int:
        for index, provider in enumerate(self.providers):
            if provider.name == name:
                return index
        raise ConfigurationError(f"no provider named {name!r} (have: {', '.join(self.names)})")

    def _check_new(self, provider: CredentialProvider) -> None:
        if not isinstance(provider, CredentialProvider):
            raise ConfigurationError("a provider needs a name, load() and aload()")
        if provider.name in self.names:
            raise ConfigurationError(f"a provider named {provider.name!r} is already present")


def _explicit(config: Config) -> Credentials | None:
    """The credential of `config` when it came from explicit arguments, else None."""
    if config.auth_source != EXPLICIT:
        return None
    values = config.model_dump(include={*AUTH_FIELDS, "organization_id"})
    chosen, problems = select_auth(values, EXPLICIT)
    if problems or chosen is None:  # a Config never holds a conflicting credential
        raise InvalidConfigError(problems or [f"{EXPLICIT}: no credential"])
    chosen["organization_id"] = values.get("organization_id")
    return Credentials.from_values(chosen, source="explicit")
