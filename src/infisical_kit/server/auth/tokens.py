"""Identity access tokens: HS256 JWTs whose ``identityAccessTokenId`` names a database row."""

from __future__ import annotations

import time
from typing import Any

import jwt

from ..errors import ApiError, token_error

TOKEN_TYPE = "identityAccessToken"
EXPIRED = "Your token has expired. Please re-authenticate."
MALFORMED = (
    "The provided access token is malformed. Please use a valid token or generate a new one "
    "and try again."
)


def issue_access_token(
    secret: str,
    *,
    identity_id: str,
    token_id: str,
    client_secret_id: str | None,
    ttl: int,
    now: int | None = None,
) -> str:
    """Sign a JWT for an identity access token; ``ttl`` 0 means no ``exp`` claim."""
    issued = int(time.time()) if now is None else now
    claims: dict[str, Any] = {
        "identityId": identity_id,
        "clientSecretId": client_secret_id,
        "identityAccessTokenId": token_id,
        "authTokenType": TOKEN_TYPE,
        "iat": issued,
    }
    if ttl > 0:
        claims["exp"] = issued + ttl
    return jwt.encode(claims, secret, algorithm="HS256")


def decode_access_token(secret: str, token: str) -> dict[str, Any]:
    """Verify signature and expiry; map every failure to the Infisical 403 TokenError."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token, secret, algorithms=["HS256"], options={"require": ["iat"]}
        )
    except jwt.ExpiredSignatureError:
        raise token_error(EXPIRED) from None
    except jwt.InvalidSignatureError:
        raise token_error("invalid signature") from None
    except jwt.InvalidTokenError:
        raise token_error(MALFORMED) from None
    if claims.get("authTokenType") != TOKEN_TYPE or not isinstance(
        claims.get("identityAccessTokenId"), str
    ):
        raise ApiError(401, "Unsupported token type", "UnauthorizedError")
    return claims
