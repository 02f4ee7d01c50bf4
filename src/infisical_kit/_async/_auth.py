"""The token manager: supplies a valid access token, logging in when needed (single flight)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from infisical_kit._async._http import AsyncHTTPDriver
from infisical_kit._core import api
from infisical_kit._core.options import Credentials, StaticToken
from infisical_kit._core.responses import parse_login
from infisical_kit._core.synchronization import AsyncLock
from infisical_kit._core.tokens import RefreshNeed, TokenState
from infisical_kit.errors import APIError, TransportError

__all__ = ["AsyncTokenManager"]

logger = logging.getLogger("infisical_kit.auth")


class AsyncTokenManager:
    """Holds the token state; one login in flight per client, guarded by one lazy lock.

    A static token is used as is. Universal-auth credentials log in on first use, again when
    the token enters its mandatory refresh window, opportunistically in the advisory window
    (keeping the old token if that fails), and after the server rejected the token.
    """

    def __init__(
        self,
        credentials: Credentials,
        driver: AsyncHTTPDriver,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._credentials = credentials
        self._driver = driver
        self._clock = clock
        self._lock = AsyncLock()
        self._state: TokenState | None = None
        if isinstance(credentials, StaticToken):
            self._state = TokenState.static(credentials.token)

    @property
    def can_relogin(self) -> bool:
        """True when a rejected token can be replaced by logging in again."""
        return not isinstance(self._credentials, StaticToken)

    async def token(self) -> str:
        """Return a token that is valid now, logging in first if it is due."""
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
                        await self._login()
                    except (APIError, TransportError) as exc:
                        logger.warning("advisory token refresh failed, keeping token: %s", exc)
            return self._current(state)
        async with self._lock:
            current = self._state
            if current is None or current.needs_refresh(self._clock()) is RefreshNeed.MANDATORY:
                await self._login()
        return self._current(None)

    async def invalidate(self, rejected: str) -> None:
        """Forget `rejected` if it is still the current token (the server refused it)."""
        async with self._lock:
            if self._state is not None and self._state.access_token == rejected:
                self._state = None

    def _current(self, fallback: TokenState | None) -> str:
        state = self._state or fallback
        assert state is not None
        return state.access_token

    async def _login(self) -> None:
        credentials = self._credentials
        if isinstance(credentials, StaticToken):
            self._state = TokenState.static(credentials.token, self._clock())
            return
        request = api.universal_auth_login(credentials.client_id, credentials.client_secret)
        started = self._clock()
        response = await self._driver.send(request)
        login = parse_login(request, response)
        self._state = TokenState.from_login(login, started)
        logger.info(
            "logged in with universal auth (client id %s, token lifetime %s)",
            credentials.client_id,
            f"{login.expires_in}s" if login.expires_in else "unlimited",
        )
