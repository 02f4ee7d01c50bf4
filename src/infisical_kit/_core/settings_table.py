"""THE settings table (botocore style): setting -> environment variables -> profile key -> default.

`Config`'s fields, the environment reader, the profile-file reader and the generated docs all read
`SETTINGS`, and a unit test checks that `Config` declares exactly these fields with these
defaults, so the four cannot drift apart. Pure data and pure functions: no I/O here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from infisical_kit.errors import ConfigurationError

__all__ = [
    "AUTH_FIELDS",
    "AUTH_METHODS",
    "DEFAULT_KUBERNETES_TOKEN_PATH",
    "DEFAULT_SITE_URL",
    "INFERRED_METHODS",
    "METHOD_FIELDS",
    "METHOD_HINTS",
    "PROVIDED_METHODS",
    "SETTINGS",
    "AuthMethod",
    "Setting",
    "check_values",
    "env_spelling",
    "env_values",
    "file_keys",
    "normalize_method",
    "normalize_site_url",
    "render_markdown",
    "select_auth",
]

DEFAULT_SITE_URL = "https://app.infisical.com"
DEFAULT_KUBERNETES_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token"


@dataclass(frozen=True)
class Setting:
    """One row: `name` (the `Config` field), `env` (first set and non-empty wins), `file_key`
    (key inside a profile section; ``None`` = not allowed in files), `default`, `secret`
    (only in a 0600 file; never echoed), `doc` (one line for the docs)."""

    name: str
    env: tuple[str, ...]
    file_key: str | None
    default: Any
    doc: str
    secret: bool = False


#: The login methods (`Config.auth_method`, `Credentials.kind`).
AuthMethod = Literal[
    "token",
    "universal_auth",
    "user",
    "kubernetes",
    "aws_iam",
    "gcp_id_token",
    "gcp_iam",
    "azure",
    "oidc_auth",
    "jwt_auth",
    "ldap_auth",
]
AUTH_METHODS: tuple[AuthMethod, ...] = get_args(AuthMethod)
#: Legacy SDK variables that name an identity AND select its login method (when neither
#: ``INFISICAL_AUTH_METHOD`` nor a token, client credentials or a username is set); the first
#: set wins. ``INFISICAL_GCP_AUTH_IDENTITY_ID`` with a key file is GCP IAM.
METHOD_HINTS: tuple[tuple[str, AuthMethod], ...] = (
    ("INFISICAL_AWS_IAM_AUTH_IDENTITY_ID", "aws_iam"),
    ("INFISICAL_GCP_AUTH_IDENTITY_ID", "gcp_id_token"),
    ("INFISICAL_AZURE_AUTH_IDENTITY_ID", "azure"),
)

_S = Setting

SETTINGS: tuple[Setting, ...] = (
    _S(
        "site_url",
        ("INFISICAL_DOMAIN", "INFISICAL_API_URL", "INFISICAL_URL", "INFISICAL_SITE_URL"),
        "site_url",
        DEFAULT_SITE_URL,
        "Server URL, with or without `/api`.",
    ),
    _S(
        "auth_method",
        ("INFISICAL_AUTH_METHOD",),
        "auth_method",
        None,
        "The login method: token, universal_auth, user, kubernetes, aws_iam, gcp_id_token, "
        "gcp_iam, azure, oidc_auth, jwt_auth or ldap_auth (the CLI's spellings, e.g. `aws-iam`, "
        "too; default: inferred from the credential given).",
    ),
    _S(
        "token",
        ("INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN"),
        "token",
        None,
        "Static access token (identity token, service token or user JWT).",
        secret=True,
    ),
    _S(
        "client_id",
        ("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "INFISICAL_CLIENT_ID"),
        "client_id",
        None,
        "Universal-auth client id of a machine identity.",
    ),
    _S(
        "client_secret",
        ("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_CLIENT_SECRET"),
        "client_secret",
        None,
        "Universal-auth client secret.",
        secret=True,
    ),
    _S(
        "username",
        ("INFISICAL_USERNAME", "INFISICAL_EMAIL"),
        "username",
        None,
        "User e-mail for user (email/password) login.",
    ),
    _S("password", ("INFISICAL_PASSWORD",), "password", None, "User password.", secret=True),
    _S(
        "organization_id",
        ("INFISICAL_ORGANIZATION_ID",),
        "organization_id",
        None,
        "Organization selected after a user login.",
    ),
    _S(
        "identity_id",
        (
            "INFISICAL_MACHINE_IDENTITY_ID",
            "INFISICAL_KUBERNETES_IDENTITY_ID",
            *(name for name, _ in METHOD_HINTS),
        ),
        "identity_id",
        None,
        "Machine identity id of every login but token, universal_auth and user (a legacy "
        "`INFISICAL_<METHOD>_..._IDENTITY_ID` also selects its method).",
    ),
    _S(
        "kubernetes_token_path",
        ("INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH",),
        "kubernetes_token_path",
        DEFAULT_KUBERNETES_TOKEN_PATH,
        "Kubernetes service-account token file.",
    ),
    _S(
        "jwt",
        ("INFISICAL_JWT", "INFISICAL_OIDC_AUTH_JWT"),
        "jwt",
        None,
        "The JWT of OIDC or JWT auth (read again at every login).",
        secret=True,
    ),
    _S(
        "jwt_file",
        ("INFISICAL_JWT_FILE",),
        "jwt_file",
        None,
        "File holding the JWT of OIDC or JWT auth, read again at every login (wins over jwt).",
    ),
    _S(
        "ldap_username",
        ("INFISICAL_LDAP_USERNAME",),
        "ldap_username",
        None,
        "LDAP username of LDAP auth.",
    ),
    _S(
        "ldap_password",
        ("INFISICAL_LDAP_PASSWORD",),
        "ldap_password",
        None,
        "LDAP password of LDAP auth.",
        secret=True,
    ),
    _S(
        "gcp_key_file",
        ("INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH",),
        "gcp_key_file",
        None,
        "GCP service-account key file (JSON) of GCP IAM auth.",
    ),
    _S("project_id", ("INFISICAL_PROJECT_ID",), "project_id", None, "Default project id."),
    _S("environment", ("INFISICAL_ENVIRONMENT",), "environment", None, "Default environment."),
    _S("secret_path", ("INFISICAL_SECRET_PATH",), "secret_path", "/", "Default secret path."),
    _S("timeout", ("INFISICAL_TIMEOUT",), "timeout", 90.0, "Seconds per request (> 0)."),
    _S("verify", ("INFISICAL_VERIFY",), "verify", True, "TLS verification flag or CA bundle path."),
    _S("cert", ("INFISICAL_CLIENT_CERT",), "cert", None, "Client certificate path or [cert, key]."),
    _S("proxy", ("INFISICAL_PROXY",), "proxy", None, "Proxy URL."),
    _S("user_agent", ("INFISICAL_USER_AGENT",), "user_agent", None, "Prepended to our User-Agent."),
    _S("echo", ("INFISICAL_ECHO",), "echo", False, "Log requests at DEBUG (secrets redacted)."),
    _S(
        "cache_ttl",
        ("INFISICAL_CACHE_TTL",),
        "cache_ttl",
        300.0,
        "Seconds a read is cached, counted from when it was fetched (0 = no cache).",
    ),
    _S(
        "cache_stale_if_error",
        ("INFISICAL_CACHE_STALE_IF_ERROR",),
        "cache_stale_if_error",
        86400.0,
        "Maximum age (since it was fetched) of a cached answer served when the server is "
        "unreachable or failing (0 = off).",
    ),
    _S(
        "cache_max_entries",
        ("INFISICAL_CACHE_MAX_ENTRIES",),
        "cache_max_entries",
        1000,
        "Cached answers kept (least recently used dropped first; at least 1).",
    ),
    _S(
        "cache_sliding",
        ("INFISICAL_CACHE_SLIDING",),
        "cache_sliding",
        False,
        "Every cache hit restarts `cache_ttl` (legacy behaviour; a value read more often "
        "than `cache_ttl` is then never refreshed).",
    ),
    _S(
        "retries",
        ("INFISICAL_RETRIES",),
        "retries",
        3,
        "Retries of connection errors and 429/502/503/504 after the first attempt (0 = none).",
    ),
    _S(
        "retry_backoff_base",
        ("INFISICAL_RETRY_BACKOFF_BASE",),
        "retry_backoff_base",
        0.5,
        "First backoff ceiling, seconds; it doubles per retry (full jitter; Retry-After wins).",
    ),
    _S(
        "retry_backoff_cap",
        ("INFISICAL_RETRY_BACKOFF_CAP",),
        "retry_backoff_cap",
        8.0,
        "Longest backoff between two attempts, seconds.",
    ),
    _S(
        "retry_deadline",
        ("INFISICAL_RETRY_DEADLINE",),
        "retry_deadline",
        60.0,
        "No retry starts later than this many seconds after the first attempt.",
    ),
    _S(
        "test_if_authenticated",
        ("INFISICAL_TEST_IF_AUTHENTICATED",),
        "test_if_authenticated",
        False,
        "Check the credentials when the client is built.",
    ),
    _S("profile", ("INFISICAL_PROFILE",), None, None, "Profile name (default `default`)."),
    _S(
        "config_file",
        ("INFISICAL_CONFIG_FILE",),
        None,
        None,
        "Profile file (default ~/.config/infisical-kit/config.toml).",
    ),
    _S(
        "credentials_file",
        ("INFISICAL_CREDENTIALS_FILE",),
        None,
        None,
        "Credentials file, mode 0600 (default ~/.config/infisical-kit/credentials.toml).",
    ),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}

#: The settings each login method is built from, taken together from ONE source.
METHOD_FIELDS: dict[AuthMethod, tuple[str, ...]] = {
    "token": ("token",),
    "universal_auth": ("client_id", "client_secret"),
    "user": ("username", "password"),
    "ldap_auth": ("identity_id", "ldap_username", "ldap_password"),
    "kubernetes": ("identity_id",),
    "aws_iam": ("identity_id",),
    "gcp_id_token": ("identity_id",),
    "gcp_iam": ("identity_id", "gcp_key_file"),
    "azure": ("identity_id",),
    "oidc_auth": ("identity_id",),
    "jwt_auth": ("identity_id",),
}
#: The methods whose proof its own provider (credentials.py) obtains again at every login (a
#: token file, the AWS credential chain, a metadata endpoint, a key file, a JWT): the
#: environment, profile and explicit providers leave them to it.
PROVIDED_METHODS: tuple[AuthMethod, ...] = (
    "kubernetes",
    "aws_iam",
    "gcp_id_token",
    "gcp_iam",
    "azure",
    "oidc_auth",
    "jwt_auth",
)
#: The methods recognised by their settings alone (the others need ``auth_method``).
INFERRED_METHODS: tuple[AuthMethod, ...] = ("token", "universal_auth", "user")
#: The fields that make up one credential; they always come together from ONE source.
AUTH_FIELDS = tuple(
    f
    for m in AUTH_METHODS
    if m not in PROVIDED_METHODS
    for f in METHOD_FIELDS[m]
    if f != "identity_id"
)
_LABELS = {"token": "a token", "universal_auth": "client credentials", "user": "username/password"}


def normalize_method(value: Any) -> Any:
    """``"aws-iam"`` (the Infisical CLI's spelling) -> ``"aws_iam"``; anything else as given."""
    if isinstance(value, str):
        return value.strip().lower().replace("-", "_")
    return value


def env_values(environ: Mapping[str, str]) -> dict[str, str]:
    """The settings found in `environ`, keyed by setting name (first variable set wins);
    ``auth_method`` normalized, or implied by a legacy variable (`METHOD_HINTS`)."""
    found: dict[str, str] = {}
    for setting in SETTINGS:
        for name in setting.env:
            value = environ.get(name)
            if value:
                found[setting.name] = value
                break
    if "auth_method" in found:
        found["auth_method"] = normalize_method(found["auth_method"])
    elif not any(found.get(f) for m in INFERRED_METHODS for f in METHOD_FIELDS[m]):
        hinted = next((method for name, method in METHOD_HINTS if environ.get(name)), None)
        if hinted == "gcp_id_token" and found.get("gcp_key_file"):
            hinted = "gcp_iam"
        if hinted is not None:
            found["auth_method"] = hinted
    return found


def env_spelling(environ: Mapping[str, str]) -> dict[str, str]:
    """Setting name -> the variable to name in a message about the environment: the one set
    in `environ` (an alias if that is what is set), else the setting's first variable."""
    spelled: dict[str, str] = {}
    for setting in SETTINGS:
        if setting.env:
            spelled[setting.name] = next((n for n in setting.env if environ.get(n)), setting.env[0])
    return spelled


def file_keys() -> dict[str, Setting]:
    """Profile-file key -> setting (only settings allowed in files)."""
    return {s.file_key: s for s in SETTINGS if s.file_key is not None}


def select_auth(
    values: Mapping[str, Any],
    where: str,
    *,
    prefer_token: bool = False,
    spelled: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any] | None, list[str]]:
    """Decide the login method of one source's `values` (named `where` in messages).

    THE place where a login method is chosen: ``auth_method`` when set, else the one method
    whose settings are present (`INFERRED_METHODS`). Returns ``({"kind": method, <its
    fields>}, [])``, ``(None, [])`` when there is none, or ``(None, problems)``. Conflicts (a
    token and client credentials together) are problems, unless `prefer_token` (the
    environment: ``INFISICAL_TOKEN`` wins, as in the CLI). `spelled` names the settings in
    messages as the source spells them (the environment's variables, `env_spelling`);
    otherwise a setting is named as such, with its variable for the identity logins.
    """
    env = spelled is not None

    def name(setting: str) -> str:
        return spelled.get(setting, setting) if spelled is not None else setting

    method = normalize_method(values.get("auth_method"))
    if method is not None and method not in AUTH_METHODS:
        choices = ", ".join(m.replace("_", "-") if env else m for m in AUTH_METHODS)
        return None, [f"{where}: {name('auth_method')} must be one of {choices}"]
    if method is None:
        present = [
            kind
            for kind in INFERRED_METHODS
            if any(values.get(name) for name in METHOD_FIELDS[kind])
        ]
        if prefer_token and values.get("token"):
            present = ["token"]
        if len(present) > 1:
            listed = " and ".join(_LABELS[k] for k in present)
            return None, [f"{where}: {listed} were given together; give only one"]
        if not present:
            return None, []
        method = present[0]
    fields = METHOD_FIELDS[method]
    missing = [field for field in fields if not values.get(field)]
    if missing and len(missing) == len(fields):
        if env:
            needs = " and ".join(name(field) for field in fields)
            selected = f"{name('auth_method')}={method.replace('_', '-')}"
        else:
            needs = "a token" if fields == ("token",) else " and ".join(fields)
            if method in PROVIDED_METHODS or method == "ldap_auth":
                needs = " and ".join(f"{field} ({BY_NAME[field].env[0]})" for field in fields)
            selected = f"auth_method {method}"
        return None, [f"{where}: {selected} needs {needs}"]
    if missing:
        given = [field for field in fields if field not in missing]
        return None, [f"{where}: {name(given[0])} given without {name(missing[0])}"]
    return {"kind": method, **{field: values[field] for field in fields}}, []


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None  # pydantic reports the type error


_LIMITS: dict[str, tuple[float, bool]] = {  # name -> (lower bound, bound allowed)
    "timeout": (0.0, False),
    "cache_ttl": (0.0, True),
    "cache_stale_if_error": (0.0, True),
    "cache_max_entries": (1.0, True),
    "retries": (0.0, True),
    "retry_backoff_base": (0.0, True),
    "retry_backoff_cap": (0.0, True),
    "retry_deadline": (0.0, False),
}


def check_values(values: Mapping[str, Any], spelled: Mapping[str, str] | None = None) -> list[str]:
    """Semantic checks of merged raw values; every problem, never echoing a secret.
    `spelled` names some settings otherwise in messages (those read from the environment:
    their variables)."""
    spelled = spelled or {}
    problems: list[str] = []
    url = values.get("site_url")
    if isinstance(url, str):
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(
                f"{spelled.get('site_url', 'site_url')} must be an http(s) URL with a host "
                f"(got scheme {parts.scheme!r})"
            )
    for name, (low, inclusive) in _LIMITS.items():
        number = _number(values.get(name))
        if number is not None and (number < low or (number == low and not inclusive)):
            relation = "at least" if inclusive else "greater than"
            shown = spelled.get(name, name)
            problems.append(f"{shown} must be {relation} {low:g} (got {number:g})")
    return problems


def normalize_site_url(url: str) -> str:
    """``https://host/api/`` -> ``https://host``; raise `ConfigurationError` if not http(s)."""
    url = url.strip().rstrip("/")
    if url.endswith("/api"):
        url = url[: -len("/api")].rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"site_url must be an http(s) URL, got {url!r}")
    return url


def render_markdown() -> str:
    """The settings as a Markdown table (docs/configuration.md is generated from this)."""
    lines = [
        "| Setting | Environment variables | Profile key | Default | Meaning |",
        "|---|---|---|---|---|",
    ]
    for s in SETTINGS:
        env = ", ".join(f"`{n}`" for n in s.env)
        key = f"`{s.file_key}`" + (" (0600 file)" if s.secret else "") if s.file_key else "-"
        default = "-" if s.default is None else f"`{s.default}`"
        lines.append(f"| `{s.name}` | {env} | {key} | {default} | {s.doc} |")
    return "\n".join(lines) + "\n"
