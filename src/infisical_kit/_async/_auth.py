"""`client.auth`: explicit control over the client's access token."""

from __future__ import annotations

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._core.auth import authentication_probe
from infisical_kit._core.response import error_from_response, is_token_rejection
from infisical_kit.models import LoginResponse

__all__ = ["AsyncAuth"]


class AsyncAuth(AsyncNamespace):
    """Log in, renew, revoke and check the client's token (normally all automatic)."""

    async def login(self) -> LoginResponse | None:
        """Log in now from freshly resolved credentials (a static token is only re-checked).

        Returns the server's answer for a machine identity (token, lifetime, max TTL); None
        for a static token or a user session."""
        tokens = self._requester.tokens
        await tokens.login()
        return tokens.last_login

    async def renew(self) -> None:
        """Renew the current token now; logs in instead when renewing is not possible
        (no token yet, max TTL reached). Raises `ConfigurationError` for a static token."""
        await self._requester.tokens.renew()

    async def revoke(self) -> None:
        """Revoke the current token on the server; the next call logs in again."""
        await self._requester.tokens.revoke()

    async def authorize(self) -> str:
        """Return an access token valid now, logging in or renewing first if needed."""
        return await self._requester.tokens.token()

    async def test_authentication(self) -> None:
        """Raise `AuthenticationError` if the credentials are wrong or the token is rejected.

        Sends one cheap authenticated request (``GET /api/v4/secrets`` in the default scope,
        without values, or the older route a server without v4 offers); the server
        authenticates before it validates, so any answer other than 401 / 403 ``TokenError``
        means the token is accepted.
        """
        request, response = await self._requester.send(authentication_probe(self._default_scope))
        if is_token_rejection(response):
            raise error_from_response(request, response)
