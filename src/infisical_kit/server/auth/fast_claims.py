"""The fast read path's token check: verified identity-token claims, cached per process.

The signature check is pure and the JWT secret is fixed per process, so verified claims are
kept by token string (expiry is re-checked on every hit). Only the claims are cached: the
token ROW (revocation, use limits, membership) is read from the database on every request,
by the fast path's joined query. Anything that is not a plain identity bearer token gets
``None``, and the request takes the general path (``deps.require_actor``), which raises the
proper error.
"""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request

from ..errors import ApiError
from .tokens import TOKEN_TYPE, bearer_token, decode_jwt

_CLAIMS: dict[str, dict[str, Any]] = {}
_CLAIMS_MAX = 4096


def identity_claims(request: Request, jwt_secret: str) -> dict[str, Any] | None:
    """Verified claims of a plain identity bearer token, or ``None`` (general path)."""
    if request.headers.get("x-api-key"):
        return None
    token = bearer_token(request.headers.get("authorization", ""))
    if not token or token.startswith("st."):
        return None
    cached = _CLAIMS.get(token)
    if cached is not None:
        exp = cached.get("exp")
        if exp is None or time.time() < exp:
            return cached
        del _CLAIMS[token]
        return None
    try:
        claims = decode_jwt(jwt_secret, token)
    except ApiError:
        return None
    if (
        claims.get("authTokenType") != TOKEN_TYPE
        or not isinstance(claims.get("identityAccessTokenId"), str)
        or not isinstance(claims.get("identityId"), str)
    ):
        return None
    if len(_CLAIMS) >= _CLAIMS_MAX:
        _CLAIMS.clear()
    _CLAIMS[token] = claims
    return claims
