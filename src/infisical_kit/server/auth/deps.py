"""The FastAPI dependencies that turn an ``Authorization`` header into an :class:`Actor`.

An actor is a machine identity (universal-auth, token-auth or Kubernetes-auth access token)
or a user (user access JWT); on the routes that accept them (``WhoOrService``: the secrets
routes and ``GET /api/v2/service-token``, as on Infisical) also a legacy service token.
Project endpoints need an organization: a user token from ``/api/v3/auth/login`` carries none
until ``select-organization`` and is refused there with 403. The routers declare these once,
as ``Who``, ``AnyWho`` and ``WhoOrService`` (``api/_deps.py``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import ApiError, bad_request, token_error, unauthorized
from ..schema import Identity
from ..state import ServerContext, get_context, get_session
from ..write_gate import end_transaction
from .service_tokens import PREFIX as SERVICE_PREFIX
from .service_tokens import service_actor
from .token_rows import NO_TOKEN_ROW, count_use, usable_token_row, user_from_claims
from .tokens import MALFORMED, TOKEN_TYPE, USER_ACCESS_TYPE, bearer_token, decode_jwt

NO_ORG = (
    "This user token has no organization selected; call POST /api/v3/auth/select-organization first"
)


def _bearer(request: Request) -> str:
    token = bearer_token(request.headers.get("authorization", ""))
    if not token:
        raise unauthorized("Token missing")
    return token


def _identity_actor(session: Session, claims: dict[str, Any]) -> Actor:
    row = usable_token_row(session, claims)
    if row.num_uses_limit > 0:
        count_use(session, row)
    identity = session.get(Identity, row.identity_id)
    if identity is None:
        raise unauthorized(NO_TOKEN_ROW)
    return Actor(kind="identity", id=row.identity_id, token_id=row.id, org_id=identity.org_id)


def _user_actor(session: Session, claims: dict[str, Any]) -> Actor:
    user, user_session = user_from_claims(session, claims)
    org_id = claims.get("organizationId")
    if org_id is not None and org_id != user.org_id:
        raise unauthorized("User is not a member of the selected organization")
    return Actor(kind="user", id=user.id, token_id=user_session.id, org_id=org_id)


SERVICE_REFUSED = (
    "Service tokens are not accepted on this route (as on Infisical); use a machine identity"
)


def authenticate(
    request: Request, ctx: ServerContext, session: Session, *, service_tokens: bool = False
) -> Actor:
    """Authenticate any supported bearer token (the user's organization may be unset); a
    service token only where ``service_tokens`` (else 403)."""
    if request.headers.get("x-api-key"):
        raise bad_request("API key authentication is not supported anymore")
    token = _bearer(request)
    if token.startswith(SERVICE_PREFIX):
        if not service_tokens:
            raise ApiError(403, SERVICE_REFUSED, "ForbiddenError")
        return service_actor(session, ctx.root_key, token)
    claims = decode_jwt(ctx.jwt_secret, token)
    kind = claims.get("authTokenType")
    if kind == TOKEN_TYPE:
        return _identity_actor(session, claims)
    if kind == USER_ACCESS_TYPE and isinstance(claims.get("userId"), str):
        return _user_actor(session, claims)
    if kind == "refreshToken":
        raise ApiError(403, "You are not allowed to access this resource", "ForbiddenError")
    raise token_error(MALFORMED)


def require_any_actor(
    request: Request,
    ctx: Annotated[ServerContext, Depends(get_context)],
    session: Annotated[Session, Depends(get_session)],
) -> Actor:
    """Authenticate any token, including a user token without an organization."""
    actor = authenticate(request, ctx, session)
    end_transaction(session)  # the endpoint runs in another thread: see write_gate.py
    return actor


def in_organization(actor: Actor) -> Actor:
    """The actor, unless it is a user with no organization selected yet (403)."""
    if actor.org_id is None:
        raise ApiError(403, NO_ORG, "ForbiddenError")
    return actor


async def require_actor(actor: Annotated[Actor, Depends(require_any_actor)]) -> Actor:
    """Authenticate an actor that acts in an organization (401 no token, 403 bad JWT)."""
    return in_organization(actor)


def require_actor_or_service(
    request: Request,
    ctx: Annotated[ServerContext, Depends(get_context)],
    session: Annotated[Session, Depends(get_session)],
) -> Actor:
    """Like `require_actor`, and a legacy service token is accepted too."""
    actor = authenticate(request, ctx, session, service_tokens=True)
    end_transaction(session)  # the endpoint runs in another thread: see write_gate.py
    return in_organization(actor)
