"""Signed JWTs: identity access tokens and user access/refresh tokens.

Identity tokens name an ``identity_access_tokens`` row (``identityAccessTokenId``); user
tokens name a ``user_sessions`` row (``tokenVersionId``) so logout revokes them everywhere.
"""

from __future__ import annotations

import time
from typing import Any

import jwt

from ..errors import ApiError, token_error

TOKEN_TYPE = "identityAccessToken"
USER_ACCESS_TYPE = "accessToken"
USER_REFRESH_TYPE = "refreshToken"
EXPIRED = "Your token has expired. Please re-authenticate."
MALFORMED = (
    "The provided access token is malformed. Please use a valid token or generate a new one "
    "and try again."
)


def bearer_token(authorization: str) -> str:
    """The token of an ``Authorization: Bearer <token>`` header value, or ``""``."""
    return authorization[7:].strip() if authorization[:7].lower() == "bearer " else ""


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


def issue_user_token(
    secret: str,
    *,
    token_type: str,
    user_id: str,
    session_id: str,
    organization_id: str | None,
    ttl: int,
) -> str:
    """Sign a user access or refresh JWT (``organizationId`` only once one is selected)."""
    issued = int(time.time())
    claims: dict[str, Any] = {
        "authTokenType": token_type,
        "userId": user_id,
        "tokenVersionId": session_id,
        "iat": issued,
        "exp": issued + ttl,
    }
    if organization_id is not None:
        claims["organizationId"] = organization_id
    return jwt.encode(claims, secret, algorithm="HS256")


def decode_jwt(secret: str, token: str) -> dict[str, Any]:
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
    return claims


def decode_access_token(secret: str, token: str) -> dict[str, Any]:
    """Decode an identity access token; any other valid JWT is a 400 (cannot be renewed)."""
    claims = decode_jwt(secret, token)
    if claims.get("authTokenType") != TOKEN_TYPE or not isinstance(
        claims.get("identityAccessTokenId"), str
    ):
        raise ApiError(400, "Only identity access tokens can be renewed", "BadRequest")
    return claims


def decode_user_token(secret: str, token: str, token_type: str) -> dict[str, Any]:
    """Decode a user JWT of the given type (``accessToken`` or ``refreshToken``)."""
    claims = decode_jwt(secret, token)
    if (
        claims.get("authTokenType") != token_type
        or not isinstance(claims.get("userId"), str)
        or not isinstance(claims.get("tokenVersionId"), str)
    ):
        raise token_error(MALFORMED)
    return claims
