"""Async get-by-name and list endpoints: one worker-thread hop and one to three Core queries.

The common request (an identity token, a plain folder, no version/recursion/filters) is
parsed on the event loop and answered by :mod:`..services.read_path` in one thread hop.
Every other request, and every error, takes the general path (the same handlers as the
writes, with the same error order: authentication, body, parameters, scope, secret).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ..actor import Actor
from ..auth.deps import require_actor
from ..auth.tokens import TOKEN_TYPE, decode_jwt
from ..errors import ApiError
from ..params import ScopeParams, parse, request_params
from ..services import read_path
from ..services.secrets import PERSONAL, SecretView
from ..state import ServerContext, get_context
from .secrets_common import GetParams, ListParams, get_handler, list_handler
from .wire import secret_to_wire

P = TypeVar("P", bound=ScopeParams)
#: Verified claims by token string: the signature check is pure and the secret is fixed per
#: process. Expiry is re-checked on every hit; the token ROW (revocation, use limits,
#: membership) is always read from the database.
_CLAIMS: dict[str, dict[str, Any]] = {}
_CLAIMS_MAX = 4096
Handler = Callable[[Session, ServerContext, Actor, dict[str, Any]], dict[str, Any]]


def _identity_claims(request: Request, ctx: ServerContext) -> dict[str, Any] | None:
    """Verified claims of a plain identity bearer token, or ``None`` (general path)."""
    if request.headers.get("x-api-key"):
        return None
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
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
        claims = decode_jwt(ctx.jwt_secret, token)
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


def _scope_args(p: ScopeParams) -> dict[str, Any] | None:
    pid, slug = p.project_ref
    env = (p.environment or "").strip()
    if not (pid or slug) or not env:
        return None
    return {
        "project_id": pid or None,
        "project_slug": None if pid else slug,
        "environment": env,
        "path": p.secretPath,
    }


def _read_conn(ctx: ServerContext) -> Any:
    engine = ctx.read_engine if ctx.read_engine is not None else ctx.engine
    return engine.connect()


async def _general(request: Request, ctx: ServerContext, handler: Handler) -> JSONResponse:
    """The general path: authenticate, then run ``handler`` (errors in the usual order)."""
    raw: dict[str, Any] = {}
    body_error: ApiError | None = None
    try:
        raw = await request_params(request)
    except ApiError as exc:
        body_error = exc

    def work() -> dict[str, Any]:
        session = ctx.session_for(request.method)
        try:
            actor = require_actor(request, ctx, session)
            if body_error is not None:
                raise body_error
            return handler(session, ctx, actor, raw)
        finally:
            session.close()

    return JSONResponse(await run_in_threadpool(work))


async def _prepared(
    request: Request, ctx: ServerContext, model: type[P]
) -> tuple[dict[str, Any], P, dict[str, Any]] | None:
    claims = _identity_claims(request, ctx)
    if claims is None:
        return None
    try:
        p = parse(model, await request_params(request))
    except ApiError:
        return None
    args = _scope_args(p)
    return None if args is None else (claims, p, args)


async def get_secret_route(request: Request, name: str) -> JSONResponse:
    """``GET .../secrets/{name}`` (v3 raw and v4): ``{secret}``."""
    ctx = get_context(request)
    prepared = await _prepared(request, ctx, GetParams)
    key = name.strip()
    if prepared is not None and key and prepared[1].version is None:
        claims, p, args = prepared

        def work() -> SecretView | None:
            with _read_conn(ctx) as conn:
                return read_path.fast_get(
                    conn, ctx.root_key, claims, **args, name=key, secret_type=p.type
                )

        view = await run_in_threadpool(work)
        if view is not None:
            hide = not p.viewSecretValue and view.type != PERSONAL
            if not (p.expandSecretReferences and not hide and "${" in view.value):
                return JSONResponse({"secret": secret_to_wire(view, hide_value=hide)})

    def handler(s: Session, c: ServerContext, a: Actor, raw: dict[str, Any]) -> dict[str, Any]:
        return get_handler(s, c, a, raw, name)

    return await _general(request, ctx, handler)


async def list_secrets_route(request: Request, *, v3: bool) -> JSONResponse:
    """``GET .../secrets`` (v3 raw and v4): ``{secrets, imports}``."""
    ctx = get_context(request)
    prepared = await _prepared(request, ctx, ListParams)
    if prepared is not None and _plain_list(prepared[1]):
        claims, p, args = prepared
        personal = v3 or p.includePersonalOverrides

        def work() -> tuple[read_path.FastScope, list[SecretView]] | None:
            with _read_conn(ctx) as conn:
                return read_path.fast_list(
                    conn, ctx.root_key, claims, **args, include_personal=personal
                )

        found = await run_in_threadpool(work)
        if found is not None:
            body = _list_body(found, p, v3=v3)
            if body is not None:
                return JSONResponse(body)

    def handler(s: Session, c: ServerContext, a: Actor, raw: dict[str, Any]) -> dict[str, Any]:
        return list_handler(s, c, a, raw, v3=v3)

    return await _general(request, ctx, handler)


def _plain_list(p: ListParams) -> bool:
    """No recursion, tag or metadata filter: the fast list can answer."""
    return not p.recursive and not (p.tagSlugs or "").strip() and not (p.metadataFilter or "")


def _list_body(
    found: tuple[read_path.FastScope, list[SecretView]], p: ListParams, *, v3: bool
) -> dict[str, Any] | None:
    """The list response, or ``None`` when imports or references need the general path."""
    scope, views = found
    if (p.include_imports or p.includeImports) and scope.has_imports:
        return None
    hide = not p.viewSecretValue
    if p.expandSecretReferences and not hide and any("${" in v.value for v in views):
        return None
    if not v3 and p.includePersonalOverrides:
        personal = {(v.path, v.key) for v in views if v.type == PERSONAL}
        views = [v for v in views if v.type == PERSONAL or (v.path, v.key) not in personal]
    secrets = [secret_to_wire(v, hide_value=hide and v.type != PERSONAL) for v in views]
    return {"secrets": secrets, "imports": []}
