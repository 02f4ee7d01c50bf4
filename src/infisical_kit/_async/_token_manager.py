"""The token manager: supplies a valid access token; renews, logs in again, single flight.

Decisions (which window, renew or log in) are pure functions in `infisical_kit._core.tokens`;
this module only does the I/O, under one lazily created lock per client.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from pydantic import SecretStr

from infisical_kit._async._transport import AsyncHTTPDriver
from infisical_kit._core import auth
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import error_from_response, is_route_not_found
from infisical_kit._core.tokens import (
    RefreshAction,
    RefreshNeed,
    TokenState,
    jwt_expiry,
    plan_refresh,
)
from infisical_kit._synchronization import AsyncLock
from infisical_kit.errors import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    TransportError,
    UnexpectedResponseError,
    UnsupportedByServerError,
)
from infisical_kit.models import LoginResponse

if TYPE_CHECKING:  # built by the client (import time, `make bench` row 1)
    from infisical_kit.credentials import Credentials

__all__ = ["AsyncTokenManager"]

logger = logging.getLogger("infisical_kit.auth")

_REFRESH_ERRORS = (APIError, TransportError, UnexpectedResponseError)


def _reveal(credentials: Credentials, name: str, value: str | SecretStr | None) -> str:
    """The plain text of the credential field `name` (never logged); it must be set."""
    text = value.get_secret_value() if isinstance(value, SecretStr) else value
    if not text:
        raise ConfigurationError(f"{credentials.kind} credentials need {name}")
    return text


def _identity_jwt(credentials: Credentials) -> tuple[str, str]:
    """The identity id and the JWT of a credential whose proof is one JWT."""
    identity_id = _reveal(credentials, "identity_id", credentials.identity_id)
    return identity_id, _reveal(credentials, "jwt", credentials.jwt)


class AsyncTokenManager:
    """Holds the token state; at most one login or renew in flight per client.

    * Static token: used as given; a JWT whose ``exp`` passed raises `AuthenticationError`
      before any request. Never refreshed.
    * Universal auth: logs in on first use; in the advisory window renews if no one else is
      refreshing (a failure keeps the still-valid token and logs a warning); in the mandatory
      window every caller waits for the one refresh. Renews until the max TTL would be passed,
      then logs in again from freshly resolved credentials (`resolver`).
    * User (email/password): login, select-organization, then refresh with the ``jid`` cookie.
    * Kubernetes, AWS IAM, GCP, Azure, OIDC, JWT and LDAP auth: log in with the proof their
      provider obtained; renew like universal auth, and at every login use freshly resolved
      credentials (the token file or JWT read again, the AWS request signed anew ...).

    The login method is the credential's `kind`: `_login` dispatches on it in one ``match``,
    one branch per method, each sending the request its `infisical_kit._core.auth` builder
    makes.

    `clock` (monotonic seconds) and `wall_clock` (Unix seconds) are injectable for tests.
    """

    def __init__(
        self,
        credentials: Credentials,
        driver: AsyncHTTPDriver,
        *,
        resolver: Callable[[], Credentials] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._credentials = credentials
        self._resolver = resolver
        self._driver = driver
        self._clock = clock
        self._wall_clock = wall_clock
        self._lock = AsyncLock()
        self._state: TokenState | None = None
        self._refresh_cookie: str | None = None
        #: The answer of the last machine-identity login or renew (None for a static token,
        #: a user session, or before the first login).
        self.last_login: LoginResponse | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(auth={self._credentials.kind!r})"

    @property
    def can_relogin(self) -> bool:
        """True when a rejected token can be replaced by logging in again."""
        return not self.is_static

    @property
    def is_static(self) -> bool:
        """True when the client uses a static token."""
        return self._credentials.kind == "token"

    async def token(self) -> str:
        """Return a token that is valid now, renewing or logging in first if it is due."""
        if self.is_static:
            credentials = self._credentials
            return self._static_token(_reveal(credentials, "token", credentials.token))
        state = self._state
        need = RefreshNeed.MANDATORY if state is None else state.needs_refresh(self._clock())
        if state is not None and need is RefreshNeed.NONE:
            return state.access_token
        if state is not None and need is RefreshNeed.ADVISORY:
            if self._lock.locked():
                return state.access_token
            async with self._lock:
                if self._state is state:
                    try:
                        await self._refresh(state)
                    except _REFRESH_ERRORS as exc:
                        logger.warning(
                            "advisory token refresh failed (%s); keeping the current token",
                            _describe(exc),
                        )
                kept = self._state or state
            return kept.access_token
        async with self._lock:
            current = self._state
            if current is None or current.needs_refresh(self._clock()) is RefreshNeed.MANDATORY:
                await self._refresh(current)
            assert self._state is not None
            return self._state.access_token

    async def invalidate(self, rejected: str) -> None:
        """Forget `rejected` if it is still the current token (the server refused it)."""
        async with self._lock:
            if self._state is not None and self._state.access_token == rejected:
                self._state = None

    async def login(self) -> str:
        """Log in now (from freshly resolved credentials), replacing any current token."""
        async with self._lock:
            await self._login()
            assert self._state is not None
            return self._state.access_token

    async def renew(self) -> str:
        """Renew the current token now (log in when there is none or renewing is not possible)."""
        if self.is_static:
            raise ConfigurationError("a static token cannot be renewed; pass a new token instead")
        async with self._lock:
            await self._refresh(self._state)
            assert self._state is not None
            return self._state.access_token

    async def revoke(self) -> None:
        """Revoke the current token on the server and forget it (the next call logs in again)."""
        async with self._lock:
            state, self._state = self._state, None
            token = state.access_token if state is not None else None
            if token is None and self._credentials.token is not None:
                token = self._credentials.token.get_secret_value() or None
            if token is None:
                return
            if self._credentials.kind == "user":  # a user session ends with a logout
                request = auth.logout()
                response = await self._driver.send(request, token=token)
                self._refresh_cookie = None
            else:
                request = auth.revoke_token(token)
                response = await self._driver.send(request)
            if not response.is_success:
                raise error_from_response(request, response)
            logger.info("access token revoked")

    def _static_token(self, token: str) -> str:
        if self._state is None:
            exp = jwt_expiry(token)
            now = self._clock()
            expires_at = None if exp is None else now + (exp - self._wall_clock())
            self._state = TokenState.static(token, now, expires_at=expires_at)
        if self._state.expired(self._clock()):
            exp = jwt_expiry(token)
            raise auth.static_token_expired(exp if exp is not None else self._wall_clock())
        return self._state.access_token

    async def _refresh(self, current: TokenState | None) -> None:
        """Renew when the lifecycle allows it, else log in; a refused renew falls back to login."""
        now = self._clock()
        if plan_refresh(current, now) is RefreshAction.RENEW and current is not None:
            try:
                await self._renew(current)
                return
            except (AuthenticationError, UnexpectedResponseError) as exc:
                logger.info("token renewal refused (%s); logging in again", _describe(exc))
        elif self._refresh_cookie is not None and current is not None and not current.expired(now):
            try:
                await self._refresh_user_session()
                return
            except (APIError, UnexpectedResponseError) as exc:
                logger.info("user session refresh refused (%s); logging in again", _describe(exc))
        await self._login()

    async def _renew(self, current: TokenState) -> None:
        request = auth.renew_token(current.access_token)
        started = self._clock()
        response = await self._driver.send(request)
        login = auth.parse_login(request, response)
        self._state = current.renewed(login, started)
        self.last_login = login
        logger.info("access token renewed (lifetime %s)", _lifetime(login.expires_in))

    def _fresh_credentials(self) -> Credentials:
        if self._resolver is not None:
            self._credentials = self._resolver()
        return self._credentials

    async def _login(self) -> None:
        """Log in with freshly resolved credentials: one branch per login method."""
        c = self._fresh_credentials()
        self.last_login = None
        match c.kind:
            case "token":
                self._state = None
                self._static_token(_reveal(c, "token", c.token))
            case "universal_auth":
                client_id = _reveal(c, "client_id", c.client_id)
                client_secret = _reveal(c, "client_secret", c.client_secret)
                request = auth.universal_auth_login(client_id, client_secret)
                await self._login_machine(request, "universal auth", f"client id {client_id}")
            case "kubernetes":
                # the resolver re-reads the token file before every login: tokens rotate
                identity_id = _reveal(c, "identity_id", c.identity_id)
                request = auth.kubernetes_login(identity_id, _reveal(c, "jwt", c.jwt))
                await self._login_machine(request, "kubernetes auth", f"identity {identity_id}")
            case "user":
                email = _reveal(c, "username", c.username)
                password = _reveal(c, "password", c.password)
                await self._login_user(email, password, c.organization_id)
            case "ldap_auth":
                identity_id = _reveal(c, "identity_id", c.identity_id)
                username = _reveal(c, "username", c.username)
                password = _reveal(c, "password", c.password)
                request = auth.ldap_login(identity_id, username, password)
                await self._login_machine(request, "LDAP auth", f"identity {identity_id}")
            case "aws_iam":
                # the provider found the keys; the request is signed now, valid for minutes
                identity_id = _reveal(c, "identity_id", c.identity_id)
                request = auth.aws_iam_login(
                    identity_id,
                    _reveal(c, "aws_access_key_id", c.aws_access_key_id),
                    _reveal(c, "aws_secret_access_key", c.aws_secret_access_key),
                    c.aws_session_token.get_secret_value() if c.aws_session_token else None,
                    c.region or "us-east-1",
                    datetime.fromtimestamp(self._wall_clock(), tz=timezone.utc),
                )
                await self._login_machine(request, "AWS IAM auth", f"identity {identity_id}")
            case "gcp_id_token" | "gcp_iam":  # the metadata server's token / a key file's JWT
                identity_id, jwt = _identity_jwt(c)
                request = auth.gcp_login(identity_id, jwt)
                await self._login_machine(request, "GCP auth", f"identity {identity_id}")
            case "azure":  # the managed identity's token from IMDS
                identity_id, jwt = _identity_jwt(c)
                request = auth.azure_login(identity_id, jwt)
                await self._login_machine(request, "Azure auth", f"identity {identity_id}")
            case "oidc_auth":  # the JWT (file or variable) read again by the resolver
                identity_id, jwt = _identity_jwt(c)
                request = auth.oidc_login(identity_id, jwt)
                await self._login_machine(request, "OIDC auth", f"identity {identity_id}")
            case "jwt_auth":
                identity_id, jwt = _identity_jwt(c)
                request = auth.jwt_auth_login(identity_id, jwt)
                await self._login_machine(request, "JWT auth", f"identity {identity_id}")

    async def _login_machine(self, request: ApiRequest, method: str, who: str) -> None:
        """Send a machine-identity login `request`; its answer starts a renewable session."""
        started = self._clock()
        response = await self._driver.send(request)
        login = auth.parse_login(request, response)
        self._state = TokenState.from_login(login, started)
        self.last_login = login
        lifetime = _lifetime(login.expires_in)
        logger.info("logged in with %s (%s, token lifetime %s)", method, who, lifetime)

    async def _login_user(self, email: str, password: str, organization_id: str | None) -> None:
        """``/v3/auth/login`` -> select-organization -> an organization-scoped user token."""
        request = auth.user_login(email, password)
        response = await self._driver.send(request)
        if is_route_not_found(response):
            raise UnsupportedByServerError(
                f"user login (email and password) is not supported by this server: it has no "
                f"{request.method} {request.path} (older Infisical servers only offer the SRP "
                "login of their web app); use a machine identity instead (universal auth: "
                "client_id and client_secret)",
                parameter="username",
                method=request.method,
                path=request.path,
            )
        first_token = auth.parse_field(request, response, "accessToken")
        cookie = response.cookies.get(auth.REFRESH_COOKIE)
        if organization_id is None:
            organization_id = await self._first_organization(first_token)
        select = auth.select_organization(organization_id)
        response = await self._driver.send(select, token=first_token)
        body_token = auth.parse_field(select, response, "token")
        if response.json().get("isMfaEnabled") is True:
            raise AuthenticationError(
                401, "the account requires MFA, which the SDK does not support", "MfaRequired"
            )
        self._refresh_cookie = response.cookies.get(auth.REFRESH_COOKIE) or cookie
        self._state = TokenState.from_jwt(body_token, self._clock(), self._wall_clock())
        logger.info("logged in as a user (organization %s)", organization_id)

    async def _first_organization(self, token: str) -> str:
        request = auth.list_organizations()
        response = await self._driver.send(request, token=token)
        ids = auth.parse_organization_ids(request, response) if response.is_success else []
        if not ids:
            raise ConfigurationError(
                "user login needs organization_id: the server did not list the user's "
                f"organizations (GET {request.path} -> HTTP {response.status_code})"
            )
        return ids[0]

    async def _refresh_user_session(self) -> None:
        assert self._refresh_cookie is not None
        request = auth.refresh_user_token(self._refresh_cookie)
        response = await self._driver.send(request)
        token = auth.parse_field(request, response, "token")
        self._state = TokenState.from_jwt(token, self._clock(), self._wall_clock())
        logger.info("user session token refreshed")


def _lifetime(seconds: int) -> str:
    return f"{seconds}s" if seconds else "unlimited"


def _describe(exc: Exception) -> str:
    """A short, secret-free description of a refresh failure."""
    if isinstance(exc, APIError):
        return f"HTTP {exc.status_code} {exc.error or ''}".strip()
    return type(exc).__name__
