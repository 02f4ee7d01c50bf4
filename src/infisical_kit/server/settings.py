"""Server settings: data directory, database URL, root key source and token defaults."""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ENV_ROOT_KEY = "INFISICAL_KIT_ROOT_KEY"
ENV_ROOT_KEY_FILE = "INFISICAL_KIT_ROOT_KEY_FILE"
ENV_DATABASE_URL = "INFISICAL_KIT_DATABASE_URL"
ENV_DATA_DIR = "INFISICAL_KIT_DATA_DIR"
ENV_DEV = "INFISICAL_KIT_DEV"
ENV_RATE_LIMIT_READ = "INFISICAL_KIT_RATE_LIMIT_READ"
ENV_RATE_LIMIT_WRITE = "INFISICAL_KIT_RATE_LIMIT_WRITE"
ENV_RATE_LIMIT_SECRETS = "INFISICAL_KIT_RATE_LIMIT_SECRETS"
ENV_MAX_BODY_BYTES = "INFISICAL_KIT_MAX_BODY_BYTES"
ENV_LEASE_SWEEP_INTERVAL = "INFISICAL_KIT_LEASE_SWEEP_INTERVAL"
ENV_LIST_MEMO_MB = "INFISICAL_KIT_LIST_MEMO_MB"
ENV_FORWARDED_ALLOW_IPS = "INFISICAL_KIT_FORWARDED_ALLOW_IPS"
ENV_HEADER_TIMEOUT = "INFISICAL_KIT_HEADER_TIMEOUT"
ENV_MAX_CONNECTIONS = "INFISICAL_KIT_MAX_CONNECTIONS"
#: Where machine-identity logins are verified (tests and air-gapped set-ups point them at a
#: local stand-in: moto for STS, a loopback server for Google's and Microsoft's keys).
ENV_AWS_STS_ENDPOINT = "INFISICAL_KIT_AWS_STS_ENDPOINT"
ENV_GCP_API_URL = "INFISICAL_KIT_GCP_API_URL"
ENV_AZURE_LOGIN_URL = "INFISICAL_KIT_AZURE_LOGIN_URL"

DB_FILENAME = "infisical-kit.db"
ROOT_KEY_FILENAME = "root.key"
BOOTSTRAP_FILENAME = "bootstrap.json"

DEFAULT_ACCESS_TOKEN_TTL = 2_592_000
DEFAULT_ACCESS_TOKEN_MAX_TTL = 2_592_000

#: Requests per minute per client IP outside dev mode (Infisical's self-hosted defaults).
DEFAULT_RATE_LIMITS = {"read": 60, "write": 200, "secrets": 60}
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
#: Longest accepted query string (bytes); longer is a 414 in the envelope.
MAX_QUERY_BYTES = 8192
#: Seconds between two passes of the lease sweeper (revokes expired dynamic-secret leases).
DEFAULT_LEASE_SWEEP_INTERVAL = 5.0
DEFAULT_LIST_MEMO_MB = 16.0
#: Seconds a client has to send a request's headers (408 after that).
DEFAULT_HEADER_TIMEOUT = 10.0
#: Open connections per server process (more evict the slowest or get 503).
DEFAULT_MAX_CONNECTIONS = 1000
DEFAULT_GCP_API_URL = "https://www.googleapis.com"
DEFAULT_AZURE_LOGIN_URL = "https://login.microsoftonline.com"


@dataclass(frozen=True)
class LoginEndpoints:
    """Where the cloud logins are verified: `aws_sts` (None: the signed request's own
    regional STS endpoint, as Infisical), Google's APIs (certificates of ID tokens and of
    service accounts) and Microsoft's login host (Azure tenants' signing keys)."""

    aws_sts: str | None = None
    gcp_api: str = DEFAULT_GCP_API_URL
    azure_login: str = DEFAULT_AZURE_LOGIN_URL

    @classmethod
    def from_env(cls) -> LoginEndpoints:
        """From ``INFISICAL_KIT_AWS_STS_ENDPOINT``, ``_GCP_API_URL``, ``_AZURE_LOGIN_URL``."""
        return cls(
            os.environ.get(ENV_AWS_STS_ENDPOINT, "").strip().rstrip("/") or None,
            os.environ.get(ENV_GCP_API_URL, "").strip().rstrip("/") or DEFAULT_GCP_API_URL,
            os.environ.get(ENV_AZURE_LOGIN_URL, "").strip().rstrip("/") or DEFAULT_AZURE_LOGIN_URL,
        )

    def to_env(self) -> dict[str, str]:
        """The variables that recreate these endpoints in a worker process."""
        env = {ENV_GCP_API_URL: self.gcp_api, ENV_AZURE_LOGIN_URL: self.azure_login}
        if self.aws_sts:
            env[ENV_AWS_STS_ENDPOINT] = self.aws_sts
        return env


class SettingsError(RuntimeError):
    """The server cannot start with the given settings (message says what to fix)."""


def _decode_key(text: str, source: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SettingsError(f"root key from {source} is not valid base64") from exc
    if len(raw) != 32:
        raise SettingsError(f"root key from {source} must decode to 32 bytes, got {len(raw)}")
    return raw


def write_private_file(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` with mode 0600 (created that way, never world-readable)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data.encode())
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


_RATE_ENV = {
    "rate_limit_read": ENV_RATE_LIMIT_READ,
    "rate_limit_write": ENV_RATE_LIMIT_WRITE,
    "rate_limit_secrets": ENV_RATE_LIMIT_SECRETS,
}


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None


def _env_int(name: str) -> int | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from None


@dataclass
class ServerSettings:
    """Everything the server needs to start; ``from_env`` fills gaps from the environment."""

    data_dir: Path
    database_url: str | None = None
    dev: bool = False
    root_key: bytes | None = field(default=None, repr=False)
    access_token_ttl: int = DEFAULT_ACCESS_TOKEN_TTL
    access_token_max_ttl: int = DEFAULT_ACCESS_TOKEN_MAX_TTL
    rate_limit_read: int | None = None
    rate_limit_write: int | None = None
    rate_limit_secrets: int | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    #: Seconds between lease sweeps (0 turns the sweeper off).
    lease_sweep_interval: float = DEFAULT_LEASE_SWEEP_INTERVAL
    list_memo_mb: float = DEFAULT_LIST_MEMO_MB
    login_endpoints: LoginEndpoints = field(default_factory=LoginEndpoints)
    #: Proxies whose ``X-Forwarded-For``/``-Proto`` are believed: comma-separated addresses
    #: or networks, ``*`` for any; empty (the default) trusts no one.
    forwarded_allow_ips: str = ""
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    max_connections: int = DEFAULT_MAX_CONNECTIONS

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)
        for name in ("rate_limit_read", "rate_limit_write", "rate_limit_secrets"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise SettingsError(f"{name} must be >= 0 (0 disables the limit), got {value}")
        if self.max_body_bytes < 1:
            raise SettingsError(f"max_body_bytes must be positive, got {self.max_body_bytes}")
        if self.header_timeout <= 0:
            raise SettingsError(f"header_timeout must be positive, got {self.header_timeout}")
        if self.max_connections < 1:
            raise SettingsError(f"max_connections must be positive, got {self.max_connections}")
        self.forwarded_allow_ips = ",".join(
            part.strip() for part in self.forwarded_allow_ips.split(",") if part.strip()
        )
        if self.list_memo_mb < 0:
            raise SettingsError(f"list_memo_mb must be >= 0 (0 = off), got {self.list_memo_mb}")
        if self.lease_sweep_interval < 0:
            raise SettingsError(
                f"lease_sweep_interval must be >= 0 (0 = off), got {self.lease_sweep_interval}"
            )

    @property
    def lease_retry_base(self) -> float:
        """Seconds before the first retry of a failed lease revocation (doubled per failure)."""
        return self.lease_sweep_interval or DEFAULT_LEASE_SWEEP_INTERVAL

    @property
    def rate_limits(self) -> dict[str, int]:
        """Effective per-minute limits by bucket (read, write, secrets); 0 means unlimited.

        Dev mode has no limits unless one is set explicitly; otherwise unset buckets get
        :data:`DEFAULT_RATE_LIMITS`.
        """
        limits: dict[str, int] = {}
        for bucket, default in DEFAULT_RATE_LIMITS.items():
            value: int | None = getattr(self, f"rate_limit_{bucket}")
            if value is None:
                value = 0 if self.dev else default
            limits[bucket] = value
        return limits

    def to_env(self) -> dict[str, str]:
        """The ``INFISICAL_KIT_*`` variables that recreate these settings in a worker process
        (everything except the root key, which workers load the same way)."""
        env = {ENV_DATA_DIR: str(self.data_dir.resolve()), ENV_DEV: "1" if self.dev else "0"}
        if self.database_url:
            env[ENV_DATABASE_URL] = self.database_url
        for name, var in _RATE_ENV.items():
            value = getattr(self, name)
            if value is not None:
                env[var] = str(value)
        env[ENV_MAX_BODY_BYTES] = str(self.max_body_bytes)
        env[ENV_LEASE_SWEEP_INTERVAL] = str(self.lease_sweep_interval)
        env[ENV_LIST_MEMO_MB] = str(self.list_memo_mb)
        env.update(self.login_endpoints.to_env())
        return env

    @classmethod
    def from_env(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        database_url: str | None = None,
        dev: bool | None = None,
        *,
        rate_limit_read: int | None = None,
        rate_limit_write: int | None = None,
        rate_limit_secrets: int | None = None,
        max_body_bytes: int | None = None,
        forwarded_allow_ips: str | None = None,
        header_timeout: float | None = None,
        max_connections: int | None = None,
    ) -> ServerSettings:
        """Build settings; explicit arguments beat ``INFISICAL_KIT_*`` environment variables."""
        explicit = {
            "rate_limit_read": rate_limit_read,
            "rate_limit_write": rate_limit_write,
            "rate_limit_secrets": rate_limit_secrets,
        }
        limits = {k: v if v is not None else _env_int(_RATE_ENV[k]) for k, v in explicit.items()}
        if max_body_bytes is None:
            max_body_bytes = _env_int(ENV_MAX_BODY_BYTES) or DEFAULT_MAX_BODY_BYTES
        if data_dir is None:
            data_dir = os.environ.get(ENV_DATA_DIR, ".infisical-kit-data")
        if forwarded_allow_ips is None:
            forwarded_allow_ips = os.environ.get(ENV_FORWARDED_ALLOW_IPS, "")
        if header_timeout is None:
            header_timeout = _env_float(ENV_HEADER_TIMEOUT, DEFAULT_HEADER_TIMEOUT)
        if max_connections is None:
            max_connections = _env_int(ENV_MAX_CONNECTIONS) or DEFAULT_MAX_CONNECTIONS
        if database_url is None:
            database_url = os.environ.get(ENV_DATABASE_URL) or None
        if dev is None:
            dev = os.environ.get(ENV_DEV, "").lower() in {"1", "true", "yes"}
        return cls(
            data_dir=Path(data_dir),
            database_url=database_url,
            dev=dev,
            max_body_bytes=max_body_bytes,
            rate_limit_read=limits["rate_limit_read"],
            rate_limit_write=limits["rate_limit_write"],
            rate_limit_secrets=limits["rate_limit_secrets"],
            lease_sweep_interval=_env_float(ENV_LEASE_SWEEP_INTERVAL, DEFAULT_LEASE_SWEEP_INTERVAL),
            list_memo_mb=_env_float(ENV_LIST_MEMO_MB, DEFAULT_LIST_MEMO_MB),
            login_endpoints=LoginEndpoints.from_env(),
            forwarded_allow_ips=forwarded_allow_ips,
            header_timeout=header_timeout,
            max_connections=max_connections,
        )

    @property
    def resolved_database_url(self) -> str:
        """The SQLAlchemy URL: explicit, else SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / DB_FILENAME).resolve()}"

    @property
    def bootstrap_path(self) -> Path:
        """Where ``bootstrap.json`` lives."""
        return self.data_dir / BOOTSTRAP_FILENAME

    def load_root_key(self, *, generate: bool | None = None) -> bytes:
        """Return the 32-byte root key: env var, key file, or (dev) ``DATA_DIR/root.key``.

        Outside dev mode (and unless ``generate`` is true) a missing key is an error.
        """
        if self.root_key is not None:
            return self.root_key
        env_key = os.environ.get(ENV_ROOT_KEY)
        if env_key:
            self.root_key = _decode_key(env_key, ENV_ROOT_KEY)
            return self.root_key
        key_file = os.environ.get(ENV_ROOT_KEY_FILE)
        if key_file:
            try:
                text = Path(key_file).read_text()
            except OSError as exc:
                raise SettingsError(f"cannot read {ENV_ROOT_KEY_FILE}={key_file}: {exc}") from exc
            self.root_key = _decode_key(text, key_file)
            return self.root_key
        local = self.data_dir / ROOT_KEY_FILENAME
        may_generate = self.dev if generate is None else generate
        if local.exists() and may_generate:
            self.root_key = _decode_key(local.read_text(), str(local))
            return self.root_key
        if not may_generate:
            raise SettingsError(
                "no root key: set INFISICAL_KIT_ROOT_KEY (base64 of 32 bytes) or "
                "INFISICAL_KIT_ROOT_KEY_FILE, or start in dev mode (--dev) to generate "
                f"{local}"
            )
        key = secrets.token_bytes(32)
        write_private_file(local, base64.b64encode(key).decode() + "\n")
        self.root_key = key
        return key
